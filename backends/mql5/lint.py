"""The subset lint: parse the C++ rewrite with tree-sitter-cpp and reject syntax errors and the
C++-only constructs g++ accepts but MetaEditor would not (docs: mql5-reference, section 2)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from rbl.backends.mql5.cxx import to_cxx

# node type -> why it is outside the MQL5-and-C++ subset
BANNED: dict[str, str] = {
    "placeholder_type_specifier": "`auto` is C++ only",
    "qualified_identifier": "qualified names (`std::...`) are C++ only",
    "nullptr": "`nullptr` is C++ only (MQL5 has NULL)",
    "lambda_expression": "lambdas are C++ only",
    "try_statement": "exceptions are C++ only",
    "throw_statement": "exceptions are C++ only",
    "namespace_definition": "namespaces are outside the subset",
    "using_declaration": "`using` is outside the subset",
    "raw_string_literal": "raw strings are C++ only",
    "goto_statement": "`goto` is outside the subset",
    "pointer_declarator": "pointers are outside the subset",
    "new_expression": "`new` is outside the subset (automatic objects only)",
    "sized_type_specifier": "multi-word C types (`unsigned int`) are not MQL5: use uint, ulong",
    "template_declaration": "templates are outside the emitted subset",
}


@dataclass(frozen=True, order=True)
class LintIssue:
    line: int
    column: int
    message: str

    def render(self, name: str) -> str:
        return f"{name}:{self.line}:{self.column}: {self.message}"


@lru_cache(maxsize=1)
def _parser():
    import tree_sitter_cpp
    from tree_sitter import Language, Parser
    return Parser(Language(tree_sitter_cpp.language()))


def _walk(node) -> Iterator:
    stack = [node]
    while stack:
        current = stack.pop()
        yield current
        stack.extend(reversed(current.children))


def _issue(node, message: str) -> LintIssue:
    row, col = node.start_point
    return LintIssue(row + 1, col + 1, message)


def _check(node) -> str | None:
    if node.type == "ERROR":
        return "syntax error"
    if node.is_missing:
        return f"missing `{node.type}`"
    if node.type == "sized_type_specifier" and len(node.text.split()) == 1:
        return None     # a lone `long` or `short` is an MQL5 type too
    if node.type in BANNED:
        return BANNED[node.type]
    if node.type == "field_expression" and node.child_by_field_name("operator") is not None \
            and node.child_by_field_name("operator").type == "->":
        return "`->` is outside the subset (no pointers)"
    if node.type == "binary_expression" and node.child_by_field_name("operator").type == "+":
        if any(side.type in ("string_literal", "concatenated_string") for side in
               (node.child_by_field_name("left"), node.child_by_field_name("right"))):
            return "`+` with a string literal: use StringFormat (in C++ it is pointer arithmetic)"
    if node.type == "reference_declarator" and node.parent is not None and node.parent.type in (
            "declaration", "init_declarator"):
        return "local reference variables are C++ only"
    return None


def lint(mq5: str) -> list[LintIssue]:
    """Every issue in an emitted EA, sorted by position; empty when it is inside the subset."""
    tree = _parser().parse(to_cxx(mq5).encode("utf-8"))
    issues = {_issue(node, msg) for node in _walk(tree.root_node) if (msg := _check(node)) is not None}
    return sorted(issues)
