"""Everything around the numbered outline: the covering notice (发文字号, title, 主送, body,
issuer, 成文日期, 附注, 征求意见 details), the plan's own title block (征求意见稿, issuer,
byline, web-page leftovers), a speech's title block, and the 版记 at the end.

Each recogniser looks at one paragraph (matched on a simplified, width-folded copy) and takes
what it recognises; whatever is left is body text, so nothing is dropped silently.
"""
from __future__ import annotations

import datetime as _dt
import functools
import re
from dataclasses import dataclass, field
from typing import Any

from ..errors import Finding
from ..model import Notice, join_paragraphs
from ..text.dates import BYLINE, DATE_LINE, SIGNED_LINE, YEAR_SPAN_BRACKETS, parse_date
from ..text.labels import parse_label
from ..text.punct import fold_punct, squeeze_spaces
from ..text.script import same_length_simplified
from ..text.xmlchars import UNSTORABLE_RX
from .brackets import split_top_level


@dataclass
class Para:
    n: int  # 1-based index among the document's paragraphs (= line number for text files)
    text: str  # stripped of surrounding white space


@dataclass
class Decided:
    """How one header field was read: its value, the line it came from, the rule that took it
    and how sure that rule is (high: the line has the field's own shape; medium: taken from
    around it or from evidence outside the document; low: a guess; none: not found)."""

    field: str
    value: Any
    paragraph: int | None = None
    line: int | None = None
    text: str = ""
    rule: str = ""
    confidence: str = "none"

    def as_dict(self) -> dict[str, Any]:
        value = self.value.isoformat() if isinstance(self.value, _dt.date) else self.value
        return {"field": self.field, "value": value, "line": self.line, "paragraph": self.paragraph,
                "text": self.text, "confidence": self.confidence, "rule": self.rule}


@dataclass
class Notes:
    """Findings about one input, located by paragraph (and line, for text files), and how each
    header field was decided."""

    file: str | None
    lines: bool = False
    findings: list[Finding] = field(default_factory=list)
    decided: dict[str, Decided] = field(default_factory=dict)

    def add(self, level: str, code: str, message: str, n: int | None = None) -> None:
        self.findings.append(Finding(level, code, message, self.file,
                                     line=n if self.lines else None, paragraph=n))

    def decide(self, name: str, value: Any, para: "Para | None", rule: str, confidence: str = "high") -> None:
        """Record (or replace) how field `name` was read."""
        n = para.n if para is not None else None
        self.decided[name] = Decided(name, value, n, n if self.lines else None, para.text if para else "",
                                     rule, confidence)


@functools.lru_cache(maxsize=8192)
def simple(text: str) -> str:
    """The matching form of a line: simplified script, full-width punctuation, same length.
    Cached: the header passes look at the same lines several times."""
    return fold_punct(same_length_simplified(text))


_BOOKMARK = re.compile(r"\[bookmark: [^\]]*\]")


# A GBK text passed through a converter that lost the high bit of a lead byte: `。〔醫` (a1a3 a1b2
# e174) arrives as `?!册t` (seed 002).  Shifting the byte back gives the bracket and name again.
_SHIFTED = re.compile(r"\?([!-~])([^\x00-\x7f])([!-~])")


def _unshift(m: re.Match) -> str | None:
    try:
        raw = bytes([ord(m.group(1)) | 0x80]) + m.group(2).encode("gbk") + m.group(3).encode("ascii")
        fixed = raw.decode("gbk")
    except (UnicodeError, ValueError):
        return None
    if len(fixed) == 2 and fixed[0] in "〔（【［" and "\u3400" <= fixed[1] <= "\u9fff":
        return "。" + fixed
    return None


def repair_shifted_gbk(text: str) -> tuple[str, int]:
    count = 0

    def sub(m: re.Match) -> str:
        nonlocal count
        fixed = _unshift(m)
        if fixed is None:
            return m.group(0)
        count += 1
        return fixed

    return _SHIFTED.sub(sub, text), count



