"""L1xx: suppression comments that suppress nothing, name no rule, or cannot be read.

l2tp_lint.suppressions reports these while it applies the comments, after
every other rule has run, so they have no check of their own here.  A
comment cannot suppress them; the configuration's ``ignore`` can.
"""

from __future__ import annotations

from l2tp_lint.findings import Severity
from l2tp_lint.rules import Doc, Example, Rule

_CONF = "xl2tpd.conf"
_SYNTAX = ("In xl2tpd.conf a suppression is a ';' comment (xl2tpd takes a '#' line as data "
           "and refuses the file); in pppd options files it is a '#' comment.  "
           "'l2tp-lint: ignore=CODE[,CODE] -- reason' at the end of a line covers that "
           "line; alone on its line it covers the next line that holds an entry (xl2tpd) "
           "or the next option and its argument (pppd).  'file-ignore=CODE' covers the "
           "whole file.")
_LIMITS = ("Codes are whole codes: a prefix such as 'C5' is refused here, so that a new "
           "rule is never hidden by an old comment; prefixes belong in the configuration's "
           "'ignore' and 'per-file-ignores'.")


def _conf(body: str) -> Example:
    return Example({_CONF: "[lns default]\n" + body})


UNUSED = Rule(
    "L101", "unused-suppression", Severity.WARNING,
    "a suppression comment that matches no finding", "setup",
    Doc(why="A suppression outlives the problem it was written for: once the line is "
        "fixed or the rule no longer fires, the comment hides nothing today but would "
        "hide the same code if it came back for another reason.  Stale comments also "
        "mislead the next reader about what is wrong with the file.  " + _SYNTAX,
        bad=_conf("; l2tp-lint: ignore=X801 -- kept for older builds\nlength bit = yes\n"),
        good=_conf("; l2tp-lint: ignore=X801 -- kept for older builds\nflow bit = yes\n"),
        fix="Remove the code from the comment, or the comment when it names no other "
            "code.",
        limits=_LIMITS + "  A finding about a whole file sits on its first line or on "
               "a section header; 'file-ignore' reaches it wherever it is."))

UNKNOWN_CODE = Rule(
    "L102", "unknown-suppression-code", Severity.WARNING,
    "a suppression comment naming a code that is no rule", "setup",
    Doc(why="A mistyped or retired code suppresses nothing, so the finding it was meant "
        "for is still reported, or a later one is not covered as intended.  Comments "
        "also cannot suppress the L codes, which are about the comments themselves.  "
        + _SYNTAX,
        bad=_conf("; l2tp-lint: ignore=X810 -- kept for older builds\nflow bit = yes\n"),
        good=_conf("; l2tp-lint: ignore=X801 -- kept for older builds\nflow bit = yes\n"),
        fix="Write the code 'l2tp-lint rule --all' lists for the finding; to silence an "
            "L code, list it under 'ignore' in the configuration.",
        limits=_LIMITS))

MALFORMED = Rule(
    "L103", "malformed-suppression", Severity.WARNING,
    "an 'l2tp-lint:' comment that is not a suppression l2tp-lint can read", "setup",
    Doc(why="A comment that starts with 'l2tp-lint:' but has no known verb, no '=' or "
        "text after its codes without ' -- ' is ignored as a whole, so it suppresses "
        "nothing.  Requiring ' -- ' before the reason keeps words of the reason from "
        "being read as codes.  " + _SYNTAX,
        bad=_conf("; l2tp-lint: ignore X801 kept for older builds\nflow bit = yes\n"),
        good=_conf("; l2tp-lint: ignore=X801 -- kept for older builds\nflow bit = yes\n"),
        fix="Write 'l2tp-lint: ignore=CODE -- reason' or 'l2tp-lint: file-ignore=CODE "
            "-- reason'.",
        limits=_LIMITS))

TOO_LARGE = Rule(
    "L201", "file-too-large", Severity.WARNING,
    "a file larger than the size limit, which is reported and not read", "setup",
    Doc(why="Configuration files are small; a file of many megabytes is a mistake (a log "
        "or an image under a configuration name) or an attempt to slow the check down.  "
        "Reading it is bounded: it is reported, not parsed.",
        bad=Example({"etc/ppp/options.xl2tpd": "require-mschap-v2\n" * 8},
                    max_file_size=64),
        good=Example({"etc/ppp/options.xl2tpd": "require-mschap-v2\n"}, max_file_size=64),
        fix="Check the file is the one meant; raise the limit with --max-file-size BYTES "
            "(default 64 MiB) if it is.",
        limits="A file over the limit that another file names is not followed either."))

RULES = [UNUSED, UNKNOWN_CODE, MALFORMED, TOO_LARGE]
