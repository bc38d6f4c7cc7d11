"""Entry point for ``python -m l2tp_lint``."""

from l2tp_lint.cli import main

main()
