"""The look's parts of a .docx: styles, page set-up, footers, font table, document properties.

They depend on the look alone (and on the page's orientation), so `base_package` makes them
once per look and every render splices only its body into word/document.xml.  The markup
itself comes from `oxml`.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

from . import oxml
from .look import MM_TWIPS, Look
from .package import CT_WML, Package, read_package

IMPRINT_ROLES = ("recipients_imprint", "cc", "letter_cc", "imprint")  # 版记 rows, in their order
# python-docx's default template without the parts and styles a drafter document never uses
# (stylesWithEffects, webSettings, customXml, numbering, thumbnail, latent and non-default
# styles): 7 KB instead of 800 KB.
BASE_DOCX = Path(__file__).resolve().parents[2] / "look" / "base.docx"
_BASES: dict[tuple[str, bool], Package] = {}


def style_id(role: str) -> str:
    return "Drafter" + "".join(p.capitalize() for p in role.split("_"))


def style_name(role: str) -> str:
    return "drafter " + role


def style_xml(look: Look, role: str) -> str:
    """The paragraph style of `role`: font, size, colour, rules, line pitch, indents."""
    spec = look.role(role)
    size = float(spec.get("size", 16))
    char = size * 20
    font = look.font(spec["font"])["name"]
    borders = []
    for key, edge in (("rule_above", "top"), ("rule_below", "bottom")):
        if spec.get(key) and role not in IMPRINT_ROLES:  # the 版记's rules are its table's
            r = spec[key]
            borders.append(oxml.border(edge, look.colour(r["color"]), r["width_eighths"],
                                       r.get("space_pt", 0), r.get("style", "single")))
    if role in ("issuer_mark", "joint_mark", "letter_head") or role.startswith("table_") and role != "table_title":
        line = None
    else:
        line = look.line_twips
    ind = {}
    for key, edge in (("indent_chars", "firstLine"), ("left_chars", "left"), ("right_chars", "right")):
        if spec.get(key):
            ind[edge] = int(float(spec[key]) * char)
    ppr = oxml.style_ppr(keep_next=bool(spec.get("keep_next")), borders=borders, line_twips=line,
                         before=int(spec.get("space_before_twips", 0)), ind=ind,
                         jc=spec.get("align", "both"))
    rpr = oxml.rpr(font, size, color=look.colour(spec.get("color")))
    return oxml.paragraph_style(style_id(role), style_name(role), ppr, rpr)


def styles_xml(look: Look, base: str) -> str:
    """The base styles part with drafter's document defaults and one style per role."""
    body_font = look.font("fangsong")["name"]
    defaults = oxml.doc_defaults(oxml.rpr(body_font, look.data["grid"]["body_pt"]), look.line_twips)
    base = oxml.without_doc_defaults(base)
    head, rest = split_root(base, "w:styles")
    roles = "".join(style_xml(look, role) for role in look.data["roles"] if role != "page_number")
    return head + ">" + defaults + rest.replace("</w:styles>", roles + "</w:styles>")


def sect_pr(look: Look, footers: tuple[str, str], landscape: bool = False) -> str:
    """Page size and margins from the look; odd pages' footer right, even pages' left."""
    page = look.page_setup(landscape)
    margins = {edge: page[edge + "_twips"] for edge in ("top", "right", "bottom", "left", "header", "footer")}
    return oxml.sect_pr(footers, round(page["width_mm"] * MM_TWIPS), round(page["height_mm"] * MM_TWIPS),
                        margins, "landscape" if landscape else None)


FOOTERS = ("right", "left", "none", "turned_right", "turned_left")


def footer_ids(pkg: Package) -> dict[str, str]:
    """Relationship ids of the base package's footers: right (odd pages), left (even pages),
    none (the empty one, for pages that carry no page number), and the odd and even ones of a
    landscape page (`turned_footer_xml`)."""
    rels = pkg.text("word/_rels/document.xml.rels")
    out = {}
    for n, side in enumerate(FOOTERS, 1):
        m = re.search(r'Id="([^"]+)"[^>]*Target="footer%d.xml"' % n, rels)
        out[side] = m.group(1)
    return out


def letter_parts(look: Look, mark: str, mark_pt: float) -> tuple[str, str]:
    """(header, footer) of a letter's first page (GB/T 9704 §10.1): the 标志 centred with the red
    double rule (thick over thin) 4 mm under it, and the other double rule (thin over thick) at
    the foot; both 170 mm long, centred on the page; no page number."""
    page = look.page
    width = round(page["width_mm"] * MM_TWIPS)
    block = width - int(page["left_twips"]) - int(page["right_twips"])
    rule = round(170 * MM_TWIPS)
    left = int(page["left_twips"]) - (width - rule) // 2  # how far the rule reaches out left
    ind = {"left": -left, "right": -(rule - block - left)}
    spec = look.role("letter_head")
    head = oxml.paragraph(
        oxml.ppr(style=style_id("letter_head"), ind=ind, extra=oxml.WIDOW_CONTROL_OFF),
        oxml.run(mark, oxml.rpr(look.font(spec["font"])["name"], mark_pt, color=look.colour(spec.get("color")))))
    r = look.role("letter_foot")["rule_below"]
    height = round(1 * MM_TWIPS)
    bottom = round(page["height_mm"] * MM_TWIPS) - round(20 * MM_TWIPS)  # 20 mm above the bottom edge
    foot = oxml.floating_cell("", (width - rule) // 2, bottom - height, rule, height, borders=oxml.border(
        "bottom", look.colour(r["color"]), r["width_eighths"], 0, r.get("style", "single")))
    return oxml.header(head), oxml.footer(foot)


