"""Word's automatic numbering, computed: python-docx (and the XML) hold only `numId`/`ilvl`,
the number a reader sees (`一、` `（三）` `12.`) exists only once counted.

Counters follow Word's rules: one counter set per abstract list (so two `w:num`s of the same
list run on unless one restarts with `w:startOverride`); a level restarts when a shallower level
advances (or per `w:lvlRestart`); `w:isLgl` prints all levels as Arabic numbers.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ..text.numerals import DIGITS, to_chinese

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

_LEGAL = "零壹贰叁肆伍陆柒捌玖"
_STEMS = "甲乙丙丁戊己庚辛壬癸"
_BRANCHES = "子丑寅卯辰巳午未申酉戌亥"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_PAREN = "⑴⑵⑶⑷⑸⑹⑺⑻⑼⑽⑾⑿⒀⒁⒂⒃⒄⒅⒆⒇"
_FULLSTOP = "⒈⒉⒊⒋⒌⒍⒎⒏⒐⒑⒒⒓⒔⒕⒖⒗⒘⒙⒚⒛"


def _roman(n: int) -> str:
    out = []
    for value, sym in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                       (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out.append(sym)
            n -= value
    return "".join(out)


def _letters(n: int) -> str:
    # Word repeats the letter: 27 → AA, 28 → BB
    return chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def format_number(n: int, fmt: str) -> str:
    """A counter value in one of Word's `w:numFmt` formats (decimal when unknown)."""
    if n < 0:  # only a damaged file counts below zero
        return str(n)
    if fmt in ("chineseCounting", "chineseCountingThousand", "japaneseCounting", "taiwaneseCounting",
               "taiwaneseCountingThousand", "koreanCounting"):
        return to_chinese(n) if 0 <= n < 10000 else str(n)
    if fmt in ("ideographDigital", "japaneseDigitalTenThousand", "taiwaneseDigital"):
        return "".join(DIGITS[int(d)] if d != "0" else "〇" for d in str(n))
    if fmt in ("chineseLegalSimplified", "ideographLegalTraditional", "japaneseLegal"):
        return "".join(_LEGAL[int(d)] for d in str(n))
    if fmt == "ideographTraditional":
        return _STEMS[(n - 1) % 10]
    if fmt == "ideographZodiac":
        return _BRANCHES[(n - 1) % 12]
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese") and 1 <= n <= 20:
        return _CIRCLED[n - 1]
    if fmt == "decimalEnclosedParen" and 1 <= n <= 20:
        return _PAREN[n - 1]
    if fmt == "decimalEnclosedFullstop" and 1 <= n <= 20:
        return _FULLSTOP[n - 1]
    if fmt in ("decimalFullWidth", "decimalFullWidth2"):
        return str(n).translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    if fmt == "decimalZero":
        return "%02d" % n
    if fmt == "upperLetter":
        return _letters(n)
    if fmt == "lowerLetter":
        return _letters(n).lower()
    if fmt == "upperRoman":
        return _roman(n)
    if fmt == "lowerRoman":
        return _roman(n).lower()
    if fmt == "none":
        return ""
    return str(n)


@dataclass
class Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = "%1."
    restart: int | None = None  # w:lvlRestart: restart after this (1-based) level; 0 = never
    legal: bool = False
    suffix: str = "tab"
    style: str | None = None  # w:pStyle: the paragraph style linked to this level


@dataclass
class Lists:
    """numbering.xml (and the styles' list references), with running counters."""

    abstract: dict[str, dict[int, Level]] = field(default_factory=dict)
    nums: dict[str, str] = field(default_factory=dict)  # numId → abstractNumId
    overrides: dict[str, dict[int, Level | int]] = field(default_factory=dict)
    style_num: dict[str, tuple[str, int]] = field(default_factory=dict)  # styleId → (numId, ilvl)
    counters: dict[str, dict[int, int]] = field(default_factory=dict)
    started: set[str] = field(default_factory=set)

    def label(self, num_id: str, ilvl: int) -> str:
        """Advance the list and return the paragraph's number text, e.g. `（三）`."""
        abstract_id = self.nums.get(num_id)
        if abstract_id is None or abstract_id not in self.abstract:
            return ""
        levels = dict(self.abstract[abstract_id])
        counters = self.counters.setdefault(abstract_id, {})
        for lvl, ov in self.overrides.get(num_id, {}).items():
            if isinstance(ov, Level):
                levels[lvl] = ov
            elif num_id not in self.started:  # startOverride: restart this list instance
                counters[lvl] = ov - 1
                for deeper in [k for k in counters if k > lvl]:
                    del counters[deeper]
        self.started.add(num_id)
        level = levels.get(ilvl, Level())
        counters[ilvl] = counters.get(ilvl, level.start - 1) + 1
        for deeper in list(counters):
            if deeper > ilvl:
                lv = levels.get(deeper, Level())
                if lv.restart != 0 and (lv.restart is None or lv.restart - 1 >= ilvl):
                    del counters[deeper]
        if level.fmt == "bullet":
            return ""

        def value(k: int) -> str:
            lv = levels.get(k, Level())
            n = counters.get(k, lv.start)
            return format_number(n, "decimal" if level.legal else lv.fmt)

        out, i, text = [], 0, level.text
        while i < len(text):
            if text[i] == "%" and i + 1 < len(text) and text[i + 1] in "123456789":
                out.append(value(int(text[i + 1]) - 1))
                i += 2
            else:
                out.append(text[i])
                i += 1
        label = "".join(out)
        if label and level.suffix != "nothing" and label[-1] not in "、.．)）:：":
            label += " "
        return label


