"""A sweep's chunks on other processes: local worker processes (`--workers N`) or an existing Dask cluster
(`--scheduler tcp://HOST:PORT`), the strategy and prices shipped once per worker, the parts given back
in chunk order; a worker lost or a Ctrl-C stops the sweep with the count of variants finished."""

from __future__ import annotations

import os
import signal
from contextlib import contextmanager

CONNECT_SECONDS = 10            # a scheduler that does not answer within this is an error
INSTALL = "pip install 'rbl[distributed]'"


class SweepStopped(Exception):
    """A sweep that did not finish every variant: never a shorter table. `code` is the exit status."""

    def __init__(self, message: str, code: int = 1) -> None:
        super().__init__(message)
        self.code = code

    @classmethod
    def interrupted(cls, done: int, total: int) -> SweepStopped:
        return cls(f"sweep interrupted: {done:,} of {total:,} variants finished; no table is shown "
                   "(a part of a sweep would understate its trials)", 130)

    @classmethod
    def lost(cls, done: int, total: int, why: str) -> SweepStopped:
        return cls(f"sweep stopped: {why}; {done:,} of {total:,} variants finished; no table is shown")


def max_workers() -> int:
    """More processes than cores only adds memory: the bound of --workers (at least 2)."""
    return max(2, os.cpu_count() or 1)


def pool(workers: int = 1, scheduler: str | None = None):
    """The pool a sweep's chunks run on: in this process (width 1), local processes or a Dask cluster."""
    from rbl.backends.numpy.params import ParamError
    if scheduler is not None:
        if workers != 1:
            raise ParamError("--workers and --scheduler are not combined (the cluster has its own workers)")
        return Dask(scheduler)
    if not 1 <= workers <= max_workers():
        raise ParamError(f"--workers takes 1 to {max_workers()} (this machine has {os.cpu_count()} cores), "
                         f"got {workers}")
    return Local(workers)


def _count(grid: dict) -> int:
    return len(next(iter(grid.values())))


def warm(job: tuple) -> None:
    """One variant run here first, so that numba compiles the loop (when its on-disk cache lacks it)
    once, in this process, and every worker loads it from the cache instead of compiling it again."""
    from rbl.backends.numpy.api import run_chunk
    checked, panel, gaps, _ = job
    run_chunk(checked, panel, gaps, {p.name: [p.default.value] for p in checked.strategy.params}, 0)


# --- local processes -------------------------------------------------------------------------------

def run_job(job: tuple, grid: dict):
    """One chunk of the job (strategy, prices, gap policy, CSCV blocks) reduced to what the sweep keeps."""
    from rbl.backends.numpy.api import run_chunk
    return run_chunk(*job[:3], grid, job[3])


def _serve(conn, job: tuple, chunk) -> None:
    """A worker process: the job arrives with its start arguments, then chunks until None; a pool used
    for several jobs (a walk-forward's windows) sends ("job", next job) between them. Ctrl-C is left to
    the parent, which ends the workers itself."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    while (item := conn.recv()) is not None:
        i, grid = item
        if i == "job":
            job = grid
            continue
        try:
            conn.send((i, chunk(job, grid), None))
        except Exception as err:            # the parent raises it (an engine error is the user's)
            conn.send((i, None, err))


class Local:
    """Chunks on `width` local processes, started by `spawn` (numba's threads and fork do not mix), each
    on a pipe of its own: a worker ended mid-chunk leaves nothing shared half-written."""

    def __init__(self, width: int, chunk=run_job) -> None:
        self.width, self.chunk, self.workers, self.job = width, chunk, {}, None   # chunk: module-level

    def __enter__(self) -> Local:
        return self

    def __exit__(self, kind, error, trace) -> None:
        for conn, process in self.workers.items():
            if kind is None:
                conn.send(None)
            else:
                process.terminate()
        for conn, process in self.workers.items():
            process.join(5)
            if process.is_alive():
                process.kill()
            conn.close()

    def run(self, job: tuple, grids: list[dict], progress=None, warmed: bool = False, chunk=None) -> list:
        """The chunks' results in chunk order; `chunk(job, grid)` (module-level) replaces run_job."""
        self.chunk = chunk or self.chunk
        with _interruptible(grids):
            if not warmed:
                warm(job)
            self._start(job) if not self.workers else self._send(job)
        return _Feed(self.workers, grids, progress).run()

    def _send(self, job: tuple) -> None:
        """The running workers take the next job (pipes keep order: it comes before its chunks)."""
        if job is not self.job:
            for conn in self.workers:
                conn.send(("job", job))
            self.job = job

    def _start(self, job: tuple) -> None:
        self.job = job
        import multiprocessing
        context = multiprocessing.get_context("spawn")
        for _ in range(self.width):
            mine, theirs = context.Pipe()
            process = context.Process(target=_serve, args=(theirs, job, self.chunk), daemon=True)
            with _interrupt_deferred():
                process.start()
                self.workers[mine] = process
            theirs.close()


@contextmanager
def _interrupt_deferred():
    """A Ctrl-C while a worker starts is raised once it has started and is listed: one raised in the
    middle of `start()` cut the job's pickle short, and the worker died printing a traceback. (A handler,
    not a blocked signal mask: the signal may land on another thread, numba's.)"""
    import threading
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    came: list[int] = []
    before = signal.signal(signal.SIGINT, lambda number, frame: came.append(number))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, before)
    if came:
        raise KeyboardInterrupt


