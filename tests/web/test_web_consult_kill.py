"""A server killed at any moment loses nothing it acknowledged: units save comments over HTTP
to a real `drafter serve` process, the server is killed with SIGKILL in the middle of the load,
started again on the same database, and every comment the server answered with an id is there
exactly once (issue 19)."""
from __future__ import annotations

import http.cookiejar
import json
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest

from helpers.store_db import DRAFT, db_url, draft_file, office, opened, store  # noqa: F401  (fixtures)
from helpers.webclient import free_port


def _serve(workspace, url: str, port: int) -> subprocess.Popen:
    proc = subprocess.Popen([sys.executable, "-m", "drafter", "serve", str(workspace), "--port", str(port),
                             "--database", url], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return proc
        except OSError:
            if proc.poll() is not None:
                raise AssertionError("drafter serve exited with %s" % proc.returncode)
            time.sleep(0.05)
    proc.kill()
    raise AssertionError("drafter serve did not listen on %d" % port)


class Unit:
    """One unit's browser: its cookie jar, the CSRF token of its page, its link."""

    def __init__(self, port: int, token: str):
        self.base = "http://127.0.0.1:%d/c/%s" % (port, token)
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
        page = self.opener.open(self.base, timeout=10).read().decode("utf-8")
        self.csrf = re.search(r'name="_csrf" value="([^"]+)"', page).group(1)

    def save(self, task_id: str, said: str, key: str) -> int:
        data = urllib.parse.urlencode({"_csrf": self.csrf, "task_id": task_id, "said": said, "reason": "",
                                       "client_key": key}).encode("utf-8")
        req = urllib.request.Request(self.base + "/comments", data=data, headers={"X-Requested-With": "fetch"})
        answer = json.loads(self.opener.open(req, timeout=10).read().decode("utf-8"))
        assert answer["ok"], answer
        return answer["id"]


@pytest.mark.slow
def test_a_killed_server_loses_no_acknowledged_comment(db_url, store, opened, tmp_path):  # noqa: F811
    from sqlalchemy import select

    from drafter.app.consultation import unit_view
    from drafter.store.models import Comment

    _, links = opened
    token = next(iter(links.values()))
    tasks = [t.id for t in unit_view(store, token).tasks]
    port = free_port()
    server = _serve(tmp_path, db_url, port)
    unit = Unit(port, token)
    acked: list[tuple[str, int]] = []
    stop = threading.Event()

    def load():
        n = 0
        while not stop.is_set():
            key = "k%d" % n
            try:
                acked.append((key, unit.save(tasks[n % len(tasks)], "意见%d" % n, key)))
            except (urllib.error.URLError, ConnectionError, OSError):
                return  # the server is gone: what it answered before counts
            n += 1

    worker = threading.Thread(target=load)
    worker.start()
    while len(acked) < 20 and worker.is_alive():
        time.sleep(0.01)
    os.kill(server.pid, signal.SIGKILL)
    server.wait(timeout=30)
    stop.set()
    worker.join(timeout=30)
    assert len(acked) >= 20

    server = _serve(tmp_path, db_url, port)  # restarted on the same database
    try:
        again = Unit(port, token)
        retried = again.save(tasks[0], "重启后再存", acked[-1][0])  # a retried save is not a second comment
        assert retried == acked[-1][1]
        fresh = again.save(tasks[0], "重启后新意见", "after-restart")
    finally:
        server.kill()
        server.wait(timeout=30)
    with store.session() as s:
        rows = s.execute(select(Comment.id, Comment.client_key)).all()
    ids = [r.id for r in rows]
    assert len(ids) == len(set(ids))
    stored = {r.client_key: r.id for r in rows}
    assert all(stored.get(key) == cid for key, cid in acked), "an acknowledged comment was lost"
    assert stored["after-restart"] == fresh
    assert len(rows) <= len(acked) + 2  # at most the one cut off mid-answer, and the fresh one
