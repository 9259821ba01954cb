"""Price panels: validate files, select the strategy's columns, join calendars, find bundled data."""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import numpy as np
import pandas as pd

from backends.numpy.readers import DataError, read_prices


@dataclass(frozen=True)
class Panel:
    """Close prices on one calendar: `dates` (T,) datetime64[D] for daily data, datetime64[s] for
    intraday bars (see `bar_times`), `close` (T, N) in `columns` order."""

    dates: np.ndarray
    close: np.ndarray
    columns: tuple[str, ...]
    sources: tuple[str, ...]        # the files the columns came from, for the manifest

    def between(self, start: str | None, end: str | None) -> "Panel":
        keep = np.ones(len(self.dates), dtype=bool)
        if start:
            keep &= self.dates >= np.datetime64(start, "D")
        if end:                         # the end day is included whole: every bar of that day
            keep &= self.dates < np.datetime64(end, "D") + np.timedelta64(1, "D")
        if not keep.any():
            raise DataError(f"no bars between {start or 'the start'} and {end or 'the end'}")
        return Panel(self.dates[keep], self.close[keep], self.columns, self.sources)


def bundled_files() -> list[Path]:
    folder = resources.files("backends.numpy.data")
    return sorted(Path(str(p)) for p in folder.iterdir() if str(p).endswith(".csv"))



def validated_frame(path: Path, columns: list[str], ffill: int = 0) -> pd.DataFrame:
    """Dates parsed, strictly increasing; the wanted columns numeric and > 0; indexed by date."""
    frame, first_row = read_prices(path)
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise DataError(f"{path}: no column {', '.join(missing)} (it has {', '.join(frame.columns[1:])})")
    dates = _parse_dates(path, frame["date"], first_row)
    values = np.column_stack([_parse_prices(path, frame[c], c, first_row, ffill) for c in columns])
    return pd.DataFrame(values, index=pd.DatetimeIndex(dates), columns=columns)


def _parse_dates(path: Path, text: pd.Series, first_row: int) -> np.ndarray:
    dates = pd.to_datetime(text.astype(str).str.strip(), errors="coerce", format="ISO8601")
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
    bad = ~(np.isfinite(values) & (values > 0))
    if bad.any():
        row = int(bad.argmax())
        found = "" if missing[row] else raw.iloc[row]
        what = "is missing" if found == "" else f"is '{found}', not a positive price"
        hint = f" (more than {ffill} bars in a row)" if ffill and found == "" else ""
        raise DataError(f"{path}: row {row + first_row}, column {column}: the price {what}{hint}")
    return values.astype(np.float64)


def load_panel(columns: list[str], paths: list[Path] | None = None, ffill: int = 0) -> Panel:
    """The wanted columns from the given files (or the bundled ones), joined on common dates."""
    files = paths if paths else bundled_files()
    owners = _owners(columns, files, bundled=not paths)
    frames = [validated_frame(path, cols, ffill) for path, cols in owners.items()]
    _same_bar_kind(list(owners), frames)
    joined = frames[0].join(frames[1:], how="inner") if len(frames) > 1 else frames[0]
    if joined.empty:
        spans = "; ".join(f"{p.name}: {f.index[0].date()}..{f.index[-1].date()}" for p, f in
                          zip(owners, frames))
        raise DataError(f"the calendars of the files do not overlap ({spans})")
    joined = joined[list(columns)]
    return Panel(bar_times(joined.index.to_numpy()), joined.to_numpy(np.float64),
                 tuple(columns), tuple(str(p) for p in owners))


def _same_bar_kind(paths: list[Path], frames: list[pd.DataFrame]) -> None:
    """Daily files and intraday files are not joined: a daily close is not the close of any hour."""
    kinds = [is_intraday(bar_times(f.index.to_numpy())) for f in frames]
    if len(set(kinds)) > 1:
        daily, intraday = (paths[kinds.index(k)] for k in (False, True))
        raise DataError(f"{daily} has daily bars but {intraday} has intraday bars (times of day); "
                        "pass files of one bar size")


def _owners(columns: list[str], files: list[Path], bundled: bool) -> dict[Path, list[str]]:
    """Which file each column is read from: the first file (in the order given) that has it."""
    owners: dict[Path, list[str]] = {}
    headers = {path: _columns_of(path) for path in files}
    for column in columns:
        path = next((p for p in files if column in headers[p]), None)
        if path is None:
            where = "the bundled data" if bundled else ", ".join(str(p) for p in files)
            raise DataError(f"column {column} is not in {where}; pass a file that has it with --data")
        owners.setdefault(path, []).append(column)
    return owners


def _columns_of(path: Path) -> list[str]:
    if path.suffix.lower() in (".csv", ".txt") and path.is_file():
        head = path.read_text(encoding="utf-8-sig", errors="replace").split("\n", 1)[0]
        if "symbol" not in head.lower() and not head.startswith("<DATE>") and "Adj Close" not in head:
            return [c.strip() for c in head.split(",")[1:]]
    return [c for c in read_prices(path)[0].columns if c != "date"]
