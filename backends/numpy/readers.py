"""Price file readers: wide CSV, long CSV, MetaTrader 5 exports, Yahoo CSV and Parquet -> one frame.

Every reader returns a pandas DataFrame with a `date` column (still text or datetime) and one
column of close prices per asset; `row_of` maps each frame row back to the line in the file.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd


class DataError(Exception):
    """Bad price data; the message names the file, and the row and column when it can."""


def read_prices(path: Path) -> tuple[pd.DataFrame, int]:
    """The frame of a file and the file line of its first data row (for error messages)."""
    if not path.exists():
        raise DataError(f"{path}: no such file")
    if path.is_dir():
        raise DataError(f"{path}: is a directory, not a price file")
    if path.suffix.lower() in (".parquet", ".pq"):
        return _parquet(path), 0
    head = _first_line(path)
    if head.startswith("<DATE>"):
        return _mt5(path), 2
    columns = [c.strip().lower() for c in head.split(",")]
    if "symbol" in columns and "close" in columns:
        return _long(path), 2
    if columns[:1] == ["date"] and "adj close" in columns:
        return _yahoo(path), 2
    return _wide(path), 2


def _first_line(path: Path) -> str:
    try:
        with path.open(encoding="utf-8-sig") as handle:
            return handle.readline().strip()
    except UnicodeDecodeError:
        raise DataError(f"{path}: not UTF-8 text; save it as CSV (UTF-8)") from None


def _csv(path: Path, **options) -> pd.DataFrame:
    try:
        return pd.read_csv(path, dtype=str, keep_default_na=False, **options)
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as err:
        raise DataError(f"{path}: cannot be read as CSV ({str(err).splitlines()[0]})") from None


def _wide(path: Path) -> pd.DataFrame:
    frame = _csv(path)
    first = frame.columns[0]
    if first.strip().lower() not in ("date", "time", "datetime", "timestamp"):
        raise DataError(f"{path}: row 1, column 1: the first column must be 'date', found '{first}'")
    return frame.rename(columns={first: "date"})


def _yahoo(path: Path) -> pd.DataFrame:
    """Yahoo: Date,Open,High,Low,Close,Adj Close,Volume; the adjusted close is the price."""
    frame = _csv(path)
    by_lower = {c.strip().lower(): c for c in frame.columns}
    return pd.DataFrame({"date": frame[by_lower["date"]], path.stem: frame[by_lower["adj close"]]})


def _long(path: Path) -> pd.DataFrame:
    """Long: date, symbol, open, high, low, close: one row per (date, symbol), pivoted to wide."""
    frame = _csv(path)
    by_lower = {c.strip().lower(): c for c in frame.columns}
    long = frame[[by_lower["date"], by_lower["symbol"], by_lower["close"]]]
    long.columns = ["date", "symbol", "close"]
    duplicated = long.duplicated(["date", "symbol"])
    if duplicated.any():
        row = int(duplicated.to_numpy().argmax()) + 2
        raise DataError(f"{path}: row {row}: date {long['date'].iloc[row - 2]} appears twice for "
                        f"symbol {long['symbol'].iloc[row - 2]}")
    wide = long.pivot(index="date", columns="symbol", values="close").reset_index()
    wide.columns.name = None
    return wide.fillna("")


def _mt5(path: Path) -> pd.DataFrame:
    """MetaTrader 5 bar export (tab separated, <DATE> <TIME> <OPEN> ... <CLOSE> ...), one symbol per file."""
    frame = _csv(path, sep="\t")
    frame.columns = [c.strip("<>").upper() for c in frame.columns]
    if "DATE" not in frame or "CLOSE" not in frame:
        raise DataError(f"{path}: row 1: a MetaTrader 5 export needs <DATE> and <CLOSE> columns")
    dates = frame["DATE"].str.replace(".", "-", regex=False)
    return pd.DataFrame({"date": dates, path.stem.split("_")[0]: frame["CLOSE"]})


def _parquet(path: Path) -> pd.DataFrame:
    try:
        frame = pd.read_parquet(path)
    except ImportError:
        raise DataError(f"{path}: reading Parquet needs pyarrow (pip install 'rbl[parquet]')") from None
    except Exception as err:  # pyarrow raises many unrelated types for a bad file
        raise DataError(f"{path}: cannot be read as Parquet ({type(err).__name__})") from None
    if "date" not in frame.columns:
        frame = frame.reset_index()
    frame = frame.rename(columns={frame.columns[0]: "date"})
    return frame.astype({"date": str}).astype(str).replace({"nan": "", "None": ""})
