"""End to end in Debian's Chromium (Playwright, sync API): the drafter's year in the browser.

The app runs in a thread on 127.0.0.1 (a free port); Chromium is the system one (browser
downloads are not available).  Screenshots of each page go to outputs/test-artifacts/.
"""
from __future__ import annotations

import shutil
import threading
from pathlib import Path

import pytest

from helpers import need, seed_path

pytestmark = [pytest.mark.chromium]

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def server(tmp_path):
    from werkzeug.serving import make_server

    from drafter.web import create_app

    (tmp_path / "plans").mkdir()
    shutil.copy(ROOT / "plans" / "2015-南通市-工作要点.yaml", tmp_path / "plans")
    srv = make_server("127.0.0.1", 0, create_app(tmp_path), threaded=True)
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    yield "http://127.0.0.1:%d" % srv.socket.getsockname()[1], tmp_path
    srv.shutdown()
    thread.join()


@pytest.fixture
def page(chromium):
    try:
        from playwright import sync_api
    except ImportError:
        sync_api = None
    need("playwright (pip install playwright)", sync_api is not None, "DRAFTER_REQUIRE_CHROMIUM")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, headless=True)
        context = browser.new_context(accept_downloads=True, locale="zh-CN",
                                      viewport={"width": 1280, "height": 900})
        pg = context.new_page()
        pg.on("dialog", lambda d: d.accept())  # the delete / restore confirmations
        yield pg
        context.close()
        browser.close()


def shot(page, artifacts, name):
    page.screenshot(path=str(artifacts / ("web-%s.png" % name)), full_page=False)


def import_seed(page, url, key="000") -> str:
    page.goto(url + "/import")
    page.set_input_files("input[name=document]", str(seed_path(key)))
    page.click("#upload")
    page.wait_for_selector("text=识别出的结构")
    page.click("#save-import")
    page.wait_for_selector("form#editor")
    return page.url.rsplit("/", 1)[-1]


def download(page, selector, target: Path) -> Path:
    with page.expect_download() as info:
        page.click(selector)
    info.value.save_as(str(target))
    return target


@pytest.mark.libreoffice
@pytest.mark.seeds
@pytest.mark.slow
def test_import_edit_save_preview_and_download(server, page, artifacts, soffice, tmp_path):
    url, ws = server
    page.goto(url + "/")
    assert page.locator("tr[data-plan]").count() == 1
    shot(page, artifacts, "plans")
    page.goto(url + "/import")
    page.set_input_files("input[name=document]", str(seed_path("000")))
    page.click("#upload")
    page.wait_for_selector("text=识别出的结构")
    assert page.locator("ol.outline li").count() > 20
    shot(page, artifacts, "import")
    page.click("#save-import")
    page.wait_for_selector("form#editor")
    name = page.url.rsplit("/", 1)[-1]
    shot(page, artifacts, "editor")

    # fix a field of the notice, edit an item, save
    page.fill("input[name='notice.doc_number']", "衡卫发〔2017〕9号")
    title = page.locator("input[name='item.0.0.title']")
    title.fill(title.input_value() + "网页编辑")
    page.click("#save")
    page.wait_for_selector("text=已保存")
    assert page.locator("input[name='notice.doc_number']").input_value() == "衡卫发〔2017〕9号"
    from urllib.parse import unquote

    text = (ws / "plans" / unquote(name)).read_text("utf-8")
    assert "网页编辑" in text and "衡卫发〔2017〕9号" in text

    # the preview shows the edit (its PDF holds it), the downloads hold it
    page.click("#to-preview")
    page.wait_for_selector("img.page", timeout=180_000)
    assert page.locator("img.page").count() >= 2
    assert page.evaluate("document.querySelector('img.page').naturalWidth") > 100
    shot(page, artifacts, "preview")
    pdf = download(page, "#download-pdf", tmp_path / "notice.pdf")
    import pdfplumber

    with pdfplumber.open(pdf) as doc:
        pdf_text = "".join("".join((p.extract_text() or "").split()) for p in doc.pages)
    assert "网页编辑" in pdf_text and "衡卫发〔2017〕9号" in pdf_text
    docx = download(page, "#download-docx", tmp_path / "notice.docx")
    from docx import Document

    body = "".join(p.text for p in Document(str(docx)).paragraphs)
    assert "网页编辑" in body and "衡卫发〔2017〕9号" in body
    xlsx = download(page, "#download-xlsx", tmp_path / "tasks.xlsx")
    assert xlsx.read_bytes()[:2] == b"PK"


@pytest.mark.seeds
def test_moving_an_item_changes_the_numbers(server, page, artifacts):
    url, ws = server
    import_seed(page, url, "001")
    first = page.locator("fieldset#item\\.0\\.0")
    moved_title = page.locator("input[name='item.0.0.title']").input_value()
    assert first.get_attribute("data-label") == "1、"
    page.click("button[name=op][value='down:0.0']")
    page.wait_for_selector("text=编号已更新")
    assert page.locator("input[name='item.0.1.title']").input_value() == moved_title
    assert page.locator("fieldset#item\\.0\\.1").get_attribute("data-label") == "2、"
    assert page.locator("fieldset#item\\.0\\.1 legend .label").inner_text() == "2、"
    # into another section: numbering runs on across sections (1、… continuous), so it
    # takes the number after the last item of that section
    page.select_option("select[name=to]", "1")
    page.click("button[name=op][value='move:0.1']")
    page.wait_for_selector("text=编号已更新")
    last = page.locator("fieldset.depth-1[id^='item.1.']").last
    assert last.locator("input[name$='.title']").first.input_value() == moved_title
    shot(page, artifacts, "moved")