# `　　` (indent, signature alignment) saved through a codec that lacks U+3000 arrives as `??`.
_LOST_SPACES = re.compile(r"^(?:\?\?[ \u3000]*)+(?=[^?\s])")


def clean(raw: list[str], notes: Notes) -> list[Para]:
    """Non-empty paragraphs, stripped; converter leftovers such as `[bookmark: _GoBack]` removed
    and a known GBK corruption (`?!册t` for `。〔醫`) repaired, each with a finding."""
    out = []
    for n, text in enumerate(raw, 1):
        if _BOOKMARK.search(text):
            text = _BOOKMARK.sub("", text)
            notes.add("info", "converter-leftover", "removed a `[bookmark: …]` marker", n)
        if "?" in text:
            before = text
            text, count = repair_shifted_gbk(text)
            if count:
                notes.add("warning", "repaired-encoding", "repaired %d character%s garbled by a converter "
                          "(%s); check the wording" % (count, "s" if count > 1 else "",
                                                       _SHIFTED.search(before).group(0)), n)
        if UNSTORABLE_RX.search(text):
            found = sorted(set(UNSTORABLE_RX.findall(text)))
            text = UNSTORABLE_RX.sub("", text)
            notes.add("warning", "control-character", "removed %s: a control character a document "
                      "cannot hold (copied from another program?)"
                      % ", ".join("U+%04X" % ord(c) for c in found[:5]), n)
        text = text.strip(" \t\u3000\u00a0\ufeff\u200b\r\n")
        m = _LOST_SPACES.match(text)
        if m:
            notes.add("info", "lost-spaces", "removed %d '?' at the start of the line: full-width spaces "
                      "lost when the page was saved in another encoding" % len(m.group(0).strip()), n)
            text = text[m.end():]
        if not text:
            continue
        pieces = _unflattened(text) if len(text) >= 80 and ("   " in text or "\u3000\u3000" in text) else None
        if pieces:
            notes.add("info", "flattened-header", "split a paragraph holding the notice's header lines "
                      "(%d pieces apart by runs of spaces): a copy that lost its line breaks" % len(pieces), n)
            out.extend(Para(n, piece) for piece in pieces)
        else:
            out.append(Para(n, text))
    return out


# A copy flattened into one paragraph keeps its line breaks as runs of spaces.
_FLAT_BREAK = re.compile(r" {3,}|\u3000{2,}")


def _unflattened(text: str) -> list[str] | None:
    """The lines of a header flattened into one paragraph (`某某关于印发…的通知   某卫发〔2011〕32号
    各市卫生局：   为…`), when its pieces hold a 发文字号 and a 主送; else None."""
    pieces = [p.strip() for p in _FLAT_BREAK.split(text) if p.strip()]
    if len(pieces) < 3:
        return None
    folded = [squeeze_spaces(simple(p)) for p in pieces]
    if any(DOC_NUMBER_RX.match(f) for f in folded) and any(is_recipients(f) for f in folded):
        return pieces
    return None


# Lines that are one thing only ---------------------------------------------------------------

_ORGAN = re.compile(r"(委员会|委|局|政府|办公室|办|厅|中心|院|所|站|协会|会|部|处)$")
_SENTENCE_PUNCT = re.compile(r"[，。；：！？、,;:!?]")
# A 发文字号 on a matching copy with spaces squeezed out, in the dresses offices use: `〔〕 [] ［］
# 【】 ()`, `第2号`, a kind in brackets (`〔2025〕（通知）第10号`), after `编号：`/`文号：`, sharing its
# line with `签发人：…`.
DOC_NUMBER_RX = re.compile(r"^(?:(?:编号|文号|发文字号|发文号)：)?(?P<org>[^〔\[［(（【：，。]{1,20}?)(?P<o>[〔\[［（【])"
                           r"(?P<year>\d{4})(?P<c>[〕\]］）】])(?P<mid>(?:（[^）]{1,8}）)?[^\d，。：]{0,8}?)"
                           r"(?P<num>\d{1,4})(?P<hao>[号號])(?P<signer>签发人：.*)?$")
