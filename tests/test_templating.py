"""Templates: the compiled-template cache never serves an edited template stale, and works
without a writable cache folder."""
from __future__ import annotations

from drafter import templating


def _fresh():
    templating.environment.cache_clear()


def test_an_edited_template_is_compiled_again(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "greeting.j2").write_text("现将《{{ title }}》印发给你们。", encoding="utf-8")
    _fresh()
    assert templating.render("greeting.j2", str(mine), title="工作要点") == "现将《工作要点》印发给你们。"
    assert any((tmp_path / "cache" / "drafter").rglob("__jinja2_*")), "compiled template cached"
    (mine / "greeting.j2").write_text("现将《{{ title }}》印发，请认真贯彻执行。", encoding="utf-8")
    _fresh()  # a new process
    assert templating.render("greeting.j2", str(mine), title="工作要点") == "现将《工作要点》印发，请认真贯彻执行。"


def test_no_cache_folder_still_renders(tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker / "cache"))  # cannot be created
    _fresh()
    try:
        assert templating._bytecode_cache() is None
        assert templating.render("notice_title_issue.j2", None, plan_title="2017年工作要点") == \
            "关于印发《2017年工作要点》的通知"
    finally:
        _fresh()


def test_cache_folder_changes_with_the_sandbox(tmp_path, monkeypatch):
    """Which operators the sandbox intercepts is compiled into the code: code compiled under
    another sandbox (an older drafter) must never be reused."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    folder = templating._bytecode_cache().directory
    assert templating._sandbox_key() in folder
    import hashlib
    monkeypatch.setattr(templating, "_sandbox_key", lambda: hashlib.sha256(b"older").hexdigest()[:12])
    assert templating._bytecode_cache().directory != folder
