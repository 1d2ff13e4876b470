"""The genre reader: the paragraphs of a 工作要点 (with its 通知, or a speech) → one `Plan`.

Works on paragraphs, not files: text files, .docx and LibreOffice conversions all arrive here
as a list of strings.  The outline is rebuilt from the item numbers alone, the way a reader
does it: a numbering family not seen above opens a deeper level, a family already open closes
the levels below it.  Whatever had to be guessed becomes a located `Finding`.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from ..errors import Finding, InputError
from ..model import Item, Notice, Numbering, Plan, Source, join_paragraphs
from ..text.dates import SIGNED_LINE, YEAR_SPAN_START, parse_date, year_of
from ..text.punct import squeeze_spaces
from ..text.labels import Label, parse_label
from .brackets import split_title, split_top_level, trailing_group
from .front import (_FILE_NAME, YEAR_SPAN_GROUP, Decided, Notes, Para, classify_head, clean, doc_number_of,
                    is_date_line, is_document_title, is_organ_line, is_recipients, is_speech, parse_notice,
                    parse_speech_front, parse_web, plan_title, simple, split_imprint)
from .portal import Portal, docsite_pieces, set_aside
from .offices import find_offices

PARTS = ("plan", "review")
_TITLE_ENDS = re.compile("[点點划劃排务務署路顾顧结結案作告]")  # the last characters of PLAN_TITLE's names
_REVIEW_TITLE = re.compile(r"(工作总结|工作回顾)$")
_ATTACHMENTS = re.compile(r"^附件[0-9０-９]*[：:]")
_REVIEW_WORDS = re.compile(r"(回顾|总结|成绩|进展|完成情况)")
_PLAN_WORDS = re.compile(r"(部署|安排|打算|计划|思路|任务|要点)")
_CLOSING = re.compile(r"^(同志们|过去的?一年|总之|总的来看|总而言之|回顾过去|展望|最后，|在看到成绩|这些成绩)")
_TAG_WORDS = re.compile(r"[0-9０-９]|项目|重点|工程|实事|任务")
# A paragraph that ends in a CJK ideograph, a letter, a digit or an opening mark stops mid-
# sentence.  (A test, not a regex: a character class over 27,000 ideographs costs 4 ms to
# compile at every start.)
_MID_SENTENCE_MARKS = frozenset("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz，、（(《“‘")


def _ends_mid(text: str) -> bool:
    return bool(text) and ("\u3400" <= text[-1] <= "\u9fff" or text[-1] in _MID_SENTENCE_MARKS)


@dataclass
class Node:
    """An item while the outline is being rebuilt."""

    label: Label | None
    para: Para | None
    depth: int = -1
    paras: list[Para] = field(default_factory=list)
    children: list["Node"] = field(default_factory=list)

    def head(self) -> str:
        return self.para.text[self.label.words:].strip() if self.para and self.label else ""

    def walk(self):
        yield self
        for c in self.children:
            yield from c.walk()


def parse(raw: list[str], *, file: str | None = None, part: str = "plan", lines: bool = False,
          report: list[Decided] | None = None) -> tuple[Plan, list[Finding]]:
    """Read the document's paragraphs (`raw`, in order, blank ones included so that positions
    match) into a plan.  `lines=True` reports positions as line numbers too (text files).
    `report`, a list, receives how each header field was decided (`drafter import --report`)."""
    notes = Notes(file, lines)
    plan = _parse(raw, file, part, lines, notes)
    if report is not None:
        report.extend(decisions(plan, notes))
    return plan, notes.findings


def _parse(raw: list[str], file: str | None, part: str, lines: bool, notes: Notes) -> Plan:
    if part not in PARTS:
        raise InputError("--part must be plan or review, not %r" % part)
    paras = clean(raw, notes)
    name = file or "<input>"
    if not paras:
        raise InputError("%s: the document is empty (no text in it)" % name)
    plan = Plan(source=Source(file=file))
    meta: dict[str, Any] = {}
    paras, portal = set_aside(paras, simple, notes)
    if not paras:
        raise InputError("%s: the document holds only web-page lines, no text of its own" % name)
    if portal.lines:
        for _, text in portal.lines:
            meta.update(parse_web(text))
        meta.update(portal.meta())
    paras, site = docsite_pieces(paras, simple, parse_label, notes)
    meta.update(site)
    imprint = Notice()
    paras = split_imprint(paras, imprint, meta, notes)

    labels = [parse_label(p.text) for p in paras]
    title_at, paras, labels = _plan_part(paras, labels, part, meta, notes)
    search_from = title_at + 1 if title_at is not None else 0
    listed = _attachment_lists(paras, labels)
    first = next((i for i in range(search_from, len(paras)) if labels[i] is not None and labels[i].value == 1
                  and i not in listed), None)
    if first is None:
        return _notice_only(paras, title_at, plan, meta, imprint, portal, name, file, lines, notes)
    front = paras[:title_at] if title_at is not None else paras[:first]
    head = paras[title_at + 1:first] if title_at is not None else []
    speech = is_speech(front)
    notice = None
    if speech:
        meta.update(parse_speech_front(front))
    elif front:
        notice, notice_meta = parse_notice(front, notes)
        meta.update(notice_meta)
        if notice is None and title_at is None:
            head = front  # no notice and no title: the plan starts right away
        elif notice is None:
            meta["front"] = join_paragraphs(p.text for p in front)
            notes.add("warning", "unrecognised-front", "the text before the plan title is not a notice "
                      "(no title, 发文字号 or 主送); kept in meta.front", front[0].n)
    if title_at is not None:
        plan.title, draft = plan_title(paras[title_at].text)
        if draft:
            plan.status = "draft"
    _read_head(head, plan, meta, notes)

    rest, rest_labels, table = _split_task_table(paras[first:], labels[first:], meta, notes)
    tail, signature = _split_tail(rest, rest_labels, notes)
    body = _join_broken_lines(tail, rest_labels[:len(tail)], notes)
    root = _outline(body, notes)
    split = "review_part" in meta or "plan_part" in meta  # the parts had titles of their own
    scope = root if split else _choose_part(root, part, plan, name, notes)
    closing = _split_closing(scope)
    plan.closing = join_paragraphs(p.text for p in closing)

    plan.numbering, overrides = _numbering(scope.children, notes)
    plan.sections = _worded([_item(n, overrides, file, lines, notes) for n in scope.children], notes)
    if table:
        _fill_tasks(plan, table, notes)

    if notice is not None:
        notice.source = Source(file=file, line=front[0].n if lines else None, paragraph=front[0].n)
        _merge_imprint(notice, imprint)
        _plan_as_attachment(notice, plan.title)
        plan.notice = notice
    elif imprint.printed_on:
        meta["printed_by"] = imprint.printed_by
        meta["printed_on"] = imprint.printed_on.isoformat()
    _sign(signature, notice, meta, notes)
    _use_portal(portal, notice, notes)
    _fill_plan_fields(plan, notice, meta, speech, notes, paras)
    if title_at is not None and plan.title:
        notes.decide("plan_title", plan.title, paras[title_at], "plan-title-shape")
    plan.meta = meta
    return plan


def _notice_only(paras: list[Para], title_at: int | None, plan: Plan, meta: dict[str, Any], imprint: Notice,
                 portal: Portal, name: str, file: str | None, lines: bool, notes: Notes) -> Plan:
    """A 公文 without numbered sections (most notices): its header, body, 署名, date and 版记 as
    the plan's notice, with no sections; refused only when it is not a notice either."""
    front = paras[:title_at] if title_at is not None else paras
    notice, notice_meta = parse_notice(front, notes, signed=True) if front else (None, {})
    if notice is None:
        raise InputError("%s: no numbered sections found: a plan's sections start with 一、 or （一） or "
                         "1、 at the start of a paragraph" % name,
                         [Finding("error", "no-sections", "no numbered sections (一、 …) found", file)])
    meta.update(notice_meta)
    if notice.kind == "consult" and not _asks_for_comments(notice):
        # a report-by date or a contact line alone make no 征求意见 notice when no plan goes out
        notice.kind, notice.deadline = "issue", None
    if title_at is not None:
        plan.title, draft = plan_title(paras[title_at].text)
        if draft:
            plan.status = "draft"
        _read_head(paras[title_at + 1:], plan, meta, notes)
    notes.add("info", "notice-without-sections", "no numbered sections: imported as a notice (its body is "
              "in notice.body)", front[0].n)
    notice.source = Source(file=file, line=front[0].n if lines else None, paragraph=front[0].n)
    _merge_imprint(notice, imprint)
    plan.notice = notice
    _use_portal(portal, notice, notes)
    if not plan.issuer and notice.issuer:
        plan.issuer = notice.issuer
    plan.year = year_of(plan.title) or year_of(notice.title)
    if plan.year is None:
        notes.add("warning", "no-year", "no year found in the title", paras[0].n)
    plan.meta = meta
    return plan