_LEADING_DOC_NUMBER = re.compile(r"^[^〔\[［（【：，。《]{1,20}?[〔\[［【]\d{4}[〕\]］】](?:（[^）]{1,8}）)?第?\d{1,4}[号號]")
_SIGNER = re.compile(r"签发人?：(?P<v>.*)$")
# The names plans go by, and a year span the name may carry after it: `…实施方案（2024—2026年）`.
_PLAN_NAMES = (r"(工作要点|要点|工作计划|行动计划|工作安排|工作任务|工作部署|工作思路|工作回顾|工作总结"
               r"|实施方案|行动方案|工作方案|分工方案|重点工作|重点任务|规划|预案|述职报告|工作报告)")
YEAR_SPAN_GROUP = re.compile("^" + YEAR_SPAN_BRACKETS)
PLAN_TITLE = re.compile(r"^(?!关于)[^，。：；！？《]{0,60}?" + _PLAN_NAMES
                        + r"(?:%s)?(?P<draft>（征求意见稿）)?$" % YEAR_SPAN_BRACKETS)
_DRAFT = re.compile(r"^（?征求意见稿）?$")
_WEB = re.compile(r"(来源|发布时间|发布日期|浏览次数|累计次数|点击数|字体)：")
_NOTICE_TITLE_END = re.compile(r"(通知|通报|函|意见|决定|批复|报告|通知书)$")
# `…的通知 (青卫综〔2021〕21号)`, `…的通知 |`: what may follow a title on its line.
_TITLE_TRAILER = re.compile(r"(?:（(?P<dn>[^（）]{2,20}[〔\[［]\d{4}[〕\]］][^（）]{0,12}号)）|[|｜])$")


def is_date_line(text: str) -> _dt.date | None:
    s = squeeze_spaces(text)
    if DATE_LINE.fullmatch(s):
        return parse_date(s)
    return None


def is_organ_line(text: str) -> bool:
    s = squeeze_spaces(simple(text))
    return 2 <= len(s) <= 30 and not _SENTENCE_PUNCT.search(s) and bool(_ORGAN.search(s))


_COLUMNS = re.compile(r"\t|[ \u3000\xa0]{2,}")


def signature_rows(paras: list[Para], date_at: int, taken: set[int]) -> list[tuple[int, list[str]]]:
    """The 署名s above the 成文日期 at `date_at`, top to bottom: each row's paragraph and its
    issuer names.  One issuer a line, or several to a row set apart by tabs or runs of spaces
    (联合行文 with seals, §7.3.5.1); blank lines between rows, where the seals go, are passed
    over.  Empty when the line above the date names no issuer."""
    rows: list[tuple[int, list[str]]] = []
    k, blanks = date_at - 1, 0
    while k >= 0 and k not in taken and len(rows) < 8:
        text = paras[k].text.strip()
        if not text:
            blanks += 1
            if blanks > 6:
                break
            k -= 1
            continue
        names = [squeeze_spaces(part) for part in _COLUMNS.split(text) if part.strip()]
        if not names or not all(is_organ_line(name) for name in names):
            break
        rows.insert(0, (k, names))
        blanks = 0
        k -= 1
    return rows


def plan_title(text: str) -> tuple[str, bool] | None:
    """(title, is_draft) if `text` is a plan's title line such as `2017年全市卫生计生工作要点`."""
    s = squeeze_spaces(simple(text))
    if len(s) > 70:
        return None
    m = PLAN_TITLE.match(s)
    if not m:
        return None
    title = squeeze_spaces(text)
    if m.group("draft"):
        title = title[:m.start("draft")]
    return title, bool(m.group("draft"))


# The 版记 at the end ---------------------------------------------------------------------------

_PRINTED = re.compile(r"^(?P<by>.*?)[ \u3000]*(?P<date>\d{4}年\d{1,2}月\d{1,2}日)[ \u3000]*印发$")
_CC = re.compile(r"^(抄送|抄报|分送|报送|发送)：(?P<cc>.+)$")
_COPIES = re.compile(r"^[（(]?共印\d+份[）)]?$")
_NO_ATTACHMENT = re.compile(r"^(无|沒有|没有)附件$")


