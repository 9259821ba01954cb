"""Several price files on one calendar: the declared alignment policy and what it dropped or filled.

`error` (the default): files whose dates differ are refused, naming which file lacks which dates.
`intersect`: only the dates every file has are kept. `ffill N`: within the span all files cover,
a file's last price is carried over at most N dates in a row that it lacks."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from rbl.backends.numpy.readers import DataError

MAX_FILL = 1_000_000
_SHOWN = 3                      # dates named in a message; the count says how many more


@dataclass(frozen=True)
class Align:
    policy: str = "error"       # error | intersect | ffill
    limit: int = 0              # ffill: the most dates in a row filled

    @classmethod
    def parse(cls, text: str) -> "Align":
        """'error', 'intersect' or 'ffill N' (N from 1 to 1,000,000); a ValueError says what is expected."""
        words = text.strip().lower().split()
        if words in (["error"], ["intersect"]):
            return cls(words[0])
        if len(words) == 2 and words[0] == "ffill" and re.fullmatch(r"\d{1,7}", words[1]):
            if 1 <= int(words[1]) <= MAX_FILL:
                return cls("ffill", int(words[1]))
        raise ValueError(f"--align takes 'intersect', 'ffill N' (N from 1 to {MAX_FILL:,}) or 'error', "
                         f"got '{text}'")

    def __str__(self) -> str:
        return f"ffill {self.limit}" if self.policy == "ffill" else self.policy


@dataclass(frozen=True)
class Aligned:
    """Price files with an explicit alignment policy (`rbl backtest --data a --data b --align ...`)."""

    paths: tuple[Path, ...]
    how: Align


def align(paths: list[Path], frames: list[pd.DataFrame], how: Align,
          signals: frozenset[str] = frozenset()) -> tuple[pd.DataFrame, str]:
    """The files' frames joined on one calendar, and what the policy did (empty when the dates agree).
    `signals` are columns `ffill` never fills: a signal's gaps are its own staleness's to judge. A file of
    signals only does not shape the calendar: it is joined onto the price files' bars (`_onto`)."""
    only = [len(f.columns) > 0 and all(c in signals for c in f.columns) for f in frames]
    if any(only) and not all(only):
        pick = lambda keep: [x for x, o in zip(zip(paths, frames), only) if o != keep]  # noqa: E731
        prices = pick(True)
        joined, said = align([p for p, _ in prices], [f for _, f in prices], how, signals)
        return joined.join([_onto(f, joined.index) for _, f in pick(False)]), said
    if len(frames) == 1 or all(f.index.equals(frames[0].index) for f in frames[1:]):
        return frames[0].join(frames[1:]) if len(frames) > 1 else frames[0], ""
    union = _union(frames)
    if how.policy == "intersect":
        return _intersect(paths, frames, union)
    if how.policy == "ffill":
        return _fill(paths, frames, union, how.limit, signals)
    raise DataError(_lacking(paths, frames, union))


def _onto(frame: pd.DataFrame, bars: pd.DatetimeIndex) -> pd.DataFrame:
    """A signal file's rows on the price bars: each row counts from the first bar at or after its date (the
    newest row wins a bar; rows after the last bar are dropped); a bar without a row is a gap (NaN)."""
    at = bars.searchsorted(frame.index, side="left")
    keep = at < len(bars)
    rows = frame[keep].groupby(at[keep]).last()
    out = pd.DataFrame(np.nan, index=bars, columns=frame.columns)
    out.iloc[rows.index.to_numpy()] = rows.to_numpy()
    return out


def _union(frames: list[pd.DataFrame]) -> pd.DatetimeIndex:
    union = frames[0].index
    for frame in frames[1:]:
        union = union.union(frame.index)
    return union


def _dates(index: pd.Index) -> str:
    text = [str(d) for d in np.asarray(index.to_numpy()).astype("datetime64[s]")]
    short = [t[:10] if t.endswith("T00:00:00") else t for t in text[:_SHOWN]]
    more = f" and {len(text) - _SHOWN:,} more" if len(text) > _SHOWN else ""
    return f"{len(text):,} date{'s' if len(text) != 1 else ''} ({', '.join(short)}{more})"


def _lacking(paths: list[Path], frames: list[pd.DataFrame], union: pd.DatetimeIndex) -> str:
    lacks = [f"{p} lacks {_dates(union.difference(f.index))}" for p, f in zip(paths, frames)
             if len(union.difference(f.index))]
    return ("the files' dates differ: " + "; ".join(lacks) + ". Choose how to align them: --align intersect "
            "(keep the dates every file has) or --align ffill N (carry a file's last price over at most N "
            "dates it lacks)")


def _intersect(paths, frames, union) -> tuple[pd.DataFrame, str]:
    joined = frames[0].join(frames[1:], how="inner")
    if joined.empty:
        spans = "; ".join(f"{p.name}: {_span(f)}" for p, f in zip(paths, frames))
        raise DataError(f"the calendars of the files do not overlap ({spans})")
    dropped = union.difference(joined.index)
    by_file = ", ".join(f"{p.name} {len(f.index.difference(joined.index)):,}" for p, f in zip(paths, frames))
    return joined, (f"--align intersect: {len(dropped):,} dates not in every file dropped "
                    f"({_dates(dropped)}; rows dropped per file: {by_file})")


def _span(frame: pd.DataFrame) -> str:
    return f"{frame.index[0]}..{frame.index[-1]}"


def _fill(paths, frames, union, limit: int, signals: frozenset[str] = frozenset()) -> tuple[pd.DataFrame, str]:
    """Within the span every file covers, each file's missing dates take its last price (at most
    `limit` in a row); dates outside that span are dropped, since no file's price is carried backwards.
    A signal column is not filled (its missing dates are gaps: a carried value would look fresh)."""
    start, end = max(f.index[0] for f in frames), min(f.index[-1] for f in frames)
    if start > end:
        spans = "; ".join(f"{p.name}: {_span(f)}" for p, f in zip(paths, frames))
        raise DataError(f"the calendars of the files do not overlap ({spans})")
    span = union[(union >= start) & (union <= end)]
    parts, filled = [], []
    for path, frame in zip(paths, frames):
        wide = frame.reindex(span)
        prices = [c for c in wide.columns if c not in signals]
        gaps = wide[prices].isna().any(axis=1)
        done = wide.copy()
        done[prices] = wide[prices].ffill(limit=limit)
        left = done[prices].isna().any(axis=1).to_numpy()
        if left.any():
            raise DataError(f"{path}: lacks more than {limit} dates in a row from {span[int(left.argmax())]} "
                            f"(--align ffill {limit}); allow a longer fill or use --align intersect")
        parts.append(done)
        filled.append(f"{path.name} {int(gaps.sum()):,}")
    dropped = len(union) - len(span)
    return parts[0].join(parts[1:]), (f"--align ffill {limit}: dates filled per file: {', '.join(filled)}; "
                                      f"{dropped:,} dates outside the span every file covers dropped")
