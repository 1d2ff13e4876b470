"""Portal metadata around a document copied from a government web site: `索引号: … 公开日期: …`,
`发布机构: … 文号: …`, `发布日期: … 信息来源: … 浏览次数:`, `当前位置: 首页 » …`, share and
font buttons, `上一篇 / 下一篇`, the site's footer.

These lines are not the document, so they are set aside before the header is read (else the
first of them ending in `:` becomes the 主送, or one is glued into the 文号).  Their facts stay
as evidence: a `文号` gives the 发文字号 when the body lacks one, a 发布日期 bounds the 成文日期.
"""
from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass, field
from typing import Any

from ..text.dates import parse_date
from ..text.punct import squeeze_spaces
from .front import DOC_NUMBER_RX

# Keys that name a metadata field wherever they stand in a line ...
_STRONG = ("索引号", "发布机构", "发文机关", "发文机构", "发布单位", "文号", "发布文号", "发文字号", "发文号", "文件编号",
           "发布日期", "发文日期", "信息名称", "公开类型", "公开属性", "公开期限",
           "公开日期", "生效日期", "有效性状态", "有效性", "发布时间", "信息来源", "浏览次数", "阅读次数", "点击数",
           "点击次数", "累计次数", "访问次数", "字体", "字号", "组配分类", "主题分类", "公开方式", "公开范围",
           "公开时限", "体裁分类", "所属机构", "成文日期", "废止日期", "信息分类", "发布状态", "添加时间", "更新时间",
           "浏览量", "访问量", "责任编辑", "编辑", "审核")
# ... and keys that do only at the start of a short line near the top (`时间:` `来源:` `发布:`).
_WEAK = ("名称", "标题", "时间", "发布", "来源", "作者", "分类", "主题词")
_KEY = re.compile("(%s)：" % "|".join(sorted(_STRONG + _WEAK, key=len, reverse=True)))
_STRONG_KEY = re.compile("(%s)：" % "|".join(sorted(_STRONG, key=len, reverse=True)))
_NOISE = re.compile(
    r"^(?:当前位置|您现在的位置|您现在所在的位置|您的位置|现在位置|所在位置)"
    r"|扫描二维码|分享到|分享好友|放大字体|缩小字体|打印本页|关闭窗口|【打印|【关闭"
    r"|^(?:上一篇|下一篇|主办单位|承办单位|网站标识码|核心提示)|备案号|设为首页|加入收藏|扫一扫在手机|无障碍浏览"
    r"|^[>»＞]|»|网站地图|^(?:网站)?首页[>＞›/]"
    # comments, links and a browser warning under the page; a document site's furniture
    r"|^(?:友情链接|评论列表|网友评论|相关文档|相关推荐|您可能关注的文档|最近下载|原创力文档|文档评论|侵权投诉|VIP专免)"
    r"|^当前浏览器版本过低|浏览器获得最佳浏览体验|^您即将离开|\.(?:docx?|pdf|pptx?|xlsx?)VIP$|^\d{4}-\d{1,2}-\d{1,2}\S*\d+(?:\.\d+)?KB\d+页")
_STAMP = re.compile(r"^\d{4}-\d{1,2}-\d{1,2}(?:\d{1,2}:\d{2}(?::\d{2})?)?$")  # a page's time stamp, squeezed
_BULLETS = "|•·●◆■▪◇ "
_DATE_KEYS = ("成文日期", "发布日期", "公开日期", "发布时间", "添加时间", "发文日期", "时间")
_NUMBER_KEYS = ("文号", "发布文号", "发文字号", "发文号", "文件编号")
_TITLE_KEYS = ("名称", "标题", "信息名称")
_SOURCE_KEYS = ("发布机构", "发文机关", "发文机构", "发布单位", "信息来源", "来源")
TOP = 15  # weak keys count only among the first paragraphs
TOP_LINES, TAIL = 40, 15  # where a page puts its furniture: above the document and below it
# What every portal line holds one of, tested on the raw line before the costly matching copy.
_MAYBE_WORDS = ("位置 二维码 二維碼 分享 字体 字體 打印 关闭 關閉 上一篇 下一篇 备案 備案 首页 首頁 收藏 扫一扫 掃一掃 无障碍 "
                "無障礙 地图 地圖 链接 鏈接 评论 評論 文档 文檔 下载 下載 侵权 侵權 VIP 浏览器 瀏覽器 即将离开 即將離開").split()
