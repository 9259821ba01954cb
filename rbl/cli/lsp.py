"""`rbl lsp`: the language server for editors, over stdio (needs the `lsp` extra: pygls)."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    app.command(name="lsp")(lsp)


def lsp(stdio: bool = typer.Option(False, "--stdio", help="talk over stdin/stdout: the only transport, "
                                                            "so the default; accepted because editors' clients "
                                                            "pass it (VS Code's does)")) -> None:
    """Run the language server over stdin/stdout: diagnostics, hover, completion, definition, rename,
    formatting and the explanation and MQL5 previews (editors/vscode starts it).

    Example: rbl lsp
    """
    try:
        import pygls  # noqa: F401 - only to know whether the extra is installed
    except ImportError:
        typer.echo("error: rbl lsp needs pygls; install it with: pip install 'rbl[lsp]'", err=True)
        raise typer.Exit(2)
    from rbl.dsl.lsp.server import serve
    serve()
