"""The office server as the README sets it up: `gunicorn -w 2 drafter.web.wsgi:app` with the
workspace, database and key from the environment, on each store.  Units comment over HTTP from
several threads at once, both workers answering; every acknowledged comment is stored exactly
once and every unit's submission holds; the office logs in and its review page lists every
comment; without a login the office pages are closed, and a wrong token reaches nothing."""
from __future__ import annotations

import http.cookiejar
import os
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest

from helpers.store_db import OFFICE, PASSWORD, db_url, office, opened, store  # noqa: F401  (fixtures)

pytestmark = pytest.mark.slow


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def server(db_url, opened, tmp_path):  # noqa: F811
    """gunicorn with two workers on the test's database; its port."""
    port = _free_port()
    env = dict(os.environ, DRAFTER_WORKSPACE=str(tmp_path), DRAFTER_DATABASE_URL=db_url,
               DRAFTER_SECRET_KEY="a key every worker shares")
    proc = subprocess.Popen([sys.executable, "-m", "gunicorn", "-w", "2", "-b", "127.0.0.1:%d" % port,
                             "drafter.web.wsgi:app"], env=env, cwd=tmp_path,
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
    """A cookie jar and the CSRF token of the last page read."""

    def __init__(self, port: int):
        self.base = "http://127.0.0.1:%d" % port
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
        self.csrf = ""

    def get(self, path: str) -> tuple[int, str, str]:
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
        data = urllib.parse.urlencode({"_csrf": self.csrf, **fields}).encode("utf-8")
        headers = {"X-Requested-With": "fetch"} if json_answer else {}
        try:
            with self.opener.open(urllib.request.Request(self.base + path, data=data, headers=headers), timeout=30) as r:
                return r.status, r.read().decode("utf-8")
        except urllib.error.HTTPError as e:
            return e.code, e.read().decode("utf-8", "replace")


def test_units_and_the_office_on_gunicorn_workers(server, store, opened):  # noqa: F811
    import json

    from sqlalchemy import select

    from drafter.app.consultation import unit_view
    from drafter.store.models import Comment, Unit

    cid, links = opened
    tasks = [t.id for t in unit_view(store, next(iter(links.values()))).tasks]
    acked: list[tuple[str, int]] = []
    errors: list[str] = []
    lock = threading.Lock()

    def unit_client(token: str, lane: int) -> None:
        browser = Browser(server)
        status, _, _ = browser.get("/c/%s" % token)
        assert status == 200
        for k in range(6):
            key = "%s-%d-%d" % (token[:6], lane, k)
            status, body = browser.post("/c/%s/comments" % token, {
                "task_id": tasks[(lane + k) % len(tasks)], "said": "第%d条意见：建议明确完成时限。" % k,
                "reason": "", "client_key": key}, json_answer=True)
            with lock:
                if status == 200 and json.loads(body).get("ok"):
                    acked.append((key, json.loads(body)["id"]))
                else:
                    errors.append("%d %s" % (status, body[:200]))

    threads = [threading.Thread(target=unit_client, args=(token, lane)) for token in links.values() for lane in (0, 1)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert errors == [] and len(acked) == 6 * len(threads)
    for token in links.values():
        browser = Browser(server)
        browser.get("/c/%s" % token)
        status, page = browser.post("/c/%s/submit" % token, {})
        assert status == 200 and "已提交" in page

    with store.session() as s:
        rows = s.execute(select(Comment.id, Comment.client_key)).all()
        submitted = s.scalars(select(Unit.submitted_at).where(Unit.consultation_id == cid)).all()
    assert sorted(r.id for r in rows) == sorted(i for _, i in acked), "lost or duplicated comments"
    assert all(submitted) and len(submitted) == len(links)

    outsider = Browser(server)
    status, page, url = outsider.get("/office/%d/review" % cid)
    assert "/login" in url and "建议明确完成时限" not in page
    assert outsider.get("/c/not-a-token")[0] == 404

    office_browser = Browser(server)
    office_browser.get("/login")
    status, _ = office_browser.post("/login", {"login": OFFICE, "password": PASSWORD, "next": ""})
    assert status == 200
    status, page, _ = office_browser.get("/office/%d/review" % cid)
    assert status == 200
    assert page.count("建议明确完成时限") >= len(acked)