REPORTED = ("title", "doc_number", "recipients", "date", "issuer", "year", "plan_title", "first_section")


def decisions(plan: Plan, notes: Notes) -> list[Decided]:
    """Each header field with its value, the line it came from, the rule and its confidence;
    a field not found is listed with value None and confidence none."""
    n = plan.notice
    values = {"title": n.title if n else None, "doc_number": n.doc_number if n else None,
              "recipients": list(n.recipients) if n else None, "date": n.date if n else None,
              "issuer": plan.issuer, "year": plan.year, "plan_title": plan.title,
              "first_section": plan.sections[0].title if plan.sections else None}
    if plan.sections and "first_section" not in notes.decided:
        src = plan.sections[0].source
        notes.decide("first_section", values["first_section"],
                     Para(src.paragraph, src.raw or "") if src and src.paragraph else None, "first-label-1")
    for name in ("plan_title", "title"):
        got = notes.decided.get(name)
        if values["year"] and "year" not in notes.decided and got and got.value \
                and year_of(got.value) == values["year"]:
            notes.decided["year"] = Decided("year", values["year"], got.paragraph, got.line, got.text,
                                            "year-of-" + name.replace("_", "-"), got.confidence)
    out = []
    for name in REPORTED:
        value = values[name] or None
        got = notes.decided.get(name)
        if value is None:
            out.append(Decided(name, None, rule="not-found"))
        elif got is not None and got.value == value:
            out.append(got)
        elif got is not None:  # decided on a line, then completed or normalised
            out.append(Decided(name, value, got.paragraph, got.line, got.text, got.rule, got.confidence))
        else:
            out.append(Decided(name, value, rule="derived", confidence="medium"))
    return out


