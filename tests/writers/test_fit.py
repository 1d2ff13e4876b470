"""The page arithmetic of `writers.docx.fit`, without LibreOffice: the 联合行文 seal rows keep
their laws for any names, the estimate sizes the joint 版头 as the builder does, and a short
notice whose closing cannot fit under its only paragraph has that paragraph run over onto the
署名's page instead of leaving page 1 without body text (measured on PDFs in test_pages.py and
test_layout_joint.py)."""
from __future__ import annotations

import datetime as dt
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from drafter.model import Item, Notice, Plan
from drafter.writers.docx import assemble, fit, layout
from drafter.writers.docx.build import _Builder, shape_title
from drafter.writers.docx.look import MM_TWIPS, load_look

LOOK = load_look(None)
WIDTH = LOOK.text_width()
CHAR = LOOK.char_twips(16)
HAN = st.text(alphabet=st.sampled_from("某市县区卫生健康委员会财政局医疗保障人力资源和社会"), min_size=2, max_size=16)


def estimate() -> fit.Estimate:
    builder = _Builder(LOOK, "t", "2020-01-01T00:00:00Z")
    return fit.Estimate(LOOK, builder.width, builder.size)


@settings(max_examples=200)
@given(names=st.lists(HAN, min_size=1, max_size=7), day=st.integers(1, 28))
def test_seal_rows_keep_the_standards_laws(names, day):
    """Issuer order; at most three a row, only the last row shorter, and it on the right, so
    the last 署名 stands in the last column, over the date; with several columns the seals fit
    the 版心 side by side and every name stays inside it, 1字 from its neighbour; rows at
    least a seal and its gap apart."""
    spec = LOOK.role("seal_signatures")
    rows = fit.SealRows(spec, WIDTH, CHAR, names, "2020年3月%d日" % day, LOOK.line_twips)
    assert [n for row in rows.rows for n in row] == names
    k = rows.columns
    assert 1 <= k <= 3 and all(len(row) == k for row in rows.rows[:-1]) and 1 <= len(rows.rows[-1]) <= k
    assert len(rows.centres) == k and rows.row_centres(rows.rows[-1])[-1] == rows.centres[-1]
    seal = (spec["seal_mm"] + spec["seal_gap_mm"]) * MM_TWIPS
    assert rows.pitch_lines * LOOK.line_twips >= seal
    if k > 1:
        assert k * seal <= WIDTH
        for row in rows.rows:
            spans = [(c - fit.units(n) * CHAR / 2, c + fit.units(n) * CHAR / 2)
                     for n, c in zip(row, rows.row_centres(row))]
            assert spans[0][0] >= 0 and spans[-1][1] <= WIDTH
            assert all(b[0] - a[1] >= CHAR for a, b in zip(spans, spans[1:]))
    else:
        assert rows.centres[0] < WIDTH - 4 * CHAR  # where a single issuer's 署名 stands


@given(st.lists(HAN, min_size=2, max_size=6))
def test_joint_mark_estimated_at_the_size_it_is_built(names):
    """The 版头's names: the size the builder writes is the one the estimate counts, no larger
    than the look's, and all names together no taller than its block_pt unless at min_size."""
    spec = LOOK.role("joint_mark")
    size = fit.joint_mark_size(spec, WIDTH, names)
    assert spec["min_size"] <= size <= spec["size"]
    assert size * len(names) <= spec["block_pt"] or size == spec["min_size"]
    plan = Plan(title="工作要点", issuer=names[0], sections=[Item(title="甲")],
                notice=Notice(recipients=["各单位"], co_issuers=names[1:], date=dt.date(2020, 3, 9)))
    xml = assemble(layout(plan, "notice")).text("word/document.xml")
    head = xml[:xml.index("文件")]
    sizes = {int(v) for v in re.findall(r'<w:sz w:val="(\d+)"/>', head[head.index("<w:tbl>"):])}
    assert sizes == {int(size * 2)}
    para = next(p for p in layout(plan, "notice") if p.role == "joint_mark")
    assert estimate().height(para) == spec["space_before_twips"] + int(size * 20 * 1.44) * len(names)


def short_notice(issuers: int, seal: bool, body: str, **fields) -> list:
    others = ["某市财政局", "某市医疗保障局", "某市人力资源和社会保障局"][:issuers - 1]
    plan = Plan(title="2020年全市卫生健康工作要点", issuer="某市卫生健康委员会", year=2020,
                sections=[Item(title="深化改革", text="建立医联体。")],
                notice=Notice(recipients=["各县区卫生健康局", "委机关各科室"], date=dt.date(2020, 3, 9),
                              doc_number="某卫发〔2020〕1号", co_issuers=others, seal=seal, body=body,
                              disclosure="主动公开", **fields))
    return fit.recipients_to_imprint(layout(plan, "notice"), estimate())


