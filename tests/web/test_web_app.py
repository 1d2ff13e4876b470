"""The web workbench through Flask's test client: routes, CSRF, names, history, conflicts."""
from __future__ import annotations

import io
import re
import shutil
from urllib.parse import quote
from pathlib import Path

import pytest

from drafter.app.workspace import Workspace, edit_text
from drafter.readers.yaml import loads
from drafter.web import create_app

ROOT = Path(__file__).resolve().parents[2]

SMALL = """\
# 测试用计划（注释须保留）
format: 1
title: 2030年全市卫生健康工作要点
year: 2030
issuer: 示例市卫生健康委员会
status: draft
sections:
  - id: aaaa
    title: 深化改革
    items:
      - id: bbbb       # 第一项
        title: 推进医院改革
        text: |-
          完善管理制度。
        lead: [医政科]
      - id: cccc
        title: 加强基层服务
  - id: dddd
    title: 公共卫生
    items:
      - id: eeee
        title: 做好疾病防控
notice:
  kind: issue
  doc_number: 示卫发〔2030〕1号
  recipients: [各县区卫生健康局]
  date: 2030-03-01
  plan_as: text
"""
NAME = "2030-示例.yaml"


@pytest.fixture
def ws(tmp_path) -> Workspace:
    (tmp_path / "plans").mkdir()
    (tmp_path / "plans" / NAME).write_text(SMALL, "utf-8")
    return Workspace(tmp_path)


@pytest.fixture
def client(ws):
    app = create_app(ws.root, secret_key=b"test-key")
    c = app.test_client()
    c.get("/")  # starts the session that holds the CSRF token
    return c


def token(client) -> str:
    html = client.get("/").get_data(as_text=True)
    return re.search(r'name="csrf-token" content="([^"]+)"', html).group(1)


def editor_form(client, name=NAME) -> dict[str, str]:
    """The editor's form fields as the browser would submit them."""
    html = client.get("/plans/" + name).get_data(as_text=True)
    from lxml import html as lh

    form = lh.fromstring(html).get_element_by_id("editor")
    data = {}
    for el in form.iter("input", "textarea", "select"):
        key = el.get("name")
        if not key or key == "op" or el.get("type") == "file":
            continue
        if el.tag == "textarea":
            data[key] = el.text or ""
        elif el.tag == "select":
            chosen = [o for o in el.iter("option") if o.get("selected") is not None] or list(el.iter("option"))[:1]
            data[key] = chosen[0].get("value") if chosen else ""
        else:
            data[key] = el.get("value", "")
    return data


def test_the_list_shows_each_plan_with_year_title_status_and_item_count(client):
    html = client.get("/").get_data(as_text=True)
    row = re.search(r'<tr data-plan="%s">(.*?)</tr>' % re.escape(NAME), html, re.S).group(1)
    assert "2030" in row and "2030年全市卫生健康工作要点" in row
    assert "征求意见稿" in row and "<td>5</td>" in row


def test_every_post_without_the_csrf_token_is_refused_and_changes_nothing(client, ws):
    before = (ws.plans / NAME).read_bytes()
    for url in ("/plans/%s/delete" % NAME, "/plans/%s/duplicate" % NAME, "/plans/%s" % NAME):
        r = client.post(url, data={"plan.title": "改了"})
        assert r.status_code == 400
        assert "安全令牌" in r.get_data(as_text=True)
    r = client.post("/plans/%s/delete" % NAME, data={"_csrf": "wrong"})
    assert r.status_code == 400
    assert (ws.plans / NAME).read_bytes() == before
    assert sorted(p.name for p in ws.plans.iterdir()) == [NAME]


@pytest.mark.parametrize("name", ["..", "../x.yaml", "..%2Fx.yaml", "%2E%2E%2Fsecret_key", ".drafter",
                                  "a%5Cb.yaml", "x.txt", ".hidden.yaml", "%00.yaml"])
