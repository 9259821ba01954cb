"""A dependency-free progress bar on stderr, drawn only for a terminal and only once work runs long."""

from __future__ import annotations

import sys
import time
from typing import Callable, TextIO

Report = Callable[[str, int, int], None]      # (what, done, total)

_WIDTH = 30


class ProgressBar:
    """`bar(what, done, total)` redraws one line; silent until `delay` seconds have passed."""

    def __init__(self, stream: TextIO, delay: float = 0.5, every: float = 0.1,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.stream, self.delay, self.every, self.clock = stream, delay, every, clock
        self.started, self.drawn_at, self.shown = clock(), -1.0, False

    def __call__(self, what: str, done: int, total: int) -> None:
        now = self.clock()
        finished = done >= total
        if now - self.started < self.delay or (now - self.drawn_at < self.every and not finished):
            return
        self.drawn_at, self.shown = now, True
        filled = int(_WIDTH * done / total) if total else _WIDTH
        self.stream.write(f"\r{what:<12} [{'#' * filled}{'.' * (_WIDTH - filled)}] "
                          f"{done:>7,}/{total:,}\x1b[K")
        self.stream.flush()

    def close(self) -> None:
        """Erase the bar so the results that follow start on a clean line."""
        if self.shown:
            self.stream.write("\r\x1b[K")
            self.stream.flush()


def progress_bar(enabled: bool = True, stream: TextIO | None = None) -> ProgressBar | None:
    """A bar on stderr when it is a terminal (never for JSON output or in tests); otherwise None."""
    stream = stream if stream is not None else sys.stderr
    is_terminal = getattr(stream, "isatty", lambda: False)()
    return ProgressBar(stream) if enabled and is_terminal else None
