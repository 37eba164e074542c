"""One way to run the build's parallel work (pages, PDFs): forked worker processes; and
one way to run code that may never return (a site's chart module): a watched process.

Workers are forked, so each starts with the parent's state at that moment — the loaded
site, the renderer, the cache — and none of it is pickled: only each item and its result
cross between processes. The function the workers run is named when the pool starts (a
closure is fine) and kept for that pool alone, so pools never share module globals.

A watched process is forked too (run_watched): its results come back as core/codec.py
messages through a pipe, and the parent, which waits for them, can say that it is still
waiting and kill it at a deadline — a thread could not be stopped.
"""

from __future__ import annotations

import multiprocessing
import os
import select
import signal
import sys
import time
from contextlib import contextmanager
from typing import Any, Callable, Iterable, Iterator

from reportsite.core import codec

_WORK: list[Callable[[Any], Any]] = []  # the running pools' functions, newest last


def _run(item: Any) -> Any:
    """In a worker: the work of the pool it was forked for, on one item."""
    return _WORK[-1](item)


class Workers:
    """A running pool: its function on many items, in the workers."""

    def __init__(self, pool: Any):
        self._pool = pool

    def imap(self, items: Iterable[Any], chunksize: int = 1) -> Iterator[Any]:
        """The pool's function on each item, results in order, as they come."""
        return self._pool.imap(_run, items, chunksize=chunksize)

    def map_function(self, function: Callable[[Any], Any], items: Iterable[Any]) -> list[Any]:
        """Another function (a module-level one: it is pickled by name) on each item."""
        return self._pool.map(function, items)


@contextmanager
def worker_pool(work: Callable[[Any], Any], processes: int) -> Iterator[Workers]:
    """Fork `processes` workers that run work(item); closed and joined on leaving."""
    _WORK.append(work)
    try:
        with multiprocessing.get_context("fork").Pool(processes) as pool:
            yield Workers(pool)
    finally:
        _WORK.pop()


class Overrun(Exception):
    """Watched work that did not finish in time (and was stopped)."""

    def __init__(self, seconds: float, messages: list[Any]):
        super().__init__(f"stopped after {seconds:.0f} s")
        self.seconds, self.messages = seconds, messages


class Died(Exception):
    """Watched work whose process ended before it finished."""

    def __init__(self, status: str, messages: list[Any]):
        super().__init__(status)
        self.status, self.messages = status, messages


def run_watched(work: Callable[[Callable[[Any], None]], None], types: Iterable[type] = (),
                timeout: float = 0, tick: float = 10.0,
                waiting: Callable[[float, list[Any]], None] | None = None,
                lap: Callable[[Any], bool] = lambda message: False) -> list[Any]:
    """Run work(send) in a forked process that can be stopped: code that may never return
    (a site's chart module). It sends its results as messages (core/codec.py values, with
    the dataclasses of types); they are returned in order. Every `tick` seconds without
    an end, waiting(seconds, messages so far) is called; `timeout` seconds (0: no limit)
    after the start, or after the last message for which lap(message) holds, the process
    is killed and Overrun raised. Where there is no fork, work runs here."""
    if not hasattr(os, "fork"):
        found: list[Any] = []
        work(found.append)
        return found
    sys.stdout.flush()
    sys.stderr.flush()  # or the child would print what the parent had not yet
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read_end)
        _child(work, write_end)
    os.close(write_end)
    try:
        return _watch(pid, read_end, types, (timeout, tick), waiting, lap)
    finally:
        os.close(read_end)


def _child(work: Callable[[Callable[[Any], None]], None], fd: int) -> None:
    """In the forked process: run work, sending each message framed by its length, then
    an empty frame (the end); if work raised, ("failed", what it raised) before the end.
    Never returns."""
    def send(message: Any) -> None:
        data = codec.encode(message)
        _write_all(fd, len(data).to_bytes(8, "big") + data)

    code = 0
    try:
        work(send)
        _write_all(fd, bytes(8))
    except BaseException as e:  # noqa: B036 -- anything: the parent says what
        code = 1
        try:
            send(("failed", f"{type(e).__name__}: {e}"))
            _write_all(fd, bytes(8))
        except BaseException:  # noqa: B036
            pass
    finally:
        try:
            sys.stdout.flush()
            sys.stderr.flush()
        finally:
            os._exit(code)


def _write_all(fd: int, data: bytes) -> None:
    """Write every byte of data to fd."""
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


def _watch(pid: int, fd: int, types: Iterable[type], limits: tuple[float, float],
           waiting: Callable[[float, list[Any]], None] | None,
           lap: Callable[[Any], bool]) -> list[Any]:
    """In the parent: read the child's messages until its end, calling waiting every tick
    and stopping it at the timeout (both counted from the start or the last lap)."""
    (timeout, tick), messages = limits, []
    buffer, ended, started = bytearray(), False, time.monotonic()
    next_tick = started + tick
    try:
        while not ended:
            now = time.monotonic()
            if timeout and now - started >= timeout:
                raise Overrun(now - started, messages)
            limit = min(next_tick, started + timeout) if timeout else next_tick
            if not select.select([fd], [], [], max(0.0, limit - now))[0]:
                if time.monotonic() >= next_tick:
                    next_tick += tick
                    if waiting:
                        waiting(time.monotonic() - started, messages)
                continue
            chunk = os.read(fd, 1 << 16)
            if not chunk:
                break
            buffer += chunk
            before = len(messages)
            ended = _take_messages(buffer, messages, types)
            if any(lap(message) for message in messages[before:]):
                started = time.monotonic()
                next_tick = started + tick
    finally:
        if not ended:
            _stop(pid)
        _, status = os.waitpid(pid, 0)
    if not ended:
        raise Died(_status(status), messages)
    return messages


def _take_messages(buffer: bytearray, messages: list[Any], types: Iterable[type]) -> bool:
    """Move the complete messages at the start of buffer to messages; True at the end."""
    while len(buffer) >= 8:
        length = int.from_bytes(buffer[:8], "big")
        if length == 0:
            return True
        if len(buffer) < 8 + length:
            return False
        messages.append(codec.decode(bytes(buffer[8:8 + length]), types))
        del buffer[:8 + length]
    return False


def _stop(pid: int) -> None:
    """Kill a child that has not ended (the parent reaps it)."""
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


def _status(status: int) -> str:
    """How a process ended, in words."""
    if os.WIFSIGNALED(status):
        return f"killed by signal {os.WTERMSIG(status)}"
    return f"exit status {os.WEXITSTATUS(status)}"