def test_plan_names_that_leave_plans_are_refused(client, ws, name):
    (ws.root / "x.yaml").write_text(SMALL, "utf-8")  # a plan outside plans/
    t = token(client)
    for r in (client.get("/plans/" + name), client.get("/plans/%s/history" % name),
              client.post("/plans/%s/delete" % name, data={"_csrf": t}),
              client.post("/plans/%s" % name, data={"_csrf": t, "plan.title": "x"})):
        assert r.status_code in (400, 404, 405)
        assert "Traceback" not in r.get_data(as_text=True)
    assert (ws.root / "x.yaml").read_text("utf-8") == SMALL
    assert (ws.plans / NAME).read_text("utf-8") == SMALL


def test_workspace_refuses_names_outside_plans(ws):
    from drafter.app.workspace import NameRefused

    (ws.root / "outside.yaml").write_text(SMALL, "utf-8")
    (ws.plans / "link.yaml").symlink_to(ws.root / "outside.yaml")
    for bad in ("../outside.yaml", "link.yaml", "/etc/passwd", "sub/x.yaml", "x.yaml\n", ""):
        with pytest.raises(NameRefused):
            ws.path(bad)


def test_save_edits_fields_keeps_comments_and_key_order_and_history(client, ws):
    form = editor_form(client)
    assert form["notice.doc_number"] == "示卫发〔2030〕1号"
    form["notice.doc_number"] = "示卫发〔2030〕2号"
    form["item.0.0.title"] = "全面推进医院改革"
    form["item.0.0.support"] = "财务科、人事科"
    form["who"] = "李四"
    r = client.post("/plans/" + NAME, data=form)
    assert r.status_code == 302
    text = (ws.plans / NAME).read_text("utf-8")
    assert "# 测试用计划（注释须保留）" in text and "# 第一项" in text
    assert "doc_number: 示卫发〔2030〕2号" in text
    assert "support: [财务科, 人事科]" in text
    plan = loads(text).plan
    assert plan.sections[0].items[0].title == "全面推进医院改革"
    assert plan.sections[0].items[0].lead == ["医政科"]
    keys = [line.split(":")[0] for line in text.splitlines() if re.match(r"^[a-z]", line)]
    assert keys == ["format", "title", "year", "issuer", "status", "sections", "notice"]
    # an untouched form changes no byte
    r = client.post("/plans/" + NAME, data=editor_form(client))
    assert (ws.plans / NAME).read_text("utf-8") == text
    versions = ws.history(NAME)
    assert [v.who for v in versions] == ["李四", "（保存前的版本）"]
    assert Path(ws.version_path(NAME, versions[1].id)).read_text("utf-8") == SMALL


def test_a_save_on_a_plan_changed_on_disk_is_refused_and_shows_both_versions(client, ws):
    form = editor_form(client)
    theirs = SMALL.replace("做好疾病防控", "做好传染病防控")
    (ws.plans / NAME).write_text(theirs, "utf-8")  # the CLI or a colleague
    form["item.0.0.title"] = "我的修改"
    r = client.post("/plans/" + NAME, data=form)
    assert r.status_code == 409
    html = r.get_data(as_text=True)
    assert "做好传染病防控" in html and "我的修改" in html
    assert 'id="conflict-report"' in html and "修改对照报告" in html and str(ws.root) not in html
    assert (ws.plans / NAME).read_text("utf-8") == theirs
    assert ws.history(NAME) == []