def split_imprint(paras: list[Para], notice: Notice, meta: dict[str, Any], notes: Notes) -> list[Para]:
    """Take the 版记 (抄送, 印发机关 and 印发日期, `无附件`) off the end; returns the rest."""
    end = len(paras)
    found: dict[str, Any] = {}
    i = end - 1
    while i >= 0 and end - i <= 6:
        text = paras[i].text
        s = squeeze_spaces(simple(text))
        m = _PRINTED.match(s)
        if m and "printed_on" not in found:
            found["printed_on"] = parse_date(m.group("date"))
            if m.group("by"):
                found["printed_by"] = squeeze_spaces(text)[:len(m.group("by"))]
            found["start"] = i
        elif _CC.match(s):
            found["cc"] = split_top_level(text.split("：" if "：" in text else ":", 1)[1].rstrip("。"), "，、,") \
                + found.get("cc", [])
            found["start"] = i
        elif _COPIES.match(s) and "copies" not in found:
            found["copies"] = text
            found["start"] = i
        elif _NO_ATTACHMENT.match(s):
            found["no_attachment"] = text
            found["start"] = i
        elif "printed_on" in found and "printed_by" not in found and is_organ_line(text) \
                and i == found["start"] - 1:
            found["printed_by"] = squeeze_spaces(text)
            found["start"] = i
        else:
            break
        i -= 1
    if "printed_on" not in found:
        return paras
    notice.printed_on = found["printed_on"]
    notice.printed_by = found.get("printed_by", "")
    notice.cc = found.get("cc", [])
    if "no_attachment" in found:
        meta["imprint_note"] = found["no_attachment"]
    if "copies" in found:
        meta["copies"] = found["copies"]
    return paras[:found["start"]]


# The covering notice ---------------------------------------------------------------------------

_CONTACT = re.compile(r"^联系人：(?P<v>.+)$")
_PHONE = re.compile(r"(?:联系)?电话(?:号码)?：[ \u3000]*(?P<v>[0-9０-９\-－—()（） ,，、/]+[0-9０-９)）])")
_EMAIL = re.compile(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}")
_ATTACH = re.compile(r"^附(?:件)?[0-9]*：(?P<v>.+)$")
_DEADLINE = re.compile(r"于[ \u3000]*(?:(?P<y>\d{4})年)?[ \u3000]*(?P<m>\d{1,2})月(?P<d>\d{1,2})日[^，。]{0,16}前")
_FILE_NAME = re.compile(r"\.(?:pdf|docx?|xlsx?|wps|et|ofd|zip|rar)$", re.I)
_ATTACHMENT_MARK = re.compile(r"^附件[0-9０-９]*$")
_MASTHEAD = re.compile(r"^\S{2,30}文件$")
_DISCLOSURE = re.compile(r"^（(?:信息公开形式：)?(?P<v>[^）]*公开[^）]*)）$")


# `2.2023年度…`: an attachment's number before a name that starts with a year (not a decimal).
_NUMBER_BEFORE_YEAR = re.compile(r"^\s*\d{1,2}[.．](?=\d{4}年)")


def _arabic_number(text: str) -> int:
    """Where the words start after a leading `1.` `2、` (an attachment list), or 0."""
    lab = parse_label(text)
    if lab is None:
        m = _NUMBER_BEFORE_YEAR.match(text)
        return m.end() if m else 0
    return lab.words if lab.family == "ar" else 0


def _after_colon(text: str) -> str:
    for colon in ("：", ":"):
        if colon in text:
            return text.split(colon, 1)[1].strip()
    return text.strip()


