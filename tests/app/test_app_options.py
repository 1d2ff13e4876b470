"""Options shared by the commands behave alike everywhere: a missing --template-dir is refused
by every command that takes one (it once fell back to the built-ins in some of them)."""
from __future__ import annotations

import click
import pytest

from drafter.cli import main
from helpers import ROOT


def _commands_with(param: str) -> list[str]:
    ctx = click.Context(main)
    return [name for name in main.list_commands(ctx)
            if any(p.name == param for p in main.get_command(ctx, name).params)]


TEMPLATE_DIR_COMMANDS = _commands_with("template_dir")


def test_the_commands_are_discovered_from_the_cli():
    assert {"render", "redline", "compare-table", "consult", "collect", "new"} <= set(TEMPLATE_DIR_COMMANDS)


def _invocation(name: str, tmp_path) -> list[str]:
    """The command's required arguments and options, each given an existing file (or a value),
    so that only --template-dir can make it fail."""
    given = tmp_path / "given.yaml"
    given.write_text("format: 1\n", encoding="utf-8")
    args = [name]
    for p in main.get_command(click.Context(main), name).params:
        if isinstance(p, click.Argument) and p.required:
            args.append(str(given))
        elif isinstance(p, click.Option) and p.required:
            args += [p.opts[0], str(tmp_path / ("out-" + p.name))]
    return args


@pytest.mark.parametrize("name", TEMPLATE_DIR_COMMANDS)
def test_a_missing_template_dir_is_refused(name, tmp_path, cli):
    missing = tmp_path / "no-such-templates"
    r = cli(*_invocation(name, tmp_path), "--template-dir", missing)
    assert r.code == 2, (r.out, r.err)
    errors = [line for line in r.err.splitlines() if "Error" in line or "error" in line]
    assert len(errors) == 1 and "--template-dir" in errors[0] and str(missing) in errors[0], r.err
    assert "Traceback" not in r.err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["given.yaml"]  # nothing written


@pytest.mark.parametrize("name", TEMPLATE_DIR_COMMANDS)
def test_a_file_is_no_template_dir(name, tmp_path, cli):
    r = cli(*_invocation(name, tmp_path), "--template-dir", tmp_path / "given.yaml")
    assert r.code == 2 and "--template-dir" in r.err and "Traceback" not in r.err


@pytest.mark.parametrize("param", ["force", "encoding", "template_dir"])
def test_a_shared_option_is_declared_alike_in_every_command(param):
    """Same flags, same type, same default wherever the option appears (help may be worded
    for the command)."""
    ctx = click.Context(main)
    shapes = {name: [(tuple(p.opts), p.is_flag, type(p.type).__name__, p.default,
                      getattr(p.type, "exists", None), getattr(p.type, "file_okay", None))
                     for p in main.get_command(ctx, name).params if p.name == param]
              for name in _commands_with(param)}
    assert len(shapes) >= 2
    assert len({tuple(s) for s in shapes.values()}) == 1, shapes


def test_every_commands_help_imports_nothing_heavy():
    """The application layer loads the library only when one of its functions runs, so
    importing it, and `drafter CMD --help`, stay as cheap as `drafter --help`."""
    import subprocess
    import sys
    from pathlib import Path

    code = ("import sys, importlib, pkgutil, drafter.app; from drafter.cli import run, COMMANDS\n"
            "for m in pkgutil.iter_modules(drafter.app.__path__): importlib.import_module('drafter.app.' + m.name)\n"
            "for name in COMMANDS: run([name, '--help'])\n"
            "print('HEAVY', [m for m in ('docx', 'lxml', 'rapidfuzz', 'opencc', 'openpyxl', 'rich', 'ruamel', "
            "'jinja2', 'charset_normalizer') if m in sys.modules])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         cwd=ROOT)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip().splitlines()[-1] == "HEAVY []", out.stdout[-500:]
