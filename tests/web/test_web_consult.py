"""The online 征求意见 pages through Flask's test client, on SQLite and PostgreSQL: who may
reach what (a unit's token its own comments only; office pages behind a login with a
rate limit), CSRF, the Content-Security-Policy without inline script, field messages, and the
office's cycle from opening to the next version."""
from __future__ import annotations

import re
from datetime import datetime, timedelta
from html.parser import HTMLParser

import pytest
from helpers.store_db import DRAFT, OFFICE, PASSWORD, db_url  # noqa: F401  (fixture)

from drafter.app import consultation as cs

UNITS = "卫生监督所，王五，0734-1111111\n疾控中心，赵六\n县人民医院"


@pytest.fixture
def app(tmp_path, db_url):  # noqa: F811
    from drafter.web import create_app

    (tmp_path / "plans").mkdir()
    (tmp_path / "plans" / "draft.yaml").write_text(DRAFT, encoding="utf-8")
    app = create_app(tmp_path, secret_key=b"test-key", database=db_url)
    app.config["TESTING"] = True
    yield app
    app.extensions["drafter.store"].dispose()


@pytest.fixture
def store(app):
    return app.extensions["drafter.store"]


@pytest.fixture
def office(store):
    cs.add_office_user(store, OFFICE, PASSWORD)
    return OFFICE


def csrf(client, path="/login") -> str:
    page = client.get(path).get_data(as_text=True)
    return re.search(r'<meta name="csrf-token" content="([^"]+)"', page).group(1)


def login(client, password=PASSWORD):
    return client.post("/login", data={"login": OFFICE, "password": password, "_csrf": csrf(client)})


@pytest.fixture
def clerk(app, office):
    client = app.test_client()
    assert login(client).status_code == 302
    return client


def open_via_form(clerk, units=UNITS, **extra):
    data = {"plan": "draft.yaml", "deadline": (datetime.now() + timedelta(days=7)).strftime("%Y-%m-%d"),
            "units": units, "_csrf": csrf(clerk, "/office/open"), **extra}
    r = clerk.post("/office/open", data=data)
    assert r.status_code == 200, r.get_data(as_text=True)
    page = r.get_data(as_text=True)
    links = dict(re.findall(r'value="(http://[^"]+/c/[^"]+)" data-unit="([^"]+)"', page))
    cid = int(re.search(r"/office/(\d+)", page).group(1))
    return cid, {unit: link.rsplit("/", 1)[-1] for link, unit in links.items()}


def unit_save(client, token, **fields):
    data = {"_csrf": csrf(client, "/c/" + token), **fields}
    return client.post("/c/%s/comments" % token, data=data, headers={"X-Requested-With": "fetch"})


def snapshot(store, cid):
    rv = cs.review(store, cid, who=OFFICE)
    return [(c.id, c.unit, c.task_id, c.said, c.reason, c.proposed, c.submitted, c.decision) for c in rv.comments()]


# Who may reach what -------------------------------------------------------------------------

def test_office_pages_need_a_login_and_the_workbench_does_once_an_account_exists(app, store):
    client = app.test_client()
    assert client.get("/").status_code == 200  # one PC, no accounts: the workbench as before
    cs.add_office_user(store, OFFICE, PASSWORD)
    token = csrf(client)
    for path in ("/", "/office/", "/office/open", "/office/1", "/office/1/review", "/office/1/summary.docx",
                 "/office/1/next", "/plans/draft.yaml"):
        r = client.get(path)
        assert r.status_code == 302 and r.headers["Location"].startswith("/login"), path
    for path in ("/office/1/close", "/office/open", "/office/1/comments/1/decide", "/office/1/units/1/reopen"):
        assert client.post(path, data={"_csrf": token}).status_code == 403, path


def test_a_server_needs_a_login_for_the_workbench_even_without_accounts(tmp_path, db_url):  # noqa: F811
    from drafter.web import create_app

    (tmp_path / "plans").mkdir()
    client = create_app(tmp_path, secret_key=b"k", database=db_url, login_always=True).test_client()
    assert client.get("/").status_code == 302
    assert client.get("/login").status_code == 200