MAX_START = 32767  # Word's own limit for w:start; also keeps 'AAAA…' and Roman numerals short


def _int(value, default=None, low=-MAX_START, high=MAX_START):
    """An attribute as a number, as Word reads it: junk gives `default`, values are clamped."""
    try:
        return max(low, min(high, int(str(value).strip())))
    except (TypeError, ValueError):
        return default


def _level(el) -> Level:
    def val(tag: str) -> str | None:
        child = el.find(W + tag)
        return child.get(W + "val") if child is not None else None

    lv = Level()
    lv.start = _int(val("start"), lv.start, 0)
    lv.fmt = val("numFmt") or "decimal"
    if val("lvlText") is not None:
        lv.text = val("lvlText")
    lv.restart = _int(val("lvlRestart"), None, 0, 9)
    legal = el.find(W + "isLgl")
    lv.legal = legal is not None and legal.get(W + "val", "true") not in ("0", "false")
    lv.suffix = val("suff") or "tab"
    lv.style = val("pStyle")
    return lv


def _style_level(lists: Lists, num_id: str, style: str) -> int | None:
    """The level of list `num_id` whose `w:lvl/w:pStyle` names `style`: a style that gives only
    its list (`w:numId`, no `w:ilvl`), as a heading style linked to a multilevel list does, takes
    that level (ECMA-376 §17.9.24; Word honours a level the style states itself)."""
    abstract = lists.abstract.get(lists.nums.get(num_id, ""), {})
    return next((k for k, lv in sorted(abstract.items()) if lv.style == style), None)


def load_lists(numbering_root, styles_root) -> Lists:
    lists = Lists()
    if numbering_root is not None:
        links: dict[str, str] = {}
        style_links: dict[str, str] = {}
        for a in numbering_root.iter(W + "abstractNum"):
            aid = a.get(W + "abstractNumId")
            lists.abstract[aid] = {_int(lvl.get(W + "ilvl", "0"), 0, 0, 8): _level(lvl) for lvl in a.iter(W + "lvl")}
            link = a.find(W + "numStyleLink")
            if link is not None:
                links[aid] = link.get(W + "val")
            own = a.find(W + "styleLink")
            if own is not None:
                style_links[own.get(W + "val")] = aid
        for aid, style in links.items():  # a list defined through a numbering style
            target = style_links.get(style)
            if target:
                lists.abstract[aid] = lists.abstract[target]
        for num in numbering_root.iter(W + "num"):
            nid = num.get(W + "numId")
            ref = num.find(W + "abstractNumId")
            if ref is None:
                continue
            lists.nums[nid] = ref.get(W + "val")
            for ov in num.iter(W + "lvlOverride"):
                ilvl = _int(ov.get(W + "ilvl", "0"), 0, 0, 8)
                lvl = ov.find(W + "lvl")
                start = ov.find(W + "startOverride")
                if lvl is not None:
                    lists.overrides.setdefault(nid, {})[ilvl] = _level(lvl)
                elif start is not None and _int(start.get(W + "val")) is not None:
                    lists.overrides.setdefault(nid, {})[ilvl] = _int(start.get(W + "val"), 1, 0)
    if styles_root is not None:
        based: dict[str, str] = {}
        own: dict[str, tuple[str | None, int | None]] = {}
        for st in styles_root.iter(W + "style"):
            sid = st.get(W + "styleId")
            b = st.find(W + "basedOn")
            if b is not None:
                based[sid] = b.get(W + "val")
            numpr = st.find(W + "pPr/" + W + "numPr")
            if numpr is not None:
                nid = numpr.find(W + "numId")
                ilvl = numpr.find(W + "ilvl")
                own[sid] = (nid.get(W + "val") if nid is not None else None,
                            _int(ilvl.get(W + "val"), None, 0, 8) if ilvl is not None else None)
        for sid in set(own) | set(based):
            seen, cur, nid, ilvl = set(), sid, None, None
            while cur and cur not in seen:
                seen.add(cur)
                n, i = own.get(cur, (None, None))
                nid = nid or n
                ilvl = ilvl if ilvl is not None else i
                cur = based.get(cur)
            if nid:
                if ilvl is None:  # the level is the one of the list's that names the style
                    ilvl = _style_level(lists, nid, sid)
                lists.style_num[sid] = (nid, ilvl if ilvl is not None else 0)
    return lists