def _asks_for_comments(notice: Notice) -> bool:
    return "征求" in simple(notice.title) and "意见" in notice.title or "征求意见" in simple(notice.body)


def _plan_part(paras: list[Para], labels: list[Label | None], part: str, meta: dict[str, Any],
               notes: Notes) -> tuple[int | None, list[Para], list[Label | None]]:
    """The plan title's index; when a review (工作总结) and a plan (工作要点) travel in one
    document under titles of their own, the part asked for, the other set aside in meta."""
    paras, labels = _join_title_spans(paras, labels)
    paras, labels = _join_issued_title(paras, labels)
    titles = [i for i, p in enumerate(paras) if labels[i] is None and len(p.text) <= 100
              and _TITLE_ENDS.search(p.text) and plan_title(p.text)]
    if not titles:
        paras, labels = _split_glued_title(paras, labels, notes)
        titles = [i for i, p in enumerate(paras) if labels[i] is None and len(p.text) <= 100
                  and _TITLE_ENDS.search(p.text) and plan_title(p.text)]
    if not titles:
        return None, paras, labels
    review = [i for i in titles if _REVIEW_TITLE.search(simple(paras[i].text))]
    plans = [i for i in titles if i not in review]
    if review and plans and review[0] < plans[0] and any(labels[k] for k in range(review[0], plans[0])):
        r, p = review[0], plans[0]
        if part == "plan":
            meta["review_part"] = join_paragraphs(q.text for q in paras[r:p])
            notes.add("info", "review-part", "set aside the part %r (imported %r; --part review for the "
                      "other)" % (squeeze_spaces(paras[r].text), squeeze_spaces(paras[p].text)), paras[r].n)
            return r, paras[:r] + paras[p:], labels[:r] + labels[p:]
        meta["plan_part"] = join_paragraphs(q.text for q in paras[p:])
        notes.add("info", "review-part", "imported the part %r; %r is set aside (--part plan)"
                  % (squeeze_spaces(paras[r].text), squeeze_spaces(paras[p].text)), paras[r].n)
        return r, paras[:p], labels[:p]
    first = _repeated_title(paras, titles)
    return (first if first < 80 else None), paras, labels


def _repeated_title(paras: list[Para], titles: list[int]) -> int:
    """The first plan title, or its repetition below a 主送: a page shows the plan's name as
    its own title above the notice that issues it (`“十四五”某某规划` / 主送 … / the same again)."""
    key = squeeze_spaces(simple(paras[titles[0]].text))
    again = [i for i in titles[1:] if squeeze_spaces(simple(paras[i].text)) == key]
    if again and any(is_recipients(squeeze_spaces(simple(paras[k].text))) for k in range(titles[0] + 1, again[-1])):
        return again[-1]
    return titles[0]


def _join_title_spans(paras: list[Para], labels: list[Label | None]) -> tuple[list[Para], list[Label | None]]:
    """A plan title broken before its year span is one line again: `…三年行动计划` / `（2011—2013
    年）`, `…中医药发展规划` / `（2017—2030年）实施分工方案`."""
    joins = [k for k in range(len(paras) - 1) if labels[k] is None and labels[k + 1] is None
             and len(paras[k].text) <= 60 and _span_continues(paras[k].text, paras[k + 1].text)
             and plan_title(paras[k].text + paras[k + 1].text)]
    for k in reversed(joins):
        joined = Para(paras[k].n, squeeze_spaces(paras[k].text + paras[k + 1].text))
        paras = paras[:k] + [joined] + paras[k + 2:]
        labels = labels[:k] + [None] + labels[k + 2:]
    return paras, labels


def _span_continues(line: str, following: str) -> bool:
    """Whether `following` carries on a title `line` broke before its year span: `（2017—2030年）`
    after the name, or `2016—2020年工作规划` after the words before it (`…中心卫生院爱国卫生`;
    not after a line that is whole already: a plan title, an office, a sentence)."""
    if following[:1] in "（(":
        return bool(YEAR_SPAN_GROUP.match(squeeze_spaces(simple(following))))
    if not following[:1].isdigit() or not YEAR_SPAN_START.match(squeeze_spaces(simple(following))):
        return False
    s = squeeze_spaces(simple(line))
    return not (_SENTENCE_MARKS.search(s) or is_organ_line(line) or plan_title(line) or is_date_line(line))


_SENTENCE_MARKS = re.compile(r"[，。；：！？:;,]|的$")
_ISSUED_NAME = re.compile(r"《([^《》]{4,60})》[^。]{0,12}(?:印发|转发|下发)")