def test_restore_brings_back_an_earlier_version_and_keeps_the_current_one(client, ws):
    form = editor_form(client)
    form["plan.title"] = "2030年全市卫生健康工作要点（修改稿）"
    client.post("/plans/" + NAME, data=form)
    old = ws.history(NAME)[-1]
    r = client.get("/plans/%s/history/%s" % (NAME, old.id))
    assert r.status_code == 200 and "修改对照报告" in r.get_data(as_text=True)
    base = ws.read(NAME)[1]
    r = client.post("/plans/%s/history/%s/restore" % (NAME, old.id), data={"_csrf": token(client), "base": base})
    assert r.status_code == 302
    assert (ws.plans / NAME).read_text("utf-8") == SMALL
    texts = [ws.version_path(NAME, v.id).read_text("utf-8") for v in ws.history(NAME)]
    assert any("修改稿" in t for t in texts) and texts[0] == SMALL


def labels(client, name=NAME) -> list[tuple[str, str]]:
    html = client.get("/plans/" + name).get_data(as_text=True)
    return re.findall(r'<fieldset class="item depth-\d" id="([^"]+)" data-label="([^"]*)"', html)


def test_move_add_delete_renumber_the_tree(client, ws):
    assert labels(client)[:3] == [("item.0", "一、"), ("item.0.0", "（一）"), ("item.0.1", "（二）")]
    form = editor_form(client)
    r = client.post("/plans/" + NAME, data={**form, "op": "down:0.0"})
    assert r.status_code == 302
    plan = loads((ws.plans / NAME).read_text("utf-8")).plan
    assert [i.id for i in plan.sections[0].items] == ["cccc", "bbbb"]
    form = editor_form(client)
    client.post("/plans/" + NAME, data={**form, "op": "move:0.1", "to": "1"})
    plan = loads((ws.plans / NAME).read_text("utf-8")).plan
    assert [i.id for i in plan.sections[1].items] == ["eeee", "bbbb"]
    form = editor_form(client)
    client.post("/plans/" + NAME, data={**form, "op": "add-child:1.1"})
    client.post("/plans/" + NAME, data={**editor_form(client), "op": "delete:0"})
    plan = loads((ws.plans / NAME).read_text("utf-8")).plan
    assert [s.id for s in plan.sections] == ["dddd"]
    assert plan.sections[0].items[1].items[0].title == "新任务" and plan.sections[0].items[1].items[0].id
    assert labels(client) == [("item.0", "一、"), ("item.0.0", "（一）"), ("item.0.1", "（二）"),
                              ("item.0.1.0", "1.")]
    assert len(ws.history(NAME)) == 5


def test_an_invalid_value_is_shown_at_its_field_and_not_saved(client, ws):
    form = editor_form(client)
    form["plan.year"] = "二〇三〇年"
    form["notice.date"] = "2030-02-30"
    r = client.post("/plans/" + NAME, data=form)
    assert r.status_code == 400
    html = r.get_data(as_text=True)
    assert 'value="二〇三〇年"' in html  # what the user typed is kept
    year_msgs = re.search(r'<ul class="msgs" data-for="plan.year">(.*?)</ul>', html, re.S).group(1)
    date_msgs = re.search(r'<ul class="msgs" data-for="notice.date">(.*?)</ul>', html, re.S).group(1)
    assert "错误" in year_msgs and "错误" in date_msgs
    assert (ws.plans / NAME).read_text("utf-8") == SMALL


def test_validation_as_you_type_gives_the_check_messages_by_field(client, ws):
    form = editor_form(client)
    form["item.0.0.text"] = "完善管理制度,加强考核。"
    r = client.post("/plans/%s/validate" % NAME, data=form)
    fields = r.get_json()["fields"]
    assert any("半角" in m for m in fields["item.0.0.text"])
    assert (ws.plans / NAME).read_text("utf-8") == SMALL


