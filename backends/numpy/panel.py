"""Price panels: validate files, select the strategy's columns, join calendars, find bundled data."""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import numpy as np
import pandas as pd

from rbl.backends.numpy.align import Align, align
from rbl.backends.numpy.readers import DataError, header_of, read_prices


@dataclass(frozen=True)
class Panel:
    """Close prices on one calendar: `dates` (T,) datetime64[D] for daily data, datetime64[s] for
    intraday bars (see `bar_times`), `close` (T, N) in `columns` order."""

    dates: np.ndarray
    close: np.ndarray
    columns: tuple[str, ...]
    sources: tuple[str, ...]        # the files the columns came from, for the manifest
    alignment: str = ""             # what --align dropped or filled joining several files (manifest)

    def between(self, start: str | None, end: str | None) -> "Panel":
        keep = np.ones(len(self.dates), dtype=bool)
        if start:
            keep &= self.dates >= np.datetime64(start, "D")
        if end:                         # the end day is included whole: every bar of that day
            keep &= self.dates < np.datetime64(end, "D") + np.timedelta64(1, "D")
        if not keep.any():
            raise DataError(f"no bars between {start or 'the start'} and {end or 'the end'}")
        return Panel(self.dates[keep], self.close[keep], self.columns, self.sources, self.alignment)


def bundled_files() -> list[Path]:
    folder = resources.files("rbl.backends.numpy.data")
    return sorted(Path(str(p)) for p in folder.iterdir() if str(p).endswith(".csv"))



# The largest price rbl computes with: NAV = holdings x price and price ratios stay far from overflow.
MAX_PRICE = 1e15


def _plural(columns: list[str]) -> str:
    return f"column {columns[0]} is" if len(columns) == 1 else f"columns {', '.join(columns)} are"


def validated_frame(path: Path, columns: list[str], ffill: int = 0,
                    signals: frozenset[str] = frozenset()) -> pd.DataFrame:
    """Dates parsed, strictly increasing; the wanted columns numeric and > 0 (a signal column: any finite
    number, empty cells kept as gaps); indexed by date."""
    frame, first_row = read_prices(path)
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise DataError(f"{_plural(missing)} not in {path} (it has {', '.join(frame.columns[1:])})")
    dates = _parse_dates(path, frame["date"], first_row)
    values = np.column_stack([_parse_signal(path, frame[c], c, first_row) if c in signals else
                              _parse_prices(path, frame[c], c, first_row, ffill) for c in columns])
    return pd.DataFrame(values, index=pd.DatetimeIndex(dates), columns=columns)


# A UTC offset after a time of day ('2020-03-09 00:00:00-04:00', '...Z'): dropped, the time kept as written.
_OFFSET = r"^(.*\d{2}:\d{2}(?::\d{2}(?:\.\d*)?)?)\s*(?:Z|[+-]\d{2}:?\d{2})$"


def _parse_dates(path: Path, text: pd.Series, first_row: int) -> np.ndarray:
    """Timestamps as the file writes them, in the exchange's own clock: a UTC offset (yfinance writes
    one that changes with daylight saving) is dropped and the local date and time kept, so
    '2020-03-09 00:00:00-04:00' is 9 March (docs/semantics.md, *Bars and prices*)."""
    local = text.astype(str).str.strip().str.replace(_OFFSET, r"\1", regex=True)
    dates = pd.to_datetime(local, errors="coerce", format="ISO8601")
    bad = dates.isna().to_numpy()
    if bad.any():
        row = int(bad.argmax())
        raise DataError(f"{path}: row {row + first_row}, column date: cannot read '{text.iloc[row]}' "
                        "as a date (expected YYYY-MM-DD)")
    days = bar_times(dates.to_numpy())
    steps = np.diff(days).astype(np.int64)
    if (steps <= 0).any():
        row = int((steps <= 0).argmax()) + 1
        what = "appears twice" if steps[row - 1] == 0 else "is earlier than the row before"
        raise DataError(f"{path}: row {row + first_row}, column date: {days[row]} {what}; "
                        "dates must be unique and increasing")
    return days


def bar_times(stamps: np.ndarray) -> np.ndarray:
    """Daily data (every timestamp at midnight) as datetime64[D]; intraday bars (any time of day)
    as datetime64[s], the bar's opening time as the file states it (docs/semantics.md, *Bars*)."""
    seconds = stamps.astype("datetime64[s]")
    days = seconds.astype("datetime64[D]")
    return seconds if (seconds != days).any() else days


def is_intraday(dates: np.ndarray) -> bool:
    return np.datetime_data(dates.dtype)[0] != "D"


