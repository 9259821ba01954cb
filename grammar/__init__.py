"""The rbl grammar, shipped as package data (`rbl.lark`)."""

from importlib.resources import files


def grammar_text() -> str:
    """The text of grammar/rbl.lark, read through importlib.resources so wheels work too."""
    return (files(__package__) / "rbl.lark").read_text(encoding="utf-8")
