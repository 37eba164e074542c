"""One way to run the build's parallel work (pages, PDFs): forked worker processes.

Workers are forked, so each starts with the parent's state at that moment — the loaded
site, the renderer, the cache — and none of it is pickled: only each item and its result
cross between processes. The function the workers run is named when the pool starts (a
closure is fine) and kept for that pool alone, so pools never share module globals.
"""

from __future__ import annotations

import multiprocessing
from contextlib import contextmanager
from typing import Any, Callable, Iterable, Iterator

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