def doc_number_of(text: str, notes: Notes | None = None, n: int | None = None) -> str | None:
    """The 发文字号 a line is (in any of its dresses, also in round brackets of its own under the
    title: `（某卫发[2006]9号）`), as written but with the year in 〔〕."""
    ss = squeeze_spaces(simple(text))
    if ss.startswith("（") and ss.endswith("）") and len(ss) > 2:
        inner = squeeze_spaces(text)[1:-1]
        return doc_number_of(inner, notes, n) if DOC_NUMBER_RX.match(ss[1:-1]) else None
    m = DOC_NUMBER_RX.match(ss)
    if not m:
        return None
    raw = squeeze_spaces(text)
    number = raw[m.start("org"):m.end("hao")] if len(raw) == len(ss) else ss[m.start("org"):m.end("hao")]
    o, c = m.group("o"), m.group("c")
    if (o, c) != ("〔", "〕"):
        k = m.start("o") - m.start("org")
        number = number[:k] + "〔" + m.group("year") + "〕" + number[k + 2 + len(m.group("year")):]
        if notes is not None:
            notes.add("warning", "doc-number-brackets",
                      "发文字号 written with %s%s; normalised to 〔〕: %s" % (o, c, number), n)
    return number


def _title_start(ss: str) -> bool:
    """Whether a squeezed line can start a notice's title: `关于…`, `某某关于印发…的通知`,
    `某某印发《…》的通知`, `内部监督通知书` (the end may be on a later line)."""
    if not ss or len(ss) > 110 or re.search(r"[。；！？：]", ss) or ss.startswith(("附件", "各")):
        return False
    if DOC_NUMBER_RX.match(ss):
        return False
    k = ss.find("关于")
    if 0 <= k <= 40:
        return True
    body = _TITLE_TRAILER.sub("", ss)
    return bool(_NOTICE_TITLE_END.search(body)) and ("印发" in body or "转发" in body or "《" in body
                                                     or len(body) <= 20)


def is_document_title(text: str) -> bool:
    """Whether `text` (a portal's 名称 field, say) is a whole document title: it starts as a
    notice title does and ends as a notice's (…的通知) or a plan's (…实施方案)."""
    ss = squeeze_spaces(simple(text))
    return _title_start(ss) and bool(_NOTICE_TITLE_END.search(ss) or re.search(_PLAN_NAMES + "$", ss))


def is_recipients(ss: str) -> bool:
    """A 主送 line: ends with `：` (or is labelled `主送：`), no sentence in it, not a 签发/联系/附件
    line nor a lead-in."""
    if ss.startswith("主送：") and "。" not in ss:
        return True
    return (ss.endswith("：") and "。" not in ss and len(ss) <= 150
            and not re.match(r"^(联系|电话|邮箱|电子|附|地址|传真|签发|审核|核稿|拟稿|印发)", ss)
            and not re.search(r"如下|通知|现将|根据|为了|为进一步", ss))


def _recipients_go_on(before: str, line: str) -> bool:
    """Whether the 主送 `line` continues `before`: that line ends in `，`/`、`, or this one starts
    with a bracket no organ name starts with (`卫生监督所` / `（局）：`, a copy's line break)."""
    if "。" in before:
        return False
    return before.endswith(("，", "、")) or (line.startswith("（") and not before.endswith(("；", "：", "！", "？")))


_RECIPIENT_END = re.compile(r"(单位|局|委|院|中心|室|处|科|部门|政府|办事处|办|会|站|所|校|厅|公司|街道|乡镇|镇)$")


def _is_bare_recipients(ss: str) -> bool:
    """A 主送 typed without its colon: a list of organs and nothing else."""
    if "。" in ss or "：" in ss or len(ss) > 120:
        return False
    parts = [x for x in re.split(r"[，、,]", ss) if x]
    return len(parts) >= 2 and all(_RECIPIENT_END.search(x) for x in parts)


def _title_block(paras: list[Para], simples: list[str], at: int) -> list[int]:
    """The lines of the title that starts at `at`: `…的` / `通  知` broken over lines."""
    block = [at]
    while not _NOTICE_TITLE_END.search(_TITLE_TRAILER.sub("", "".join(simples[i] for i in block))):
        k = block[-1] + 1
        if k >= len(paras) or len(block) >= 4 or len(simples[k]) > 30 or _SENTENCE_PUNCT.search(simples[k]) \
                or DOC_NUMBER_RX.match(simples[k]) or is_date_line(paras[k].text):
            break
        block.append(k)
    return block


