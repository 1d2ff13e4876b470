"""A server over real HTTP, for the tests and the load bench: a free port, `gunicorn` running
drafter.web.wsgi as the README sets it up, and a browser-like client (cookie jar, the CSRF
token of the last page read)."""
from __future__ import annotations

import contextlib
import http.cookiejar
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Iterator


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def gunicorn(workspace: Path, database: str, workers: int = 2, threads: int = 1) -> Iterator[int]:
    """gunicorn with `workers` processes on `database`, every worker with the same key; yields
    its port once /login answers, and stops it afterwards."""
    port = free_port()
    env = dict(os.environ, DRAFTER_WORKSPACE=str(workspace), DRAFTER_DATABASE_URL=database,
               DRAFTER_SECRET_KEY="a key every worker shares")
    proc = subprocess.Popen([sys.executable, "-m", "gunicorn", "-w", str(workers), "--threads", str(threads),
                             "-b", "127.0.0.1:%d" % port, "drafter.web.wsgi:app"], env=env, cwd=workspace,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    try:
        while True:
            try:
                with urllib.request.urlopen("http://127.0.0.1:%d/login" % port, timeout=1):
                    break
            except (urllib.error.URLError, OSError):
                if proc.poll() is not None:
                    raise AssertionError("gunicorn exited: %s" % proc.stderr.read().decode("utf-8", "replace")[-2000:])
                if time.monotonic() > deadline:
                    raise AssertionError("gunicorn did not answer on %d" % port)
                time.sleep(0.1)
        yield port
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()


class Browser:
    """One user's browser on 127.0.0.1:`port`: a cookie jar and the CSRF token of the last page."""

    def __init__(self, port: int):
        self.base = "http://127.0.0.1:%d" % port
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
        self.csrf = ""

    def get(self, path: str) -> tuple[int, str, str]:
        """(status, page, the URL it ended on after redirects)."""
        try:
            with self.opener.open(self.base + path, timeout=30) as r:
                page = r.read().decode("utf-8")
                status, url = r.status, r.url
        except urllib.error.HTTPError as e:
            return e.code, e.read().decode("utf-8", "replace"), path
        m = re.search(r'name="_csrf" value="([^"]+)"', page)
        if m:
            self.csrf = m.group(1)
        return status, page, url

    def post(self, path: str, fields: dict[str, str], json_answer: bool = False) -> tuple[int, str]:
        """(status, body) of a form post with the CSRF token; `json_answer` asks as the page's
        script does (the unit page's autosave answers JSON then)."""
        data = urllib.parse.urlencode({"_csrf": self.csrf, **fields}).encode("utf-8")
        headers = {"X-Requested-With": "fetch"} if json_answer else {}
        try:
            with self.opener.open(urllib.request.Request(self.base + path, data=data, headers=headers), timeout=30) as r:
                return r.status, r.read().decode("utf-8")
        except urllib.error.HTTPError as e:
            return e.code, e.read().decode("utf-8", "replace")
