"""Speed fixes the bench led to in modules outside bench/, each checked against the slower code
it replaces (the behaviour must not change, only the cost)."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from drafter import chinese

CJK = st.one_of(st.integers(0x3400, 0x4DBF), st.integers(0x4E00, 0x9FFF),
                st.integers(0xF900, 0xFAFF), st.integers(0x20000, 0x2A6DF)).map(chr)


def _converter_script(text: str) -> str:
    """script_of as it was: every character through both OpenCC converters."""
    trad = simp = 0
    for ch in set(text):
        if not chinese.is_cjk(ch):
            continue
        if chinese.to_simplified(ch) != ch:
            trad += text.count(ch)
        elif chinese.to_traditional(ch) != ch:
            simp += text.count(ch)
    if not trad and not simp:
        return ""
    if trad and simp and min(trad, simp) / (trad + simp) > 0.05:
        return "mixed"
    return "traditional" if trad > simp else "simplified"


def test_character_tables_are_found():
    tables = chinese._changed_chars()
    assert tables is not None, "OpenCC's character tables moved: script_of fell back to the slow path"
    trad, simp = tables
    assert "牽" in trad and "頭" in trad and "牵" in simp and "头" in simp
    assert "了" not in simp  # 了 → 了 瞭: the first choice is itself, as the converter does


@settings(max_examples=300, deadline=None)
@given(st.lists(CJK, min_size=1, max_size=3))
def test_script_of_classifies_characters_as_the_converters_do(chars):
    for ch in chars:
        assert chinese.script_of(ch) == _converter_script(ch), ch


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet=st.one_of(CJK, st.sampled_from("牽頭医院醫院，。30%")), max_size=60))
def test_script_of_texts_as_before(text):
    assert chinese.script_of(text) == _converter_script(text)


def test_script_of_seeds(seeds_dir):
    for f in sorted(seeds_dir.glob("00*.txt")):
        text = f.read_text(encoding="utf-8")
        assert chinese.script_of(text) == _converter_script(text), f.name
    assert chinese.script_of((seeds_dir / "002_a2c9650bb564f988.txt").read_text(encoding="utf-8")) == "traditional"
