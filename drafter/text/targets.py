"""Targets: the quantities a plan commits to (`30%`, `17/10万`, `8‰`, `500张`, `6-8个`,
`年底前`), each with the phrase it measures, so a changed number reads as
`家庭医生签约服务覆盖率: 30% → 40%` instead of two stray digits in a text diff.

A pure function of the text (no model, no I/O): the diff, rollover and check all reuse it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

_NUM = r"\d+(?:\.\d+)?"
_DASH = r"\s*[-－~～—–至到]\s*"
# Longest units first: the alternation takes the first that fits.
_COUNT_UNITS = sorted(
    "个百分点 百分点 万人次 人次 家次 万人 万元 亿元 万座 万张 万份 万册 个月 平方米 公里 小时 分钟 "
    "个 家 所 张 人 名 例 次 项 台 户 份 场 期 批 支 辆 元 天 床 倍 座 条 套 本 册 班 轮 篇 件 种 "
    "处 间 万".split(), key=len, reverse=True)
_RATE = r"(?:%|％|‰|/(?:10|十|1|一)?万|/千|/百)"
_QUANTITY = re.compile(
    r"(?<![\d.A-Za-z/])(?P<num>" + _NUM + "(?:" + _DASH + _NUM + ")?)"
    r"(?P<unit>" + _RATE + "|" + "|".join(map(re.escape, _COUNT_UNITS)) + ")")
_DEADLINE = re.compile(
    r"(?:(?:\d{4}|今|明)年)?"
    r"(?:\d{1,2}月(?:\d{1,2}日|底|末|份|中旬|上旬|下旬)?|年底|年末|年中|上半年|下半年)"
    r"(?:之)?前")
_BOOK_TITLE = re.compile(r"《[^《》]*》|“[^“”]*”")
_CLAUSE_END = "，。；：、！？,;:!?（）()【】\n"
_SENTENCE_END = "，。；;,!?！？\n"
_LEAD_FILLER = re.compile(r"^(?:力争|确保|争取|努力|全年|今年|使|要|并|其中|以及|和|及|均|在|到|至少|至|"
                          r"全市|全县|全区|全省|各地|每年)+")
_TAIL_VERB = re.compile(
    r"(?:分别|均|要|将|再|较上年|比上年|同比)?(?:达到|达|提高到|提高至|提高|提升到|提升至|提升|增长到|增长|"
    r"增加到|增加|扩大到|扩大至|扩大|降低到|降低至|降低|下降到|下降至|下降|减少|控制在|保持在|稳定在|"
    r"维持在|不低于|不少于|不超过|不高于|不少|低于|高于|超过|少于|至少|达标|为|在|有|完成|新增|新建|各)+$")
_BASE_PHRASE = re.compile(r"在[^，。；]*?基础上|较上年(?:度)?|比上年(?:度)?|同比")
_QUALIFIER = re.compile(r"^(?:以上|以下|以内|左右|之内|内)+")
_RATE_VERB = re.compile(r"达到|达|控制在|保持在|稳定在|提高|不低于|不少于|高于|低于|超过|占")
_AFTER_CUT = re.compile(r"[的和及与]|以上|以下|实施|开展|进行|参加|依序|达到|达")
_COUNT_VERB = re.compile(r"(?:组建|建成|建设|新建|创建|培训|培养|完成|实施|开展|举办|新增|设置|选送|"
                         r"筛查|招聘|招录|引进|配备|扶持|打造|推广|检查|建立)$")


@dataclass(frozen=True)
class Target:
    """One quantity in a text: `label` (what it measures), `value` (as written, without
    以上/以下), and its character span in the text."""

    label: str
    value: str
    start: int
    end: int
    kind: str = "quantity"  # quantity | rate | deadline


@dataclass(frozen=True)
class TargetChange:
    label: str
    old: str | None
    new: str | None

    def __str__(self) -> str:
        return "%s: %s → %s" % (self.label, self.old or "（无）", self.new or "（无）")


def extract_targets(text: str) -> list[Target]:
    """Every target in `text`, in order.  Years, dates, ordinals (`第3项`) and numbers inside
    document titles 《…》 or quotes are not targets.  Traditional text is read through a
    length-keeping simplified copy; labels and values are given as written."""
    if not text:
        return []
    from .script import char_simplify

    plain = char_simplify(text)
    if plain == text:
        return _extract(text)
    back: dict[str, str] = {}
    for o, p in zip(text, plain):
        back.setdefault(p, o)
    table = str.maketrans(back)
    return [Target(t.label.translate(table), text[t.start:t.end], t.start, t.end, t.kind)
            for t in _extract(plain)]


def _extract(text: str) -> list[Target]:
    protected = [(m.start(), m.end()) for m in _BOOK_TITLE.finditer(text)]

    def shielded(a: int, b: int) -> bool:
        return any(s <= a and b <= e for s, e in protected)

    found: list[Target] = []
    taken: list[tuple[int, int]] = []
    for m in _DEADLINE.finditer(text):
        if shielded(m.start(), m.end()):
            continue
        found.append(Target(_deadline_label(text, m.start(), m.end()), m.group(0), m.start(), m.end(),
                            "deadline"))
        taken.append((m.start(), m.end()))
    for m in _QUANTITY.finditer(text):
        a, b = m.start(), m.end()
        if shielded(a, b) or any(s < b and a < e for s, e in taken):
            continue
        if a > 0 and text[a - 1] == "第":
            continue
        unit = m.group("unit")
        num = m.group("num")
        if unit in ("天", "元", "次") and re.fullmatch(r"(?:19|20)\d\d", num):
            continue
        is_rate = re.fullmatch(_RATE, unit) is not None or unit.endswith("百分点")
        label = _quantity_label(text, a, b, is_rate)
        found.append(Target(label, _normal_value(m.group(0)), a, b, "rate" if is_rate else "quantity"))
    found.sort(key=lambda t: t.start)
    return found


def _normal_value(value: str) -> str:
    return re.sub(r"\s+", "", value).replace("％", "%")


def _clause_before(text: str, a: int, stops: str = _CLAUSE_END) -> str:
    i = a
    while i > 0 and text[i - 1] not in stops:
        i -= 1
    return text[i:a]


def _clause_after(text: str, b: int, stops: str = _CLAUSE_END) -> str:
    j = b
    while j < len(text) and text[j] not in stops:
        j += 1
    return text[b:j]


def _quantity_label(text: str, a: int, b: int, is_rate: bool) -> str:
    """Rates measure the phrase before them (`覆盖率达30%`); counts usually the noun after
    them (`组建6-8个医疗联合体`), else the phrase before (`省级卫生镇不少于2个`)."""
    left = _BASE_PHRASE.sub("", _clause_before(text, a))
    left = _strip_tail(_LEAD_FILLER.sub("", left))
    if is_rate:
        head = _RATE_VERB.split(left, maxsplit=1)[0]
        if len(head) >= 2:
            left = head
    after = _QUALIFIER.sub("", _clause_after(text, b)).lstrip("的")
    after = _AFTER_CUT.split(after, maxsplit=1)[0] if after else ""
    if not is_rate and len(after) >= 2:
        verb = _COUNT_VERB.search(_clause_before(text, a))
        return ((verb.group(0) if verb else "") + after)[:24]
    if left:
        return left[-24:]
    return (after or _clause_before(text, a, _SENTENCE_END).strip())[:24]


def _strip_tail(label: str) -> str:
    prev = None
    while prev != label:
        prev = label
        label = _TAIL_VERB.sub("", label).rstrip("的")
    return label


def _deadline_label(text: str, a: int, b: int) -> str:
    """A deadline measures what is to be done by then: the rest of its clause, or the next
    clause when the deadline ends one (`力争年底前，全部…建立…`)."""
    after = _clause_after(text, b, _SENTENCE_END)
    if not after.strip() and b < len(text) and text[b] in "，,":
        after = _clause_after(text, b + 1, _SENTENCE_END)
    after = after.strip()
    if after:
        return after[:24]
    return _LEAD_FILLER.sub("", _clause_before(text, a, _SENTENCE_END))[-24:]


def compare_targets(old_text: str, new_text: str, normalise=None) -> list[TargetChange]:
    """Targets whose value changed, appeared or went, paired by label (then by kind and order
    for labels that were reworded).  `normalise` maps text for matching labels (traditional →
    simplified); labels are reported as written in the new text."""
    from rapidfuzz import fuzz

    norm = normalise or (lambda s: s)
    old, new = extract_targets(old_text), extract_targets(new_text)
    pairs: list[tuple[Target | None, Target | None]] = []
    used_new: set[int] = set()
    unmatched_old: list[Target] = []
    by_label: dict[tuple[str, str], list[int]] = {}
    for j, t in enumerate(new):
        by_label.setdefault((norm(t.label), t.kind), []).append(j)
    for t in old:
        js = [j for j in by_label.get((norm(t.label), t.kind), []) if j not in used_new]
        if js:
            used_new.add(js[0])
            pairs.append((t, new[js[0]]))
        else:
            unmatched_old.append(t)
    for t in unmatched_old:
        best, best_score = None, 0.0
        for j, u in enumerate(new):
            if j in used_new or u.kind != t.kind:
                continue
            score = fuzz.ratio(norm(t.label), norm(u.label))
            if score > best_score:
                best, best_score = j, score
        if best is not None and best_score >= 60:
            used_new.add(best)
            pairs.append((t, new[best]))
        else:
            pairs.append((t, None))
    pairs.extend((None, u) for j, u in enumerate(new) if j not in used_new)
    changes = []
    for o, n in pairs:
        if o is not None and n is not None and norm(o.value) == norm(n.value):
            continue
        label = (n or o).label  # type: ignore[union-attr]
        changes.append(TargetChange(label, o.value if o else None, n.value if n else None))
    return changes