def parse_notice(paras: list[Para], notes: Notes, signed: bool = False) -> tuple[Notice | None, dict[str, Any]]:
    """The notice that precedes a plan; None when the paragraphs hold no notice at all.
    `signed`: a 署名 over a 成文日期 is enough to make one (a whole document without sections
    whose copy lost its title and 主送 is still an office's signed, dated 公文)."""
    notice = Notice()
    meta: dict[str, Any] = {}
    if not paras:
        return None, meta
    notice.source = None
    taken: set[int] = set()
    simples = [squeeze_spaces(simple(p.text)) for p in paras]
    recipients_at = next((i for i, ss in enumerate(simples) if is_recipients(ss)), None)
    # The title: among the lines that can start one, the last before the 主送 (a portal repeats
    # the title above the document's own); without a 主送, the first.
    starts, blocks = [], {}
    for i, ss in enumerate(simples[:recipients_at]):
        if _title_start(ss) and not (starts and i in blocks[starts[-1]]):
            starts.append(i)
            blocks[i] = _title_block(paras, simples, i)
    title_at = (starts[-1] if recipients_at is not None else starts[0]) if starts else None
    if title_at is not None:
        block = blocks[title_at]
        title = squeeze_spaces("".join(paras[i].text for i in block))
        m = _TITLE_TRAILER.search(squeeze_spaces(simple(title)))
        if m:
            if m.group("dn"):
                number = doc_number_of(title[m.start("dn"):m.end("dn")], notes, paras[title_at].n)
                if number:
                    notice.doc_number = number
                    notes.decide("doc_number", number, paras[title_at], "doc-number-after-title")
                    notes.add("info", "doc-number-after-title", "发文字号 %s read from the brackets after "
                              "the title" % number, paras[title_at].n)
            title = title[:m.start()].rstrip()
        m = _LEADING_DOC_NUMBER.match(squeeze_spaces(simple(title)))
        if m and len(title) > m.end():  # `石卫发〔2021〕6号 石桥区…的通知`
            number = doc_number_of(title[:m.end()], notes, paras[title_at].n)
            if number and not notice.doc_number:
                notice.doc_number = number
                notes.decide("doc_number", number, paras[title_at], "doc-number-before-title")
            title = title[m.end():].lstrip()
        prev = title_at - 1
        if simples[title_at].startswith("关于") and prev >= 0 and is_organ_line(paras[prev].text) \
                and not _MASTHEAD.match(simples[prev]) and (recipients_at is None or prev != recipients_at):
            title = squeeze_spaces(paras[prev].text) + title  # `某某办公室` / `关于印发…的通知`
            taken.add(prev)
        notice.title = title
        sure = bool(_NOTICE_TITLE_END.search(squeeze_spaces(simple(title))))
        notes.decide("title", title, paras[title_at], "title-before-recipients" if recipients_at is not None
                     else "title-first-shape", "high" if sure else "low")
        if not sure:
            notes.add("warning", "unsure-title", "took %r as the notice's title, though it does not end "
                      "as a title does (…的通知); check it" % title[:40], paras[title_at].n)
        taken.update(block)
        for i in starts:  # the same title repeated by the page: not body text
            if i != title_at and simples[i] == simples[title_at]:
                taken.add(i)
    if recipients_at is None and title_at is not None:
        # a 主送 without its colon, right after the title (and its 文号)
        k = max(taken) + 1
        while k < len(paras) and doc_number_of(paras[k].text) is not None:
            k += 1
        if k < len(paras) and _is_bare_recipients(simples[k]):
            recipients_at = k
            notes.add("warning", "recipients-without-colon", "read %r as the 主送 although it has no colon"
                      % paras[k].text[:40], paras[k].n)
    if recipients_at is not None:
        line = squeeze_spaces(paras[recipients_at].text)
        if simples[recipients_at].startswith("主送："):
            line = line[3:]
        taken.add(recipients_at)
        while recipients_at > 0 and recipients_at - 1 not in taken \
                and _recipients_go_on(simples[recipients_at - 1], simples[recipients_at]):  # broken over lines
            recipients_at -= 1
            line = squeeze_spaces(paras[recipients_at].text) + line
            taken.add(recipients_at)
        notice.recipients = split_top_level(line.rstrip("：:"), "，、,")
        colon = simples[recipients_at].endswith("：") or simples[recipients_at].startswith("主送：")
        notes.decide("recipients", notice.recipients, paras[recipients_at],
                     "recipients-colon" if colon else "recipients-without-colon", "high" if colon else "low")
        taken.add(recipients_at)
    deadline_md = None
    for i, p in enumerate(paras):
        if i in taken:
            continue
        s = simple(p.text)
        ss = simples[i]
        number = doc_number_of(p.text, notes, p.n)
        m = _SIGNER.search(ss)
        if m and (number or m.start() == 0):  # `签发人：张某某`, alone or after the 文号
            if m.group("v"):
                meta["signer"] = squeeze_spaces(p.text)[m.start("v"):] if not number else m.group("v")
            taken.add(i)
        if number:
            if not notice.doc_number:
                notice.doc_number = number
                notes.decide("doc_number", number, p, "doc-number-line")
            taken.add(i)
            continue
        if m and m.start() == 0:
            continue
        m = SIGNED_LINE.match(ss)
        if m and notice.date is None and i > (recipients_at or -1):  # `某某委员会2016年4月20日`
            notice.issuer = squeeze_spaces(p.text)[:m.end("org")]
            notice.date = parse_date(m.group("date"))
            notes.decide("date", notice.date, p, "issuer-and-date-glued", "medium")
            notes.decide("issuer", notice.issuer, p, "issuer-and-date-glued", "medium")
            taken.add(i)
            continue
        date = is_date_line(p.text)
        if date and notice.date is None:
            notice.date = date
            notes.decide("date", date, p, "date-line")
            taken.add(i)
            rows = signature_rows(paras, i, taken)
            if rows:
                names = [name for _, row in rows for name in row]
                notice.issuer = names[0]
                notes.decide("issuer", notice.issuer, paras[rows[0][0]], "signature-issuer")
                if len(names) > 1:  # 联合行文: the lead issuer signs first (GB/T 9704 7.3.5)
                    notice.co_issuers = names[1:]
                    notes.decide("co_issuers", notice.co_issuers, paras[rows[0][0]], "joint-signatures")
                taken.update(k for k, _ in rows)
            continue
        m = _DISCLOSURE.match(ss)
        if m:
            notice.disclosure = squeeze_spaces(p.text)[m.start("v"):m.end("v")]
            taken.add(i)
            continue
        m = _CONTACT.match(ss)
        if m:
            contact = _after_colon(p.text)
            phone = _PHONE.search(simple(contact))
            if phone:  # `联系人：张三，电话：1234`
                notice.phone = contact[phone.start("v"):phone.end("v")].strip()
                contact = contact[:phone.start()].rstrip("，, ;；")
            notice.contact = contact
            taken.add(i)
            continue
        m = _PHONE.match(ss)
        if m and ss.startswith(("联系电话", "电话")):
            notice.phone = _after_colon(p.text)
            taken.add(i)
            continue
        if re.match(r"^(电子)?(邮箱|邮件|信箱)|^e-?mail", ss, re.I):
            m = _EMAIL.search(p.text)
            if m:
                notice.email = m.group(0)
                taken.add(i)
                continue
        m = _ATTACH.match(ss)
        if m or (notice.attachments and i - 1 in taken and (_arabic_number(ss) or _FILE_NAME.search(ss))):
            name = _after_colon(p.text) if m else p.text
            notice.attachments.append(name[_arabic_number(name):].strip())
            taken.add(i)
            continue
        if _ATTACHMENT_MARK.match(ss) or (i == 0 and _MASTHEAD.match(ss)):
            taken.add(i)  # `附件1` before the attached plan; the 版头 `…文件` (printed from the issuer)
            continue
        m = _DEADLINE.search(s)
        if m and deadline_md is None:
            deadline_md = (m.group("y"), int(m.group("m")), int(m.group("d")), p.n)
    body = [p.text for i, p in enumerate(paras) if i not in taken
            and (recipients_at is None or i > recipients_at)]
    front = [p.text for i, p in enumerate(paras) if i not in taken
             and recipients_at is not None and i < recipients_at]
    if front:
        meta["notice_front"] = join_paragraphs(front)
    notice.body = join_paragraphs(body)
    if not (notice.title or notice.doc_number or notice.recipients or signed and notice.date and notice.issuer):
        return None, {}
    if deadline_md is not None:
        y, mo, d, n = deadline_md
        year = int(y) if y else (notice.date.year if notice.date else None)
        if year is not None:
            if not y and notice.date and (mo, d) < (notice.date.month, notice.date.day):
                year += 1
            try:
                notice.deadline = _dt.date(year, mo, d)
            except ValueError:
                notes.add("warning", "bad-date", "the comment deadline %d月%d日 is not a real day" % (mo, d), n)
            if not y and notice.deadline:
                notes.add("info", "guessed-year", "the comment deadline gives no year; took %d from the "
                          "notice date" % year, n)
    if notice.contact or notice.deadline or "征求" in simple(notice.title) and "意见" in notice.title:
        notice.kind = "consult"
    elif "征求意见" in simple(notice.body):
        notice.kind = "consult"
    if notice.date is None:
        notes.add("warning", "no-date", "the notice has no 成文日期 line", paras[-1].n)
    if not notice.title:
        notes.add("warning", "no-notice-title", "no line of the notice has a title's shape (…的通知); "
                  "the title is left empty", paras[0].n)
    if not notice.recipients:
        notes.add("warning", "no-recipients", "no 主送 line (…：) before the notice body; left empty",
                  paras[0].n)
    return notice, meta