def test_login_starts_a_new_session_with_safe_cookie_flags(app, office):
    client = app.test_client()
    before = csrf(client)
    r = login(client)
    assert r.status_code == 302 and r.headers["Location"] == "/office/"
    cookie = r.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Secure" not in cookie
    assert csrf(client, "/office/") != before  # the token of before the login is void
    assert client.post("/office/1/close", data={"_csrf": before}).status_code == 400
    client.post("/logout", data={"_csrf": csrf(client, "/office/")})
    assert client.get("/office/").status_code == 302


def test_secure_cookies_behind_https(tmp_path, db_url):  # noqa: F811
    from drafter.web import create_app

    (tmp_path / "plans").mkdir()
    app = create_app(tmp_path, secret_key=b"k", database=db_url, secure_cookies=True)
    cs.add_office_user(app.extensions["drafter.store"], OFFICE, PASSWORD)
    client = app.test_client()
    assert "Secure" in login(client).headers["Set-Cookie"]


def test_a_login_from_outside_never_redirects_off_site(app, office):
    client = app.test_client()
    r = client.post("/login", data={"login": OFFICE, "password": PASSWORD, "next": "//evil.example/x",
                                    "_csrf": csrf(client)})
    assert r.headers["Location"] == "/office/"


def test_the_sixth_wrong_password_is_refused_even_when_right(app, office):
    client = app.test_client()
    for _ in range(5):
        r = login(client, "wrong password")
        assert r.status_code == 401 and "账号或密码不正确" in r.get_data(as_text=True)
    r = login(client)
    assert r.status_code == 429 and "登录失败次数过多" in r.get_data(as_text=True)
    assert client.get("/office/").status_code == 302


def test_a_token_reaches_its_own_unit_and_nothing_else(app, store, clerk):
    cid, tokens = open_via_form(clerk)
    other_cid, other_tokens = open_via_form(clerk, units="乡镇卫生院")
    mine, theirs = tokens["卫生监督所"], tokens["疾控中心"]
    a = cs.save_comment(store, mine, task_id="t001", said="监督所的意见")
    b = cs.save_comment(store, theirs, task_id="t001", said="疾控中心的私下意见")
    before, before_other = snapshot(store, cid), snapshot(store, other_cid)

    unit = app.test_client()
    page = unit.get("/c/" + mine).get_data(as_text=True)
    assert "监督所的意见" in page and "疾控中心的私下意见" not in page
    token = csrf(unit, "/c/" + mine)
    attempts = [
        ("/c/%s/comments" % mine, {"comment_id": str(b), "said": "改掉别人的意见"}),
        ("/c/%s/comments/%d/delete" % (mine, b), {}),
        ("/c/%s/comments" % other_tokens["乡镇卫生院"], {"comment_id": str(a), "said": "跨次征求意见"}),
        ("/c/%s/comments" % (mine[:-2] + ("AA" if not mine.endswith("AA") else "BB")), {"said": "篡改的链接"}),
        ("/c/%s/submit" % theirs.upper(), {}),
    ]
    for path, data in attempts:
        r = unit.post(path, data={"_csrf": token, **data})
        assert r.status_code == 404, path
        assert "疾控中心的私下意见" not in r.get_data(as_text=True)
    assert unit.get("/c/%s" % mine[:-1]).status_code == 404
    r = unit.get("/c/not-a-token")
    assert r.status_code == 404 and "链接无效" in r.get_data(as_text=True) and "/office" not in r.get_data(as_text=True)
    for path in ("/office/", "/office/%d" % cid, "/office/%d/review" % cid, "/"):
        assert unit.get(path).status_code == 302, path  # the unit's browser has no login
    assert unit.post("/office/%d/comments/%d/decide" % (cid, b), data={"_csrf": token, "decision": "采纳"}).status_code == 403
    assert snapshot(store, cid) == before and snapshot(store, other_cid) == before_other


def test_a_decision_under_another_consultations_url_is_refused(store, clerk):
    cid, tokens = open_via_form(clerk)
    other_cid, _ = open_via_form(clerk, units="乡镇卫生院")
    b = cs.save_comment(store, tokens["疾控中心"], task_id="t002", said="基层就诊率目标偏高")
    r = clerk.post("/office/%d/comments/%d/decide" % (other_cid, b),
                   data={"_csrf": csrf(clerk, "/office/"), "decision": "采纳"})
    assert r.status_code == 404
    for path in ("/office/999/review", "/office/999", "/office/999/summary.docx", "/office/x/review"):
        assert clerk.get(path).status_code == 404, path
    assert all(d == "" for *_, d in snapshot(store, cid))


