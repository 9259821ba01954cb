"""The prices of one run: from files, a DataFrame or the bundled data; the gap policy; the date window."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd

from rbl.backends.numpy.align import Aligned
from rbl.backends.numpy.panel import MAX_PRICE, Panel, bar_times, bundled_files, load_panel
from rbl.backends.numpy.params import ParamError
from rbl.backends.numpy.readers import DataError, check_file, read_prices

PricesLike = None | str | Path | list | pd.DataFrame | Panel | Aligned
NO_FILL = "none: a missing price is an error (allow gaps with --ffill N)"
MAX_FFILL = 1_000_000          # bars: more than any gap worth filling, and far from integer overflow
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def load_prices(columns: list[str], prices: PricesLike, start=None, end=None,
                ffill: int = 0, signals: tuple[str, ...] = (), read: tuple[str, ...] = ()) -> tuple[Panel, str]:
    """The panel of the wanted columns between `start` and `end`, and the gap policy as stated in the
    manifest. `ffill` N carries the last price over at most N missing bars in a row; `signals`, the
    columns that are signals (any sign, gaps kept: not prices); `read`, those the strategy's decisions
    read (each must have a value in the window)."""
    marked = frozenset(signals)
    if not 0 <= ffill <= MAX_FFILL:
        raise ParamError(f"--ffill takes a number of bars from 0 to {MAX_FFILL}, got {ffill}")
    window = _window(start, end)
    if isinstance(prices, Panel):
        return between(prices, *window), NO_FILL
    if isinstance(prices, pd.DataFrame):
        panel, filled = _from_frame(prices, columns, ffill, marked)
        owner = lambda column: "the DataFrame"  # noqa: E731
    else:
        how = prices.how if isinstance(prices, Aligned) else None
        listed = prices.paths if isinstance(prices, Aligned) else prices
        paths = [Path(p) for p in ([listed] if isinstance(listed, (str, Path)) else list(listed or []))]
        for path in paths:
            check_file(path)
        filled = _gaps([c for c in columns if c not in marked], paths or bundled_files()) if ffill else 0
        panel = load_panel(columns, paths, ffill, how, marked)
        owner = lambda column: _owner(column, paths)  # noqa: E731
    policy = _policy(ffill, filled)
    panel = between(panel, *window)
    _signals_have_values(panel, read, owner)
    return panel, f"{policy}; {panel.alignment}" if panel.alignment else policy


def _signals_have_values(panel: Panel, signals: tuple[str, ...], owner) -> None:
    """A signal with no value in the window would make every decision wait: a run that never trades
    and says nothing (a broken export, or a window before the series starts) is refused instead."""
    for column in signals:
        if np.isnan(panel.close[:, panel.columns.index(column)]).all():
            raise DataError(f"{owner(column)}: column {column}: the signal has no value from {panel.dates[0]} to "
                            f"{panel.dates[-1]}: every decision would wait and nothing would trade")


def _owner(column: str, paths: list[Path]) -> str:
    """The file a column was read from, as the manifest names it (the bundled files by name)."""
    from rbl.backends.numpy.panel import _columns_of
    if not paths:
        having = next(p for p in bundled_files() if column in _columns_of(p))
        return f"bundled {having.name}"
    return str(next(p for p in paths if column in _columns_of(p)))


def _policy(ffill: int, filled: int) -> str:
    if not ffill:
        return NO_FILL
    return (f"forward-fill at most {ffill} bar{'s' if ffill != 1 else ''} in a row (--ffill {ffill}): "
            f"{filled} missing price{'s' if filled != 1 else ''} filled")


def _window(start: str | None, end: str | None) -> tuple[np.datetime64 | None, np.datetime64 | None]:
    days = tuple(_day(flag, text) for flag, text in (("--start", start), ("--end", end)))
    if None not in days and days[0] > days[1]:
        raise ParamError(f"--start {start} is after --end {end}")
    return days


def _day(flag: str, text: str | None) -> np.datetime64 | None:
    """A day written YYYY-MM-DD, nothing else: '01/02/2010' is 2 January to some and 1 February to others."""
    if text is None or text == "":
        return None
    written = str(text).strip()
    try:
        if not _ISO_DAY.fullmatch(written):
            raise ValueError(written)
        return np.datetime64(written, "D")
    except ValueError:
        raise ParamError(f"{flag} '{text}' is not a date (expected YYYY-MM-DD)") from None


def between(panel: Panel, start: np.datetime64 | None, end: np.datetime64 | None) -> Panel:
    """The bars inside the window; an empty window names the span the data does cover."""
    if start is None and end is None and len(panel.dates):
        return panel                    # no window: the panel as it is, no copy of its prices
    keep = np.ones(len(panel.dates), dtype=bool)
    if start is not None:
        keep &= panel.dates >= start
    if end is not None:                 # the end day is included whole: every bar of that day
        keep &= panel.dates < end + np.timedelta64(1, "D")
    if not keep.any():
        raise DataError(f"no bars between {start or 'the start'} and {end or 'the end'}: the data "
                        f"({', '.join(Path(s).name for s in panel.sources)}) runs "
                        f"{panel.dates[0]} .. {panel.dates[-1]}")
    return Panel(panel.dates[keep], panel.close[keep], panel.columns, panel.sources, panel.alignment)


def _gaps(columns: list[str], files: list[Path]) -> int:
    """How many empty price cells the fill will carry over, refusing text where a price belongs (a fill
    covers a missing price, never a value that is wrong)."""
    unclaimed, filled = list(columns), 0
    for path in files:
        frame, first_row = read_prices(path)
        mine = [c for c in unclaimed if c in frame.columns]
        unclaimed = [c for c in unclaimed if c not in mine]
        for column in mine:
            filled += _empty_cells(path, frame[column], column, first_row)
    return filled


def _empty_cells(path: Path, text: pd.Series, column: str, first_row: int) -> int:
    cells = text.astype(str).str.strip()
    empty = cells.isin(["", "nan", "None"]).to_numpy()
    wrong = np.isnan(pd.to_numeric(cells.where(~empty, "1"), errors="coerce").to_numpy())
    if wrong.any():
        row = int(wrong.argmax())
        raise DataError(f"{path}: row {row + first_row}, column {column}: the price is '{cells.iloc[row]}', "
                        "not a number (--ffill fills empty cells only)")
    return int(empty.sum())


def _from_frame(frame: pd.DataFrame, columns: list[str], ffill: int,
                signals: frozenset[str] = frozenset()) -> tuple[Panel, int]:
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise DataError(f"the DataFrame has no column {', '.join(missing)}")
    doubled = [c for c in columns if list(frame.columns).count(c) > 1]
    if doubled:                         # frame[c] would be a frame: which one is the price?
        raise DataError(f"the DataFrame has column {doubled[0]} twice")
    if frame.empty:
        raise DataError("the DataFrame has no rows")
    prices = frame[columns].apply(pd.to_numeric, errors="coerce")
    text = prices.isna() & frame[columns].notna()            # a fill never covers a wrong value
    signal = np.array([c in signals for c in columns])
    filled = prices.ffill(limit=ffill).mask(text) if ffill else prices
    filled[[c for c in columns if c in signals]] = prices[[c for c in columns if c in signals]]  # own staleness
    values = filled.to_numpy(np.float64)
    bad = np.where(signal, text.to_numpy() | ~(np.abs(np.nan_to_num(values, nan=0.0)) <= MAX_PRICE),
                   ~(np.isfinite(values) & (values > 0) & (values <= MAX_PRICE)))
    if bad.any():
        row, col = np.argwhere(bad)[0]
        what = "signal is" if signal[col] else "price is"
        raise DataError(f"the DataFrame: row {frame.index[row]}, column {columns[col]}: the {what} "
                        f"'{frame[columns[col]].iloc[row]}', not a {'finite number' if signal[col] else 'positive price'}")
    index = pd.DatetimeIndex(frame.index)
    dates = bar_times((index.tz_localize(None) if index.tz is not None else index).to_numpy())  # wall clock
    if (np.diff(dates).astype(np.int64) <= 0).any():
        raise DataError("the DataFrame's dates must be unique and increasing")
    count = int(frame[[c for c in columns if c not in signals]].isna().to_numpy().sum()) if ffill else 0
    return Panel(dates, filled.to_numpy(np.float64), tuple(columns), ("DataFrame",)), count


__all__ = ["PricesLike", "load_prices", "between"]