def flow(paras: list, pitches: dict[int, int], est: fit.Estimate, upto: int) -> int:
    """Twips down page 1 at the end of paragraph `upto`, with the pitches applied."""
    total = 0
    for i, p in enumerate(paras[:upto + 1]):
        h = est.height(p)
        if i in pitches:
            h = est.lines(p) * pitches[i]
        total += h
    return total


def test_a_closing_that_fits_moves_nothing():
    est = estimate()
    paras = short_notice(1, False, "现将工作要点印发给你们，请认真贯彻执行。")
    pitches, unkept = fit.fit_closing(paras, est)
    assert pitches == {} and paras[unkept].role == "body"


def test_the_only_paragraph_runs_over_when_the_closing_cannot_fit_under_it():
    """Four issuers with seals need two rows of seals; page 1 holds the 版头, the title, the 主送
    and the notice's only paragraph, not those rows too.  The lines under the title are spread
    so that the paragraph's last line falls on page 2, which then shows body text above the
    署名s, and page 1 keeps the rest of it."""
    est = estimate()
    body = "现将《2020年全市卫生健康工作要点》印发给你们，请结合实际认真贯彻执行，确保全年目标任务落实到位。"
    paras = short_notice(4, True, body)
    last_body = max(i for i, p in enumerate(paras) if p.role == "body" and i < next(
        k for k, p in enumerate(paras) if p.role == "seal_signatures"))
    pitches, unkept = fit.fit_closing(paras, est)
    assert unkept == last_body  # not kept with the closing: it may break across the page
    title = max(i for i in range(last_body) if paras[i].role == "title")
    assert sorted(pitches) == list(range(title + 1, last_body + 1))
    assert all(est.pitch < p <= fit.MAX_PITCH * est.pitch for p in pitches.values())
    end = flow(paras, pitches, est, last_body)
    line = pitches[last_body]
    # half a line to spare either way: its last line over the page's foot, the one before inside
    assert end - line < est.page < end and abs((end - est.page) - line / 2) <= 4


def test_shape_title_breaks_a_title_whose_digits_overflow_the_line():
    """Digits are drawn wider than half a character: a title of exactly 20 nominal units with
    four digits does not fit 20.1 and is broken at a good place, not left to wrap its last
    character."""
    title = "关于印发《2012年全市卫生工作要点》的通知"
    max_units = WIDTH / (22 * 20)
    assert fit.units(title) <= max_units < fit.units(title, fit.ASCII_DRAWN)
    lines = shape_title(title, max_units).split("\n")
    assert len(lines) == 2 and "".join(lines) == title and len(lines[-1]) > 1


def test_a_letters_header_leaves_page_1_less_room():
    """A letter's page 1 starts its body under the 标志 and its double rule, lower than the top
    margin: the estimate knows it, so a closing that fits under a 文件 head is tightened under a
    letter's, rather than pushed onto a page of its own."""
    builder = _Builder(LOOK, "t", "2020-01-01T00:00:00Z")
    assert builder.estimate().first_drop == 0
    builder.letter_mark = "某市卫生健康委员会"
    drop = builder.estimate().first_drop
    assert LOOK.line_twips // 2 < drop < 2 * LOOK.line_twips  # the header outgrows the 37 mm margin by about a line
    paras = short_notice(1, False, "现将工作要点印发给你们，请认真贯彻执行。")
    plain = estimate()
    assert fit.fit_closing(paras, plain)[0] == {}
    date = next(i for i, p in enumerate(paras) if p.role == "date")
    left = plain.page - flow(paras, {}, plain, date + 1)  # under the date and the 附注
    assert left >= plain.pitch
    lower = fit.Estimate(LOOK, builder.width, builder.size, first_drop=left)
    pitches, unkept = fit.fit_closing(paras, lower)
    assert pitches and all(v < LOOK.line_twips for v in pitches.values()) and paras[unkept].role == "body"


def test_head_elements_take_their_lines_off_the_space_above_the_mark():
    """份号, 密级 and 紧急程度 stand above the 标志 whose top stays 35 mm down (§7.2): with them the
    estimate puts the 主送 exactly where it is without them, for one issuer and for three."""
    def recipients_at(issuers: int, head: bool) -> int:
        head_fields = dict(copy_number="000123", secrecy="机密★1年", urgency="特急") if head else {}
        paras = short_notice(issuers, True, "现将工作要点印发给你们。", **head_fields)
        builder = _Builder(LOOK, "t", "2020-01-01T00:00:00Z")
        builder.head_lines = sum(1 for p in paras[:3] if p.role in fit.HEAD_ROLES)
        assert builder.head_lines == (3 if head else 0)
        est = builder.estimate()
        at = next(i for i, p in enumerate(paras) if p.role == "recipients")
        return sum(est.height(p) for p in paras[:at])

    for issuers in (1, 3):
        assert recipients_at(issuers, True) == recipients_at(issuers, False)
