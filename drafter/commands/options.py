"""Options that several commands share, declared once so that they cannot drift apart
(`--template-dir` once accepted a missing folder in some commands and refused it in others)."""
from __future__ import annotations

import click


def force_option(help: str = "Replace an existing output file."):
    return click.option("--force", is_flag=True, help=help)


def encoding_option(help: str = "Input encoding for text files (default: detected)."):
    return click.option("--encoding", default=None, help=help)


def template_dir_option():
    """An office's own templates; a folder that does not exist is refused (exit 2), never
    silently replaced by the built-ins."""
    return click.option("--template-dir", type=click.Path(file_okay=False, exists=True), default=None,
                        help="An office's own templates and look.yaml, searched before the built-ins.")


def output_option(help: str, *, required: bool = False, dir_okay: bool = False, **kwargs):
    """`-o/--output`: a file to write (a folder only where the command says so)."""
    return click.option("-o", "--output", required=required, default=None,
                        type=click.Path(dir_okay=dir_okay), help=help, **kwargs)