def footer_xml(look: Look, side: str) -> str:
    """Page number `— N —` in 宋体 4号, 1字 in from the outer edge (odd right, even left)."""
    spec = look.role("page_number")
    size = float(spec["size"])
    props = oxml.rpr(look.font(spec["font"])["name"], size, hint=True)
    ind = {"right" if side == "right" else "left": int(size * 20)}
    return oxml.footer(oxml.paragraph(
        oxml.ppr(jc=side, ind=ind, extra=oxml.WIDOW_CONTROL_OFF),
        oxml.run("— ", props) + oxml.field_run("PAGE", props) + oxml.run(" —", props)))


def turned_footer_xml(look: Look, side: str) -> str:
    """A landscape page's number where the upright pages have theirs (GB/T 9704 §8): the page
    is turned with its top (the table's head) to the upright page's left edge, so the number
    stands in the left margin, 7 mm out from the 版心, turned a quarter, reading downwards; on
    odd pages it ends 1字 above the 版心's bottom (the upright page's right), on even pages it
    starts 1字 below its top."""
    spec = look.role("page_number")
    size = float(spec["size"])
    props = oxml.rpr(look.font(spec["font"])["name"], size, hint=True)
    page = look.page_setup(landscape=True)
    height = round(page["height_mm"] * MM_TWIPS)
    char = int(size * 20)
    line = int(char * 1.44)  # the turned line's depth; LibreOffice sets the glyphs on its left side
    x = int(page["left_twips"]) - round(7 * MM_TWIPS) - char
    length = round(60 * MM_TWIPS)
    y = (height - int(page["bottom_twips"]) - char - length) if side == "right" else int(page["top_twips"]) + char
    para = oxml.paragraph(oxml.ppr(jc=side, extra=oxml.WIDOW_CONTROL_OFF),
                          oxml.run("— ", props) + oxml.field_run("PAGE", props) + oxml.run(" —", props))
    return oxml.footer(oxml.floating_cell(para, x, y, line, length, turned=True))


def font_table(look: Look, base: str) -> str:
    """The base font table with the look's faces, each naming the face Word falls back to
    (仿宋_GB2312 → 仿宋) on a PC without it."""
    entries = []
    for spec in look.data["fonts"].values():
        name = spec["name"]
        base = oxml.without_font(base, name)
        entries.append(oxml.font_entry(name, spec.get("alt", name)))
    return base.replace("</w:fonts>", "".join(entries) + "</w:fonts>")


def core_properties(author: str, stamp: str) -> str:
    """docProps/core.xml: made by `author` (drafter, or the redline's reviewer) at `stamp`."""
    when = stamp if re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", stamp) else "2000-01-01T00:00:00Z"
    return oxml.core_properties(author, when)


def split_root(xml: str, tag: str) -> tuple[str, str]:
    """(everything through the root element's start tag less its '>', the rest)."""
    i = xml.index("<" + tag)
    j = xml.index(">", i)
    return xml[:j], xml[j + 1:]


def base_package(look: Look, landscape: bool = False) -> Package:
    """The empty document set up by `look` (styles, page, footers, font table), its page
    upright or turned: made once per look and reused; a render only splices its body into
    word/document.xml."""
    key = (json.dumps(look.data, sort_keys=True, ensure_ascii=False, default=str), landscape)
    if key not in _BASES:
        pkg = read_package(BASE_DOCX)
        pkg.put("word/styles.xml", styles_xml(look, pkg.text("word/styles.xml")))
        pkg.put("word/fontTable.xml", font_table(look, pkg.text("word/fontTable.xml")))
        pkg.put("docProps/app.xml", oxml.app_properties("drafter"))
        ids = tuple(pkg.add_part("footer%d.xml" % (i + 1), footer_xml(look, side), CT_WML + "footer+xml",
                                 "footer") for i, side in enumerate(("right", "left")))
        pkg.add_part("footer3.xml", oxml.footer(oxml.paragraph()), CT_WML + "footer+xml", "footer")
        for i, side in enumerate(("right", "left")):
            pkg.add_part("footer%d.xml" % (i + 4), turned_footer_xml(look, side), CT_WML + "footer+xml", "footer")
        pkg.put("word/settings.xml", oxml.with_chinese_theme_language(
            oxml.with_even_and_odd_headers(pkg.text("word/settings.xml"))))
        head, _ = split_root(pkg.text("word/document.xml"), "w:document")
        pkg.put("word/document.xml", oxml.document(head, sect_pr(look, ids, landscape)))
        if len(_BASES) >= 8:
            _BASES.pop(next(iter(_BASES)))
        _BASES[key] = pkg
    return _BASES[key]
