"""Templates from `--template-dir` are shared between offices: they run in Jinja's immutable
sandbox, every escape attempt is a clear security error naming the template, nothing they ask
for is executed, read from disk or allowed to exhaust memory; undefined values are errors."""
from __future__ import annotations

import pytest

from helpers import PLANS, run_cli

PLAN = PLANS / "2017-衡阳市-工作要点.yaml"  # has a notice: issuer_mark.j2 is always used
SENTINEL = "drafter-pwned-sentinel"

ESCAPES = [
    "{{ ''.__class__.__mro__ }}",
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ ().__class__.__bases__[0].__subclasses__() }}",
    "{{ plan.__class__.__init__.__globals__ }}",
    "{{ plan.source.__dict__ }}",
    "{{ self.__init__.__globals__ }}",
    "{{ lipsum.__globals__['os'].system('touch %s') }}" % SENTINEL,
    "{{ cycler.__init__.__globals__.os.popen('touch %s').read() }}" % SENTINEL,
    "{{ joiner.__init__.__globals__ }}",
    "{% set n = namespace() %}{{ n.__init__.__globals__ }}",
    "{{ '{0.__class__.__base__.__subclasses__}'.format(1) }}",
    "{{ plan.sections.clear() }}",
    "{{ plan.meta.update({'x': 1}) }}",
    "{{ [].append.__self__ }}",
    "{{ 'a' * 10**10 }}",
    "{{ [1] * 10**9 }}",
    "{{ 9 ** (9 ** 9) }}",
    "{{ '%999999999s' % 'x' }}",
    "{% for i in range(10**9) %}x{% endfor %}",
]


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A working folder (the sentinel would land here) with a template folder in it."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "office").mkdir()
    return tmp_path


@pytest.mark.parametrize("payload", ESCAPES)
def test_sandbox_escapes_are_security_errors_naming_the_template(payload, project):
    template = project / "office" / "issuer_mark.j2"
    template.write_text(payload, encoding="utf-8")
    r = run_cli("render", PLAN, "--template-dir", project / "office", "-o", project / "out.docx")
    assert r.code == 2, r.err
    assert str(template) in r.err and "sandbox" in r.err, r.err
    assert "Traceback" not in r.err and "bug in drafter" not in r.err
    assert not (project / SENTINEL).exists()
    assert not (project / "out.docx").exists()


@pytest.mark.parametrize("name", ["../../../../../../../etc/passwd", "/etc/passwd", "..\\..\\etc\\passwd"])
def test_templates_cannot_include_files_outside_the_template_folders(name, project):
    template = project / "office" / "issuer_mark.j2"
    template.write_text("{%% include %r %%}" % name, encoding="utf-8")
    r = run_cli("render", PLAN, "--template-dir", project / "office", "-o", project / "out.docx")
    assert r.code == 2 and "not found" in r.err, r.err
    assert "root:" not in r.out + r.err


@pytest.mark.parametrize("body,what", [("{{ no_such_thing }}", "no_such_thing"),
                                       ("{{ plan.no_such_field }}", "no_such_field"),
                                       ("{{ notice.recipients[99] }}", "99")])
def test_undefined_values_are_errors_naming_template_and_line(body, what, project):
    template = project / "office" / "issuer_mark.j2"
    template.write_text("{# line 1 #}\n" + body + "\n", encoding="utf-8")
    r = run_cli("render", PLAN, "--template-dir", project / "office", "-o", project / "out.docx")
    assert r.code == 2, r.err
    assert str(template) in r.err and "undefined" in r.err and what in r.err, r.err
    assert not (project / "out.docx").exists()


def test_template_syntax_error_names_file_and_line(project):
    template = project / "office" / "issuer_mark.j2"
    template.write_text("ok\n{% if %}\n", encoding="utf-8")
    r = run_cli("render", PLAN, "--template-dir", project / "office", "-o", project / "out.docx")
    assert r.code == 2 and "issuer_mark.j2:2" in r.err and "syntax" in r.err, r.err


@pytest.mark.parametrize("look", [
    "page: !!python/object/apply:os.system ['touch %s']\n" % SENTINEL,
    "page: !!python/name:os.system\n",
    "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nroles: [*b, *b, *b]\n",
    "page: [unclosed\n",
])
def test_a_hostile_look_yaml_is_refused_and_runs_nothing(look, project):
    (project / "office" / "look.yaml").write_text(look, encoding="utf-8")
    r = run_cli("render", PLAN, "--template-dir", project / "office", "-o", project / "out.docx")
    assert r.code == 2, r.err
    assert "look" in r.err and "Traceback" not in r.err and "bug in drafter" not in r.err, r.err
    assert not (project / SENTINEL).exists()


def test_the_new_plan_template_is_sandboxed_too(project):
    (project / "office" / "new_plan.yaml.j2").write_text(
        "{{ cycler.__init__.__globals__.os.system('touch %s') }}" % SENTINEL, encoding="utf-8")
    r = run_cli("new", "--issuer", "某市卫生健康委员会", "--template-dir", project / "office",
                "-o", project / "p.yaml")
    assert r.code == 2 and "sandbox" in r.err and "new_plan.yaml.j2" in r.err, r.err
    assert not (project / SENTINEL).exists() and not (project / "p.yaml").exists()