def _split_glued_title(paras: list[Para], labels: list[Label | None],
                       notes: Notes) -> tuple[list[Para], list[Label | None]]:
    """A plan title glued to its first paragraph (`某某规划为积极应对…`) when the notice names the
    plan it issues (`现将《某某规划》印发给你们`): the name becomes a line of its own."""
    first = next((i for i, lab in enumerate(labels) if lab is not None), len(paras))
    for i in range(first):
        m = _ISSUED_NAME.search(paras[i].text)
        if not m or not plan_title(m.group(1)):
            continue
        name = m.group(1)
        for k in range(i + 1, first):
            text = paras[k].text
            if text.startswith(name) and len(text) > len(name) and not _TITLE_ENDS.match(text[len(name):]):
                notes.add("info", "plan-title-glued", "split the plan title %r off the paragraph it was glued "
                          "to" % name[:30], paras[k].n)
                return (paras[:k] + [Para(paras[k].n, name), Para(paras[k].n, text[len(name):].lstrip())]
                        + paras[k + 1:], labels[:k] + [None, None] + labels[k + 1:])
        break
    return paras, labels


def _join_issued_title(paras: list[Para], labels: list[Label | None]) -> tuple[list[Para], list[Label | None]]:
    """A plan title broken over two lines anywhere (a narrow column, a PDF's centred title) is
    one line again when the two lines together are the name the notice issues (`现将《…》印发`)
    and neither alone is."""
    first = next((i for i, lab in enumerate(labels) if lab is not None), len(paras))
    names = {squeeze_spaces(m.group(1)) for i in range(first) for m in [_ISSUED_NAME.search(paras[i].text)] if m}
    if not names:
        return paras, labels
    for k in range(first - 1):
        a, b = squeeze_spaces(paras[k].text), squeeze_spaces(paras[k + 1].text)
        if a + b in names and a not in names and b not in names:
            return (paras[:k] + [Para(paras[k].n, a + b)] + paras[k + 2:], labels[:k] + [None] + labels[k + 2:])
    return paras, labels


def _attachment_lists(paras: list[Para], labels: list[Label | None]) -> set[int]:
    """Indexes of the numbered lines of an attachment list (`附件：1. …` / `2. …`): not items."""
    out: set[int] = set()
    for i, p in enumerate(paras):
        if p.text.startswith("附") and _ATTACHMENTS.match(simple(p.text)):
            k = i + 1
            while k < len(paras) and labels[k] is not None and labels[k].family == "ar":
                out.add(k)
                k += 1
    return out


def _split_tail(body: list[Para], labels: list[Label | None],
                notes: Notes) -> tuple[list[Para], dict[str, Any]]:
    """Take the 署名, 成文日期 and an attachment list off the end of the numbered body, so they
    are not glued into the last item's text."""
    end = len(body)
    signature: dict[str, Any] = {}
    after = _attachment_after_date(body, labels)
    if after is not None:
        signature["appendix"] = [p.text for p in body[after:]]
        notes.add("info", "attachment-after-date", "the text after the 成文日期 from %r on is an attachment, "
                  "not items; kept in meta.appendix" % body[after].text[:20], body[after].n)
        end = after
    if end > 1:
        last = body[end - 1]
        ss = squeeze_spaces(simple(last.text))
        m = SIGNED_LINE.match(ss)
        date = is_date_line(last.text)
        if m or date:
            signature["date"] = parse_date(m.group("date")) if m else date
            signature["n"], signature["para"] = last.n, last
            issuers = [squeeze_spaces(last.text)[:m.end("org")]] if m else []
            end -= 1
            while not m and end > 1 and len(issuers) < 4 and labels[end - 1] is None \
                    and is_organ_line(body[end - 1].text):
                issuers.insert(0, squeeze_spaces(body[end - 1].text))
                end -= 1
            signature["issuers"] = issuers
    for k in range(end - 1, max(0, end - 12), -1):
        if labels[k] is None and _ATTACHMENTS.match(simple(body[k].text)):
            rest = range(k + 1, end)
            if all(labels[j] is not None and labels[j].family == "ar" or _FILE_NAME.search(body[j].text)
                   for j in rest):
                signature["attachments"] = [body[k].text] + [body[j].text for j in rest]
                notes.add("info", "attachment-list", "the attachment list after the last item is not an "
                          "item", body[k].n)
                end = k
            break
    return body[:end], signature


_APPENDIX_MARK = re.compile(r"^附件[0-9０-９]*(?:[：:].{0,60})?$")


def _attachment_after_date(body: list[Para], labels: list[Label | None]) -> int | None:
    """Where an attachment starts that follows the 成文日期 (`二〇一一年一月二十日` / `附件：` / its
    form, numbered `一、卫生院名称：` …): the index of its `附件` line, or None."""
    for k in range(len(body) - 1, max(0, len(body) - 60), -1):
        if labels[k] is None and body[k].text.startswith("附") and labels[k - 1] is None \
                and _APPENDIX_MARK.match(squeeze_spaces(simple(body[k].text))) \
                and (is_date_line(body[k - 1].text) or SIGNED_LINE.match(squeeze_spaces(simple(body[k - 1].text)))):
            listed = all(labels[j] is not None and labels[j].family == "ar" or _FILE_NAME.search(body[j].text)
                         for j in range(k + 1, len(body)))
            return None if listed else k  # a list of attachments only: the notice's, as before
    return None


