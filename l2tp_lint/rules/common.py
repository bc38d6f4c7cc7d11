"""Helpers the setup rules share: where a finding about a call belongs."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from typing import TYPE_CHECKING

from l2tp_lint.findings import Finding, Fix
from l2tp_lint.pppd_options import PppdOptions, Word
from l2tp_lint.rules import Rule, first_line, header_span

if TYPE_CHECKING:
    from l2tp_lint.setup import Call


def label_list(calls: Iterable[Call]) -> str:
    """Return the sections of some calls, e.g. '[lns default] and [lns office]'."""
    labels = list(dict.fromkeys(call.section.label for call in calls))
    return labels[0] if len(labels) == 1 else ", ".join(labels[:-1]) + " and " + labels[-1]


def grouped_by_file(calls: Iterable[Call]) -> Iterator[tuple[PppdOptions | None, list[Call]]]:
    """Group calls by the options file they share; calls without one stand alone."""
    shared: dict[str, tuple[PppdOptions, list[Call]]] = {}
    for call in calls:
        if call.options_file is None:
            yield None, [call]
        else:
            shared.setdefault(call.options_file.path, (call.options_file, []))[1].append(call)
    yield from shared.values()


def missing(rule: Rule, calls: list[Call], message: str,
            fix: Callable[[PppdOptions], Fix | None] | None = None) -> Iterator[Finding]:
    """Report something missing where it belongs: once per options file, else per header.

    ``message`` may use {sections}, replaced by the sections concerned; ``fix``
    makes the fix for an options file.
    """
    for document, group in grouped_by_file(calls):
        text = message.format(sections=label_list(group))
        if document is not None:
            finding = rule.finding(document.path, first_line(document), text)
            yield replace(finding, fix=fix(document)) if fix is not None else finding
        else:
            call = group[0]
            header = call.section.headers[0]
            yield rule.finding(call.conf.path, header_span(call.conf, header), text)


def at_word(rule: Rule, document: PppdOptions, word: object, message: str,
            fix: Fix | None = None) -> Finding:
    """Report at a word of a pppd options file."""
    span = document.span(word.start, word.end)  # type: ignore[attr-defined]
    return replace(rule.finding(document.path, span, message), fix=fix)


def add_option(document: PppdOptions, text: str, note: str,
               safe: bool = True) -> Fix | None:
    """Make a fix that adds an option line at the end of an options file.

    None when the file ends with an option still waiting for its argument:
    pppd would take the added option's name as that argument.
    """
    if _ends_waiting(document) or not _appendable(document):
        return None
    end = len(document.source.text)
    return Fix(document.path, "add", end, end, text, note, safe, "pppd")


def _appendable(document: PppdOptions) -> bool:
    """Tell whether lines added at the end leave every word of the file as it was.

    A file may end in a quote still open, a trailing backslash, or an empty
    word that pppd drops only because the file ends there.
    """
    from l2tp_lint import pppd_options
    from l2tp_lint.source import SourceText

    text = document.source.text
    probe = text + ("\n" if text and not text.endswith("\n") else "") + "#\nprobe\n"
    words = pppd_options.parse(SourceText(document.path, probe)).words
    return [w.value for w in words] == [w.value for w in document.words] + ["probe"]


def _ends_waiting(document: PppdOptions) -> bool:
    from l2tp_lint.checks.pppd_load import read

    readings = list(document.readings.values()) or [read(document, "kernel")]
    return any(f.rule == "P102" for reading in readings
               for f in reading.findings)  # type: ignore[attr-defined]


def set_argument(document: PppdOptions, argument: Word, value: str, note: str,
                 safe: bool = True) -> Fix:
    """Make a fix that sets an option's argument in place."""
    return Fix(document.path, "replace", argument.start, argument.end, value, note, safe,
               "pppd")

