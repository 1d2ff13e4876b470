"""`drafter consult PLAN -o DIR`: the package sent out for comment."""
from __future__ import annotations

import click

from .options import encoding_option, force_option, template_dir_option


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
@template_dir_option()
@force_option("Replace files already in the folder.")
@encoding_option()
def command(plan, outdir, deadline, contact, phone, email, date_, recipients, template_dir, force, encoding):
    """Write the 征求意见 package for PLAN into a folder: the notice (draft and 意见反馈表
    attached), the draft alone marked （征求意见稿） with a hidden anchor on every task, and
    the 意见反馈表.  Values given here override the plan's `notice:`.

    Exit 0 when written, 2 when the plan or a needed notice field is missing."""
    from ..app.consult import send_for_comment
    from ..writers.docx import MissingField

    try:
        pkg, findings = send_for_comment(
            plan, outdir, deadline=_date(deadline, "--deadline"), contact=contact, phone=phone,
            email=email, date=_date(date_, "--date"),
            recipients=[r for r in (recipients or "").replace(",", "、").split("、") if r.strip()],
            template_dir=template_dir, force=force, encoding=encoding)
    except MissingField as e:
        raise MissingField(e.message + "; give them with --deadline, --contact, --phone (and --to "
                           "for recipients) or in the plan's notice:", e.findings) from None
    for f in findings:
        if f.level != "info":
            click.echo(str(f), err=True)
    for path in (pkg.notice, pkg.draft, pkg.form):
        click.echo(str(path))


def _date(text, option):
    from ..text.dates import parse_date

    if not text:
        return None
    d = parse_date(text)
    if d is None:
        raise click.BadParameter("expected a date like 2017-03-09 or 2017年3月9日, got %r" % text,
                                 param_hint=option)
    return d
