"""The evaluation set's file format: English descriptions with the .rbl they intend, or a question."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

HEADER = re.compile(r"## (\S+) \[([\w-]+), ([\w-]+)\](.*)")
DEFAULT_PATH = Path(__file__).resolve().parent / "data" / "eval_set.txt"    # package data: works from a wheel


@dataclass
class Case:
    """One description: its tags, and either the intended strategy or the words of the question."""

    id: str
    phrasing: str
    ambiguity: str
    english: str = ""
    body: list[str] = field(default_factory=list)
    question: str | None = None
    options: dict[str, str] = field(default_factory=dict)

    @property
    def rbl(self) -> str | None:
        """The intended strategy as a full .rbl file (header added), or None for a question case."""
        if self.question is not None:
            return None
        return f'rbl 1\nstrategy "{self.id}"\n' + "\n".join(self.body) + "\n"

    @property
    def rename(self) -> dict[str, str]:
        pairs = self.options.get("rename", "")
        return dict(p.split(":") for p in pairs.split(",") if p)


def load_cases(path: Path = DEFAULT_PATH) -> list[Case]:
    """Parse the evaluation set; raises ValueError naming the line of a malformed entry."""
    cases: list[Case] = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.startswith("## "):
            cases.append(_header(line, number))
        elif line.startswith("#") or not line.strip():
            continue
        elif not cases:
            raise ValueError(f"{path}:{number}: text before the first '## ' entry")
        elif line.startswith("> "):
            cases[-1].english = f"{cases[-1].english}\n{line[2:]}".strip()
        elif line.startswith("? "):
            cases[-1].question = line[2:].strip()
        else:
            cases[-1].body.append(line)
    return cases


def _header(line: str, number: int) -> Case:
    match = HEADER.fullmatch(line.strip())
    if match is None:
        raise ValueError(f"line {number}: expected '## ID [PHRASING, AMBIGUITY] key=value...'")
    options = dict(item.split("=", 1) for item in match.group(4).split())
    return Case(match.group(1), match.group(2), match.group(3), options=options)