# (the look-ahead on first characters lets the search skip most positions at once)
_MAYBE = re.compile(r"(?=[:：>»＞|\d%s])(?:[:：>»＞|]|\d-\d|%s)"
                    % ("".join(sorted({w[0] for w in _MAYBE_WORDS})), "|".join(_MAYBE_WORDS)))


@dataclass
class Portal:
    """What the portal lines said: each fact with the paragraph it came from."""

    lines: list[tuple[int, str]] = field(default_factory=list)  # (paragraph, text) set aside
    doc_number: tuple[str, int, str] | None = None  # value, paragraph, the line
    title: tuple[str, int, str] | None = None  # the page's 名称/标题 field: value, paragraph, line
    published: tuple[_dt.date, int, str] | None = None  # earliest date the page gives, its key
    source: tuple[str, int] | None = None

    def meta(self) -> dict[str, Any]:
        """The lines themselves, kept in the plan's meta as before (`web`)."""
        return {"web": "\n".join(t for _, t in self.lines)}


def _fields(s: str, raw: str) -> list[tuple[str, str]]:
    """(key, value) pairs of a squeezed metadata line (`s`, simplified; values from `raw`)."""
    keys = list(_KEY.finditer(s))
    return [(m.group(1), raw[m.end():keys[k + 1].start() if k + 1 < len(keys) else len(s)])
            for k, m in enumerate(keys)]


def is_portal_line(s: str, position: int) -> bool:
    """Whether a squeezed, simplified line is portal furniture, not the document.  `position`:
    its index among the document's paragraphs."""
    s = s.strip(_BULLETS)
    if not s:
        return False
    if _NOISE.search(s) or _STAMP.match(s):
        return True
    if "。" in s and s.index("。") < len(s) - 1:
        return False  # a sentence that goes on: body text
    keys = _KEY.findall(s)
    if not keys:
        return False
    if len(keys) >= 2 or _STRONG_KEY.match(s):
        return True
    if position < TOP and s.startswith(keys[0] + "："):
        value = s[len(keys[0]) + 1:]
        return len(value) <= 40 and not re.search(r"[，。；]", value)
    return False


def set_aside(paras: list, simple, notes) -> tuple[list, Portal]:
    """The paragraphs without the portal lines, and what those lines said."""
    portal = Portal()
    kept = []
    last = len(paras) - TAIL
    for k, p in enumerate(paras):
        if TOP_LINES <= k < last or not _MAYBE.search(p.text):
            kept.append(p)
            continue
        s = squeeze_spaces(simple(p.text).replace("|", " ")).strip(_BULLETS)
        if not is_portal_line(s, k):
            kept.append(p)
            continue
        portal.lines.append((p.n, p.text))
        notes.add("info", "web-leftover", "web-page line moved to meta: %s" % p.text[:40], p.n)
        raw = squeeze_spaces(p.text.replace("|", " ")).strip(_BULLETS)
        for key, value in _fields(s, raw if len(raw) == len(s) else s):
            if key in _NUMBER_KEYS and value and portal.doc_number is None \
                    and DOC_NUMBER_RX.match(simple(value)):
                portal.doc_number = (value, p.n, p.text)
            elif key in _TITLE_KEYS and value.strip() and portal.title is None:
                portal.title = (value.strip(), p.n, p.text)
            elif key in _DATE_KEYS and value:
                d = parse_date(value)
                if d and (portal.published is None or d < portal.published[0]):
                    portal.published = (d, p.n, key)
            elif key in _SOURCE_KEYS and value and portal.source is None:
                portal.source = (value, p.n)
        if _STAMP.match(s):
            d = parse_date(s)
            if d and (portal.published is None or d < portal.published[0]):
                portal.published = (d, p.n, "时间")
    return kept, portal


