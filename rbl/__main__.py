"""`python -m rbl ...`: the same as the `rbl` command."""

from rbl.cli import run

run()
