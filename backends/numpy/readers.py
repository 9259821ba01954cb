"""Price file readers: wide CSV, long CSV, MetaTrader 5 exports, Yahoo CSV and Parquet -> one frame.

Every reader returns a pandas DataFrame with a `date` column (still text or datetime) and one
column of close prices per asset; `read_prices` also returns the file line of the first data row.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import numpy as np
import pandas as pd


class DataError(Exception):
    """Bad price data; the message names the file, and the row and column when it can."""


_SNIFF = 4096                  # bytes read to tell text from binary and find the encoding


def is_parquet(path: Path) -> bool:
    return path.suffix.lower() in (".parquet", ".pq")


def check_file(path: Path) -> None:
    """The checks every price file passes before a reader looks at it, from its first bytes only: it
    exists, is a regular file, is not empty and, for text, is UTF-8 or UTF-16 text, not binary."""
    if not path.exists():
        raise DataError(f"{path}: no such file")
    if path.is_dir():
        raise DataError(f"{path}: is a directory, not a price file")
    if not path.is_file():
        raise DataError(f"{path}: not a regular file (a device or a pipe); save the prices to a file")
    if path.stat().st_size == 0:
        raise DataError(f"{path}: the file is empty")
    if not is_parquet(path):
        encoding_of(path)
        _check_separator(path, _first_line(path))


def encoding_of(path: Path) -> str:
    """The text encoding from the first bytes: a byte-order mark (UTF-8, UTF-16 LE/BE), else UTF-16
    without one when every other byte is NUL (as MetaTrader 5 writes its exports), else UTF-8. NUL
    bytes in any other pattern are binary data, refused before the rest is read."""
    with path.open("rb") as handle:
        head = handle.read(_SNIFF)
    if head.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig"
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    if b"\0" not in head:
        return "utf-8"
    pairs = head[:len(head) // 2 * 2]
    even, odd = pairs[0::2], pairs[1::2]
    if even.count(0) == 0 and odd.count(0) >= 0.9 * len(odd):
        return "utf-16-le"
    if odd.count(0) == 0 and even.count(0) >= 0.9 * len(even):
        return "utf-16-be"
    raise DataError(f"{path}: row 1: binary data (NUL bytes), not a price file; rbl reads CSV text "
                    "(UTF-8 or UTF-16), MetaTrader 5 exports and Parquet")


def _check_separator(path: Path, head: str) -> None:
    """A header without commas is another dialect (';' from a European Excel): say so, do not guess."""
    if "," in head or head.startswith("<DATE>"):
        return
    found = next((name for sep, name in ((";", "semicolons"), ("\t", "tabs")) if sep in head), None)
    if found:
        raise DataError(f"{path}: row 1: the header '{head[:60]}' is separated by {found}; rbl reads "
                        "comma-separated CSV (MetaTrader 5 exports: tab-separated with <DATE>)")


def text_of(path: Path) -> str:
    """The whole file as text in its encoding; a byte that does not decode is reported with its row."""
    encoding, data = encoding_of(path), path.read_bytes()
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as err:
        line = data[:err.start].decode(encoding, errors="replace").count("\n") + 1
        raise DataError(f"{path}: row {line}: not UTF-8 or UTF-16 text; save it as CSV (UTF-8)") from None


def read_prices(path: Path) -> tuple[pd.DataFrame, int]:
    """The frame of a file and the file line of its first data row (for error messages)."""
    check_file(path)
    if is_parquet(path):
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
    """The header, which picks the format (the reader decodes the rest)."""
    with path.open("rb") as handle:
        head = handle.read(65536)
    text = head.decode(encoding_of(path), errors="replace").lstrip("\ufeff")
    return text.split("\n", 1)[0].strip()


def header_of(path: Path) -> list[str]:
    """The column names of a text file's header, unquoted (R's write.csv quotes them)."""
    head = _first_line(path)
    return [c.strip() for c in next(csv.reader([head], delimiter="\t" if head.startswith("<DATE>") else ","))]


def _csv(path: Path, sep: str = ",") -> pd.DataFrame:
    text = text_of(path)
    _check_rows(path, text, sep)
    try:
        frame = pd.read_csv(io.StringIO(text), sep=sep, dtype=str, keep_default_na=False)
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as err:
        raise DataError(f"{path}: cannot be read as CSV ({str(err).splitlines()[0]})") from None
    _check_unique(path, next(csv.reader(text.splitlines()[:1], delimiter=sep), []))
    if frame.empty:
        raise DataError(f"{path}: the file has a header but no rows of prices")
    return frame


def _check_unique(path: Path, header: list[str]) -> None:
    """A column named twice is refused (pandas would read the second as 'A.1' and the first wins)."""
    seen: dict[str, int] = {}
    for number, name in enumerate((c.strip() for c in header), start=1):
        if name in seen:
            raise DataError(f"{path}: row 1: column {name} appears twice (columns {seen[name]} and {number}); "
                            "rename one")
        seen[name] = number


def _check_rows(path: Path, text: str, sep: str) -> None:
    """Every non-blank line has as many fields as the header: a short row is not a missing price."""
    lines = text.splitlines()
    counts = ([len(r) for r in csv.reader(lines, delimiter=sep)] if '"' in text
              else [line.count(sep) + 1 for line in lines])
    blank = [not line.strip() for line in lines]
    for row, (count, empty) in enumerate(zip(counts, blank), start=1):
        if not empty and count != counts[0]:
            raise DataError(f"{path}: row {row}: {count} fields, but the header has {counts[0]} "
                            f"(a missing price is an empty field: '2020-01-02,,101.5')")


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
    _check_long_closes(path, long["close"])
    wide = long.pivot(index="date", columns="symbol", values="close").reset_index()
    wide.columns.name = None
    return wide.fillna("")


def _check_long_closes(path: Path, closes: pd.Series) -> None:
    """Wrong closes are named by their file row here: after the pivot the row is a date's, not the file's."""
    cells = closes.astype(str).str.strip()
    values = pd.to_numeric(cells, errors="coerce").to_numpy()
    bad = (cells != "").to_numpy() & ~(np.isfinite(values) & (values > 0))
    if bad.any():
        row = int(bad.argmax())
        raise DataError(f"{path}: row {row + 2}, column close: the price is '{cells.iloc[row]}', "
                        "not a positive price")


def _mt5(path: Path) -> pd.DataFrame:
    """MetaTrader 5 bar export (tab separated, <DATE> <TIME> <OPEN> ... <CLOSE> ...), one symbol per file."""
    frame = _csv(path, "\t")
    frame.columns = [c.strip("<>").upper() for c in frame.columns]
    if "DATE" not in frame or "CLOSE" not in frame:
        raise DataError(f"{path}: row 1: a MetaTrader 5 export needs <DATE> and <CLOSE> columns")
    dates = frame["DATE"].str.replace(".", "-", regex=False)
    if "TIME" in frame:                 # H1, M15, M1 exports: the bar's time of day in its own column
        dates = dates + " " + frame["TIME"].str.strip()
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
