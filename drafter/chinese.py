"""Chinese text as offices write it: numerals, dates, traditional/simplified, full width.

Everything here is pure and fast; OpenCC is loaded lazily on first use because importing its
dictionaries costs time that `drafter --help` must not pay.
"""
from __future__ import annotations

import datetime as _dt
import functools
import re

DIGITS = "零一二三四五六七八九"
_DIGIT_VALUE = {c: i for i, c in enumerate(DIGITS)}
_DIGIT_VALUE.update({"〇": 0, "○": 0, "O": 0, "Ｏ": 0, "两": 2, "兩": 2, "壹": 1, "贰": 2, "貳": 2, "叁": 3,
                     "參": 3, "肆": 4, "伍": 5, "陆": 6, "陸": 6, "柒": 7, "捌": 8, "玖": 9})
_UNIT_VALUE = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
NUMERAL_CHARS = "".join(_DIGIT_VALUE) + "".join(_UNIT_VALUE)


def to_chinese(n: int) -> str:
    """1 → 一, 10 → 十, 21 → 二十一, 99 → 九十九, 105 → 一百零五 (as numbering is written)."""
    if n < 0:
        raise ValueError("negative numeral")
    if n < 10:
        return DIGITS[n]
    if n < 20:
        return "十" + (DIGITS[n % 10] if n % 10 else "")
    if n < 100:
        return DIGITS[n // 10] + "十" + (DIGITS[n % 10] if n % 10 else "")
    if n < 1000:
        rest = n % 100
        head = DIGITS[n // 100] + "百"
        if rest == 0:
            return head
        if rest < 10:
            return head + "零" + DIGITS[rest]
        if rest < 20:
            return head + "一" + to_chinese(rest)
        return head + to_chinese(rest)
    if n < 10000:
        rest = n % 1000
        head = DIGITS[n // 1000] + "千"
        if rest == 0:
            return head
        return head + ("零" if rest < 100 else "") + ("一" if 10 <= rest < 20 else "") + to_chinese(rest)
    if n < 10**8:  # a plan with 10,000+ continuously numbered items: 一万零一, 十二万三千
        high, rest = divmod(n, 10000)
        head = to_chinese(high) + "万"
        if rest == 0:
            return head
        return head + ("零" if rest < 1000 else "") + ("一" if 10 <= rest < 20 else "") + to_chinese(rest)
    raise ValueError("numeral too large: %d" % n)


def from_chinese(s: str) -> int:
    """一 → 1, 十一 → 11, 二十 → 20, 三十六 → 36, 一百零五 → 105; also digit strings 二○一一 → 2011."""
    s = s.strip()
    if not s:
        raise ValueError("empty numeral")
    if "万" in s or "萬" in s:
        high, _, low = s.replace("萬", "万").partition("万")
        return (from_chinese(high) if high else 1) * 10000 + (from_chinese(low) if low else 0)
    if any(c not in _DIGIT_VALUE and c not in _UNIT_VALUE for c in s):
        raise ValueError("not a Chinese numeral: %r" % s)
    if not any(c in _UNIT_VALUE for c in s):
        value = 0
        for c in s:  # positional, as in years: 二○一一
            value = value * 10 + _DIGIT_VALUE[c]
        return value
    total, digit = 0, None
    for c in s:
        if c in _DIGIT_VALUE:
            digit = _DIGIT_VALUE[c]
        else:
            total += (1 if not digit else digit) * _UNIT_VALUE[c]  # 零十 as in 一千零十: 一十
            digit = None
    if digit is not None:
        total += digit
    return total


# Dates -------------------------------------------------------------------------------------

_ARABIC_DATE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_CHINESE_DATE = re.compile(r"([%s]{4})\s*年\s*([十%s]{1,3})\s*月\s*([十%s]{1,3})\s*日"
                           % ("零一二三四五六七八九〇○OＯ", "一二三四五六七八九", "一二三四五六七八九"))


def parse_date(text: str) -> _dt.date | None:
    """The first date in `text`: `2017年3月9日`, `2019年05月10日`, `二○一一年十二月十九日`,
    or ISO `2017-03-09`.  None if there is none or it is not a real day."""
    for rx, conv in ((_ARABIC_DATE, int), (_CHINESE_DATE, from_chinese)):
        m = rx.search(text)
        if m:
            try:
                return _dt.date(conv(m.group(1)), conv(m.group(2)), conv(m.group(3)))
            except ValueError:
                return None
    m = re.search(r"(\d{4})-(\d{1,2})-(\d{1,2})", text)
    if m:
        try:
            return _dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            return None
    return None


def format_date(d: _dt.date) -> str:
    """GB/T 9704 成文日期: Arabic numerals, no zero padding: 2019年5月10日."""
    return "%d年%d月%d日" % (d.year, d.month, d.day)


# Width and punctuation ----------------------------------------------------------------------

HALF_TO_FULL_PUNCT = {",": "，", ";": "；", ":": "：", "(": "（", ")": "）", "?": "？", "!": "！"}
_FULL_TO_HALF_PUNCT = {v: k for k, v in HALF_TO_FULL_PUNCT.items()}
_FOLD_TABLE = str.maketrans(HALF_TO_FULL_PUNCT)  # built once: the diff folds every item's text


def is_cjk(ch: str) -> bool:
    o = ord(ch)
    return (0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF or 0x20000 <= o <= 0x2FFFF
            or 0xF900 <= o <= 0xFAFF)


def fold_punct(text: str) -> str:
    """Half-width brackets, commas, colons… as their full-width forms, for matching only."""
    return text.translate(_FOLD_TABLE)


def squeeze_spaces(text: str) -> str:
    """Drop ASCII and ideographic spaces that sit between Chinese characters or punctuation."""
    return re.sub(r"[ \t\u3000\u00a0]+", "", text)


# Traditional / simplified -------------------------------------------------------------------

@functools.lru_cache(maxsize=2)
def _converter(config: str):
    import opencc  # lazy: loading the dictionaries costs ~100 ms

    return opencc.OpenCC(config)


@functools.lru_cache(maxsize=65536)
def to_simplified(text: str) -> str:
    """Traditional → simplified, for matching (牽頭 = 牵头).  Text is always *reported* as written.
    Text t2s cannot change is returned as it is without loading OpenCC's converter (~12 ms at
    every start): the plans of a simplified-script office never need it."""
    if not text or text.isascii():
        return text
    if _t2s_keeps(text):
        return text
    return _converter("t2s").convert(text)


def holds_traditional(text: str) -> bool:
    """Whether some character of `text` alone converts to another under t2s (True when
    OpenCC's tables cannot be read, so callers take the careful path)."""
    tables = _t2s_tables()
    return tables is None or not tables[0].isdisjoint(text)


def _t2s_keeps(text: str) -> bool:
    """True when OpenCC's t2s would return `text` unchanged: no character its table maps to
    another, and none of the phrases it rewrites although their characters alone stay
    (瞭解 → 了解, 反覆 → 反复; but 覆盖 stays).  False when unsure."""
    tables = _t2s_tables()
    if tables is None:
        return False
    changed, phrase_chars, phrases = tables
    if not changed.isdisjoint(text):
        return False
    return phrase_chars.isdisjoint(text) or not any(p in text for p in phrases)


@functools.lru_cache(maxsize=1)
def _t2s_tables() -> tuple[frozenset[str], frozenset[str], tuple[str, ...]] | None:
    """(characters t2s changes, characters of the phrases it changes that hold none of
    those, those phrases), from OpenCC's tables; None when they cannot be read."""
    import os

    tables = _changed_chars()
    if tables is None:
        return None
    try:
        path = os.path.join(_opencc_dictionaries(), "TSPhrases.txt")
        with open(path, encoding="utf-8") as fh:
            lines = fh.read().splitlines()
    except OSError:
        return None
    changed = tables[0]
    phrases = []
    for line in lines:
        key, _, value = line.partition("\t")
        if value and value.split()[0] != key and changed.isdisjoint(key):
            phrases.append(key)
    return changed, frozenset("".join(phrases)), tuple(phrases)


@functools.lru_cache(maxsize=4096)
def to_traditional(text: str) -> str:
    if not text or text.isascii():
        return text
    return _converter("s2t").convert(text)


@functools.lru_cache(maxsize=1)
def _changed_chars() -> tuple[frozenset[str], frozenset[str]] | None:
    """(characters t2s changes, characters s2t changes), read from OpenCC's two character tables
    (70 kB): classifying single characters this way spares every render the s2t converter,
    whose 1 MB phrase table costs ~50 ms to load.  Parsed once per installed table (drafter's
    cache, keyed by the files' size and time).  None if the tables are not where
    opencc-python-reimplemented keeps them."""
    import os

    from . import cache

    folder = _opencc_dictionaries()
    if folder is None:
        return None
    paths = [os.path.join(folder, name) for name in ("TSCharacters.txt", "STCharacters.txt")]
    try:
        stamp = repr([(p, st.st_size, st.st_mtime_ns) for p, st in ((p, os.stat(p)) for p in paths)]).encode()
        tables = cache.json_entry("opencc-chars", stamp, lambda: [_changed_in(p) for p in paths])
    except OSError:
        return None
    return frozenset(tables[0]), frozenset(tables[1])


def _changed_in(path: str) -> str:
    """The characters an OpenCC character table maps to another one (its first candidate)."""
    with open(path, encoding="utf-8") as fh:
        pairs = (line.split("\t", 1) for line in fh.read().splitlines() if "\t" in line)
        return "".join(sorted(k for k, v in pairs if len(k) == 1 and v.split()[0] != k))


@functools.lru_cache(maxsize=1)
def _opencc_dictionaries() -> str | None:
    """OpenCC's dictionary folder, found without importing the package."""
    import importlib.util
    import os

    try:
        spec = importlib.util.find_spec("opencc")
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.origin:
        return None
    return os.path.join(os.path.dirname(spec.origin), "dictionary")


def script_of(text: str) -> str:
    """'traditional', 'simplified' or 'mixed' or '' (no convertible characters), by counting the
    characters that differ between the two scripts."""
    trad = simp = 0
    tables = _changed_chars()
    for ch in set(text):
        if not is_cjk(ch):
            continue
        if tables is not None:
            is_trad, is_simp = ch in tables[0], ch in tables[1]
        else:
            is_trad = to_simplified(ch) != ch
            is_simp = not is_trad and to_traditional(ch) != ch
        if is_trad:
            trad += text.count(ch)
        elif is_simp:
            simp += text.count(ch)
    if not trad and not simp:
        return ""
    if trad and simp:
        total = trad + simp
        if min(trad, simp) / total > 0.05:
            return "mixed"
    return "traditional" if trad > simp else "simplified"
