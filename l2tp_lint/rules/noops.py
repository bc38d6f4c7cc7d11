"""Keys that do nothing, or less than their name says, in xl2tpd 1.3.18.

xl2tpd parses these keys and stores their values, but nothing reads them
(file.c keeps them; grep finds no other use), or, for 'hidden bit', the
value only adds a Random Vector AVP: the code that would hide AVPs is built
only with -DTEST_HIDDEN (avpsend.c).
"""

from __future__ import annotations

from collections.abc import Iterator

from l2tp_lint.findings import Finding, Severity
from l2tp_lint.rules import Context, Doc, Example, Rule
from l2tp_lint.rules.authentication import CONF, GOOD_OPTIONS, LNS_CONF, OPTIONS
from l2tp_lint.setup import yes_or_no

# What each key that does nothing was meant to do, and why it does not.
NO_EFFECT = {
    "flow bit": "it only sets the call window, which nothing reads, and xl2tpd never puts "
                "sequence numbers on data packets (use 'pppol2tp_send_seq' in kernel mode)",
    "call rws": "every use of the call window is commented out (control.c)",
    "exclusive": "the setting is stored and never read",
    "cap backoff": "the value is stored and never read; retransmission waits still double "
                   "up to 2^31 s",
}


def _setup(extra: str) -> Example:
    return Example({CONF: LNS_CONF + extra, OPTIONS: GOOD_OPTIONS})


def check_no_effect(context: Context) -> Iterator[Finding]:
    """X801: a key that xl2tpd 1.3.18 parses and then ignores."""
    for view in context.confs:
        for entry in view.conf.entries:
            reason = NO_EFFECT.get(entry.key_lower)
            if reason is None:
                continue
            span = view.conf.span(entry.key_start, entry.value_end)
            yield NO_EFFECT_KEY.finding(
                view.conf.path, span,
                f"'{entry.key}' does nothing in xl2tpd 1.3.18: {reason}; remove the line")


def check_hidden_bit(context: Context) -> Iterator[Finding]:
    """X802: 'hidden bit = yes', which hides nothing."""
    for view in context.confs:
        for entry in view.conf.entries:
            if entry.key_lower != "hidden bit" or not yes_or_no(entry.value):
                continue
            span = view.conf.span(entry.key_start, entry.value_end)
            yield HIDDEN_BIT.finding(
                view.conf.path, span,
                f"'{entry.key} = {entry.value}' hides no AVP: xl2tpd 1.3.18 only adds a "
                "Random Vector AVP to its control messages (AVP hiding is compiled out), so "
                "user names and other AVPs still travel as they are; rely on IPsec and "
                "remove the line")


NO_EFFECT_KEY = Rule(
    "X801", "key-without-effect", Severity.INFO,
    "'flow bit', 'call rws', 'exclusive' or 'cap backoff', which do nothing", "xl2tpd.conf",
    Doc(why="xl2tpd 1.3.18 accepts these keys and stores their values, but no code reads "
        "them: 'call rws' and 'flow bit' set a call window whose every use is commented "
        "out, 'exclusive' is never consulted, and 'cap backoff' (added in 1.3.14) was "
        "never wired to the retransmission timer.  The lines suggest behaviour that is "
        "not there.",
        bad=_setup("flow bit = yes\n"),
        good=_setup(""),
        fix="Remove the line.  Safe to apply: nothing changes."),
    check_no_effect)

HIDDEN_BIT = Rule(
    "X802", "hidden-bit-hides-nothing", Severity.WARNING,
    "'hidden bit = yes', which hides no AVP", "xl2tpd.conf",
    Doc(why="The name promises hidden AVPs (RFC 2661 section 4.3), but xl2tpd 1.3.18 only "
        "adds a Random Vector AVP to SCCRQ, ICRQ and the other control messages; "
        "encrypt_avp is called only in builds with -DTEST_HIDDEN.  Nothing sent is "
        "protected by it.",
        bad=_setup("hidden bit = yes\n"),
        good=_setup(""),
        fix="Remove the line, and protect the control channel with IPsec.  Safe to apply.",
        limits="Hidden AVPs received from a peer are still decoded whatever the setting."),
    check_hidden_bit)

RULES = [NO_EFFECT_KEY, HIDDEN_BIT]
