"""The front-end pipeline in one place: read a file, parse, build the IR, run the checks."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from rbl.dsl.check import check
from rbl.dsl.diagnostics import CompileError, Diagnostic, has_errors
from rbl.dsl.ir import Strategy
from rbl.dsl.ir.checked import CheckedStrategy
from rbl.dsl.parser import parse_tree
from rbl.dsl.source import SourceFile
from rbl.dsl.to_ir import build_strategy


class SourceReadError(Exception):
    """The file cannot be read as text (missing, a directory, binary, not UTF-8)."""


@dataclass
class CompileResult:
    source: SourceFile
    diagnostics: list[Diagnostic] = field(default_factory=list)
    strategy: Strategy | None = None          # the IR, when it could be built
    checked: CheckedStrategy | None = None    # when every check passed

    @property
    def ok(self) -> bool:
        return self.checked is not None and not has_errors(self.diagnostics)


def read_source(path: str | Path) -> SourceFile:
    """Read a .rbl file as UTF-8, with a clear message for every way that can fail."""
    path = Path(path)
    if not path.exists():
        raise SourceReadError(f"{path}: no such file")
    if path.is_dir():
        raise SourceReadError(f"{path}: is a directory, not a .rbl file")
    data = path.read_bytes()
    if b"\x00" in data:
        hint = "save it as UTF-8" if data[:2] in (b"\xff\xfe", b"\xfe\xff") else "is it a binary file?"
        raise SourceReadError(f"{path}: not a text file ({hint})")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise SourceReadError(f"{path}: not UTF-8 text (byte {err.start}); save the file as UTF-8") from None
    return SourceFile(str(path), text)


def empty_file_diagnostic(source: SourceFile) -> Diagnostic | None:
    """A file with nothing but blank lines and comments gets one plain diagnostic, not a parse error."""
    code = [line for line in source.text.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    if code:
        return None
    what = "the file is empty" if not source.text.strip() else "the file has only comments"
    return Diagnostic("E0102", what, None, help='start with the lines \'rbl 1\' and \'strategy "My strategy"\'')


def compile_source(source: SourceFile) -> CompileResult:
    result = CompileResult(source)
    empty = empty_file_diagnostic(source)
    if empty is not None:
        result.diagnostics.append(empty)
        return result
    tree, diagnostics = parse_tree(source)
    result.diagnostics += diagnostics
    if tree is None:
        return result
    strategy, diagnostics = build_strategy(tree)
    result.diagnostics += diagnostics
    result.strategy = strategy
    if strategy is None or has_errors(result.diagnostics):
        return result
    checked, diagnostics = check(strategy)
    result.diagnostics += diagnostics
    result.checked = checked
    return result


def compile_text(text: str, path: str = "<string>") -> CheckedStrategy:
    """Compile .rbl text; raise CompileError carrying every diagnostic if it has errors."""
    result = compile_source(SourceFile(path, text))
    if not result.ok:
        raise CompileError(result.source, result.diagnostics)
    return result.checked


def compile_file(path: str | Path) -> CheckedStrategy:
    source = read_source(path)
    result = compile_source(source)
    if not result.ok:
        raise CompileError(source, result.diagnostics)
    return result.checked
