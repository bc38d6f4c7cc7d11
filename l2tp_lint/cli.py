"""The command line: parse flags, call the library, print, choose the exit code."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import click

from l2tp_lint import __version__

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def network_options(command: Callable[..., None]) -> Callable[..., None]:
    """Add the options that describe the network under the tunnel."""
    options = [
        click.option("--path-mtu", type=click.IntRange(576, 65535), default=None,
                     help="MTU of the path between the peers [default: 1500]."),
        click.option("--outer", type=click.Choice(["ipv4", "ipv6"]), default=None,
                     help="IP version outside the tunnel (default: from IPsec, else ipv4)."),
        click.option("--esp", multiple=True, metavar="PROPOSAL",
                     help="An ESP proposal (strongSwan or libreswan syntax); repeatable."),
        click.option("--no-natt", is_flag=True, help="No NAT traversal (no UDP 4500)."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="l2tp-lint")
@click.option("-v", "--verbose", is_flag=True, help="Log what is read, to stderr.")
def cli(verbose: bool) -> None:
    """Lint xl2tpd.conf and the pppd options files that xl2tpd uses."""
    if not verbose:
        return  # logging stays unloaded: nothing below warning is shown anyway
    import logging

    logging.basicConfig(level=logging.DEBUG,
                        format="l2tp-lint: %(message)s", stream=sys.stderr)


def _check_proposals(esp: tuple[str, ...]) -> None:
    from l2tp_lint.rules.mtu import parse_esp

    for text in esp:
        try:
            parse_esp(text)
        except ValueError as error:
            raise click.BadParameter(str(error), param_hint="--esp") from None


@cli.command()
@network_options
@click.option("--seq", is_flag=True, help="We send sequence numbers (pppol2tp_send_seq).")
def mtu(path_mtu: int | None, outer: str | None, esp: tuple[str, ...], no_natt: bool,
        seq: bool) -> None:
    """Print the largest mtu and mru that fit one ESP packet, byte by byte."""
    from l2tp_lint import overhead
    from l2tp_lint.rules.mtu import parse_esp

    _check_proposals(esp)
    proposals = [p for text in esp for p in parse_esp(text)]
    if not proposals:
        proposals = overhead.DEFAULT_PROPOSALS["strongswan"] \
            + overhead.DEFAULT_PROPOSALS["libreswan"]
    path = overhead.Path(path_mtu or 1500, outer or "ipv4", not no_natt)
    click.echo(overhead.table(path, proposals, sequencing=seq), nl=False)


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=str))
@click.option("--root", type=click.Path(file_okay=False, path_type=Path),
              help="Treat DIR as the filesystem root (a copy of /etc, a chroot).",
              metavar="DIR")
@click.option("--mode", type=click.Choice(["auto", "kernel", "userspace"]), default=None,
              help="How xl2tpd hands pppd the session: kernel L2TP or a pty "
                   "[default: auto].")
@click.option("--format", "output_format",
              type=click.Choice(["text", "json", "sarif", "github"]), default="text",
              show_default=True, help="Report format.")
@click.option("--color", type=click.Choice(["auto", "always", "never"]), default="auto",
              show_default=True, help="Colour in the text report.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the report to FILE instead of standard output.", metavar="FILE")
@click.option("--stdin-filename", metavar="NAME",
              help="With '-' as PATH: the name that stands for standard input.")
@click.option("--max-file-size", type=click.IntRange(1), default=None, metavar="BYTES",
              help="Report files larger than this instead of reading them "
                   "[default: 64 MiB].")
@click.option("--config", "config_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Configuration file (default: the nearest .l2tp-lint.toml or "
                   "pyproject.toml with [tool.l2tp-lint]).", metavar="FILE")
@network_options
@click.option("--fix", is_flag=True, help="Apply safe fixes and write the files.")
@click.option("--unsafe-fixes", is_flag=True,
              help="With --fix or --diff, apply the unsafe fixes too.")
@click.option("--diff", "show_diff", is_flag=True,
              help="Print the fixes as a unified diff (patch -p1 from the root); write "
                   "nothing.")
@click.option("--backup", metavar="SUFFIX", help="With --fix, keep each original file "
              "beside it with SUFFIX appended.")
def check(paths: tuple[str, ...], **options: object) -> None:
    """Check files or folders (default: the system's own files under --root)."""
    from l2tp_lint.checking import CheckRequest, run_check

    request = CheckRequest(paths=list(paths), **options)  # type: ignore[arg-type]
    sys.exit(run_check(request))


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=str))
@click.option("--root", type=click.Path(file_okay=False, path_type=Path), metavar="DIR",
              help="Treat DIR as the filesystem root.")
@click.option("--mode", type=click.Choice(["auto", "kernel", "userspace"]),
              default="auto", show_default=True, help="How xl2tpd runs pppd.")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]),
              default="text", show_default=True, help="Output format.")
def setup(paths: tuple[str, ...], root: Path | None, mode: str, output_format: str) -> None:
    """Show each section's role, data path and the pppd options in effect."""
    import json

    from l2tp_lint import linter, show

    try:
        run = linter.prepare(list(paths), linter.Settings(root=root, mode=mode))
        run.findings()
    except linter.InputError as error:
        raise click.ClickException(str(error)) from None
    assert run.context is not None
    if output_format == "json":
        click.echo(json.dumps(show.as_data(run.context), indent=2))
    else:
        click.echo(show.as_text(run.context), nl=False)


@cli.command()
@click.argument("code", required=False)
@click.option("--all", "show_all", is_flag=True, help="List every rule.")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]),
              default="text", show_default=True, help="Output format.")
def rule(code: str | None, show_all: bool, output_format: str) -> None:
    """Show a rule's documentation, or list every rule with --all."""
    import json

    from l2tp_lint.rules import docs, registry

    rules = registry()
    if show_all or code is None:
        if output_format == "json":
            click.echo(json.dumps([docs.as_data(r) for r in rules.values()], indent=2))
        else:
            click.echo(docs.listing(), nl=False)
        return
    found = rules.get(code.upper())
    if found is None:
        raise click.UsageError(f"no rule '{code}'; 'l2tp-lint rule --all' lists them")
    if output_format == "json":
        click.echo(json.dumps(docs.as_data(found), indent=2))
    else:
        click.echo(docs.as_text(found), nl=False)


def main() -> None:
    """Run the CLI; turn any unexpected error into one line and exit 2."""
    try:
        cli.main(standalone_mode=False)
    except click.exceptions.Exit as done:
        sys.exit(done.exit_code)
    except click.ClickException as error:
        click.echo(f"l2tp-lint: error: {error.format_message()}", err=True)
        sys.exit(EXIT_ERROR)
    except click.Abort:
        click.echo("l2tp-lint: aborted", err=True)
        sys.exit(EXIT_ERROR)
    except KeyboardInterrupt:
        sys.exit(130)
    except Exception as error:  # noqa: BLE001 - never show a traceback
        import logging

        logging.getLogger(__name__).debug("internal error", exc_info=True)
        click.echo(f"l2tp-lint: internal error: {type(error).__name__}: {error}", err=True)
        sys.exit(EXIT_ERROR)