# A 任务分工表: 序号 | 任务 | 牵头单位 | 参与单位 | 完成时限, one row a paragraph, cells apart by tabs
# (as the .docx reader gives a table's rows, and as offices paste one into a text file).
_TASK_COLUMNS = {
    "task": re.compile(r"^(重点)?(工作)?(任务|事项|内容)(名称|内容)?$"),
    "lead": re.compile(r"^(牵头|责任|主责)(单位|科室|处室|部门)$"),
    "support": re.compile(r"^(参与|配合|协办|协同|参加)(单位|科室|处室|部门)$"),
    "deadline": re.compile(r"^(完成)?(时限|时间|期限)(要求)?$|^时间节点$"),
}
_TABLE_TITLE = re.compile(r"(分工表|任务表|清单|分解表)$")


def _task_header(text: str) -> dict[str, int] | None:
    """Column of each field when `text` is a 任务分工表's header row."""
    if "\t" not in text:
        return None
    cells = [squeeze_spaces(simple(c)) for c in text.split("\t")]
    cols = {}
    for name, rx in _TASK_COLUMNS.items():
        k = next((k for k, c in enumerate(cells) if rx.match(c)), None)
        if k is not None:
            cols[name] = k
    return cols if "task" in cols and "lead" in cols else None


def _split_task_table(body: list[Para], labels: list[Label | None], meta: dict[str, Any], notes: Notes):
    """Take a 任务分工表 (its 附件 mark, title, header and rows) out of the numbered body: its rows
    go to the items they name, not into the last item's text."""
    at = next((i for i, p in enumerate(body) if labels[i] is None and "\t" in p.text and _task_header(p.text)),
              None)
    if at is None:
        return body, labels, None
    cols = _task_header(body[at].text)
    width = len(body[at].text.split("\t"))
    end = at + 1
    while end < len(body) and len(body[end].text.split("\t")) == width:
        end += 1
    start = at
    while start > 0 and start > at - 2 and labels[start - 1] is None and (
            _ATTACHMENTS.match(simple(body[start - 1].text) + "：") or _TABLE_TITLE.search(body[start - 1].text)):
        start -= 1
    rows = [(p, [c.strip() for c in p.text.split("\t")]) for p in body[at + 1:end]]
    meta["task_table"] = join_paragraphs(p.text for p in body[start:end])
    notes.add("info", "task-table", "read a 任务分工表 of %d rows into its items' offices and deadlines"
              % len(rows), body[at].n)
    keep = list(range(start)) + list(range(end, len(body)))
    return [body[k] for k in keep], [labels[k] for k in keep], (cols, rows)


def _fill_tasks(plan: Plan, table, notes: Notes) -> None:
    cols, rows = table
    items = plan.items()
    for para, cells in rows:
        task = cells[cols["task"]] if cols["task"] < len(cells) else ""
        want = _plain(task)
        item = next((i for i in items if want and (_plain(i.title) == want or _plain(i.title + i.text).startswith(want))),
                    None)
        if item is None:
            notes.add("warning", "task-row-unmatched", "the 任务分工表 row %r names no item; kept in "
                      "meta.task_table" % task[:30], para.n)
            continue
        if item.lead:
            notes.add("warning", "task-row-offices", "item %r names its offices in its text already; the "
                      "table's are not used" % item.title[:20], para.n)
            continue
        get = lambda name: cells[cols[name]].strip() if name in cols and cols[name] < len(cells) else ""  # noqa: E731
        item.lead = split_top_level(get("lead"), "，、,；;") if get("lead") else []
        item.support = split_top_level(get("support"), "，、,；;") if get("support") else []
        item.deadline = get("deadline")


def _plain(text: str) -> str:
    return "".join(simple(text).split()).rstrip("。")


def _sign(signature: dict[str, Any], notice: Notice | None, meta: dict[str, Any], notes: Notes) -> None:
    """The 署名 and 成文日期 found after the last item: the notice's when it has none."""
    if "appendix" in signature:
        meta["appendix"] = join_paragraphs(signature["appendix"])
    if "attachments" in signature:
        meta["attachment_list"] = join_paragraphs(signature["attachments"])
        if notice is not None and not notice.attachments:
            notice.attachments = [_ATTACHMENTS.sub("", t, count=1).strip() for t in signature["attachments"]]
            notice.attachments = [t[_arabic_words(t):].strip() for t in notice.attachments if t.strip()]
    if "date" not in signature:
        return
    issuer = "、".join(signature["issuers"])
    if notice is not None and notice.date is None:
        notice.date = signature["date"]
        notice.issuer = notice.issuer or issuer
        notes.decide("date", notice.date, signature["para"], "signature-after-items", "medium")
        if issuer and notice.issuer == issuer:
            notes.decide("issuer", issuer, signature["para"], "signature-after-items", "medium")
        notes.findings[:] = [f for f in notes.findings if f.code != "no-date"]  # found after all
        notes.add("info", "signature-after-items", "the 署名 and 成文日期 after the last item are the notice's",
                  signature["n"])
    else:
        meta["signed_on"] = signature["date"].isoformat() if signature["date"] else ""
        if issuer:
            meta["signed_by"] = issuer
        notes.add("info", "signature-after-items", "the 署名 and date after the last item kept in meta",
                  signature["n"])


