"""Online 征求意见 end to end in Debian's Chromium (Playwright, sync API): the office opens a
consultation on seed 004, two units comment through their links in separate browser contexts
(one proposes a wording, and submits), the office sees the two near-identical comments
grouped, decides, exports the 汇总表 and applies the accepted wording; the next version differs
from the draft by exactly that edit.  Screenshots go to outputs/test-artifacts/consult-*.png."""
from __future__ import annotations

import re
import threading
from datetime import date, timedelta

import pytest

from helpers import need, seed_path

pytestmark = [pytest.mark.chromium, pytest.mark.seeds, pytest.mark.slow]

OFFICE, PASSWORD = "办公室小沈", "a long enough password"
UNITS = {"市疾控中心": ("张三", "85260001"), "市第一人民医院": ("李四", "85260002")}


@pytest.fixture
def server(tmp_path):
    from werkzeug.serving import make_server

    from drafter.app import consultation as cs
    from drafter.app import workspace as wsapp
    from drafter.web import create_app

    (tmp_path / "plans").mkdir()
    app = create_app(tmp_path, secret_key=b"browser-test", database="sqlite:///%s" % (tmp_path / "consult.db"))
    ws = app.extensions["drafter.workspace"]
    seed = seed_path("004")
    staged = wsapp.stage_import(ws, seed.read_bytes(), seed.name)
    saved = wsapp.save_import(ws, staged.token, "2012-征求意见稿.yaml", who="测试")
    cs.add_office_user(app.extensions["drafter.store"], OFFICE, PASSWORD)
    srv = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    yield "http://127.0.0.1:%d" % srv.socket.getsockname()[1], ws, saved.name
    srv.shutdown()
    thread.join()
    app.extensions["drafter.store"].dispose()


@pytest.fixture
def browser(chromium):
    try:
        from playwright import sync_api
    except ImportError:
        sync_api = None
    need("playwright (pip install playwright)", sync_api is not None, "DRAFTER_REQUIRE_CHROMIUM")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium, headless=True)
        yield b
        b.close()


