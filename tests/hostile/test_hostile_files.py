"""Files (issue 10): a killed render leaves the old output or the complete new one, never half
of one and, once drafter runs again, no stray temp file; inputs are never modified unless
forced (then a .bak is kept); default outputs stay inside the current project."""
from __future__ import annotations

import hashlib
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from helpers import PLANS, run_cli
from test_fuzz import big_plan_yaml

PLAN = PLANS / "2017-衡阳市-工作要点.yaml"
BIG_ITEMS = 20_000


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def temps(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.name.startswith(".") and p.name.endswith(".tmp"))


def complete_big_render(path: Path) -> bool:
    """The output is the whole 20,000-item plan: python-docx opens it and the last item is there."""
    import docx

    try:
        doc = docx.Document(str(path))
    except Exception:
        return False
    texts = [p.text for p in doc.paragraphs]
    return any("推进第%d项重点工作" % (BIG_ITEMS - 1) in t for t in texts[-50:]) and len(texts) > BIG_ITEMS


def drafter(*args) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "drafter", *map(str, args)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


@pytest.mark.slow
def test_sigkill_during_a_large_render_leaves_old_or_new_never_half(tmp_path):
    big = tmp_path / "big.yaml"
    big.write_text(big_plan_yaml(BIG_ITEMS), encoding="utf-8")
    out = tmp_path / "out.docx"
    assert run_cli("render", PLAN, "-o", out, "--as", "plan").code == 0  # the "old" output
    assert not complete_big_render(out)

    start = time.monotonic()  # how long a whole render takes here, to spread the kills over it
    probe = drafter("render", big, "-o", tmp_path / "probe.docx")
    assert probe.wait(timeout=900) == 0, probe.stderr.read().decode()
    full = time.monotonic() - start
    assert complete_big_render(tmp_path / "probe.docx")

    rnd = random.Random()
    during_write = 0
    for i in range(8):
        before = out.read_bytes()
        p = drafter("render", big, "-o", out, "--force", "--as", "plan")
        if i % 2:  # kill at a random moment of the run
            time.sleep(rnd.uniform(0.05, full))
        else:  # kill just after the temp file appears: inside the write itself
            deadline = time.monotonic() + 900
            while not temps(tmp_path) and p.poll() is None and time.monotonic() < deadline:
                time.sleep(0.002)
            time.sleep(rnd.uniform(0, 0.05))
        if temps(tmp_path) and p.poll() is None:
            during_write += 1
        p.send_signal(signal.SIGKILL)
        p.wait(timeout=60)
        assert out.read_bytes() == before or complete_big_render(out), "a half-written output after SIGKILL"
    # the next run cleans what the killed ones left, and writes the whole file
    p = drafter("render", big, "-o", out, "--force", "--as", "plan")
    assert p.wait(timeout=900) == 0
    assert complete_big_render(out)
    assert temps(tmp_path) == []
    print("kills inside the write: %d of 8" % during_write)


def test_stale_temp_files_of_dead_writers_are_removed_live_ones_kept(tmp_path):
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    stale = tmp_path / (".out.docx.drafter-%d.abc.tmp" % dead.pid)
    live = tmp_path / (".out.docx.drafter-%d.abc.tmp" % os.getppid())
    other = tmp_path / (".other.docx.drafter-%d.abc.tmp" % dead.pid)
    for p in (stale, live, other):
        p.write_bytes(b"half")
    assert run_cli("render", PLAN, "-o", tmp_path / "out.docx").code == 0
    assert not stale.exists() and live.exists() and other.exists()  # only its own target's


# Inputs are never modified ---------------------------------------------------------------

def _commands(src: Path, other: Path, out: Path) -> dict[str, list]:
    return {
        "import": ["import", src.with_suffix(".txt"), "-o", out / "i.yaml"],
        "check": ["check", src],
        "render": ["render", src, "-o", out / "r.docx"],
        "render --pdf": ["render", src, "-o", out / "p.docx", "--pdf"],
        "diff": ["diff", other, src, "--format", "html", "-o", out / "d.html"],
        "redline": ["redline", other, src, "-o", out / "rl.docx"],
        "compare-table": ["compare-table", other, src, "-o", out / "ct.docx"],
        "rollover": ["rollover", src, "-o", out / "ro.yaml"],
        "consult": ["consult", src, "-o", out / "consult", "--deadline", "2017-03-20", "--contact", "张三",
                    "--phone", "0734-8888888"],
    }