def _arabic_words(text: str) -> int:
    lab = parse_label(text)
    return lab.words if lab is not None else 0


def _use_portal(portal: Portal, notice: Notice | None, notes: Notes) -> None:
    """The portal's facts where the document lacks them, each with a warning naming its line."""
    if notice is None:
        return
    if not notice.doc_number and portal.doc_number:
        notice.doc_number = doc_number_of(portal.doc_number[0]) or portal.doc_number[0]
        notes.decide("doc_number", notice.doc_number, Para(portal.doc_number[1], portal.doc_number[2]),
                     "doc-number-from-portal", "medium")
        notes.add("warning", "doc-number-from-portal", "no 发文字号 in the document; took %s from the web "
                  "page's 文号 field" % notice.doc_number, portal.doc_number[1])
    if not notice.title and portal.title and is_document_title(portal.title[0]):
        notice.title = squeeze_spaces(portal.title[0])
        notes.decide("title", notice.title, Para(portal.title[1], portal.title[2]), "title-from-portal", "medium")
        notes.findings[:] = [f for f in notes.findings if f.code != "no-notice-title"]  # found after all
        notes.add("warning", "title-from-portal", "no title line in the document; took %r from the web page's "
                  "名称 field" % notice.title[:40], portal.title[1])
    if portal.published and notice.date and notice.date > portal.published[0]:
        notes.add("warning", "date-after-publication", "the 成文日期 %s is after the page's %s %s; check it"
                  % (notice.date.isoformat(), portal.published[2], portal.published[0].isoformat()),
                  portal.published[1])


# The title block between the plan title and the first section -----------------------------------

def _read_head(head: list[Para], plan: Plan, meta: dict[str, Any], notes: Notes) -> None:
    preamble = []
    for p in head:
        kind = classify_head(p) if not preamble else None
        if kind is None:
            preamble.append(p.text)
        elif kind[0] == "draft":
            plan.status = "draft"
        elif kind[0] == "byline":
            meta["byline"] = kind[1]
        elif kind[0] == "issuer":
            plan.issuer = kind[1]
            notes.decide("issuer", plan.issuer, p, "issuer-line")
        elif kind[0] == "web":
            meta.update(parse_web(p.text))
            meta["web"] = p.text
            notes.add("info", "web-leftover", "web-page line moved to meta: %s" % p.text[:40], p.n)
    plan.preamble = join_paragraphs(preamble)


def _fill_plan_fields(plan: Plan, notice: Notice | None, meta: dict[str, Any], speech: bool,
                      notes: Notes, paras: list[Para]) -> None:
    if not plan.issuer and notice is not None and notice.issuer:
        plan.issuer = notice.issuer
    if not plan.issuer and meta.get("来源"):
        plan.issuer = meta["来源"]
        notes.decide("issuer", plan.issuer, None, "web-page-source", "low")
        notes.add("warning", "guessed-issuer", "no issuer line; took the web page's 来源 %r as the issuer"
                  % plan.issuer, paras[0].n)
    if plan.year is None:
        for text in (plan.title, notice.title if notice else "", meta.get("subtitle", "")):
            plan.year = year_of(text or "")
            if plan.year:
                break
    if plan.year is None:
        notes.add("warning", "no-year", "no year found in the title", paras[0].n)
    if not plan.title and notice is not None and notice.title:
        notes.add("info", "notice-with-sections", "no plan title: the numbered sections are the notice's own",
                  paras[0].n)
    elif not plan.title:
        notes.add("warning", "no-title", "no plan title line (like 2017年全市卫生工作要点) found", paras[0].n)


def _merge_imprint(notice: Notice, imprint: Notice) -> None:
    notice.printed_by = imprint.printed_by
    notice.printed_on = imprint.printed_on
    notice.cc = imprint.cc


def _plan_as_attachment(notice: Notice, title: str) -> None:
    """An attachment that names the plan itself means the plan goes out as the attachment; the
    renderer lists it, so it is not kept among the other attachments."""
    if not title:
        return
    plan_itself = [a for a in notice.attachments if title in a]
    if plan_itself:
        notice.plan_as = "attachment"
        notice.attachments = [a for a in notice.attachments if a not in plan_itself]


# The outline --------------------------------------------------------------------------------------

def _ends_mid_sentence(p: Para, label: Label | None) -> bool:
    own = p.text[label.words:] if label else p.text
    return "。" in own and _ends_mid(p.text)


