"""Everything around the numbered outline: the covering notice (发文字号, title, 主送, body,
issuer, 成文日期, 附注, 征求意见 details), the plan's own title block (征求意见稿, issuer,
byline, web-page leftovers), a speech's title block, and the 版记 at the end.

Each recogniser looks at one paragraph (matched on a simplified, width-folded copy) and takes
what it recognises; whatever is left is body text, so nothing is dropped silently.
"""
from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass, field
from typing import Any

from ..errors import Finding
from ..model import Notice, join_paragraphs
from ..text.dates import DATE_LINE, parse_date
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
class Notes:
    """Findings about one input, located by paragraph (and line, for text files)."""

    file: str | None
    lines: bool = False
    findings: list[Finding] = field(default_factory=list)

    def add(self, level: str, code: str, message: str, n: int | None = None) -> None:
        self.findings.append(Finding(level, code, message, self.file,
                                     line=n if self.lines else None, paragraph=n))


def simple(text: str) -> str:
    """The matching form of a line: simplified script, full-width punctuation, same length."""
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
        if text:
            out.append(Para(n, text))
    return out


# Lines that are one thing only ---------------------------------------------------------------

_ORGAN = re.compile(r"(委员会|委|局|政府|办公室|办|厅|中心|院|所|站|协会|会|部|处)$")
_SENTENCE_PUNCT = re.compile(r"[，。；：！？、,;:!?]")
_DOC_NUMBER = re.compile(r"^(?P<org>[^\s〔\[［(（]{1,20})[ \u3000]*(?P<o>[〔\[［(（])[ \u3000]*(?P<year>\d{4})"
                         r"[ \u3000]*(?P<c>[〕\]］)）])[ \u3000]*(?P<num>\d{1,4})[ \u3000]*(?P<hao>[号號])$")
PLAN_TITLE = re.compile(r"^(?!关于)[^，。：；！？]{0,60}?(工作要点|要点|工作计划|工作安排|工作任务|工作部署|工作思路|工作回顾|工作总结)"
                        r"(?P<draft>（征求意见稿）)?$")
_DRAFT = re.compile(r"^（?征求意见稿）?$")
_BYLINE = re.compile(r"^（[^）]{0,12}年[^）]{0,6}月[^）]{0,6}）$")
_WEB = re.compile(r"(来源|发布时间|发布日期|浏览次数|累计次数|点击数|字体)：")
_NOTICE_TITLE_END = re.compile(r"(通知|通报|函|意见|决定|批复|报告)$")


def is_date_line(text: str) -> _dt.date | None:
    s = squeeze_spaces(text)
    if DATE_LINE.fullmatch(s):
        return parse_date(s)
    return None


def is_organ_line(text: str) -> bool:
    s = squeeze_spaces(simple(text))
    return 2 <= len(s) <= 30 and not _SENTENCE_PUNCT.search(s) and bool(_ORGAN.search(s))


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
_CC = re.compile(r"^抄(送|报)：(?P<cc>.+)$")
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
            found["cc"] = split_top_level(text.split("：" if "：" in text else ":", 1)[1].rstrip("。"), "，、,")
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
    return paras[:found["start"]]


# The covering notice ---------------------------------------------------------------------------

_CONTACT = re.compile(r"^联系人：(?P<v>.+)$")
_PHONE = re.compile(r"(?:联系)?电话(?:号码)?：[ \u3000]*(?P<v>[0-9０-９\-－—()（） ,，、/]+[0-9０-９)）])")
_EMAIL = re.compile(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}")
_ATTACH = re.compile(r"^附(?:件)?[0-9]*：(?P<v>.+)$")
_DEADLINE = re.compile(r"于[ \u3000]*(?:(?P<y>\d{4})年)?[ \u3000]*(?P<m>\d{1,2})月(?P<d>\d{1,2})日[^，。]{0,16}前")
_ATTACHMENT_MARK = re.compile(r"^附件[0-9０-９]*$")
_MASTHEAD = re.compile(r"^\S{2,30}文件$")
_DISCLOSURE = re.compile(r"^（(?:信息公开形式：)?(?P<v>[^）]*公开[^）]*)）$")


def _arabic_number(text: str) -> int:
    """Where the words start after a leading `1.` `2、` (an attachment list), or 0."""
    lab = parse_label(text)
    return lab.words if lab is not None and lab.family == "ar" else 0


def _after_colon(text: str) -> str:
    for colon in ("：", ":"):
        if colon in text:
            return text.split(colon, 1)[1].strip()
    return text.strip()


def parse_notice(paras: list[Para], notes: Notes) -> tuple[Notice | None, dict[str, Any]]:
    """The notice that precedes a plan; None when the paragraphs hold no notice at all."""
    notice = Notice()
    meta: dict[str, Any] = {}
    if not paras:
        return None, meta
    notice.source = None
    taken: set[int] = set()
    title_lines: list[str] = []
    recipients_at = None
    deadline_md = None
    for i, p in enumerate(paras):
        s = simple(p.text)
        ss = squeeze_spaces(s)
        if title_lines and not _NOTICE_TITLE_END.search(squeeze_spaces(simple("".join(title_lines)))) \
                and i == max(taken) + 1 and len(ss) <= 30 and not _SENTENCE_PUNCT.search(ss):
            title_lines.append(p.text)  # a title broken over lines: `…的` / `通  知`
            taken.add(i)
            continue
        m = _DOC_NUMBER.match(ss)
        if m:
            number = squeeze_spaces(p.text)
            o, c = m.group("o"), m.group("c")
            if (o, c) != ("〔", "〕"):
                number = number.replace(number[m.start("o")], "〔", 1)
                k = number.index("〔") + 1 + len(m.group("year"))
                number = number[:k] + "〕" + number[k + 1:]
                notes.add("warning", "doc-number-brackets",
                          "发文字号 written with %s%s; normalised to 〔〕: %s" % (o, c, number), p.n)
            notice.doc_number = number
            taken.add(i)
            continue
        if ss.startswith("关于") and not title_lines and recipients_at is None and "。" not in ss:
            title_lines.append(p.text)
            taken.add(i)
            continue
        if recipients_at is None and ss.endswith("：") and "。" not in ss \
                and not re.match(r"^(联系|电话|邮箱|电子|附|地址|传真)", ss):
            notice.recipients = split_top_level(squeeze_spaces(p.text).rstrip("：:"), "，、,")
            recipients_at = i
            taken.add(i)
            continue
        date = is_date_line(p.text)
        if date and notice.date is None:
            notice.date = date
            taken.add(i)
            if i > 0 and i - 1 not in taken and is_organ_line(paras[i - 1].text):
                notice.issuer = squeeze_spaces(paras[i - 1].text)
                taken.add(i - 1)
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
        if m or (notice.attachments and i - 1 in taken and _arabic_number(ss)):
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
    if title_lines:
        notice.title = squeeze_spaces("".join(title_lines))
    body = [p.text for i, p in enumerate(paras) if i not in taken
            and (recipients_at is None or i > recipients_at)]
    front = [p.text for i, p in enumerate(paras) if i not in taken
             and recipients_at is not None and i < recipients_at]
    if front:
        meta["notice_front"] = join_paragraphs(front)
    notice.body = join_paragraphs(body)
    if not (notice.title or notice.doc_number or notice.recipients):
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
    return notice, meta


# A plan's title block ----------------------------------------------------------------------------

def classify_head(p: Para) -> tuple[str, Any] | None:
    """What a short line between the plan title and its first section is, if anything."""
    s = squeeze_spaces(simple(p.text))
    if _DRAFT.match(s):
        return "draft", True
    if _BYLINE.match(s):
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
