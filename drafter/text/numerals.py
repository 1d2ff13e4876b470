"""Chinese numerals as offices write them: item numbers (一 … 九十九 … 一百零五) and years
spelled digit by digit (二〇一七, 二○一一, 二零二零)."""
from __future__ import annotations

DIGITS = "零一二三四五六七八九"
ZEROS = "〇零○OＯ"  # the zeros a year is written with: 二〇一七, 二零一七, 二○一七, 二O一七
_DIGIT_VALUE = {c: i for i, c in enumerate(DIGITS)}
_DIGIT_VALUE.update({z: 0 for z in ZEROS})
_DIGIT_VALUE.update({"两": 2, "兩": 2, "壹": 1, "贰": 2, "貳": 2, "叁": 3, "參": 3, "肆": 4, "伍": 5,
                     "陆": 6, "陸": 6, "柒": 7, "捌": 8, "玖": 9})
_UNIT_VALUE = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
NUMERAL_CHARS = "".join(_DIGIT_VALUE) + "".join(_UNIT_VALUE)
YEAR_DIGITS = "一二三四五六七八九" + ZEROS  # the characters of a year spelled digit by digit

FULLWIDTH_DIGITS = {0xFF10 + i: str(i) for i in range(10)}  # for str.translate: ０ → 0


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


def numeral_value(text: str) -> int:
    """A number written in Arabic digits (ASCII or full-width) or in Chinese: 12, １２, 十二."""
    digits = text.translate(FULLWIDTH_DIGITS)
    return int(digits) if digits.isdigit() and digits.isascii() else from_chinese(text)


def year_value(token: str) -> int:
    """A year as written: 2017, ２０１７, 二〇一七, 二○一七 → 2017 (KeyError/ValueError if it is
    none of these)."""
    if token.isdigit() and token.isascii():
        return int(token)
    return int("".join(str(_DIGIT_VALUE[c]) if c in _DIGIT_VALUE else str(int(c)) for c in token))


def spell_year(year: int, like: str) -> str:
    """`year` written in the digits of `like`: ASCII, full-width, or Chinese (keeping its zero:
    〇, 零 or ○)."""
    digits = "%04d" % year
    if like.isascii():
        return digits
    if like[0].isdigit():  # full-width digits
        return "".join(chr(0xFF10 + int(d)) for d in digits)
    zero = next((c for c in like if _DIGIT_VALUE.get(c) == 0 and c in ZEROS), "〇")
    return "".join(zero if d == "0" else DIGITS[int(d)] for d in digits)
