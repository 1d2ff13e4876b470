"""`drafter consult PLAN -o DIR`: the package sent out for comment."""
from __future__ import annotations

import click


@click.command("consult")
@click.argument("plan", type=click.Path(dir_okay=False))
@click.option("-o", "--output", "outdir", required=True, type=click.Path(file_okay=False),
              help="Folder for the notice, the draft and the 意见反馈表 (created if missing).")
@click.option("--deadline", default=None, help="Comments due by this date (2017-03-09 or 2017年3月9日).")
@click.option("--contact", default=None, help="Contact person named in the notice.")
@click.option("--phone", default=None, help="Contact phone.")
@click.option("--email", default=None, help="Contact e-mail.")
@click.option("--date", "date_", default=None, help="Date of the notice (default: the plan's consult notice, else today).")
@click.option("--to", "recipients", default=None, help="Recipients, separated by 、 (default: the plan's).")
@click.option("--template-dir", type=click.Path(file_okay=False, exists=True), default=None,
              help="An office's own templates and look.yaml, searched before the built-ins.")
@click.option("--force", is_flag=True, help="Replace files already in the folder.")
@click.option("--encoding", default=None, help="Input encoding for text files (default: detected).")
def command(plan, outdir, deadline, contact, phone, email, date_, recipients, template_dir, force, encoding):
    """Write the 征求意见 package for PLAN into a folder: the notice (draft and 意见反馈表
    attached), the draft alone marked （征求意见稿） with a hidden anchor on every task, and
    the 意见反馈表.  Values given here override the plan's `notice:`.

    Exit 0 when written, 2 when the plan or a needed notice field is missing."""
    from ..consult.send import consult_plan, write_package
    from ..readers import read

    loaded = read(plan, encoding=encoding)
    findings = list(loaded.findings)
    p = consult_plan(loaded.plan, deadline=_date(deadline, "--deadline"), contact=contact,
                     phone=phone, email=email, date=_date(date_, "--date"),
                     recipients=[r for r in (recipients or "").replace(",", "、").split("、") if r.strip()],
                     findings=findings)
    require_ids(loaded, plan)
    from ..writers.docx import MissingField

    try:
        pkg = write_package(p, outdir, template_dir=template_dir, force=force, findings=findings)
    except MissingField as e:
        raise MissingField(e.message + "; give them with --deadline, --contact, --phone (and --to "
                           "for recipients) or in the plan's notice:", e.findings) from None
    for f in findings:
        if f.level != "info":
            click.echo(str(f), err=True)
    for path in (pkg.notice, pkg.draft, pkg.form):
        click.echo(str(path))


def require_ids(loaded, plan) -> None:
    """Comments are traced back by task ID, so the plan must be YAML with an ID on every item."""
    from ..errors import InputError

    if loaded.kind != "yaml":
        raise InputError("%s: send a plan YAML out for comment (drafter import it first), so that "
                         "returned comments can be tied to its tasks" % plan)
    missing = [node for node, _ in loaded.plan.walk() if not node.id]
    if missing:
        raise InputError("%s: %d item%s without an ID (first: %r); comments on them could not be "
                         "traced back: run `drafter check --fix %s` first"
                         % (plan, len(missing), "s" if len(missing) > 1 else "", missing[0].title[:30], plan))


def _date(text, option):
    from ..text.dates import parse_date

    if not text:
        return None
    d = parse_date(text)
    if d is None:
        raise click.BadParameter("expected a date like 2017-03-09 or 2017年3月9日, got %r" % text,
                                 param_hint=option)
    return d