def test_a_save_conflict_is_refused_and_nothing_is_lost(server, page, artifacts):
    url, ws = server
    plan = ws / "plans" / "2015-南通市-工作要点.yaml"
    page.goto(url + "/plans/" + plan.name)
    theirs = plan.read_text("utf-8").replace("优化医疗资源配置", "优化医疗卫生资源配置")
    plan.write_text(theirs, "utf-8")  # a colleague, or the CLI, saves meanwhile
    page.fill("input[name='item.0.0.title']", "我在网页上的修改")
    page.click("#save")
    page.wait_for_selector("#my-version")
    assert "文件已被修改" in page.inner_text("h1")
    assert "优化医疗卫生资源配置" in page.inner_text("#current-version")
    assert "我在网页上的修改" in page.inner_text("#my-version")
    assert plan.read_text("utf-8") == theirs
    shot(page, artifacts, "conflict")


def test_a_bad_upload_gets_a_message_not_a_500(server, page, artifacts, tmp_path):
    url, ws = server
    bad = tmp_path / "去年.docx"
    bad.write_bytes(b"PK\x03\x04 this is no Word file")
    page.goto(url + "/import")
    page.set_input_files("input[name=document]", str(bad))
    with page.expect_response(lambda r: r.url.endswith("/import")) as resp:
        page.click("#upload")
    assert resp.value.status == 400
    assert page.locator("#error-message").is_visible()
    assert "Traceback" not in page.content()
    shot(page, artifacts, "bad-upload")
    assert sorted(p.name for p in (ws / "plans").iterdir()) == ["2015-南通市-工作要点.yaml"]


def test_validation_as_you_type_and_history_restore(server, page, artifacts):
    url, ws = server
    plan = ws / "plans" / "2015-南通市-工作要点.yaml"
    original = plan.read_text("utf-8")
    page.goto(url + "/plans/" + plan.name)
    page.fill("input[name='item.0.0.title']", "优化医疗资源配置,提升效率")
    page.wait_for_selector("ul.msgs[data-for='item.0.0.title'] li")
    assert "半角" in page.inner_text("ul.msgs[data-for='item.0.0.title']")
    page.click("#save")
    page.wait_for_selector("text=已保存")
    page.goto(url + "/plans/%s/history" % plan.name)
    shot(page, artifacts, "history")
    page.locator("tr[data-version] button", has_text="恢复").last.click()
    page.wait_for_selector("text=已恢复")
    assert plan.read_text("utf-8") == original


@pytest.mark.seeds
@pytest.mark.slow
def test_every_seed_imports_through_the_browser_and_opens(server, page, artifacts):
    url, ws = server
    from helpers import SEED_FILES

    for key in SEED_FILES:
        name = import_seed(page, url, key)
        assert page.locator("fieldset.item").count() >= 5, key
        page.wait_for_selector("form#editor[data-validated]")  # the check's messages arrived
        page.goto(url + "/plans/%s/check" % name)
        assert page.locator("h1").inner_text().startswith("检查")
    page.goto(url + "/")
    assert page.locator("tr[data-plan]").count() == 1 + len(SEED_FILES)
    assert page.locator("td .error").count() == 0
    shot(page, artifacts, "plans-seeds")


def test_check_fix_rollover_and_compare(server, page, artifacts, tmp_path):
    url, ws = server
    name = "2015-南通市-工作要点.yaml"
    page.goto(url + "/plans/%s/check" % name)
    assert page.locator("tr.warning").count() > 3
    hrefs = [a.get_attribute("href") for a in page.locator("tr.warning a").all()]
    assert any("#item." in h for h in hrefs) and any(h.endswith("#plan.preamble") for h in hrefs)
    shot(page, artifacts, "check")
    page.locator("tr.warning a", has_text="sections[").first.click()  # to the item's field
    target = page.evaluate("location.hash").lstrip("#")
    assert target.startswith("item.") and page.locator("[id='%s']" % target).is_visible()
    page.go_back()
    page.click("#fix")
    page.wait_for_selector("text=已自动修正")
    assert page.locator("td", has_text="punct-halfwidth").count() == 0
    # next year's draft, with its review list linking to the items
    page.goto(url + "/plans/" + name)
    page.click("text=生成下一年度草稿")
    page.wait_for_selector("#open-new")
    shot(page, artifacts, "rollover")
    new = page.get_attribute("#open-new", "href").rsplit("/", 1)[-1]
    # compare the two, side by side, and download the redline and the 新旧对照表
    page.goto(url + "/compare")
    page.select_option("#compare-a", "plan:" + name)
    from urllib.parse import unquote

    page.select_option("#compare-b", "plan:" + unquote(new))
    page.click("#compare")
    page.wait_for_selector("iframe#report")
    report = page.frame_locator("iframe#report")
    assert "修改对照报告" in report.locator("h1").inner_text()
    shot(page, artifacts, "compare")
    for link in ("#download-redline", "#download-table"):
        got = download(page, link, tmp_path / (link[1:] + ".docx"))
        assert got.read_bytes()[:2] == b"PK"
    # the bundled plans open in the editor too
    for plan in sorted((ROOT / "plans").glob("*.yaml")):
        shutil.copy(plan, ws / "plans" / plan.name)
        page.goto(url + "/plans/" + plan.name)
        assert page.locator("fieldset.item").count() >= 10, plan.name