# A document site's own furniture inside the text ---------------------------------------------

# `卫生工作计划 篇2`: a template site strings several documents of one name on a page.
_PIECE = re.compile(r"^(?P<stem>.{2,40}?) ?篇 ?(?P<n>[0-9０-９]{1,2}|[一二三四五六七八九十]{1,3})$")
# `……（新文秘网…省略452字，正式会员可完整阅读）……`: where a site cut its copy short.
_CUT_SHORT = re.compile(r"省略\d+字.{0,20}(?:会员|阅读|下载)")
# `目录/提纲：……`: a site's outline of the document, printed above its title.
_OUTLINE = re.compile(r"^(?:目录|提纲|目录/提纲|内容提纲|文章提纲)[：:]?[….。·]*$")
_ELLIPSIS = re.compile(r"^[…\.。·]{2,}$")
_SITE_WORDS = re.compile("目[录錄]|提[纲綱]|省略|篇")


def docsite_pieces(paras: list, simple, label_of, notes) -> tuple[list, dict[str, str]]:
    """The paragraphs without a document site's furniture inside the text: its outline above the
    title (`目录/提纲：` and the numbered lines under it, to a line of dots), the line saying
    where it cut its copy short, and, on a template site's page of `… 篇1`, `… 篇2`, every piece
    after the first (a document of its own).  What was set aside, for the plan's meta."""
    meta: dict[str, str] = {}
    kept = []
    k = 0
    while k < len(paras):
        p = paras[k]
        if not _SITE_WORDS.search(p.text):  # most lines: none of the words, no costly copy
            kept.append(p)
            k += 1
            continue
        s = squeeze_spaces(simple(p.text))
        if k < TOP_LINES and ("目录" in s or "提纲" in s) and _OUTLINE.match(s):
            end = k + 1
            while end < len(paras) and end - k <= 40:
                t = squeeze_spaces(paras[end].text)
                if _ELLIPSIS.match(t):
                    end += 1
                    break
                if label_of(t) is None or "。" in t or len(t) > 40 \
                        or end > k + 1 and t == squeeze_spaces(paras[k + 1].text):  # the text begins again
                    break
                end += 1
            meta["outline"] = "\n".join(q.text for q in paras[k:end])
            notes.add("info", "docsite-outline", "set aside a document site's outline of %d lines above "
                      "the document" % (end - k), p.n)
            k = end
            continue
        if "省略" in s and _CUT_SHORT.search(s):
            meta.setdefault("cut_short", p.text)
            notes.add("warning", "docsite-cut-short", "the copy says the site left words out here: %s"
                      % p.text[:40], p.n)
            k += 1
            continue
        if "篇" in s:
            m = _PIECE.match(s)
            if m and _piece_number(m.group("n")) == 1:
                later = next((j for j in range(k + 1, len(paras)) if "篇" in paras[j].text
                              and _is_piece(squeeze_spaces(simple(paras[j].text)), m.group("stem"), 2)), None)
                if later is not None:
                    meta["more_pieces"] = "\n".join(q.text for q in paras[later:])
                    notes.add("warning", "template-pieces", "the page holds several documents (%s 篇1, 篇2 …); "
                              "imported the first, the others kept in meta.more_pieces" % m.group("stem"),
                              paras[later].n)
                    return kept + list(paras[k + 1:later]), meta
        kept.append(p)
        k += 1
    return kept, meta


def _is_piece(s: str, stem: str, n: int) -> bool:
    m = _PIECE.match(s)
    return bool(m) and m.group("stem") == stem and _piece_number(m.group("n")) == n


def _piece_number(n: str) -> int:
    from ..text.numerals import numeral_value

    return numeral_value(n)
