"""The office server as the README sets it up: `gunicorn -w 2 drafter.web.wsgi:app` with the
workspace, database and key from the environment, on each store.  Units comment over HTTP from
several threads at once, both workers answering; every acknowledged comment is stored exactly
once and every unit's submission holds; the office logs in and its review page lists every
comment; without a login the office pages are closed, and a wrong token reaches nothing."""
from __future__ import annotations

import threading

import pytest

from helpers.store_db import OFFICE, PASSWORD, db_url, office, opened, store  # noqa: F401  (fixtures)
from helpers.webclient import Browser, gunicorn

pytestmark = pytest.mark.slow


@pytest.fixture
def server(db_url, opened, tmp_path):  # noqa: F811
    """gunicorn with two workers on the test's database; its port."""
    with gunicorn(tmp_path, db_url, workers=2) as port:
        yield port


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
