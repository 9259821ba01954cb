"""The English commands: `rbl explain`, `rbl translate` and `rbl eval-translate` (registered on the app)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer


def register(app: typer.Typer) -> None:
    app.command(name="explain")(explain_command)


def explain_command(
    file: Annotated[Path, typer.Argument(help="The .rbl file to explain.")],
) -> None:
    """Print the strategy in plain English: a paragraph, then one bullet per rule.

    Example: rbl explain examples/threshold_60_40.rbl
    """
    from dsl.cli import compile_or_exit
    from dsl.explain import explain

    result = compile_or_exit(file)
    typer.echo(explain(result.checked.strategy), nl=False)
