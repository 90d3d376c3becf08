"""One writer at a time: a cross-process lock around every search index write.

Whoosh allows a single writer per index and raises `LockError` at a second one, so two
gunicorn workers, the task worker and a nightly `update_index` must never write at once.
An `fcntl.flock` on a lock file next to the index serialises them across processes; a
re-entrant in-process layer lets code that already holds the lock (a task that reads the
database and then writes) call code that takes it again (the backend) without deadlocking,
because two `flock`s on different descriptors of one file block each other even within
one process.
"""

import fcntl
import os
import threading
import time
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings


class IndexLockTimeout(Exception):
    """Raised when the index lock could not be taken in time; the caller retries later."""


_state = threading.local()
_process_lock = threading.RLock()


def lock_path():
    """Where the lock file lives: beside a Whoosh index, else in `var/`.

    `SEARCH_INDEX_LOCK_FILE` overrides it, e.g. to share a lock on one machine between
    two checkouts that write to the same Solr core.
    """
    configured = getattr(settings, "SEARCH_INDEX_LOCK_FILE", None)
    if configured:
        return Path(configured)
    index_path = settings.HAYSTACK_CONNECTIONS["default"].get("PATH")
    if index_path:
        index_path = Path(index_path)
        return index_path.parent / f"{index_path.name}.lock"
    return Path(settings.VAR_DIR) / "search-index.lock"


@contextmanager
def index_lock(timeout=120.0, poll=0.05):
    """Hold the index write lock for the block, waiting up to `timeout` seconds.

    Re-entrant within a thread. Raises `IndexLockTimeout` rather than waiting forever, so
    a stuck process cannot silently hold up every other writer.
    """
    depth = getattr(_state, "depth", 0)
    if depth:
        _state.depth = depth + 1
        try:
            yield
        finally:
            _state.depth -= 1
        return
    deadline = time.monotonic() + timeout
    if not _process_lock.acquire(timeout=timeout):
        raise IndexLockTimeout("Another thread holds the search index lock.")
    handle = None
    try:
        path = lock_path()
        path.parent.mkdir(parents=True, exist_ok=True)
        handle = os.open(path, os.O_RDWR | os.O_CREAT, 0o660)
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError as error:
                if time.monotonic() >= deadline:
                    raise IndexLockTimeout(
                        f"The search index lock {path} was held for over {timeout:.0f}s."
                    ) from error
                time.sleep(poll)
        _state.depth = 1
        try:
            yield
        finally:
            _state.depth = 0
            fcntl.flock(handle, fcntl.LOCK_UN)
    finally:
        if handle is not None:
            os.close(handle)
        _process_lock.release()
