"""Speed fixes the bench led to in modules outside bench/, each checked against the slower code
it replaces (the behaviour must not change, only the cost)."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from drafter.text import punct, script

CJK = st.one_of(st.integers(0x3400, 0x4DBF), st.integers(0x4E00, 0x9FFF),
                st.integers(0xF900, 0xFAFF), st.integers(0x20000, 0x2A6DF)).map(chr)


def _converter_script(text: str) -> str:
    """script_of as it was: every character through both OpenCC converters."""
    trad = simp = 0
    for ch in set(text):
        if not punct.is_cjk(ch):
            continue
        if script.to_simplified(ch) != ch:
            trad += text.count(ch)
        elif script.to_traditional(ch) != ch:
            simp += text.count(ch)
    if not trad and not simp:
        return ""
    if trad and simp and min(trad, simp) / (trad + simp) > 0.05:
        return "mixed"
    return "traditional" if trad > simp else "simplified"


def test_character_tables_are_found():
    tables = script._changed_chars()
    assert tables is not None, "OpenCC's character tables moved: script_of fell back to the slow path"
    trad, simp = tables
    assert "牽" in trad and "頭" in trad and "牵" in simp and "头" in simp
    assert "了" not in simp  # 了 → 了 瞭: the first choice is itself, as the converter does


@settings(max_examples=300, deadline=None)
@given(st.lists(CJK, min_size=1, max_size=3))
def test_script_of_classifies_characters_as_the_converters_do(chars):
    for ch in chars:
        assert script.script_of(ch) == _converter_script(ch), ch


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet=st.one_of(CJK, st.sampled_from("牽頭医院醫院，。30%")), max_size=60))
def test_script_of_texts_as_before(text):
    assert script.script_of(text) == _converter_script(text)


def test_script_of_seeds(seeds_dir):
    for f in sorted(seeds_dir.glob("00*.txt")):
        text = f.read_text(encoding="utf-8")
        assert script.script_of(text) == _converter_script(text), f.name
    assert script.script_of((seeds_dir / "002_a2c9650bb564f988.txt").read_text(encoding="utf-8")) == "traditional"


# to_simplified skips OpenCC's converter for text with no character t2s can change --------------

def _t2s(text: str) -> str:
    return script._converter("t2s").convert(text)


def test_t2s_shortcut_is_exact_for_every_character_and_phrase():
    """Every BMP CJK character alone, and every key of OpenCC's phrase table (where a phrase
    changes although none of its characters would, e.g. 瞭解 → 了解), converts exactly as the
    converter does."""
    import os

    import opencc

    assert script._t2s_tables() is not None, "OpenCC's tables moved: the shortcut is off"
    script.to_simplified.cache_clear()
    for cp in list(range(0x3400, 0x4DC0)) + list(range(0x4E00, 0xA000)) + list(range(0xF900, 0xFB00)):
        ch = chr(cp)
        assert script.to_simplified(ch) == _t2s(ch), ch
    path = os.path.join(os.path.dirname(opencc.__file__), "dictionary", "TSPhrases.txt")
    with open(path, encoding="utf-8") as fh:
        keys = [line.split("\t")[0] for line in fh.read().splitlines() if "\t" in line]
    assert "瞭解" in keys
    for key in keys:
        for text in (key, "各地要" + key + "情况", key + "。"):
            assert script.to_simplified(text) == _t2s(text), text
    script.to_simplified.cache_clear()


@given(st.text(alphabet=st.sampled_from(sorted(set("瞭解反覆沈默乾燥後來發展醫療衛生計生工作要点牵头落实覆盖率"
                                                  "藉口函覆牴牾，。、（）《》0123456789%年月日"))), max_size=30))
def test_t2s_shortcut_on_mixed_texts(text):
    assert script.to_simplified(text) == _t2s(text)


def test_simplified_seeds_never_load_the_converter(seeds_dir):
    """The point of the shortcut: importing and diffing a simplified plan needs no converter."""
    import subprocess
    import sys

    seed = next(p for p in sorted(seeds_dir.glob("000_*.txt")))
    code = ("from drafter.text import script; from drafter.readers import read; from drafter.diff import compare\n"
            "p = read(%r).plan; compare(p, p)\n"
            "print('LOADED', script._converter.cache_info().currsize)" % str(seed))
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip().splitlines()[-1] == "LOADED 0"


@given(st.text(alphabet=st.sampled_from(sorted(set("瞭解反覆發展醫療衛生计生工作要点牵头牽頭落实覆盖率（）、，0a"))), max_size=20))
def test_holds_traditional_is_any_character_converting(text):
    assert script.holds_traditional(text) == any(_t2s(ch) != ch for ch in text)
