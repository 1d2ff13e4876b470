"""Encodings (issue 10): every seed imports to the same plan whether saved as UTF-8 (with or
without BOM), GB18030, GBK, Big5 (where the text fits), UTF-16/32 with a BOM or UTF-16 without,
and with any mix of line endings; a file that cannot be decoded names the encodings tried."""
from __future__ import annotations

import pytest

from helpers import SEED_FILES, run_cli, seed_path
from drafter import readers
from drafter.errors import InputError
from drafter.model import strip_ids

ENCODINGS = ["utf-8-sig", "gb18030", "gbk", "big5", "utf-16", "utf-16-le", "utf-16-be", "utf-32"]


def _import(path, encoding=None):
    loaded = readers.read(path, encoding=encoding)
    return strip_ids(loaded.plan), sorted(f.code for f in loaded.findings)


@pytest.mark.parametrize("key", sorted(SEED_FILES))
def test_every_seed_imports_the_same_in_every_encoding_it_fits(key, tmp_path):
    text = seed_path(key).read_text(encoding="utf-8")
    expected = _import(seed_path(key))
    tried = []
    for enc in ENCODINGS:
        try:
            data = text.encode(enc)
        except UnicodeEncodeError:
            continue  # e.g. simplified characters Big5 has no code for
        tried.append(enc)
        p = tmp_path / ("%s-%s.txt" % (key, enc))
        p.write_bytes(data)
        assert _import(p) == expected, enc  # detected
        assert _import(p, enc.replace("-sig", "")) == expected, enc  # and given
    assert {"gb18030", "utf-16", "utf-16-le", "utf-16-be"} <= set(tried)


def test_the_traditional_seed_saved_as_big5_imports_the_same(tmp_path):
    # seed 002 has two simplified characters Big5 lacks; a Big5 office would have typed 冊 and 攙
    text = seed_path("002").read_text(encoding="utf-8").replace("册", "冊").replace("搀", "攙")
    utf8 = tmp_path / "002-utf8.txt"
    utf8.write_bytes(text.encode("utf-8"))
    big5 = tmp_path / "002-big5.txt"
    big5.write_bytes(text.replace("\n", "\r\n").encode("big5"))
    assert _import(big5) == _import(utf8)
    assert _import(big5)[0].title == _import(seed_path("002"))[0].title


@pytest.mark.parametrize("key", sorted(SEED_FILES))
def test_mixed_line_endings_and_a_bom_change_nothing(key, tmp_path):
    lines = seed_path(key).read_text(encoding="utf-8").split("\n")
    endings = ["\r\n", "\n", "\r", "\r\n", "\r\n\n"[:2]]
    mixed = "".join(line + endings[i % len(endings)] for i, line in enumerate(lines))
    p = tmp_path / "mixed.txt"
    p.write_bytes(b"\xef\xbb\xbf" + mixed.encode("utf-8"))
    assert _import(p)[0] == _import(seed_path(key))[0]


def test_cli_imports_a_gbk_file_with_crlf_and_a_utf16_file(tmp_path, seeds_dir):
    text = seed_path("000").read_text(encoding="utf-8")
    gbk = tmp_path / "gbk.txt"
    gbk.write_bytes(text.replace("\n", "\r\n").encode("gbk"))
    u16 = tmp_path / "u16.txt"
    u16.write_bytes(text.encode("utf-16"))
    a = run_cli("import", gbk, "-o", tmp_path / "a.yaml")
    b = run_cli("import", u16, "-o", tmp_path / "b.yaml")
    assert a.code == 0 and b.code == 0, a.err + b.err
    strip = lambda s: s.split("\n", 2)[2]  # the header names the source file
    assert strip((tmp_path / "a.yaml").read_text("utf-8")) == strip((tmp_path / "b.yaml").read_text("utf-8"))


@pytest.mark.parametrize("data,given,says", [
    ("工作要点".encode("utf-16"), "gbk", "cannot decode as gbk at byte 0"),
    ("一、卫生健康工作要点".encode("gb18030"), "utf-8", "cannot decode as utf-8 at byte"),
    ("二〇一八年工作要点".encode("gb18030"), "big5", "cannot decode as big5"),
    ("工作要点".encode("utf-8"), "no-such-codec", "unknown encoding 'no-such-codec'"),
    ("café crème brûlée, naïve façade résumé à la mode".encode("cp1252"), None,
     "tried UTF-8, UTF-16, GB18030 and Big5"),
])
def test_an_undecodable_file_names_the_encoding_tried(data, given, says, tmp_path):
    p = tmp_path / "bad.txt"
    p.write_bytes(data)
    with pytest.raises(InputError) as e:
        readers.read(p, encoding=given)
    assert says in e.value.message and "bad.txt" in e.value.message
    r = run_cli("import", p, "-o", tmp_path / "bad.yaml", *(["--encoding", given] if given else []))
    assert r.code == 2 and says in r.err and "Traceback" not in r.err
    assert not (tmp_path / "bad.yaml").exists()


@pytest.mark.parametrize("enc", ["gb18030", "utf-16", "utf-8-sig"])
def test_plan_yaml_in_other_encodings_checks_and_renders(enc, tmp_path):
    from helpers import PLANS

    src = PLANS / "2017-衡阳市-工作要点.yaml"
    p = tmp_path / "plan.yaml"
    p.write_bytes(src.read_text(encoding="utf-8").replace("\n", "\r\n").encode(enc))
    assert run_cli("check", p).code == run_cli("check", src).code
    r = run_cli("render", p, "-o", tmp_path / "p.docx")
    assert r.code == 0, r.err