def test_duplicate_and_delete_to_the_recycle_folder(client, ws):
    t = token(client)
    client.post("/plans/%s/duplicate" % NAME, data={"_csrf": t})
    names = sorted(p.name for p in ws.plans.iterdir())
    assert names == ["2030-示例-副本.yaml", NAME]
    assert (ws.plans / "2030-示例-副本.yaml").read_text("utf-8") == SMALL
    r = client.post("/plans/%s/delete" % NAME, data={"_csrf": t})
    assert r.status_code == 302
    assert not (ws.plans / NAME).exists()
    recycled = list((ws.state / "recycle").iterdir())
    assert len(recycled) == 1 and recycled[0].read_text("utf-8") == SMALL
    html = client.get("/").get_data(as_text=True)
    assert "回收站（1）" in html
    r = client.post("/recycle/%s/restore" % recycled[0].name, data={"_csrf": t})
    assert r.status_code == 302 and (ws.plans / NAME).read_text("utf-8") == SMALL
    assert not list((ws.state / "recycle").iterdir())
    r = client.post("/recycle/..%2F..%2Fplans%2Fx/restore", data={"_csrf": t})
    assert r.status_code in (400, 404)


IMPORT_TEXT = """示例市卫生健康委员会关于印发2031年全市卫生健康工作要点的通知

各县区卫生健康局：
现将《2031年全市卫生健康工作要点》印发给你们，请认真贯彻落实。

2031年全市卫生健康工作要点

一、深化医药卫生体制改革
（一）推进公立医院改革。完善现代医院管理制度。（医政科牵头）
（二）加强基层卫生服务。提升基层服务能力。
二、加强公共卫生
（三）做好疾病防控。落实免疫规划。
"""


def test_import_shows_the_structure_and_warnings_then_saves_as_a_plan(client, ws):
    data = {"_csrf": token(client), "document": (io.BytesIO(IMPORT_TEXT.encode("gb18030")), "../../去年.txt")}
    r = client.post("/import", data=data, content_type="multipart/form-data")
    html = r.get_data(as_text=True)
    assert r.status_code == 200, html
    assert "推进公立医院改革" in html and "识别出的结构" in html and "导入提示" in html
    assert not (ws.root.parent / "去年.txt").exists()
    assert sorted(p.name for p in ws.plans.iterdir()) == [NAME]  # nothing saved yet
    action = re.search(r'action="(/import/[0-9a-f]+)"', html).group(1)
    assert 'name="notice.recipients" value="各县区卫生健康局"' in html
    r = client.post(action, data={"_csrf": token(client), "name": "2031-导入", "notice.date": "2031-02-30"})
    assert r.status_code == 400 and "notice.date" in r.get_data(as_text=True)
    assert not (ws.plans / "2031-导入.yaml").exists()
    r = client.post(action, data={"_csrf": token(client), "name": "2031-导入", "notice.doc_number": "示卫发〔2031〕5号",
                                  "plan.issuer": "示例市卫生健康委员会"})
    assert r.status_code == 302
    plan = loads((ws.plans / "2031-导入.yaml").read_text("utf-8")).plan
    assert plan.notice.doc_number == "示卫发〔2031〕5号" and plan.issuer == "示例市卫生健康委员会"
    assert [s.title for s in plan.sections] == ["深化医药卫生体制改革", "加强公共卫生"]
    assert all(node.id for node, _ in plan.walk())


@pytest.mark.parametrize("filename,data", [("x.exe", b"MZ\x90\x00"), ("x.docx", b"PK\x03\x04 not a zip"),
                                           ("x.pdf", b"%PDF-1.4 broken"), ("x.txt", b""),
                                           ("x.docx", b"\x00" * 100)])
def test_a_bad_upload_gets_a_message_and_leaves_the_workspace_as_it_was(client, ws, filename, data):
    before = sorted(str(p.relative_to(ws.root)) for p in ws.root.rglob("*") if "secret" not in p.name)
    r = client.post("/import", data={"_csrf": token(client), "document": (io.BytesIO(data), filename)},
                    content_type="multipart/form-data")
    html = r.get_data(as_text=True)
    assert r.status_code == 400
    assert 'id="error-message"' in html and "Traceback" not in html
    assert str(ws.root) not in html  # the message names the upload, not where it was kept
    after = sorted(str(p.relative_to(ws.root)) for p in ws.root.rglob("*") if "secret" not in p.name)
    assert [p for p in after if p not in (".drafter", ".drafter/tmp")] == before  # no leftovers


