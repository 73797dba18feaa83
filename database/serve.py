"""``doudi serve``: Datasette over the database, read-only (immutable) and on loopback, reopened
whenever a build swaps the file in.

SQLite opens an immutable file once per connection and Datasette keeps one connection per thread,
so a server left running across ``doudi build`` (which replaces the file, a new inode) answers
from old and new files by turns. Here Datasette runs as a child process watched by this one: when
the file at ``db_path`` is another file (inode, size or time changed) and reads as a doudi
database, the child is stopped and a fresh one started on the new file.
"""
from __future__ import annotations

import ipaddress
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable

from .probe import database_problem
from .publish import PLUGINS_DIR, metadata

POLL_SECONDS = 1.0


def is_loopback(host: str) -> bool:
    """``127.0.0.1``, ``::1``, ``localhost``: only this machine can reach the server."""
    try:
        infos = socket.getaddrinfo(host, None)
    except (socket.gaierror, UnicodeError):
        return False
    return bool(infos) and all(ipaddress.ip_address(i[4][0].split("%")[0]).is_loopback for i in infos)


def _stamp(path: Path):
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_ino, st.st_size, st.st_mtime_ns


def datasette_args(db_path: Path, meta: Path, host: str, port: int) -> list[str]:
    return [sys.executable, "-m", "datasette", "serve", "-i", str(db_path), "-m", str(meta),
            "--plugins-dir", str(PLUGINS_DIR), "--host", host, "--port", str(port)]


def serve(db_path, host: str = "127.0.0.1", port: int = 8001, *,
          log: Callable[[str], None] = print, poll: float = POLL_SECONDS) -> int:
    """Serve until Datasette exits (its exit status) or Ctrl-C (0)."""
    db_path = Path(db_path).absolute()
    with tempfile.TemporaryDirectory(prefix="doudi-serve-") as tmp:
        meta = Path(tmp) / "metadata.json"
        meta.write_text(json.dumps(metadata(db_path), ensure_ascii=False), "utf-8")
        args = datasette_args(db_path, meta, host, port)
        previous = signal.signal(signal.SIGTERM, _stop)  # the child is stopped too, not orphaned
        try:
            return _supervise(args, db_path, log, poll)
        except KeyboardInterrupt:  # Ctrl-C or SIGTERM: how a server stops
            return 0
        finally:
            signal.signal(signal.SIGTERM, previous)


def _stop(signum, frame):
    raise KeyboardInterrupt


def _supervise(args, db_path: Path, log, poll: float) -> int:
    while True:
        stamp = _stamp(db_path)
        child = subprocess.Popen(args)
        try:
            while child.poll() is None:
                time.sleep(poll)
                now = _stamp(db_path)
                if now != stamp and now is not None and database_problem(db_path) is None:
                    break
            else:
                return child.returncode
        finally:
            if child.poll() is None:
                child.terminate()
                try:
                    child.wait(10)
                except subprocess.TimeoutExpired:
                    child.kill()
                    child.wait()
        log(f"{db_path.name} was rebuilt: serving the new file")