@pytest.fixture
def inputs(tmp_path, seeds_dir):
    """A plan, a second plan and a text document, read-only copies in their own folder."""
    folder = tmp_path / "in"
    folder.mkdir()
    src = folder / "plan.yaml"
    src.write_bytes(PLAN.read_bytes())
    other = folder / "older.yaml"
    other.write_bytes(PLAN.read_bytes().replace("深化公立医院综合改革".encode(), "推进公立医院综合改革".encode()))
    (folder / "plan.txt").write_bytes((seeds_dir / "000_24d39d011c026adb.txt").read_bytes())
    return folder, src, other


@pytest.mark.parametrize("name", ["import", "check", "render", "diff", "redline", "compare-table", "rollover",
                                  "consult"])
def test_commands_never_modify_their_inputs(name, inputs, tmp_path):
    folder, src, other = inputs
    out = tmp_path / "out"
    before = {p.name: digest(p) for p in folder.iterdir()}
    r = run_cli(*_commands(src, other, out)[name])
    assert r.code in (0, 1), (name, r.err)
    assert {p.name: digest(p) for p in folder.iterdir()} == before  # nothing changed, nothing added
    assert name == "check" or any(out.rglob("*"))  # it did write its outputs (elsewhere)


@pytest.mark.parametrize("args", [
    ["render", "{src}", "-o", "{src}"],
    ["import", "{txt}", "-o", "{txt}"],
    ["diff", "{other}", "{src}", "-o", "{src}"],
    ["redline", "{other}", "{src}", "-o", "{other}"],
    ["rollover", "{src}", "-o", "{src}"],
])
def test_an_input_is_overwritten_only_with_force_and_then_a_bak_is_kept(args, inputs):
    folder, src, other = inputs
    paths = {"src": src, "other": other, "txt": folder / "plan.txt"}
    argv = [a.format(**paths) for a in args]
    target = Path(argv[argv.index("-o") + 1])
    original = target.read_bytes()
    r = run_cli(*argv)
    assert r.code == 2 and "--force" in r.err, r.err
    assert target.read_bytes() == original and not target.with_name(target.name + ".bak").exists()
    r = run_cli(*argv, "--force")
    assert r.code in (0, 1), r.err
    assert target.with_name(target.name + ".bak").read_bytes() == original


def test_an_output_symlinked_to_an_input_never_writes_through_it(inputs, tmp_path):
    folder, src, _ = inputs
    link = tmp_path / "out.docx"
    link.symlink_to(src)
    original = src.read_bytes()
    r = run_cli("render", src, "-o", link)
    assert r.code == 2 and src.read_bytes() == original
    r = run_cli("render", src, "-o", link, "--force")
    assert r.code == 0, r.err
    assert src.read_bytes() == original  # the link was replaced, not the file it pointed to
    assert not link.is_symlink()


def test_default_outputs_stay_in_the_current_project(inputs, tmp_path, monkeypatch):
    """With no -o, every command writes under the folder it is run in (plans/, outputs/),
    never beside an input elsewhere."""
    folder, src, _ = inputs
    project = tmp_path / "project"
    project.mkdir()
    monkeypatch.chdir(project)
    before = sorted(p.name for p in folder.iterdir())
    for args in (["import", folder / "plan.txt"], ["render", src], ["rollover", src],
                 ["new", "--issuer", "某市卫生健康委员会", "--year", "2030"]):
        r = run_cli(*args)
        assert r.code in (0, 1), (args, r.err)
    assert sorted(p.name for p in folder.iterdir()) == before
    written = sorted(str(p.relative_to(project)) for p in project.rglob("*") if p.is_file())
    assert written and all(w.startswith(("plans/", "outputs/")) for w in written), written
    assert not (tmp_path / "plans").exists() and not (tmp_path / "outputs").exists()
