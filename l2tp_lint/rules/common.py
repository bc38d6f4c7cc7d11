"""Helpers the setup rules share: where a finding about a call belongs."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from l2tp_lint.findings import Finding
from l2tp_lint.pppd_options import PppdOptions
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


def missing(rule: Rule, calls: list[Call], message: str) -> Iterator[Finding]:
    """Report something missing where it belongs: once per options file, else per header.

    ``message`` may use {sections}, replaced by the sections concerned.
    """
    for document, group in grouped_by_file(calls):
        text = message.format(sections=label_list(group))
        if document is not None:
            yield rule.finding(document.path, first_line(document), text)
        else:
            call = group[0]
            header = call.section.headers[0]
            yield rule.finding(call.conf.path, header_span(call.conf, header), text)


def at_word(rule: Rule, document: PppdOptions, word: object, message: str) -> Finding:
    """Report at a word of a pppd options file."""
    span = document.span(word.start, word.end)  # type: ignore[attr-defined]
    return rule.finding(document.path, span, message)