class _Feed:
    """Chunks handed to idle workers in order; results put in their chunk's slot as they come."""

    def __init__(self, workers: dict, grids: list[dict], progress) -> None:
        self.workers, self.grids, self.progress = workers, grids, progress
        self.out, self.next, self.done, self.total = [None] * len(grids), 0, 0, sum(map(_count, grids))

    def run(self) -> list:
        from multiprocessing.connection import wait
        busy = {conn for conn in self.workers if self._give(conn)}
        try:
            while busy:
                for ready in wait([*busy, *(self.workers[c].sentinel for c in busy)]):
                    conn = self._conn_of(ready)
                    if conn in busy and not self._take(conn):
                        busy.discard(conn)
        except KeyboardInterrupt:
            raise SweepStopped.interrupted(self.done, self.total) from None
        return self.out

    def _conn_of(self, ready):
        return next((c for c, p in self.workers.items() if ready is c or ready == p.sentinel))

    def _give(self, conn) -> bool:
        if self.next == len(self.grids):
            return False
        conn.send((self.next, self.grids[self.next]))
        self.next += 1
        return True

    def _take(self, conn) -> bool:
        """The worker's result; then its next chunk (False: none left for it)."""
        try:
            i, part, err = conn.recv()
        except (EOFError, OSError):
            self.workers[conn].join(5)          # the pipe closes a moment before the exit code is set
            code = self.workers[conn].exitcode
            raise SweepStopped.lost(self.done, self.total, f"a worker process died (exit code {code})") from None
        if err is not None:
            raise err
        self.out[i], self.done = part, self.done + _count(self.grids[i])
        if self.progress is not None:
            self.progress("variants", self.done, self.total)
        return self._give(conn)


@contextmanager
def _interruptible(grids: list[dict]):
    """A Ctrl-C before any chunk finished (numba compiling, the workers starting): 0 variants done."""
    try:
        yield
    except KeyboardInterrupt:
        raise SweepStopped.interrupted(0, sum(map(_count, grids))) from None


def _gather(futures: dict, completed, grids: list[dict], progress, lost: tuple, why: str) -> list:
    """Each chunk's result in its slot as it finishes; the list in chunk order once all have."""
    out, done, total = [None] * len(grids), 0, sum(map(_count, grids))
    try:
        for future in completed(list(futures)):
            i = futures[future]
            out[i] = future.result()
            done += _count(grids[i])
            if progress is not None:
                progress("variants", done, total)
    except KeyboardInterrupt:
        raise SweepStopped.interrupted(done, total) from None
    except lost as err:
        raise SweepStopped.lost(done, total, f"{why} ({type(err).__name__})") from None
    return out


# --- Dask ------------------------------------------------------------------------------------------

class Dask:
    """Chunks on an existing Dask distributed cluster; the job scattered to every worker once."""

    def __init__(self, address: str) -> None:
        try:
            import distributed
        except ImportError:
            raise SweepStopped(f"--scheduler needs Dask distributed: {INSTALL}", 2) from None
        self.distributed, self.address, self.client = distributed, address, None
        self.width = 1

    def __enter__(self) -> Dask:
        try:
            self.client = self.distributed.Client(self.address, timeout=CONNECT_SECONDS, set_as_default=False)
        except Exception as err:            # refused, timed out, a malformed address: one line each
            raise SweepStopped(f"--scheduler {self.address}: no Dask scheduler answered within "
                               f"{CONNECT_SECONDS} s ({type(err).__name__})") from None
        self.width = max(2, sum(self.client.nthreads().values()))
        return self

    def __exit__(self, kind, error, trace) -> None:
        self.client.close()

    def run(self, job: tuple, grids: list[dict], progress=None, warmed: bool = False, chunk=run_job) -> list:
        """The chunks' results in chunk order; `chunk(job, grid)` (module-level) replaces run_job."""
        with _interruptible(grids):
            if not warmed:
                warm(job)   # a cluster on this machine shares numba's cache; remote ones compile once each
            shared = self.client.scatter(_Shipped(job), broadcast=True)
            futures = {self.client.submit(_shipped_chunk, shared, grid, chunk, pure=False): i
                       for i, grid in enumerate(grids)}
        lost = (self.distributed.KilledWorker, self.distributed.CancelledError, OSError)
        def completed(items):
            return self.distributed.as_completed(items, loop=self.client.loop)
        return _gather(futures, completed, grids, progress, lost, "a Dask worker was lost")


class _Shipped:
    """The job as one object (a tuple would be scattered element by element)."""

    def __init__(self, job: tuple) -> None:
        self.job = job


def _shipped_chunk(shipped: _Shipped, grid: dict, chunk):
    return chunk(shipped.job, grid)