def test_an_upload_over_the_size_limit_is_refused(client, ws):
    big = io.BytesIO(b"a" * (21 * 1024 * 1024))
    r = client.post("/import", data={"_csrf": token(client), "document": (big, "big.txt")},
                    content_type="multipart/form-data")
    assert r.status_code == 413 and "太大" in r.get_data(as_text=True)


def test_check_page_links_findings_and_fixes_them_in_one_click(client, ws):
    (ws.plans / NAME).write_text(SMALL.replace("完善管理制度。", "完善管理制度,加强考核。"), "utf-8")
    html = client.get("/plans/%s/check" % NAME).get_data(as_text=True)
    assert "punct-halfwidth" in html and 'href="/plans/%s#item.0.0.text"' % quote(NAME) in html
    assert 'id="item.0.0.text"' in client.get("/plans/" + NAME).get_data(as_text=True)
    base = ws.read(NAME)[1]
    r = client.post("/plans/%s/fix" % NAME, data={"_csrf": token(client), "base": base})
    assert r.status_code == 302
    assert "完善管理制度，加强考核。" in (ws.plans / NAME).read_text("utf-8")
    assert "# 第一项" in (ws.plans / NAME).read_text("utf-8")
    assert ws.history(NAME)[0].note.startswith("自动修正")
    assert not list(ws.plans.glob("*.bak"))


def test_rollover_makes_next_years_draft_as_a_new_plan(client, ws):
    r = client.post("/plans/%s/rollover" % NAME, data={"_csrf": token(client)})
    html = r.get_data(as_text=True)
    assert r.status_code == 200, html
    assert (ws.plans / "2031-示例.yaml").exists()
    assert loads((ws.plans / "2031-示例.yaml").read_text("utf-8")).plan.year == 2031
    assert "2031 年度草稿" in html


def test_compare_two_plans_report_and_downloads(client, ws):
    other = SMALL.replace("做好疾病防控", "做好重大疾病防控")
    (ws.plans / "2031-示例.yaml").write_text(other, "utf-8")
    q = "a=plan:%s&b=plan:2031-示例.yaml" % NAME
    html = client.get("/compare?" + q).get_data(as_text=True)
    assert "修改对照报告" in html and "重大" in html
    assert str(ws.root) not in html  # plans are named, server paths are not shown
    for what in ("redline", "table"):
        r = client.get("/compare/download/%s?%s" % (what, q))
        assert r.status_code == 200 and r.data[:2] == b"PK"
    r = client.get("/compare?a=plan:../x.yaml&b=plan:" + NAME)
    assert r.status_code == 400


def test_an_unexpected_error_shows_a_chinese_message_not_a_traceback(client, ws, monkeypatch, caplog):
    def boom(self):
        raise RuntimeError("secret detail")

    monkeypatch.setattr(Workspace, "list_plans", boom)
    r = client.get("/")
    html = r.get_data(as_text=True)
    assert r.status_code == 500 and "服务器内部错误" in html
    assert "secret detail" not in html and "Traceback" not in html
    assert "secret detail" in caplog.text


def test_templates_escape_what_plans_say(client, ws):
    (ws.plans / NAME).write_text(SMALL.replace("推进医院改革", "<script>alert(1)</script>"), "utf-8")
    html = client.get("/plans/" + NAME).get_data(as_text=True)
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;" in html


def test_bundled_plans_open_in_the_editor(tmp_path):
    shutil.copytree(ROOT / "plans", tmp_path / "plans")
    client = create_app(tmp_path, secret_key=b"k").test_client()
    html = client.get("/").get_data(as_text=True)
    for p in sorted((tmp_path / "plans").glob("*.yaml")):
        r = client.get("/plans/" + p.name)
        assert r.status_code == 200, p.name
        assert p.name in html


