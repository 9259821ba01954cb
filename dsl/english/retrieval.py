"""Few-shot examples for the model, retrieved from the dev set (`data/eval_set.txt`) by similarity to the
description: TF-IDF over words and word pairs, cosine similarity, ties to the earlier case. Deterministic,
NumPy only, milliseconds. The held-out set is never a source (it lives under tests/, not in the package)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from rbl.dsl.english.evalset import DEFAULT_PATH, Case, load_cases

K = 4          # examples per prompt: enough to show the constructs, few enough for a small model's context
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*|\d+(?:\.\d+)?%?|[%/$]")
_TICKER = re.compile(r"[A-Z][A-Z0-9]{1,9}")


def tokens(english: str) -> list[str]:
    """Words in lower case, tickers as one token `<ticker>` and numbers as `<n>` (a 70/30 split and a 60/40 one
    are the same construct), then each adjacent pair of those, so phrases weigh more than single words."""
    words = []
    for word in _WORD.findall(english):
        if _TICKER.fullmatch(word):
            words.append("<ticker>")
        elif word[0].isdigit():
            words.append("<n>%" if word.endswith("%") else "<n>")
        else:
            words.append(word.lower())
    return words + [f"{a} {b}" for a, b in zip(words, words[1:])]


@dataclass(frozen=True)
class Retriever:
    """The cases and their L2-normalised TF-IDF rows; `nearest` ranks them against a description."""

    cases: tuple[Case, ...]
    vocabulary: dict[str, int]
    idf: np.ndarray
    matrix: np.ndarray

    @classmethod
    def over(cls, cases: list[Case]) -> Retriever:
        documents = [tokens(c.english) for c in cases]
        vocabulary = {t: i for i, t in enumerate(sorted({t for d in documents for t in d}))}
        counts = np.zeros((len(cases), len(vocabulary)))
        for row, document in enumerate(documents):
            for token in document:
                counts[row, vocabulary[token]] += 1
        idf = np.log((1 + len(cases)) / (1 + (counts > 0).sum(axis=0))) + 1.0
        return cls(tuple(cases), vocabulary, idf, _unit_rows(counts * idf))

    def vector(self, english: str) -> np.ndarray:
        counts = np.zeros(len(self.vocabulary))
        for token in tokens(english):
            if token in self.vocabulary:
                counts[self.vocabulary[token]] += 1
        return _unit_rows((counts * self.idf)[None, :])[0]

    def nearest(self, english: str, k: int = K, keep=lambda case: True) -> list[Case]:
        """The k most similar cases that `keep` accepts; a case with the very same English is never its own example."""
        scores = self.matrix @ self.vector(english)
        order = sorted(range(len(self.cases)), key=lambda i: (-round(float(scores[i]), 12), i))
        same = " ".join(english.split())
        picked = [self.cases[i] for i in order if " ".join(self.cases[i].english.split()) != same and keep(self.cases[i])]
        return picked[:k]


def _unit_rows(matrix: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return np.divide(matrix, norms, out=np.zeros_like(matrix), where=norms > 0)


@lru_cache(maxsize=4)
def dev_retriever(path: Path = DEFAULT_PATH) -> Retriever:
    """The strategies of the dev set (question cases have no answer to show)."""
    return Retriever.over([c for c in load_cases(path) if c.question is None])


def example_rbl(case: Case) -> str:
    """A case's intended .rbl as an example answer: its name from its English, not its id."""
    from rbl.dsl.english.offline import _name_of
    from rbl.dsl.fmt import format_source
    from rbl.dsl.source import SourceFile

    text = case.rbl.replace(f'strategy "{case.id}"', f'strategy "{_name_of(case.english)}"', 1)
    canonical = format_source(SourceFile(f"<{case.id}>", text))
    return re.sub(r'^asset (\w+) column "\1" symbol "\1"$', r"asset \1", canonical, flags=re.M)   # the defaults
