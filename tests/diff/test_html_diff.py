"""The HTML diff report, loaded in headless Chromium: structure, links, no network."""
from __future__ import annotations

import copy
import re
import subprocess
from html.parser import HTMLParser

from helpers.diff_plans import seed_plan
from drafter.diff import compare
from drafter.model import Item
from drafter.writers.html import diff_report


def _pair():
    a = seed_plan("000")
    b = copy.deepcopy(a)
    b.sections[0].items[1].text = b.sections[0].items[1].text.replace("覆盖率达30%", "覆盖率达40%")
    gone = b.sections[0].items.pop(2)
    b.sections[1].items.insert(0, Item(title="开展<健康>扶贫工程", text="报销比例达到90%以上。"))
    return a, b, gone


def _chromium(chromium, tmp_path, url, *extra):
    return subprocess.run(
        [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run",
         "--user-data-dir=%s" % (tmp_path / "profile"), *extra, url],
        capture_output=True, text=True, timeout=120)


def test_report_in_chromium(chromium, tmp_path, artifacts):
    a, b, gone = _pair()
    page = tmp_path / "report.html"
    page.write_text(diff_report(compare(a, b, old_name="a.yaml", new_name="b.yaml")), encoding="utf-8")
    dom = _chromium(chromium, tmp_path, page.as_uri(), "--dump-dom").stdout
    assert "<del>30%</del>" in dom and "<ins>40%</ins>" in dom
    assert "开展&lt;健康&gt;扶贫工程" in dom  # text is escaped, never markup
    # summary numbers as rendered
    counts = dict(re.findall(r'<li class="count-(\w+)">[^<]*<b>(\d+)</b>', dom))
    assert counts["added"] == "1" and counts["removed"] == "1" and counts["modified"] == "1"
    # every jump link lands on a row that exists
    links = set(re.findall(r'href="#(c\d+)"', dom))
    ids = set(re.findall(r'id="(c\d+)"', dom))
    assert links and links <= ids
    # the removed item sits on the old side only, struck through
    rows = re.findall(r'<tr id="c\d+"[^>]*><td class="old">(.*?)</td>.*?<td class="new">(.*?)</td></tr>', dom, re.S)
    assert len(rows) == len(a.items()) + 1  # every item once, plus the added one
    old, new = next(r for r in rows if gone.title[:6] in r[0])
    assert "<del>" in old and new == ""
    # the target table
    assert re.search(r"<td>家庭医生签约服务覆盖率</td><td>30%</td><td>40%</td>", dom)
    shot = artifacts / "diff-report.png"
    shot.unlink(missing_ok=True)
    _chromium(chromium, tmp_path, page.as_uri(), "--window-size=1200,1600", "--screenshot=%s" % shot)
    assert shot.stat().st_size > 20_000


def test_report_is_self_contained():
    a, b, _ = _pair()
    html = diff_report(compare(a, b))

    class Refs(HTMLParser):
        found: list = []

        def handle_starttag(self, tag, attrs):
            for k, v in attrs:
                if k in ("src", "href") and v and not v.startswith("#"):
                    self.found.append(v)

    p = Refs()
    p.feed(html)
    assert p.found == []
    assert "<script" not in html and "@import" not in html and "url(" not in html
