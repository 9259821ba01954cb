"""The outcome of a translation: .rbl text with its assumptions, or one question, or a refusal."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Translation:
    """Exactly one of `rbl`, `question` or `error` is set; `rbl` has passed `rbl check`."""

    rbl: str | None = None
    assumptions: list[str] = field(default_factory=list)
    question: str | None = None       # an essential fact is missing or a phrase is ambiguous
    frame: str | None = None          # the sentence an answer completes ('{}' marks it), when not a whole sentence
    phrase: str | None = None         # the words of the English the question is about; an answer replaces them
    error: str | None = None          # the text (or the model's answer) cannot be used
    provider: str = "offline"
    attempts: int = 0                 # model answers read (0 for the offline translator)

    @property
    def ok(self) -> bool:
        return self.rbl is not None
