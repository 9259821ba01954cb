"""Comments for the formatter: find them in the source and re-attach them to the printed lines."""

from __future__ import annotations

import re
from dataclasses import dataclass

from rbl.dsl.diagnostics import CompileError, has_errors
from rbl.dsl.fmt import Line, strategy_lines
from rbl.dsl.parser import parse_tree
from rbl.dsl.source import SourceFile
from rbl.dsl.to_ir import build_strategy

_CODE_OR_COMMENT = re.compile(r'("[^"\n]*"|[^"#])*')


@dataclass(frozen=True)
class Comment:
    line: int          # 1-based source line
    text: str          # from '#' to the end of the line, trailing blanks removed
    trailing: bool     # code comes before it on the same line


def split_comment(line: str) -> tuple[str, str | None]:
    """(code, comment) of one source line; a '#' inside a quoted string is not a comment."""
    code = _CODE_OR_COMMENT.match(line).group()
    rest = line[len(code):]
    return (code, rest.rstrip()) if rest.startswith("#") else (line, None)


def comments_of(source: SourceFile) -> list[Comment]:
    found = []
    for number in range(1, len(source.line_starts) + 1):
        code, comment = split_comment(source.line_text(number))
        if comment is not None:
            found.append(Comment(number, comment, bool(code.strip())))
    return found


def _normal(text: str) -> str:
    return " ".join(split_comment(text)[0].split())


def source_lines_of(printed: list[Line], source: SourceFile) -> list[int | None]:
    """For each printed line, the source line it came from: by its node's span, else by its text."""
    by_text: dict[str, list[int]] = {}
    for number in range(1, len(source.line_starts) + 1):
        by_text.setdefault(_normal(source.line_text(number)), []).append(number)
    result: list[int | None] = []
    for line in printed:
        if line.anchor is not None:
            result.append(source.line_col(line.anchor)[0])
        elif line.text.strip() and by_text.get(_normal(line.text)):
            result.append(by_text[_normal(line.text)].pop(0))
        else:
            result.append(None)
    return result


def attach(printed: list[Line], origins: list[int | None], comments: list[Comment]) -> list[str]:
    """Printed text with each comment before the statement it precedes or after the one it ends."""
    before: dict[int, list[str]] = {}
    after: dict[int, str] = {}
    tail: list[str] = []
    for comment in comments:
        same = [i for i, o in enumerate(origins) if o == comment.line]
        if comment.trailing and same and same[0] not in after:
            after[same[0]] = comment.text
            continue
        following = [(o, i) for i, o in enumerate(origins) if o is not None and o > comment.line]
        if following:
            before.setdefault(min(following)[1], []).append(comment.text)
        else:
            tail.append(comment.text)
    out = []
    for i, line in enumerate(printed):
        pad = line.text[: len(line.text) - len(line.text.lstrip())]
        out += [pad + text for text in before.get(i, [])]
        out.append(line.text + (f"  {after[i]}" if i in after else ""))
    return out + tail


def format_with_comments(source: SourceFile) -> str:
    from rbl.dsl.compiler import empty_file_diagnostic
    empty = empty_file_diagnostic(source)
    if empty is not None:
        raise CompileError(source, [empty])
    tree, diagnostics = parse_tree(source)
    if tree is None:
        raise CompileError(source, diagnostics)
    strategy, diagnostics = build_strategy(tree)
    if strategy is None or has_errors(diagnostics):
        raise CompileError(source, diagnostics)
    # A sleeve's rules say nothing about what the strategy's own sections spelled out.
    in_sleeves = {id(sub) for sleeve in tree.find_data("sleeve_decl") for sub in sleeve.iter_subtrees()}
    written = frozenset(t.data for t in tree.iter_subtrees() if id(t) not in in_sleeves)
    printed = strategy_lines(strategy, written)
    text_lines = attach(printed, source_lines_of(printed, source), comments_of(source))
    return "\n".join(text_lines) + "\n"