def new_page(browser):
    context = browser.new_context(accept_downloads=True, locale="zh-CN", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.on("dialog", lambda d: d.accept())  # the submit / close confirmations
    return page


def shot(page, artifacts, name, selector=None):
    path = str(artifacts / ("consult-%s.png" % name))
    if selector:
        page.locator(selector).screenshot(path=path)
    else:
        page.screenshot(path=path, full_page=True)


def the_task(ws, name):
    """A task of the draft with a number in a text paragraph, and its wording with that number
    raised by one (the edit a unit proposes)."""
    from drafter.app import consultation as cs

    tasks = cs.draft_tasks(ws.read(name)[0])
    for node, _ in tasks.plan.walk():
        if node.id and any(re.search(r"\d+%", p) for p in node.paragraphs()):
            wording = cs.task_wording(node)
            number = re.search(r"(\d+)%", wording)
            changed = wording[:number.start(1)] + str(int(number.group(1)) + 1) + wording[number.end(1):]
            return node.id, wording, changed
    raise AssertionError("seed 004 has no task with a percentage")


def _numbers(wording):
    """The (old, new) percentage of the proposed edit."""
    old = re.search(r"\d+%", wording).group()
    return old, str(int(old[:-1]) + 1) + "%"


def comment(page, task_id, said, reason, proposed=None):
    box = page.locator('[id="task-%s"] details.new-comment' % task_id)
    box.locator("summary").first.click()
    box.locator("textarea[name=said]").fill(said)
    box.locator("textarea[name=reason]").fill(reason)
    if proposed is not None:
        box.locator("details summary").click()
        box.locator("textarea[name=proposed]").fill(proposed)
        box.locator("[data-diff] ins").first.wait_for()  # the autosave answered with the diff
    box.locator(".status", has_text="已自动保存").wait_for()


def test_a_consultation_from_opening_to_the_next_version(server, browser, artifacts, tmp_path):
    from docx import Document

    from drafter.readers.yaml import loads

    url, ws, plan_name = server
    task_id, wording, changed = the_task(ws, plan_name)

    office = new_page(browser)
    office.goto(url + "/office/")
    office.fill("input[name=login]", OFFICE)
    office.fill("input[name=password]", PASSWORD)
    office.click("#login")
    office.click("#open-new")
    office.select_option("#plan", plan_name)
    office.fill("#deadline", (date.today() + timedelta(days=7)).isoformat())
    office.fill("#units", "\n".join("%s，%s，%s" % (u, *c) for u, c in UNITS.items()))
    office.click("#open-consultation")
    office.wait_for_selector("#links")
    shot(office, artifacts, "links")
    links = {el.get_attribute("data-unit"): el.input_value() for el in office.query_selector_all("input.link")}
    assert set(links) == set(UNITS) and all(re.search(r"/c/[A-Za-z0-9_-]{40,}$", v) for v in links.values())

    first, second = new_page(browser), new_page(browser)  # separate contexts: no shared cookies
    first.goto(links["市疾控中心"])
    assert first.locator("#unit-name").inner_text() == "市疾控中心"
    comment(first, task_id, "建议适当提高目标值。", "我市基础较好。", changed)
    shot(first, artifacts, "unit-proposal", '[id="task-%s"]' % task_id)
    second.goto(links["市第一人民医院"])
    comment(second, task_id, "建议适当提高目标值", "与省里要求一致", changed)
    assert "我市基础较好" not in second.content()  # a unit sees only its own comments
    first.click("#submit-comments")
    first.locator("#state", has_text="已提交").wait_for()
    assert first.locator("textarea").count() == 0
    shot(first, artifacts, "unit-submitted", '[id="task-%s"]' % task_id)

    office.click("#to-progress")
    assert "已提交" in office.locator('tr[data-unit="市疾控中心"]').inner_text()
    assert "尚未提交" in office.locator('tr[data-unit="市第一人民医院"]').inner_text()
    assert "85260002" in office.locator("#progress").inner_text()
    office.click("#to-review")
    rows = office.locator("tr[data-comment]")
    assert rows.count() == 2
    assert {rows.nth(i).get_attribute("data-group") for i in range(2)} == {"1"}  # grouped as near-identical
    accepted = office.locator('tr[data-comment]:has(td.unit:has-text("市疾控中心"))')
    accepted.locator("select[name=decision]").select_option("采纳")
    accepted.locator("input[name=reason]").fill("符合实际")
    accepted.locator("button.decide-save").click()
    office.locator("span.decided", has_text="采纳 · %s" % OFFICE).wait_for()
    rejected = office.locator('tr[data-comment]:has(td.unit:has-text("市第一人民医院"))')
    rejected.locator("select[name=decision]").select_option("不采纳")
    rejected.locator("input[name=reason]").fill("未提交")
    rejected.locator("button.decide-save").click()
    office.locator("span.decided", has_text="不采纳").wait_for()
    shot(office, artifacts, "review")

    with office.expect_download() as info:
        office.click("#summary-docx")
    info.value.save_as(str(tmp_path / "summary.docx"))
    cells = [c.text for t in Document(str(tmp_path / "summary.docx")).tables for r in t.rows for c in r.cells]
    assert "采纳" in cells and "市疾控中心" in " ".join(cells) and "市第一人民医院" not in " ".join(cells)

    office.click("#next-version")
    office.wait_for_selector("#yaml-diff")
    changes = office.locator("#changes").inner_text()
    assert "0 added, 0 removed, 1 modified, 0 moved" in changes
    diff_lines = [ln for ln in office.locator("#yaml-diff").inner_text().splitlines()
                  if ln[:1] in "+-" and not ln.startswith(("+++", "---"))]
    assert len(diff_lines) == 2 and diff_lines[1][1:] == diff_lines[0][1:].replace(*_numbers(wording), 1)
    shot(office, artifacts, "next-version")
    office.click("#save-next")
    office.wait_for_selector("form#editor")
    saved_name = office.url.rsplit("/", 1)[-1]
    from urllib.parse import unquote

    before = loads(ws.read(plan_name)[0], plan_name).plan
    after = loads(ws.read(unquote(saved_name))[0], "next.yaml").plan
    from drafter.app import consultation as cs

    def wordings(plan):
        return {n.id: cs.task_wording(n) for n, _ in plan.walk() if n.id}

    old, new = wordings(before), wordings(after)
    assert old.keys() == new.keys()
    assert {k for k in old if old[k] != new[k]} == {task_id} and new[task_id] == changed