# A unit's page ------------------------------------------------------------------------------

def test_a_unit_saves_as_it_types_with_messages_at_the_field(app, store, clerk):
    cid, tokens = open_via_form(clerk)
    token, unit = tokens["卫生监督所"], app.test_client()
    r = unit_save(unit, token, task_id="t002", said="   ")
    assert r.status_code == 400 and r.json["errors"] == {"said": "请填写修改意见。"}
    r = unit_save(unit, token, task_id="t002", said="过长" * (cs.SAID_MAX // 2 + 1))
    assert r.status_code == 400 and "不能超过2000字" in r.json["errors"]["said"]
    wording = "完善分级诊疗制度\n基层就诊率达到65%以上，县域内就诊率达到90%。"
    for said in ("基层就诊率", "基层就诊率目标偏高"):  # two autosaves of one new comment
        r = unit_save(unit, token, task_id="t002", said=said, reason="偏远乡镇达不到", client_key="k1",
                      proposed=wording.replace("65%", "60%"))
        assert r.status_code == 200 and r.json["ok"]
    assert "<del>65%</del><ins>60%</ins>" in r.json["diff"]
    assert [(c[3], c[5]) for c in snapshot(store, cid)] == [("基层就诊率目标偏高", wording.replace("65%", "60%"))]
    # without JavaScript: the form posts, the page comes back with the message at the field
    r = unit.post("/c/%s/comments" % token, data={"_csrf": csrf(unit, "/c/" + token), "task_id": "t001", "said": ""})
    assert r.status_code == 400 and "请填写修改意见。" in r.get_data(as_text=True)
    assert re.search(r'<details class="new-comment" open><summary>对本条提出意见</summary>\s*<form[^>]+id="form-new-t001"',
                     r.get_data(as_text=True))  # the form with the message is the one shown
    r = unit.post("/c/%s/comments" % token, data={"_csrf": csrf(unit, "/c/" + token), "said": "总体同意"})
    assert r.status_code == 302 and "#comment-" in r.headers["Location"]
    page = unit.get("/c/" + token).get_data(as_text=True)
    assert "总体同意" in page and "<del>65%</del><ins>60%</ins>" in page


def test_submitted_comments_are_read_only_and_the_deadline_is_said(app, store, clerk, tmp_path):
    cid, tokens = open_via_form(clerk)
    token, unit = tokens["县人民医院"], app.test_client()
    assert unit_save(unit, token, task_id="t003", said="管理率目标偏高").status_code == 200
    r = unit.post("/c/%s/submit" % token, data={"_csrf": csrf(unit, "/c/" + token)})
    assert r.status_code == 302
    page = unit.get("/c/" + token).get_data(as_text=True)
    assert "已提交" in page and "管理率目标偏高" in page and "<textarea" not in page
    r = unit_save(unit, token, task_id="t003", said="再改一次")
    assert r.status_code == 400 and "不能再修改" in r.json["errors"]["said"]
    # the office reopens it (audited), and the unit may change its comments again
    clerk.post("/office/%d/units/%d/reopen" % (cid, cs.resolve_token(store, token).unit_id),
               data={"_csrf": csrf(clerk, "/office/"), "why": "单位要求补充"})
    assert unit_save(unit, token, task_id="t003", said="补充意见").status_code == 200
    assert any(a.action == "reopen" for a in cs.audit_log(store, cid, who=OFFICE))
    # past the deadline
    late = cs.open_consultation(store, tmp_path / "plans" / "draft.yaml", units=["迟到单位"], who=OFFICE,
                                deadline=datetime.now() + timedelta(seconds=1))
    late_token = late.links[0][1]
    assert unit_save(unit, late_token, said="赶在截止前").status_code == 200
    import time
    time.sleep(1.2)
    page = unit.get("/c/" + late_token).get_data(as_text=True)
    assert "截止" in page and "赶在截止前" in page and "<textarea" not in page
    r = unit_save(unit, late_token, said="截止后")
    assert r.status_code == 400 and "截止" in r.json["errors"]["said"]


def test_a_post_without_the_csrf_token_is_refused_and_changes_nothing(app, store, clerk):
    cid, tokens = open_via_form(clerk)
    unit = app.test_client()
    unit.get("/c/" + tokens["疾控中心"])
    r = unit.post("/c/%s/comments" % tokens["疾控中心"], data={"said": "伪造的意见"})
    assert r.status_code == 400 and "安全令牌" in r.get_data(as_text=True)
    r = unit.post("/c/%s/comments" % tokens["疾控中心"], data={"said": "伪造的意见", "_csrf": "x" * 43})
    assert r.status_code == 400
    assert clerk.post("/office/%d/close" % cid, data={}).status_code == 400
    assert snapshot(store, cid) == [] and cs.review(store, cid, who=OFFICE).state == "open"


class _Scripts(HTMLParser):
    def __init__(self):
        super().__init__()
        self.inline, self.handlers, self.sources = [], [], []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.handlers += [k for k in attrs if k.startswith("on")]
        self.handlers += [k for k, v in attrs.items() if (v or "").strip().lower().startswith("javascript:")]
        if tag == "script":
            self._in_script = True
            if "src" in attrs:
                self.sources.append(attrs["src"])
            else:
                self.inline.append("")

    def handle_endtag(self, tag):
        self._in_script = self._in_script and tag != "script"

    def handle_data(self, data):
        if self._in_script and data.strip():
            self.inline.append(data)


def test_every_page_has_the_csp_and_no_inline_script(app, store, clerk):
    cid, tokens = open_via_form(clerk)
    token = tokens["卫生监督所"]
    c = cs.save_comment(store, token, task_id="t002", said="意见", proposed="完善分级诊疗制度\n基层就诊率达到60%以上，县域内就诊率达到90%。")
    cs.submit(store, token)
    unit = app.test_client()
    pages = [(clerk, p) for p in ("/", "/office/", "/office/open", "/office/%d" % cid, "/office/%d/review" % cid,
                                  "/office/%d/next" % cid, "/plans/draft.yaml", "/office/999")]
    pages += [(unit, "/c/" + tokens["疾控中心"]), (unit, "/c/" + token), (unit, "/c/nothing"), (app.test_client(), "/login")]
    for client, path in pages:
        r = client.get(path)
        assert r.status_code in (200, 404), path
        csp = r.headers["Content-Security-Policy"]
        assert "script-src 'self';" in csp and "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
        assert "frame-ancestors" in csp and r.headers["X-Frame-Options"] == "SAMEORIGIN"
        parsed = _Scripts()
        parsed.feed(r.get_data(as_text=True))
        assert parsed.inline == [] and parsed.handlers == [], path
        assert all(s.startswith("/static/") for s in parsed.sources), path
    r = unit.get("/c/" + token)
    assert r.headers["Referrer-Policy"] == "no-referrer" and r.headers["Cache-Control"] == "no-store"
    assert c


# The office's cycle -------------------------------------------------------------------------

def test_the_office_opens_reviews_decides_exports_and_saves_the_next_version(app, store, clerk, tmp_path):
    r = clerk.post("/office/open", data={"plan": "draft.yaml", "units": "", "_csrf": csrf(clerk, "/office/open")})
    assert r.status_code == 400 and "请列出至少一个征求意见的单位" in r.get_data(as_text=True)
    r = clerk.post("/office/open", data={"plan": "draft.yaml", "units": "甲", "deadline": "明天",
                                         "_csrf": csrf(clerk, "/office/open")})
    assert r.status_code == 400 and "截止时间须是日期" in r.get_data(as_text=True)
    cid, tokens = open_via_form(clerk)
    assert len(tokens) == 3 and all(len(t) >= 22 for t in tokens.values())
    progress = clerk.get("/office/%d" % cid).get_data(as_text=True)
    assert "王五" in progress and "0734-1111111" in progress and "尚未提交" in progress
    assert not any(t in progress for t in tokens.values())  # the links were shown once

    wording = "完善分级诊疗制度\n基层就诊率达到65%以上，县域内就诊率达到90%。"
    a = cs.save_comment(store, tokens["卫生监督所"], task_id="t002", said="建议下调基层就诊率目标",
                        proposed=wording.replace("65%", "60%"))
    b = cs.save_comment(store, tokens["疾控中心"], task_id="t002", said="建议下调基层就诊率目标。",
                        proposed=wording.replace("65%", "60%"))
    for t in tokens.values():
        cs.submit(store, t)
    page = clerk.get("/office/%d/review" % cid).get_data(as_text=True)
    assert page.count('data-group="1"') == 2 and "<del>65%</del><ins>60%</ins>" in page
    token = csrf(clerk, "/office/")
    r = clerk.post("/office/%d/comments/%d/decide" % (cid, a), data={"_csrf": token, "decision": "采纳", "reason": "符合实际"})
    assert r.status_code == 302
    r = clerk.post("/office/%d/comments/%d/decide" % (cid, b), data={"_csrf": token, "decision": "同意"})
    assert r.status_code == 400 and "处理意见须是" in r.get_data(as_text=True)
    page = clerk.get("/office/%d/review" % cid).get_data(as_text=True)
    assert "采纳 · %s" % OFFICE in page
    for fmt in ("docx", "xlsx"):
        r = clerk.get("/office/%d/summary.%s" % (cid, fmt))
        assert r.status_code == 200 and r.data[:2] == b"PK" and "attachment" in r.headers["Content-Disposition"]
    r = clerk.get("/office/%d/summary.docx" % cid)
    from io import BytesIO

    from docx import Document

    cells = [c.text for t in Document(BytesIO(r.data)).tables for row in t.rows for c in row.cells]
    assert "采纳" in cells and any("60%" in c for c in cells)
    page = clerk.get("/office/%d/next" % cid).get_data(as_text=True)
    assert "60%" in page and "65%" in page
    r = clerk.post("/office/%d/next" % cid, data={"_csrf": token, "name": "draft-2.yaml"})
    assert r.status_code == 302
    saved = (tmp_path / "plans" / "draft-2.yaml").read_text(encoding="utf-8")
    assert saved == DRAFT.replace("65%以上", "60%以上")
    assert [a.action for a in cs.audit_log(store, cid, who=OFFICE)].count("decide") == 1
    r = clerk.post("/office/%d/close" % cid, data={"_csrf": token})
    assert r.status_code == 302 and cs.review(store, cid, who=OFFICE).state == "closed"
    page = app.test_client().get("/c/" + tokens["卫生监督所"]).get_data(as_text=True)
    assert "已结束" in page


# drafter serve --add-user / --database ------------------------------------------------------

def _serve(args, answer):
    from click.testing import CliRunner

    from drafter.cli import run

    with CliRunner().isolation(input=answer) as streams:
        code = run([str(a) for a in args])
        return code, streams[0].getvalue().decode("utf-8") + streams[1].getvalue().decode("utf-8")


def test_serve_adds_an_office_account_to_the_database_it_is_given(tmp_path, db_url):  # noqa: F811
    from drafter.app.consult_web import check_login, has_office_users, open_web_store

    code, out = _serve(["serve", tmp_path, "--database", db_url, "--add-user", OFFICE], "%s\n%s\n" % (PASSWORD, PASSWORD))
    assert code == 0 and "office account %s created" % OFFICE in out
    code, out = _serve(["serve", tmp_path, "--database", db_url, "--add-user", "短密码"], "1234\n1234\n")
    assert code == 2 and "密码至少8个字符" in out and "Traceback" not in out
    store = open_web_store(db_url, tmp_path)
    try:
        assert check_login(store, OFFICE, PASSWORD, "127.0.0.1") == OFFICE and has_office_users(store)
    finally:
        store.dispose()
    assert not (tmp_path / ".drafter" / "drafter.db").exists() or db_url.startswith("sqlite")


def test_the_wsgi_entry_reads_its_settings_from_the_environment(tmp_path, db_url):  # noqa: F811
    import json
    import os
    import subprocess
    import sys

    (tmp_path / "plans").mkdir()
    env = dict(os.environ, DRAFTER_WORKSPACE=str(tmp_path), DRAFTER_DATABASE_URL=db_url,
               DRAFTER_SECRET_KEY="shared by every worker", DRAFTER_SECURE_COOKIES="1", DRAFTER_PROXY_HOPS="1")
    probe = tmp_path / "probe.py"
    probe.write_text("""
import json, re
from drafter.app.consultation import add_office_user
from drafter.web.wsgi import app
add_office_user(app.extensions["drafter.store"], %r, %r)
c = app.test_client()
first = c.get("/").status_code
def attempt(password, client_address):
    token = re.search(r'csrf-token" content="([^"]+)"', c.get("/login").get_data(as_text=True)).group(1)
    return c.post("/login", data={"login": %r, "password": password, "_csrf": token},
                  headers={"X-Forwarded-For": client_address}).status_code
tries = [attempt("wrong password", "10.0.0.1") for _ in range(6)] + [attempt(%r, "10.0.0.2")]
print(json.dumps([first, tries, app.config["SESSION_COOKIE_SECURE"], app.secret_key.decode(),
                  app.extensions["drafter.store"].dialect]))
""" % (OFFICE, PASSWORD, OFFICE, PASSWORD), encoding="utf-8")
    out = subprocess.run([sys.executable, str(probe)], env=env, capture_output=True, text=True, check=True).stdout
    first, tries, secure, key, dialect = json.loads(out)
    assert first == 302 and secure is True and key == "shared by every worker"  # a server: login first
    # behind the proxy, the limit counts each client's address: one client's failures block only it
    assert tries == [401] * 5 + [429, 302]
    assert dialect == db_url.split(":")[0].split("+")[0] and not (tmp_path / ".drafter" / "secret_key").exists()


def test_a_partial_acceptance_keeps_the_offices_wording_in_the_summary(store, clerk):
    from io import BytesIO

    from openpyxl import load_workbook

    cid, tokens = open_via_form(clerk)
    a = cs.save_comment(store, tokens["卫生监督所"], task_id="t003", said="高血压患者规范管理率目标偏低")
    cs.submit(store, tokens["卫生监督所"])
    r = clerk.post("/office/%d/comments/%d/decide" % (cid, a),
                   data={"_csrf": csrf(clerk, "/office/"), "decision": "部分采纳", "reason": "适当提高",
                         "proposed": "高血压患者规范管理率达到68%"})
    assert r.status_code == 302
    sheet = load_workbook(BytesIO(clerk.get("/office/%d/summary.xlsx" % cid).data)).active
    values = [str(v) for row in sheet.iter_rows(values_only=True) for v in row if v is not None]
    assert "部分采纳" in values and any("高血压患者规范管理率达到68%" in v for v in values)


def test_units_come_from_the_offices_xlsx_list(store, clerk, tmp_path):
    from io import BytesIO

    from openpyxl import Workbook

    wb = Workbook()
    for row in (["2031年征求意见单位名单"], ["序号", "单位", "联系人", "电话"], [1, "县妇幼保健院", "孙八", "0734-3333333"],
                [2, "县中医院", "周九", None]):
        wb.active.append(row)
    data = BytesIO()
    wb.save(data)

    def post(filename, payload):
        return clerk.post("/office/open", content_type="multipart/form-data",
                          data={"plan": "draft.yaml", "units": "", "_csrf": csrf(clerk, "/office/open"),
                                "units_file": (BytesIO(payload), filename)})

    r = post("名单.xls", data.getvalue())
    assert r.status_code == 400 and "单位名单须是 .xlsx 文件" in r.get_data(as_text=True)
    r = post("名单.xlsx", b"PK\x03\x04 not a workbook")
    assert r.status_code == 400 and 'id="error-units"' in r.get_data(as_text=True)
    r = post("名单.xlsx", data.getvalue())
    assert r.status_code == 200
    cid = int(re.search(r"/office/(\d+)", r.get_data(as_text=True)).group(1))
    rows = cs.progress(store, cid, who=OFFICE)
    assert [(u.name, u.contact, u.phone) for u in rows] == [("县妇幼保健院", "孙八", "0734-3333333"), ("县中医院", "周九", "")]
    assert not any((tmp_path / ".drafter" / "tmp").iterdir())  # the upload is not kept
