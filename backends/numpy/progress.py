"""A dependency-free progress bar on stderr, drawn only for a terminal and only once work runs long."""

from __future__ import annotations

import sys
import threading
import time
from typing import Callable, TextIO

Report = Callable[[str, int, int], None]      # (what, done, total); total 0: under way, size unknown

_WIDTH = 30


class ProgressBar:
    """`bar(what, done, total)` records the state and redraws one line; `tick()` redraws it with the
    time elapsed (a phase of unknown length shows a moving marker). Silent until `delay` seconds."""

    def __init__(self, stream: TextIO, delay: float = 0.5, every: float = 0.1,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.stream, self.delay, self.every, self.clock = stream, delay, every, clock
        self.started, self.drawn_at, self.shown = clock(), -1.0, False
        self.state, self.lock, self.closed = ("working", 0, 0), threading.Lock(), False

    def __call__(self, what: str, done: int, total: int) -> None:
        self.state = (what, done, total)
        self._draw(final=total > 0 and done >= total)

    def tick(self) -> None:
        self._draw(final=False)

    def _draw(self, final: bool) -> None:
        with self.lock:
            now = self.clock()
            if self.closed or now - self.started < self.delay or (now - self.drawn_at < self.every and not final):
                return
            self.drawn_at, self.shown = now, True
            self.stream.write(f"\r{_line(*self.state, now - self.started)}\x1b[K")
            self.stream.flush()

    def close(self) -> None:
        """Erase the bar so the results that follow start on a clean line."""
        with self.lock:
            if self.shown:
                self.stream.write("\r\x1b[K")
                self.stream.flush()
            self.shown, self.closed = False, True


def _line(what: str, done: int, total: int, elapsed: float) -> str:
    if total <= 0:
        at = int(elapsed * 10) % (2 * _WIDTH - 6)
        at = at if at < _WIDTH - 3 else 2 * _WIDTH - 6 - at
        return f"{what:<12} [{' ' * at}<=>{' ' * (_WIDTH - 3 - at)}] {elapsed:6.1f} s"
    filled = int(_WIDTH * done / total)
    return f"{what:<12} [{'#' * filled}{'.' * (_WIDTH - filled)}] {done:>7,}/{total:,} {elapsed:6.1f} s"


class Ticker:
    """Redraws a bar every `every` seconds from a helper thread, so long phases show they are alive."""

    def __init__(self, bar: ProgressBar | None, every: float = 0.1) -> None:
        self.bar, self.every, self.stop = bar, every, threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> ProgressBar | None:
        if self.bar is not None:
            self.thread.start()
        return self.bar

    def _run(self) -> None:
        while not self.stop.wait(self.every):
            self.bar.tick()

    def __exit__(self, *exc) -> None:
        self.stop.set()
        if self.bar is not None:
            self.thread.join(timeout=1.0)
            self.bar.close()


def progress_bar(enabled: bool = True, stream: TextIO | None = None) -> ProgressBar | None:
    """A bar on stderr when it is a terminal (never for JSON output or in tests); otherwise None."""
    stream = stream if stream is not None else sys.stderr
    is_terminal = getattr(stream, "isatty", lambda: False)()
    return ProgressBar(stream) if enabled and is_terminal else None
