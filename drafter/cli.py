"""The `drafter` command: a click group whose subcommands are imported only when run.

Each subcommand lives in `drafter/commands/<name>.py` as a click command named `command`;
the table below gives its one-line help so that `drafter --help` imports nothing heavy.
Errors become `drafter: error: …` with exit 2; a traceback never reaches the user.
"""
from __future__ import annotations

import importlib
import os
import sys

import click

from . import __version__

# name -> (module, one-line help)
COMMANDS: dict[str, tuple[str, str]] = {
    "new": ("drafter.commands.new", "Start a plan: a commented YAML skeleton for a year and issuer."),
    "check": ("drafter.commands.check", "Validate and lint a plan or document (GB/T 9704, drafting rules)."),
    "import": ("drafter.commands.import_", "Turn a .docx/.txt/.doc/.pdf plan or notice into plan YAML."),
    "render": ("drafter.commands.render", "Render a plan as a GB/T 9704 notice, plan, consult notice or task table."),
    "diff": ("drafter.commands.diff", "What changed between two plans: terminal, JSON or HTML report."),
    "redline": ("drafter.commands.redline", "The new plan as .docx with every change as a Word tracked change."),
    "compare-table": ("drafter.commands.compare_table", "新旧对照表: the old/new comparison table as .docx."),
    "rollover": ("drafter.commands.rollover", "Next year's first draft from last year's plan."),
    "consult": ("drafter.commands.consult", "Send a draft out for comment: notice, draft and 意见反馈表."),
    "collect": ("drafter.commands.collect", "Collect returned comments into 意见汇总表; apply decisions."),
    "serve": ("drafter.commands.serve", "The drafter's workbench in the browser: edit, check, preview, compare."),
}


class LazyGroup(click.Group):
    """A group that imports a subcommand's module only when that subcommand runs."""

    def list_commands(self, ctx):
        return [name for name in COMMANDS if _available(name)]

    def get_command(self, ctx, name):
        if name not in COMMANDS or not _available(name):
            return None
        module = importlib.import_module(COMMANDS[name][0])
        return module.command

    def format_commands(self, ctx, formatter):
        rows = [(name, COMMANDS[name][1]) for name in self.list_commands(ctx)]
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)


def _available(name: str) -> bool:
    """A command is listed once its module exists (subcommands land issue by issue)."""
    module = COMMANDS[name][0]
    path = os.path.join(os.path.dirname(__file__), *module.split(".")[1:]) + ".py"
    return os.path.exists(path)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="drafter")
def main():
    """drafter: yearly work plans (工作要点) and their notices (通知), to GB/T 9704-2012.

    \b
    Typical year:
      drafter import 2017年工作要点.docx        # last year's plan → plans/….yaml
      drafter rollover plans/2017.yaml         # next year's first draft
      drafter check plans/2018-2017.yaml       # lint before sending out
      drafter render plans/2018-2017.yaml      # the 通知 as .docx in outputs/
      drafter redline old.yaml new.yaml        # changes as Word tracked changes
    """


def run(argv: list[str] | None = None) -> int:
    """Entry point: run the CLI and turn every failure into a plain message and an exit code."""
    from .errors import DrafterError

    try:
        main.main(args=argv, prog_name="drafter", standalone_mode=False)
        return 0
    except click.exceptions.Exit as e:
        return e.exit_code
    except click.Abort:
        click.echo("drafter: aborted", err=True)
        return 130
    except click.UsageError as e:
        e.show()
        return 2
    except click.ClickException as e:
        e.show()
        return e.exit_code
    except DrafterError as e:
        report_error(e)
        return e.exit_code
    except KeyboardInterrupt:
        click.echo("drafter: interrupted", err=True)
        return 130
    except BrokenPipeError:
        return 0
    except SystemExit as e:
        return e.code if isinstance(e.code, int) else 0
    except (MemoryError, RecursionError) as e:
        click.echo("drafter: error: input too large or too deeply nested (%s)" % type(e).__name__,
                   err=True)
        return 2
    except Exception as e:  # a bug: say so plainly, keep the traceback for those who ask
        if os.environ.get("DRAFTER_DEBUG"):
            raise
        click.echo("drafter: error: unexpected %s: %s\n(this is a bug in drafter; run with "
                   "DRAFTER_DEBUG=1 for details)" % (type(e).__name__, e), err=True)
        return 2


def report_error(e) -> None:
    if e.findings:
        for f in e.findings:
            click.echo(str(f), err=True)
        if len(e.findings) > 1 or str(e.findings[0]) != e.message:
            click.echo("drafter: error: %s" % e.message, err=True)
    else:
        click.echo("drafter: error: %s" % e.message, err=True)


def entry() -> None:  # console_scripts target
    code = run(sys.argv[1:])
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        pass
    sys.exit(code)
