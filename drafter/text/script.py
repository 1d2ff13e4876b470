"""Traditional and simplified script: OpenCC conversion for matching, a same-length
character-by-character form whose offsets are the original's, and which script a text is in.

OpenCC is loaded lazily on first use (its dictionaries cost time `drafter --help` must not
pay), and text t2s cannot change is returned as it is without loading the converter.
"""
from __future__ import annotations

import functools

from .punct import FULLWIDTH_TO_ASCII, is_cjk


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

    from .. import cache

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


_CHAR_MAP: dict[int, str] = {}  # code point -> simplified single character, for seen characters
_SEEN: set[str] = set()


def same_length_simplified(text: str) -> str:
    """OpenCC t2s one character at a time (a character that would become two stays), so
    offsets into the result are offsets into `text`.  Each distinct character is converted
    once; text without a traditional character is returned at once."""
    if not holds_traditional(text):
        return text
    new = set(text) - _SEEN
    for ch in new:
        _SEEN.add(ch)
        if not ch.isascii():
            s = to_simplified(ch)
            if s != ch and len(s) == 1:
                _CHAR_MAP[ord(ch)] = s
    return text.translate(_CHAR_MAP)


def char_simplify(text: str) -> str:
    """The matching copy of `text`, the same length: simplified character by character,
    full-width digits and `％．－～／` as ASCII."""
    return same_length_simplified(text).translate(FULLWIDTH_TO_ASCII)


@functools.lru_cache(maxsize=1)
def one_script_chars() -> tuple[frozenset[str], frozenset[str]]:
    """(simplified-only characters, traditional-only characters) from OpenCC's data, for telling
    a mixed text: 干 and 范 are traditional characters too (s2t gives 干 → 幹 乾 干), and 床 is
    Taiwan's form of OpenCC's 牀, so none of them is simplified-only."""
    import os

    folder = _opencc_dictionaries()

    def read(name: str) -> dict[str, list[str]]:
        out = {}
        with open(os.path.join(folder, name), encoding="utf-8") as f:
            for line in f:
                key, _, values = line.rstrip("\n").partition("\t")
                if key and values:
                    out[key] = values.split()
        return out

    st, ts, tw = read("STCharacters.txt"), read("TSCharacters.txt"), read("TWVariants.txt")
    taiwan = {v for vs in tw.values() for v in vs}
    simp_only = frozenset(c for c, vs in st.items() if c not in vs and c not in taiwan)
    trad_only = frozenset(c for c, vs in ts.items() if c not in vs)
    return simp_only, trad_only
