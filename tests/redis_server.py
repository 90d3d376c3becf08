"""A throw-away redis-server for the tests that must run on the production cache backends.

Debian's `redis-server` (installed by `make test`, see the Makefile's `redis-server`
target) on a free loopback port, with no persistence, its files in a temporary folder,
stopped and deleted when the test session ends.
"""

import contextlib
import os
import shutil
import socket
import subprocess
import tempfile
import time

INSTALL_HINT = (
    "The cache tests need Debian's redis-server. Install it with: "
    "sudo apt-get install redis-server (or run `make redis-server` as root)"
)


def free_port():
    """A loopback port nothing is listening on at the moment."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def running_redis():
    """Start redis-server and yield its URL; stop it and remove its folder afterwards."""
    binary = shutil.which("redis-server")
    if binary is None:
        raise RuntimeError(INSTALL_HINT)
    folder = tempfile.mkdtemp(prefix="council-redis-")
    port = free_port()
    log = os.path.join(folder, "redis.log")
    process = subprocess.Popen(
        [
            binary,
            "--bind", "127.0.0.1",
            "--port", str(port),
            "--dir", folder,
            "--save", "",
            "--appendonly", "no",
            "--protected-mode", "yes",
            "--loglevel", "warning",
            "--logfile", log,
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.STDOUT,
    )  # fmt: skip
    try:
        _wait_until_listening(process, port, log)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        shutil.rmtree(folder, ignore_errors=True)


def _wait_until_listening(process, port, log, seconds=10):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            with open(log, encoding="utf-8", errors="replace") as messages:
                raise RuntimeError(f"redis-server stopped at start: {messages.read()}")
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.2):
            return
        time.sleep(0.05)
    raise RuntimeError(f"redis-server did not start listening on port {port}")


def redis_client():
    """A client for the server behind the default cache, to read what Django cannot (a
    key's TTL on the server's own clock, which time-machine does not move)."""
    import redis
    from django.core.cache import cache

    return redis.Redis.from_url(cache._servers[0])