# A plan's title block ----------------------------------------------------------------------------

def classify_head(p: Para) -> tuple[str, Any] | None:
    """What a short line between the plan title and its first section is, if anything."""
    s = squeeze_spaces(simple(p.text))
    if _DRAFT.match(s):
        return "draft", True
    if BYLINE.match(s):
        return "byline", squeeze_spaces(p.text)
    if _WEB.search(s):
        return "web", p.text
    if is_organ_line(p.text):
        return "issuer", squeeze_spaces(p.text)
    return None


def parse_web(text: str) -> dict[str, str]:
    """`来源: 南通市卫计委 发布时间:2015-04-30 15:36 累计次数: 字体:[ ]` → its useful fields."""
    out = {}
    s = simple(text)
    m = re.search(r"来源：[ \u3000]*(\S+)", s)
    if m:
        out["来源"] = text[m.start(1):m.end(1)]
    m = re.search(r"(?:发布时间|发布日期)：[ \u3000]*(\d{4}-\d{1,2}-\d{1,2}(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?)", s)
    if m:
        out["发布时间"] = text[m.start(1):m.end(1)]
    return out


# A speech's title block --------------------------------------------------------------------------

def is_speech(paras: list[Para]) -> bool:
    for p in paras:
        s = squeeze_spaces(simple(p.text))
        if (s.startswith("——") and "讲话" in s) or s in ("同志们：", "同志们！"):
            return True
    return False


def parse_speech_front(paras: list[Para]) -> dict[str, Any]:
    """Title lines, `——在…上的讲话`, date, speaker and the opening words of a speech."""
    meta: dict[str, Any] = {}
    title: list[str] = []
    opening: list[str] = []
    for p in paras:
        s = squeeze_spaces(simple(p.text))
        if opening or s.startswith("同志们"):
            opening.append(p.text)
        elif s.startswith("——"):
            meta["subtitle"] = p.text
        elif is_date_line(p.text) and "date" not in meta:
            meta["date"] = squeeze_spaces(p.text)
        elif "subtitle" in meta or "date" in meta:
            meta["speaker"] = p.text
        else:
            title.append(p.text)
    if title:
        meta["speech_title"] = "\n".join(title)
    if opening:
        meta["opening"] = join_paragraphs(opening)
    return meta
