"""Jinja templates for every piece of wording an office may want to change.

Templates are looked up in `--template-dir` first, then in the project's `templates/` folder
(or its installed copy).  User templates run in Jinja's sandbox; undefined variables are
errors, never blanks.  Template errors name the template file and line.
"""
from __future__ import annotations

import functools
import sys
from pathlib import Path

from .errors import DrafterError

PACKAGE_ROOT = Path(__file__).resolve().parent


def builtin_template_dir() -> Path:
    """`templates/` beside the package in a checkout or editable install, else the copy that
    `pip install .` put under `<prefix>/share/drafter/templates`."""
    here = PACKAGE_ROOT.parent / "templates"
    if here.is_dir():
        return here
    installed = Path(sys.prefix) / "share" / "drafter" / "templates"
    if installed.is_dir():
        return installed
    raise DrafterError("drafter's templates folder is missing (looked in %s and %s)" % (here, installed))


class TemplateError(DrafterError):
    pass


def _sandbox_key() -> str:
    """What compiled code depends on besides the template source: the sandbox (which
    operators it intercepts is compiled into the code) and Jinja itself.  A change to either
    gets a fresh cache folder, so code compiled under older limits is never reused."""
    import hashlib

    import jinja2

    digest = hashlib.sha256(jinja2.__version__.encode())
    digest.update(Path(__file__).read_bytes())
    return digest.hexdigest()[:12]


def _bytecode_cache():
    """Compiled templates kept between runs (every render is a new process; compiling the
    wording templates costs more than rendering them).  Jinja keys each entry by the
    template's source checksum, so an edited template is never served stale.  No cache when
    the folder cannot be made (read-only home): templates are then compiled each time."""
    import jinja2

    from . import cache

    folder = cache.folder("jinja-%d.%d-%s" % (sys.version_info[:2] + (_sandbox_key(),)))
    if folder is None:
        return None
    return jinja2.FileSystemBytecodeCache(str(folder))


@functools.lru_cache(maxsize=8)
def environment(template_dir: str | None = None, script: str | None = None):
    """A sandboxed, strict Jinja environment searching `template_dir` then the built-ins.

    `script="traditional"` converts each template's own wording (not the values put into it)
    to traditional characters, for plans written in traditional script (seed 002)."""
    import jinja2

    dirs = ([str(template_dir)] if template_dir else []) + [str(builtin_template_dir())]
    loader = jinja2.FileSystemLoader(dirs, encoding="utf-8")
    if script == "traditional":
        loader = _TraditionalLoader(dirs, encoding="utf-8")
    env = _sandbox_class()(
        loader=loader,
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        keep_trailing_newline=False,
        trim_blocks=True,
        lstrip_blocks=True,
        bytecode_cache=_bytecode_cache(),
    )
    from .text.dates import format_date
    from .text.numerals import to_chinese

    env.filters["cn_date"] = format_date
    env.filters["cn_number"] = to_chinese
    env.filters["join_cn"] = lambda xs, sep="、": sep.join(xs)
    return env


def render(name: str, template_dir: str | None = None, *, script: str | None = None,
           **context) -> str:
    """Render template `name` with `context`; every Jinja failure becomes a located error."""
    import jinja2
    from jinja2.sandbox import SecurityError

    env = environment(str(template_dir) if template_dir else None, script)
    try:
        template = env.get_template(name)
        return template.render(**context)
    except jinja2.TemplateNotFound:
        raise TemplateError("template %s not found (looked in %s)"
                            % (name, ", ".join(env.loader.searchpath))) from None
    except jinja2.TemplateSyntaxError as e:
        raise TemplateError("%s:%s: template syntax error: %s"
                            % (e.filename or e.name or name, e.lineno, e.message)) from None
    except (SecurityError, OverflowError) as e:  # OverflowError: the sandbox's range() limit
        raise TemplateError("%s: template refused by the sandbox (unsafe access): %s"
                            % (_template_file(env, name), e)) from None
    except jinja2.UndefinedError as e:
        line = _error_line(name)
        raise TemplateError("%s%s: template uses an undefined value: %s"
                            % (_template_file(env, name), ":%d" % line if line else "", e.message)) from None
    except jinja2.TemplateError as e:
        raise TemplateError("%s: template error: %s" % (_template_file(env, name), e)) from None


MAX_TEMPLATE_STRING = 10**6  # characters a template may build with * or %


@functools.lru_cache(maxsize=1)
def _sandbox_class():
    """Jinja's immutable sandbox (a template cannot empty the plan's lists), with `*`, `**` and
    `%` bounded so that a shared template cannot exhaust memory with `'a' * 10**10`."""
    from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError

    class Sandbox(ImmutableSandboxedEnvironment):
        intercepted_binops = frozenset(["*", "**", "%"])

        def call_binop(self, context, operator, left, right):
            if operator == "**" and isinstance(left, (int, float)) and isinstance(right, (int, float)) \
                    and abs(left) > 1 and abs(right) > 1024:
                raise SecurityError("the power %s ** %s is too large for a template" % (left, right))
            if operator == "*":
                for seq, n in ((left, right), (right, left)):
                    if isinstance(seq, (str, list, tuple)) and isinstance(n, int) \
                            and len(seq) * n > MAX_TEMPLATE_STRING:
                        raise SecurityError("repeating a text %d times is too much for a template" % n)
            if operator == "%" and isinstance(left, str):
                import re

                if any(int(w) > MAX_TEMPLATE_STRING for w in re.findall(r"%[-#0 +]*(\d+)", left)):
                    raise SecurityError("a %-format width that large is refused in a template")
            return super().call_binop(context, operator, left, right)

    return Sandbox


def _traditional_loader_class():
    import jinja2

    from .text.script import to_traditional

    class TraditionalLoader(jinja2.FileSystemLoader):
        def get_source(self, environment, template):
            source, filename, uptodate = super().get_source(environment, template)
            return to_traditional(source), filename, uptodate

    return TraditionalLoader


def _TraditionalLoader(*args, **kwargs):
    return _traditional_loader_class()(*args, **kwargs)


def _template_file(env, name: str) -> str:
    try:
        return env.loader.get_source(env, name)[1] or name
    except Exception:
        return name


def _error_line(name: str) -> int | None:
    """The template line of the exception being handled, from the traceback Jinja rewrites."""
    import traceback

    tb = sys.exc_info()[2]
    for frame in reversed(traceback.extract_tb(tb)):
        if frame.filename and frame.filename.endswith(name):
            return frame.lineno
    return None
