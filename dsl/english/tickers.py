"""Tickers and the bundled data: a well-known fund reads the bundled column that stands for it, said so;
a ticker with no stand-in is named with the columns the bundled data has and the --data route."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

# Well-known tickers -> (bundled column, what the column is). Only where the bundled data has the same
# exposure (backends/numpy/data/PROVENANCE.md); the broker symbol stays the ticker as written.
STAND_INS: dict[str, tuple[str, str]] = {
    **dict.fromkeys(("VOO", "IVV", "SPLG", "VTI", "ITOT", "SCHB", "SCHX"), ("SPY", "an index of SPY's daily returns")),
    **dict.fromkeys(("IEF", "AGG", "BND", "GOVT", "SCHZ", "VGIT"),
                    ("UST10", "a 10-year Treasury total-return index")),
    **dict.fromkeys(("TLT", "VGLT", "SPTL", "EDV", "TLH"), ("UST20", "a 20-year Treasury total-return index")),
    **dict.fromkeys(("IEI", "SCHR"), ("UST5", "a 5-year Treasury total-return index")),
    **dict.fromkeys(("BIL", "SHV", "SGOV", "TFLO"), ("TBILL", "the 3-month Treasury bill yield, accrued daily")),
    **dict.fromkeys(("GLD", "IAU", "GLDM", "SGOL"), ("GOLD", "gold")),
    **dict.fromkeys(("DBC", "GSG", "PDBC", "COMT"), ("COMMOD", "commodities")),
    **dict.fromkeys(("EFA", "VEA", "IEFA", "VXUS", "SCHF"), ("INTL", "international stocks")),
    **dict.fromkeys(("VNQ", "IYR", "SCHH", "XLRE"), ("REIT", "US real estate")),
    **dict.fromkeys(("BITCOIN", "XBT", "BTCUSD"), ("BTC", "bitcoin")),
    **dict.fromkeys(("ETHUSD",), ("ETH", "ether")),
}
# Where the stand-in is only close: said in the assumption.
NOT_THE_SAME = {"AGG": "AGG also holds corporate and mortgage bonds", "BND": "BND also holds corporate and mortgage bonds",
                "VTI": "VTI also holds small and mid caps", "ITOT": "ITOT also holds small and mid caps",
                "SCHB": "SCHB also holds small and mid caps", "VXUS": "VXUS also holds emerging markets"}


@lru_cache(maxsize=1)
def bundled_columns() -> dict[str, bool]:
    """Every column of the bundled price files, in file order -> whether it is synthetic (made-up) data."""
    columns: dict[str, bool] = {}
    try:
        files = sorted(resources.files("rbl.backends.numpy.data").iterdir(), key=lambda f: f.name)
    except (ModuleNotFoundError, FileNotFoundError):      # a build without the backtester's data
        return columns
    for file in files:
        if file.name.endswith(".csv"):
            with file.open(encoding="utf-8") as handle:
                header = handle.readline().strip().split(",")[1:]
            columns.update(dict.fromkeys(header, file.name.startswith("synthetic_")))
    return columns


def column_note(ticker: str) -> tuple[str, str | None]:
    """The column a ticker should read and the assumption that says why (None: read as written)."""
    columns = bundled_columns()
    if not columns or ticker in columns:
        return ticker, None
    stand_in = STAND_INS.get(ticker)
    if stand_in and stand_in[0] in columns:
        column, what = stand_in
        synthetic = " (synthetic: made-up prices for trying the strategy, not market data)" if columns[column] else ""
        close = f"; {NOT_THE_SAME[ticker]}" if ticker in NOT_THE_SAME else ""
        return column, (f"{ticker} reads the bundled data column {column}, {what}{synthetic}{close}; the broker "
                        f"symbol stays {ticker}; to backtest on {ticker}'s own prices, edit its column and pass "
                        "--data FILE")
    return ticker, (f"{ticker} is not in the bundled data, which has {', '.join(columns)}; backtest it with "
                    f"--data FILE (a file with a {ticker} column), or edit its column to one of those")
