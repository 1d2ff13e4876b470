"""No module imports from a layer above it.  Bottom to top: the text conventions and the
model, errors, fileio; readers, writers, diff, lint (readers never import writers); rollover,
consult; the application layer `drafter/app`; the front ends (`cli.py`, `commands/`, `demo.py`).
Every import counts, the lazy ones inside functions too: they run all the same."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "drafter"
FRONT_ENDS = ("drafter.cli", "drafter.commands", "drafter.web", "drafter.__main__", "drafter.demo")
BASE = ("drafter.text", "drafter.model", "drafter.errors", "drafter.fileio", "drafter.schema", "drafter.safeopen", "drafter.anchors",
        "drafter.numbering", "drafter.cache", "drafter.office", "drafter.templating", "drafter.ids")
ABOVE_BASE = ("drafter.readers", "drafter.writers", "drafter.diff", "drafter.lint", "drafter.rollover",
              "drafter.consult", "drafter.app") + FRONT_ENDS
# Layering that other parts of issue 14 undo: strict, so the day the import goes, the test
# says so and the mark is removed.
PENDING = {
}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(source: str, module: str, is_package: bool = False) -> set[str]:
    """Every module (or module.name) that `source`, the code of `module`, imports, with
    relative imports resolved."""
    package = module if is_package else module.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[:len(package.split(".")) - node.level + 1]
                base = ".".join(anchor + ([node.module] if node.module else []))
            found.add(base)
            found.update("%s.%s" % (base, a.name) for a in node.names)
    return found


MODULES = {module_name(p): imports_of(p.read_text(encoding="utf-8"), module_name(p), p.name == "__init__.py")
           for p in sorted(PACKAGE.rglob("*.py"))}


def within(name: str, prefixes: tuple[str, ...]) -> bool:
    return any(name == p or name.startswith(p + ".") for p in prefixes)


RULES = [  # (rule, modules it applies to, imports they may not make)
    ("nothing below the front ends imports them", lambda m: not within(m, FRONT_ENDS), FRONT_ENDS),
    ("nothing below the application layer imports it", lambda m: not within(m, ("drafter.app",) + FRONT_ENDS),
     ("drafter.app",)),
    ("readers never import writers", lambda m: within(m, ("drafter.readers", "drafter.consult.wordml")),
     ("drafter.writers",)),
    ("the application layer has no user interface", lambda m: within(m, ("drafter.app",)), ("click", "rich")),
    ("the base layer imports nothing above it", lambda m: within(m, BASE), ABOVE_BASE),
    ("the conventions need no plan", lambda m: within(m, ("drafter.text",)),
     ("drafter.model", "drafter.schema", "drafter.yamlio", "drafter.numbering", "drafter.ids") + ABOVE_BASE),
]


def _cases():
    for rule, applies, _ in RULES:
        for module in MODULES:
            if applies(module):
                reason = PENDING.get((rule, module))
                marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
                yield pytest.param(rule, module, marks=marks, id="%s: %s" % (module, rule))


@pytest.mark.parametrize("rule,module", list(_cases()))
def test_no_import_from_a_layer_above(rule, module):
    forbidden = next(f for r, _, f in RULES if r == rule)
    wrong = sorted(name for name in MODULES[module] if within(name, forbidden))
    assert not wrong, "%s imports %s (%s)" % (module, ", ".join(wrong), rule)


def test_every_rule_covers_some_module():
    assert all(any(applies(m) for m in MODULES) for _, applies, _ in RULES)
    assert {"drafter.app.render", "drafter.readers.yaml", "drafter.commands.check"} <= set(MODULES)


def test_the_import_finder_sees_lazy_and_relative_imports():
    source = "import os\ndef f():\n    from ..writers.docx import layout\n    from . import front\n"
    assert {"os", "drafter.writers.docx", "drafter.writers.docx.layout", "drafter.readers.front"} \
        <= imports_of(source, "drafter.readers.yaml")
    assert "drafter.readers.labels" in imports_of("from .labels import Label\n", "drafter.readers", True)


def test_pending_exceptions_name_real_modules():
    assert all(module in MODULES and any(r == rule for r, _, _ in RULES) for rule, module in PENDING)
