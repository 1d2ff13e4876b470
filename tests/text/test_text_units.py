"""drafter.text: numerals, years, dates, labels, script and the XML-forbidden characters."""
from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from drafter.text import dates, labels, numerals, punct, script, xmlchars


# Numerals and years ---------------------------------------------------------------------------

def test_numerals_1_to_999_round_trip():
    for n in range(1, 1000):
        assert numerals.from_chinese(numerals.to_chinese(n)) == n, n


@pytest.mark.parametrize("n, written", [(1, "一"), (10, "十"), (11, "十一"), (20, "二十"), (99, "九十九"),
                                        (100, "一百"), (105, "一百零五"), (110, "一百一十"), (999, "九百九十九")])
def test_numerals_as_numbering_writes_them(n, written):
    assert numerals.to_chinese(n) == written


@given(st.integers(0, 10**8 - 1))
def test_numerals_round_trip_beyond_a_thousand(n):
    assert numerals.from_chinese(numerals.to_chinese(n)) == n


@pytest.mark.parametrize("text, value", [("12", 12), ("１２", 12), ("十二", 12), ("两", 2), ("二○一一", 2011)])
def test_numeral_value_reads_either_script(text, value):
    assert numerals.numeral_value(text) == value


@given(st.integers(1900, 2099), st.sampled_from(["2017", "２０１７", "二〇一七", "二零一七", "二○一七"]))
def test_a_year_is_spelled_like_its_model_and_reads_back(year, like):
    spelled = numerals.spell_year(year, like)
    assert numerals.year_value(spelled) == year
    assert len(spelled) == 4 and spelled.isascii() == like.isascii()
    zero = next((c for c in like if c in numerals.ZEROS), None)
    if zero and "0" in str(year):
        assert zero in spelled


# Dates ------------------------------------------------------------------------------------------

@given(st.dates(dt.date(1950, 1, 1), dt.date(2099, 12, 31)))
def test_format_then_parse_is_the_same_day(day):
    assert dates.parse_date("印发日期：" + dates.format_date(day) + "。") == day


@given(st.dates(dt.date(1950, 1, 1), dt.date(2099, 12, 31)))
def test_chinese_dates_parse(day):
    year = numerals.spell_year(day.year, "二〇一七")
    written = "%s年%s月%s日" % (year, numerals.to_chinese(day.month), numerals.to_chinese(day.day))
    assert dates.parse_date(written) == day
    assert dates.DATE_LINE.fullmatch(written)


@pytest.mark.parametrize("text, day", [("2019年05月10日", dt.date(2019, 5, 10)), ("2017 年 3 月 9 日", dt.date(2017, 3, 9)),
                                       ("见2017-03-09通知", dt.date(2017, 3, 9)), ("2017年2月30日", None),
                                       ("二○一一年十二月十九日", dt.date(2011, 12, 19)), ("无日期", None)])
def test_parse_date(text, day):
    assert dates.parse_date(text) == day


def test_year_of_a_title():
    assert dates.year_of("衡阳市卫生计生委2017年工作要点") == 2017
    assert dates.year_of("工作要点") is None


# Labels -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, family, value, style, printed", [
    ("一、加强", "cn", 1, "一、", "一、"), ("一 、加强", "cn", 1, "一、", "一 、"),
    ("一.加强", "cn", 1, "一.", "一."), ("（ 一 ）加强", "cn()", 1, "（一）", "（ 一 ）"),
    ("(三十六)加强", "cn()", 36, "(一)", "(三十六)"), ("１２．加强", "ar", 12, "1．", "１２．"),
    ("45.加强", "ar", 45, "1.", "45."), ("（\u30007）加强", "ar()", 7, "（1）", "（\u30007）"),
    ("  2、加强", "ar", 2, "1、", "2、"), ("⑶加强", "ar()", 3, "（1）", "⑶"), ("⒋加强", "ar", 4, "1.", "⒋"),
    ("①加强", "ar()", 1, "（1）", "①"), ("⑳加强", "ar()", 20, "（1）", "⑳")])
def test_parse_label_variants(text, family, value, style, printed):
    lab = labels.parse_label(text)
    assert (lab.family, lab.value, lab.style, lab.printed) == (family, value, style, printed)
    assert text[lab.start:lab.end] == printed and text[lab.words:] == "加强"
    assert lab.rank == labels.FAMILIES.index(family)


@pytest.mark.parametrize("text", ["一是加强", "2017年工作", "1.5倍", "（2015-2020年）》", "〇、加强", "加强",
                                  "加强①管理"])
def test_not_labels(text):
    assert labels.parse_label(text) is None


def test_strip_labels_and_same_number():
    assert labels.strip_labels("一、（二）加强管理") == "加强管理"
    assert labels.same_number("（一）", "( 一 )") and labels.same_number("1、", "1.")
    assert not labels.same_number("（一）", "一、") and not labels.same_number("一、加强", "一、")


@given(st.sampled_from(["一、", "（一）", "1.", "（1）", "第一章", "1)"]), st.integers(1, 999))
def test_a_style_formats_a_number_its_pattern_reads_back(style, n):
    import re

    s = labels.parse_style(style)
    m = re.fullmatch(s.pattern, s.format(n))
    assert m and numerals.numeral_value(m.group(1)) == n


# Script, punctuation, XML -------------------------------------------------------------------------

@given(st.text(st.sampled_from("牽頭機關黨委醫療衛生發展规范干部工作要点 ３０％，")))
def test_same_length_simplified_keeps_offsets(text):
    simple = script.same_length_simplified(text)
    assert len(simple) == len(text)
    assert all(s == c or len(script.to_simplified(c)) == 1 for s, c in zip(simple, text))
    assert len(script.char_simplify(text)) == len(text)


def test_simplification_examples():
    assert script.same_length_simplified("機關黨委牽頭") == "机关党委牵头"
    assert script.char_simplify("提高到３０％") == "提高到30%"
    assert script.script_of("機關黨委牽頭") == "traditional"


def test_fold_punct_and_spaces():
    assert punct.fold_punct("(一),") == "（一），"
    assert punct.squeeze_spaces("一 、\u3000加强") == "一、加强"


def test_xml_sets():
    assert xmlchars.XML_FORBIDDEN_RX.findall("a\x00b\tc\x0bd\ufffe\n\x85") == ["\x00", "\x0b", "\ufffe"]
    assert xmlchars.UNSTORABLE_RX.findall("\x7f\x85\x9f\t") == ["\x7f", "\x9f"]
    assert xmlchars.NEEDS_ESCAPE_RX.findall("\x85\u2028x\x01") == ["\x85", "\u2028", "\x01"]