def test_edit_text_with_no_changes_keeps_every_byte():
    assert edit_text(SMALL, {}) == SMALL


def test_the_web_app_calls_the_application_layer_only():
    """Routes hold no logic of their own: below drafter.app they reach only the errors."""
    from test_layers import MODULES

    web = {m: imps for m, imps in MODULES.items() if m == "drafter.web" or m.startswith("drafter.web.")}
    assert len(web) >= 4
    for module, imports in web.items():
        own = {i for i in imports if i.startswith("drafter") and not i.startswith(("drafter.web", "drafter.app"))}
        assert own <= {"drafter.errors", "drafter.errors.DrafterError", "drafter.errors.InputError"}, module


def test_saves_from_a_kept_tree_write_what_a_fresh_parse_would(ws):
    """The editor's next save starts from the tree the last one wrote: the text must be the
    same as editing the file from scratch."""
    steps = [({"item.0.0.title": "推进医院改革一"}, None), ({}, "down:0.0"),
             ({"notice.recipients": "甲局、乙局", "item.1.0.text": "落实免疫规划。\n\n加强监测。"}, "add-child:1.0"),
             ({"item.1.0.0.title": "子任务"}, "move:0.1:1")]
    text = SMALL
    for changes, op in steps:
        base = ws.read(NAME)[1]
        ws.edit(NAME, changes, op, base)
        text = edit_text(text, changes, op)
        assert ws.read(NAME)[0] == text
    assert "# 第一项" in text and loads(text).plan.notice.recipients == ["甲局", "乙局"]


def test_serve_prints_its_address_binds_localhost_and_serves(tmp_path):
    import subprocess
    import sys
    import urllib.request

    (tmp_path / "plans").mkdir()
    (tmp_path / "plans" / NAME).write_text(SMALL, "utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "drafter", "serve", str(tmp_path), "--port", "0"],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        line = proc.stdout.readline()
        m = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
        assert m, line
        html = urllib.request.urlopen("http://127.0.0.1:%s/" % m.group(1), timeout=30).read().decode("utf-8")
        assert "2030年全市卫生健康工作要点" in html
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def test_serve_says_so_when_the_port_is_taken(tmp_path, cli):
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        r = cli("serve", str(tmp_path), "--port", str(port))
    assert r.code == 2
    assert "cannot listen on 127.0.0.1:%d" % port in r.err and "--port %d" % (port + 1) in r.err
    assert "Traceback" not in r.err


def test_a_plan_that_no_longer_reads_is_mended_in_its_yaml_source(client, ws):
    broken = SMALL.replace("    items:\n      - id: eeee", "    items: 做好\n      - id: eeee")
    (ws.plans / NAME).write_text(broken, "utf-8")
    html = client.get("/").get_data(as_text=True)
    assert "无法读取" in html and "/plans/%s/source" % quote(NAME) in html
    r = client.get("/plans/" + NAME)
    assert r.status_code == 400 and 'id="to-source"' in r.get_data(as_text=True)
    page = client.get("/plans/%s/source" % NAME).get_data(as_text=True)
    assert "第" in page and "items: 做好" in page
    base = ws.read(NAME)[1]
    r = client.post("/plans/%s/source" % NAME, data={"_csrf": token(client), "base": base,
                                                      "text": broken.replace("2030", "2031", 1)})
    assert r.status_code == 400 and (ws.plans / NAME).read_text("utf-8") == broken
    r = client.post("/plans/%s/source" % NAME, data={"_csrf": token(client), "base": base, "who": "王五",
                                                      "text": SMALL.replace("\n", "\r\n")})
    assert r.status_code == 302 and (ws.plans / NAME).read_text("utf-8") == SMALL
    assert ws.history(NAME)[0].who == "王五" and ws.history(NAME)[1].hash == base