def _join_broken_lines(paras: list[Para], labels: list[Label | None], notes: Notes) -> list[Para]:
    """Join a line broken in mid-sentence (seed 000's `…纲要` / `（2015-2020年）》…`) to the next
    paragraph when that one does not start a new item."""
    out: list[Para] = []
    pending: tuple[Para, Label | None] | None = None
    for p, lab in zip(paras, labels):
        if pending is not None:
            q, qlab = pending
            if lab is None or not _looks_like_item(lab, p):
                notes.add("info", "joined-lines", "joined ¶%d to ¶%d: the line was broken in mid-sentence"
                          % (p.n, q.n), q.n)
                q = Para(q.n, q.text + p.text)
                out[-1] = q
                pending = (q, qlab) if _ends_mid_sentence(q, qlab) else None
                continue
            pending = None
        out.append(p)
        if _ends_mid_sentence(p, lab):
            pending = (p, lab)
    return out


def _looks_like_item(lab: Label, p: Para) -> bool:
    """`（2015-2020年）》` never parses as a label; a real label is followed by words."""
    return bool(p.text[lab.words:].strip())


def _outline(body: list[Para], notes: Notes) -> Node:
    root = Node(None, None)
    stack = [root]
    last_value: dict[tuple[str, int], int] = {}
    for p in body:
        lab = parse_label(p.text)
        if lab is not None and not _looks_like_item(lab, p):
            lab = None
        if lab is not None:
            k = next((k for k in range(1, len(stack)) if stack[k].label.family == lab.family), None)
            if k is not None:
                prev = stack[k].label.value
                if lab.value == prev + 1:
                    pass
                elif lab.value == prev:
                    notes.add("warning", "repeated-number", "%s repeats the number of the item before it; "
                              "kept as a new item (numbers are recomputed when rendering)" % lab.printed, p.n)
                elif lab.value == prev + 2:
                    notes.add("warning", "skipped-number", "%s follows %s: a number is skipped; numbers are "
                              "recomputed when rendering" % (lab.printed, stack[k].label.printed), p.n)
                else:
                    notes.add("info", "not-a-number", "%s does not follow %s; read as text, not as an item"
                              % (lab.printed, stack[k].label.printed), p.n)
                    lab = None
                if lab is not None:
                    del stack[k:]
            else:
                depth = len(stack) - 1
                if not (lab.value == 1 or lab.value == last_value.get((lab.family, depth), 0) + 1):
                    notes.add("info", "not-a-number", "%s starts no list here; read as text" % lab.printed, p.n)
                    lab = None
        if lab is None:
            stack[-1].paras.append(p)
            continue
        node = Node(lab, p, depth=len(stack) - 1)
        stack[-1].children.append(node)
        stack.append(node)
        last_value[(lab.family, node.depth)] = lab.value
    return root


def _title_of(node: Node) -> str:
    head = node.head()
    split = split_title(head)
    return split[0] if split else head


def _choose_part(root: Node, part: str, plan: Plan, name: str, notes: Notes) -> Node:
    """A speech reviews last year and deploys the next: pick the part asked for."""
    tops = root.children
    review = [n for n in tops if _REVIEW_WORDS.search(simple(_title_of(n))) and n.children]
    deploy = [n for n in tops if _PLAN_WORDS.search(simple(_title_of(n))) and n.children and n not in review]
    if not (review and deploy):
        if part == "review":
            raise InputError("%s: --part review: no 工作回顾 part found (the document has no review and "
                             "deployment parts)" % name)
        return root
    chosen = deploy[0] if part == "plan" else review[0]
    other = review[0] if part == "plan" else deploy[0]
    plan.title = _title_of(chosen)
    plan.year = year_of(plan.title)
    plan.preamble = join_paragraphs(p.text for p in chosen.paras)
    notes.add("info", "speech-part", "imported the part %r; the part %r is left out (--part %s)"
              % (plan.title, _title_of(other), "review" if part == "plan" else "plan"), chosen.para.n)
    scope = Node(None, None, paras=[])
    scope.children = chosen.children
    for n in scope.walk():
        if n is not scope:
            n.depth -= 1
    return scope


def _split_closing(scope: Node) -> list[Para]:
    """Closing words after the last item (a speech's `同志们，…`), taken off that item."""
    last = scope
    while last.children:
        last = last.children[-1]
    if last is scope:
        return []
    for i, p in enumerate(last.paras):
        if _CLOSING.match(simple(p.text)):
            closing = last.paras[i:]
            del last.paras[i:]
            return closing
    return []


# Numbering styles and continuity --------------------------------------------------------------------

def _chain(nodes: list[Node]) -> list[str]:
    """The families of the deepest run of levels below `nodes` (ties: the most items)."""
    by_family: dict[str, list[Node]] = {}
    for n in nodes:
        if n.children:
            by_family.setdefault(n.children[0].label.family, []).extend(n.children)
    best: list[str] = []
    best_score = (-1, -1)
    for family, kids in by_family.items():
        sub = _chain(kids)
        score = (len(sub), len(kids))
        if score > best_score:
            best, best_score = sub, score
    return [nodes[0].label.family] + best