def _parse_prices(path: Path, text: pd.Series, column: str, first_row: int, ffill: int) -> np.ndarray:
    raw = text.astype(str).str.strip()
    missing = raw.isin(["", "nan", "NaN"]).to_numpy()
    values = pd.to_numeric(raw.mask(missing, "nan"), errors="coerce").to_numpy()
    if ffill:  # only empty cells are filled: text such as 'n/a' is an error, never a price
        values = np.where(missing, pd.Series(values).ffill(limit=ffill).to_numpy(), values)
    bad = ~(np.isfinite(values) & (values > 0) & (values <= MAX_PRICE))
    if bad.any():
        row = int(bad.argmax())
        found = "" if missing[row] else raw.iloc[row]
        what = "is missing" if found == "" else f"is '{found}', not a positive price"
        if np.isfinite(values[row]) and values[row] > MAX_PRICE:
            what = f"is {values[row]:g}, beyond {MAX_PRICE:g} (NAVs and returns would overflow)"
        hint = f" (more than {ffill} bars in a row)" if ffill and found == "" else ""
        raise DataError(f"{path}: row {row + first_row}, column {column}: the price {what}{hint}")
    return values.astype(np.float64)


def _parse_signal(path: Path, text: pd.Series, column: str, first_row: int) -> np.ndarray:
    """A signal's values: any sign; an empty cell is a gap (NaN, carried over by the strategy's own
    `stale after`, never by --ffill); text, inf or a value beyond MAX_PRICE is an error."""
    raw = text.astype(str).str.strip()
    missing = raw.isin(["", "nan", "NaN"]).to_numpy()
    values = pd.to_numeric(raw.mask(missing, "nan"), errors="coerce").to_numpy(np.float64)
    bad = ~missing & ~(np.abs(values) <= MAX_PRICE)
    if bad.any():
        row = int(bad.argmax())
        raise DataError(f"{path}: row {row + first_row}, column {column}: the signal is '{raw.iloc[row]}', "
                        f"not a finite number (leave the cell empty for a gap)")
    return values


def load_panel(columns: list[str], paths: list[Path] | None = None, ffill: int = 0,
               how: Align | None = None, signals: frozenset[str] = frozenset()) -> Panel:
    """The wanted columns from the given files (or the bundled ones) on one calendar: several files
    whose dates differ are aligned by `how` (default: an error naming the dates; the bundled data,
    whose files are made to share calendars, keeps the common dates)."""
    files = paths if paths else bundled_files()
    owners = _owners(columns, files, bundled=not paths)
    frames = [validated_frame(path, cols, ffill, signals) for path, cols in owners.items()]
    _same_bar_kind(list(owners), frames)
    joined, record = align(list(owners), frames, how or Align("error" if paths else "intersect"), signals)
    joined = joined[list(columns)]
    return Panel(bar_times(joined.index.to_numpy()), joined.to_numpy(np.float64),
                 tuple(columns), tuple(str(p) for p in owners), record if paths else "")


def _same_bar_kind(paths: list[Path], frames: list[pd.DataFrame]) -> None:
    """Daily files and intraday files are not joined: a daily close is not the close of any hour."""
    kinds = [is_intraday(bar_times(f.index.to_numpy())) for f in frames]
    if len(set(kinds)) > 1:
        daily, intraday = (paths[kinds.index(k)] for k in (False, True))
        raise DataError(f"{daily} has daily bars but {intraday} has intraday bars (times of day); "
                        "pass files of one bar size")


def _owners(columns: list[str], files: list[Path], bundled: bool) -> dict[Path, list[str]]:
    """Which file each column is read from. Bundled data: the first file that has it. Your files: the
    one that has it; a column in two of them is refused (which one is meant is not for rbl to guess)."""
    owners: dict[Path, list[str]] = {}
    headers = {path: _columns_of(path) for path in files}
    missing = [c for c in columns if not any(c in headers[p] for p in files)]
    if missing:
        raise DataError(f"{_plural(missing)} not in {_holdings(files, headers, bundled)}; pass a file that "
                        f"has {'it' if len(missing) == 1 else 'them'} with --data")
    for column in columns:
        having = [p for p in files if column in headers[p]]
        if len(having) > 1 and not bundled:
            raise DataError(f"column {column} is in two files: {having[0]} and {having[1]}; pass one of them "
                            "or rename the column in the other")
        owners.setdefault(having[0], []).append(column)
    return owners


def _holdings(files: list[Path], headers: dict[Path, list[str]], bundled: bool) -> str:
    """Where the columns were looked for, with the columns there are."""
    if bundled:
        return f"the bundled data (it has {', '.join(c for p in files for c in headers[p])})"
    has = lambda p: ", ".join(headers[p]) or "no price columns"  # noqa: E731
    if len(files) == 1:
        return f"{files[0]} (it has {has(files[0])})"
    return f"{', '.join(map(str, files))} ({'; '.join(f'{p.name} has {has(p)}' for p in files)})"


def _columns_of(path: Path) -> list[str]:
    if path.suffix.lower() in (".csv", ".txt") and path.is_file():
        head = header_of(path)
        lower = [c.lower() for c in head]
        if "symbol" not in lower and not head[0].startswith("<DATE>") and "adj close" not in lower:
            return head[1:]
    return [c for c in read_prices(path)[0].columns if c != "date"]
