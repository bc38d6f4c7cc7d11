"""The setup report: each section's role, data path and pppd options in effect."""

from __future__ import annotations

from l2tp_lint.rules import Context
from l2tp_lint.setup import Call, Setting


def _value(setting: Setting) -> str | None:
    """Return a setting's value for display; a secret is never shown."""
    from l2tp_lint.checks.pppd_load import SECRET_OPTIONS

    if setting.name in SECRET_OPTIONS and setting.value is not None:
        return "(hidden)"
    return setting.value


def _where(setting: Setting) -> str:
    if setting.use is None or setting.document is None:
        return setting.origin
    line, _ = setting.document.source.position(setting.use.word.start)
    return f"{setting.origin}:{line}"


def effective(call: Call) -> list[tuple[Setting, list[Setting]]]:
    """Return each option in effect with the earlier settings it overrides."""
    by_name: dict[str, list[Setting]] = {}
    for setting in call.settings:
        by_name.setdefault(setting.name, []).append(setting)
    return [(settings[-1], settings[:-1]) for settings in by_name.values()]


def call_data(call: Call) -> dict[str, object]:
    """Return one call as JSON-ready data."""
    options = []
    for setting, overridden in effective(call):
        options.append({"option": setting.name, "value": _value(setting),
                        "origin": _where(setting),
                        "overrides": [{"value": _value(s), "origin": _where(s)}
                                      for s in overridden]})
    return {"section": call.section.label, "role": call.role, "mode": call.mode,
            "options_file": call.options_file.path if call.options_file else None,
            "options": options}


def as_data(context: Context) -> list[dict[str, object]]:
    """Return every xl2tpd.conf's calls as JSON-ready data."""
    return [{"path": view.conf.path, "mode": view.mode, "mode_reason": view.mode_reason,
             "sections": [call_data(call) for call in view.calls]}
            for view in context.confs]


def as_text(context: Context) -> str:
    """Return the setup report for a terminal."""
    lines: list[str] = []
    for view in context.confs:
        lines.append(f"{view.conf.path}: {view.mode} mode ({view.mode_reason})")
        for call in view.calls:
            lines.extend(_call_lines(call))
    return "\n".join(lines) + ("\n" if lines else "")


def _call_lines(call: Call) -> list[str]:
    where = call.options_file.path if call.options_file else "no pppoptfile found"
    lines = [f"  {call.section.label} {call.role.upper()}, options file: {where}"]
    for setting, overridden in effective(call):
        shown = _value(setting)
        value = f" {shown}" if shown is not None else ""
        lines.append(f"    {setting.name}{value}    ({_where(setting)})")
        for earlier in overridden:
            if earlier.value != setting.value:
                old = f" {_value(earlier)}" if earlier.value is not None else ""
                lines.append(f"      overrides{old} ({_where(earlier)})")
    return lines