def _numbering(sections: list[Node], notes: Notes) -> tuple[Numbering, dict[int, Numbering]]:
    """The plan's numbering, plus an own scope for each node whose children are numbered in a
    family other than the plan's next level (seed 004's 主要任务 list)."""
    overrides: dict[int, Numbering] = {}

    def scope(top: list[Node]) -> Numbering:
        families = _chain(top)
        groups: dict[int, list[list[Node]]] = {0: [top]}

        def visit(nodes: list[Node], d: int) -> None:
            for n in nodes:
                if not n.children:
                    continue
                if d + 1 < len(families) and n.children[0].label.family == families[d + 1]:
                    groups.setdefault(d + 1, []).append(n.children)
                    visit(n.children, d + 1)
                else:
                    overrides[id(n)] = scope(n.children)

        visit(top, 0)
        levels, continuous = [], []
        for d in range(len(families)):
            gs = groups.get(d, [])
            levels.append(_style(gs, notes))
            continuous.append(_continuous(gs))
        return Numbering(levels=levels, continuous=continuous)

    if not sections:
        return Numbering(), overrides
    return scope(sections), overrides


def _style(groups: list[list[Node]], notes: Notes) -> str:
    nodes = [n for g in groups for n in g]
    counts = Counter(n.label.style for n in nodes)
    style = max(counts, key=lambda s: (counts[s], -next(i for i, n in enumerate(nodes) if n.label.style == s)))
    for n in nodes:
        if n.label.style != style:
            notes.add("warning", "mixed-numbering", "numbered %r where the others at this level use %r; "
                      "it will be printed in the common style" % (n.label.printed, style), n.para.n)
    return style


def _continuous(groups: list[list[Node]]) -> bool:
    """True when the numbers run on across parents: a later parent's first child continues."""
    runs_on = restarts = 0
    for before, group in zip(groups, groups[1:]):
        if group[0].label.value == 1:
            restarts += 1
        elif group[0].label.value == before[-1].label.value + 1:
            runs_on += 1
    return runs_on > restarts


# Nodes → items -----------------------------------------------------------------------------------

def _worded(items: list[Item], notes: Notes) -> list[Item]:
    """Items as a plan holds them: a number followed by no words (`一、。`) is no task and is
    left out with a warning; an item whose only words are its text takes them as its title."""
    out = []
    for item in items:
        item.items = _worded(item.items, notes)
        if not item.title.strip():
            item.title, item.text = item.text.strip(), ""
        if item.title or item.items:
            out.append(item)
        else:
            notes.add("warning", "empty-item", "an item number with no words after it was left out",
                      item.source.paragraph if item.source else None)
    return out


def _item(node: Node, overrides: dict[int, Numbering], file: str | None, lines: bool,
          notes: Notes) -> Item:
    head = node.head()
    conts = [p.text for p in node.paras]
    split = split_title(head)
    if split and not split[1] and conts:
        # one whole sentence on the number line, the body in paragraphs below (seed 004
        # item 1): a heading line printed as written, final 。 included
        title, paras, heading = head, conts, True
    elif split:
        title, rest = split
        paras = [rest] + conts if rest else conts
        heading = False
    else:
        title, paras = head, conts
        if node.children and title.endswith(("：", ":")):
            title = title[:-1].rstrip()  # `一、常规工作：` introduces its items; the colon is no word
        # a bare line is a heading; a section line alone needs no flag (sections print bare)
        heading = bool(paras) or (not node.children and node.depth > 0)
    item = Item(title=title, heading=heading)
    last_n = node.paras[-1].n if node.paras else node.para.n
    if paras:
        found = find_offices(paras[-1])
        if found:
            kept = paras[-1][:found.start].rstrip()
            if kept.endswith(("?", "？")):
                notes.add("warning", "stray-question-mark", "a '?' before the responsible offices, probably a "
                          "。 lost in conversion; kept as written", last_n)
            paras[-1] = kept
            if not kept:
                paras.pop()
            _set_offices(item, found, notes, last_n)
    if not item.lead:
        found = find_offices(item.title)
        if found and found.start > 0:
            item.title = item.title[:found.start].rstrip()
            _set_offices(item, found, notes, node.para.n)
    group = trailing_group(item.title)
    if group and group[0] > 0 and _TAG_WORDS.search(group[2]):
        item.tag = item.title[group[0]:].strip()
        item.title = item.title[:group[0]].rstrip()
    item.text = join_paragraphs(paras)
    if not item.title:
        notes.add("warning", "empty-title", "item %s has no words after its number" % node.label.printed,
                  node.para.n)
    item.numbering = overrides.get(id(node))
    item.items = [_item(c, overrides, file, lines, notes) for c in node.children]
    item.source = Source(file=file, line=node.para.n if lines else None, paragraph=node.para.n,
                         label=node.label.printed, raw=node.para.text)
    return item


def _set_offices(item: Item, found, notes: Notes, n: int) -> None:
    item.lead, item.support = found.lead, found.support
    if found.keyword != "牵头":
        notes.add("info", "offices-wording", "offices written with %s; they will be printed with 牵头"
                  % found.keyword, n)
