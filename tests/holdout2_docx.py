"""A second held-out set of office files (session 5): .docx shapes that neither
tests/office_docx.py nor tests/holdout_docx.py builds, with their text twins and sidecars in
tests/data/holdout2/office/, and a PDF LibreOffice exports from one of them (made at test time,
marked `libreoffice`).  Written and scored before the reader was touched for them (the numbers
are in tests/readers/test_holdout2_office.py); all content is invented.  The shapes:

- g01 the 发文机关标志 as legacy WordArt (VML `v:shape` whose text is the `string` attribute of
  `v:textpath`), the 文号 and 签发人 in one row of a 版头 table whose bottom border is the red rule;
- g02 the 文号's brackets and a date's dash typed through Insert → Symbol (`w:sym w:font="宋体"
  w:char="3014"`), a Wingdings check mark (`w:sym` in the symbol font's private-use range);
- g03 the 成文日期 as nested complex fields (an IF around a DATE: the inner field's result lies in
  the outer field's instructions and is not printed), the title's plan name a DOCPROPERTY field;
- g04 tracked moves: a numbered item moved whole (`w:moveFrom` on its runs and on its paragraph
  mark, `w:moveTo` where it lands) and a paragraph inserted whole (`w:ins` on its mark);
- g05 the outline numbered through heading styles: each style names only the list (`w:numId`),
  the level comes from the list's `w:lvl/w:pStyle` (ECMA-376 §17.9.24), chineseCountingThousand;
- g06 a list in full-width digits (`decimalFullWidth` `１．`) and circled numbers
  (`decimalEnclosedCircleChinese`), its paragraphs numbered through a style based on a style
  that holds the `w:numPr`;
- g07 the plan in a two-column section (`w:cols w:num="2"`), its section headings internal
  links (`w:hyperlink w:anchor`) split mid-paragraph with bookmarks around them;
- g08 the 任务分工表 pasted as an embedded Excel object (`w:object` / `o:OLEObject
  ProgID="Excel.Sheet.12"`): the page shows a picture of the table, no text to read;
- q01 the PDF LibreOffice exports from g07 (two columns on a page).

    python tests/holdout2_docx.py            # rewrite the text twins
    python tests/holdout2_docx.py DIR        # write every NAME.docx (and twins) into DIR
"""
from __future__ import annotations

import io
import re
import sys
import zipfile
from pathlib import Path
from typing import Callable
from xml.sax.saxutils import escape

sys.path.insert(0, str(Path(__file__).resolve().parent))
import holdout_docx  # noqa: E402
from holdout_docx import HDoc, _banji, _GRID, _notice, _p, _plan, _tbl, _tc, run  # noqa: E402
from office_docx import CT, NS, REL  # noqa: E402

sys.path.pop(0)

TWINS = Path(__file__).resolve().parent / "data" / "holdout2" / "office"
PDF_SOURCES = {"q01_libreoffice_pdf_two_columns": "g07_two_column_plan_anchor_links"}


class GDoc(HDoc):
    """An HDoc whose package may carry its own numbering.xml and styles.xml, and extra parts."""

    def __init__(self, name: str, **kw):
        self.numbering_xml: str | None = kw.pop("numbering_xml", None)
        self.styles_xml: str | None = kw.pop("styles_xml", None)
        self.columns: int = kw.pop("columns", 1)
        self.extra_parts: dict[str, bytes] = {}
        super().__init__(name, **kw)

    def docx(self) -> bytes:
        data = super().docx()
        if self.numbering_xml is None and self.styles_xml is None and self.columns == 1 and not self.extra_parts:
            return data
        src = zipfile.ZipFile(io.BytesIO(data))
        parts = {n: src.read(n) for n in src.namelist()}
        if self.numbering_xml is not None:
            parts["word/numbering.xml"] = self.numbering_xml.encode()
        if self.styles_xml is not None:
            if "word/styles.xml" not in parts:
                rels = parts["word/_rels/document.xml.rels"].decode()
                parts["word/_rels/document.xml.rels"] = rels.replace(
                    "</Relationships>", '<Relationship Id="rIdSt" Type="%sstyles" Target="styles.xml"/>'
                    "</Relationships>" % REL).encode()
                types = parts["[Content_Types].xml"].decode()
                parts["[Content_Types].xml"] = types.replace(
                    "</Types>", '<Override PartName="/word/styles.xml" ContentType="%sstyles+xml"/></Types>'
                    % CT).encode()
            parts["word/styles.xml"] = self.styles_xml.encode()
        if self.columns > 1:  # the final section (the plan after the notice's section break) in columns
            doc = parts["word/document.xml"].decode()
            last = doc.rfind("<w:docGrid")
            doc = doc[:last] + '<w:cols w:num="%d" w:space="425"/>' % self.columns + doc[last:]
            parts["word/document.xml"] = doc.encode()
        parts.update(self.extra_parts)
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
            for name, blob in parts.items():
                z.writestr(name, blob)
        return buf.getvalue()


def _numbering(levels: list[tuple[str, str, str | None]]) -> str:
    """One list (abstract 0, w:num 1): (numFmt, lvlText, the style linked to the level or None)."""
    lvls = "".join('<w:lvl w:ilvl="%d"><w:start w:val="1"/><w:numFmt w:val="%s"/>%s<w:lvlText w:val="%s"/>'
                   '<w:lvlJc w:val="left"/><w:suff w:val="nothing"/></w:lvl>'
                   % (i, fmt, '<w:pStyle w:val="%s"/>' % style if style else "", escape(text))
                   for i, (fmt, text, style) in enumerate(levels))
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:numbering %s><w:abstractNum '
            'w:abstractNumId="0"><w:multiLevelType w:val="multilevel"/>%s</w:abstractNum>'
            '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>' % (NS, lvls))


def _styles(*styles: tuple[str, str, str | None, str]) -> str:
    """Paragraph styles: (styleId, name, basedOn or None, pPr inner XML)."""
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:styles %s>%s</w:styles>' % (NS, "".join(
        '<w:style w:type="paragraph" w:styleId="%s"><w:name w:val="%s"/>%s<w:pPr>%s</w:pPr></w:style>'
        % (sid, name, '<w:basedOn w:val="%s"/>' % base if base else "", ppr) for sid, name, base, ppr in styles)))


_CN = "零一二三四五六七八九十"


def _styled_outline(d: HDoc, style: str, entries: list[tuple[int, str]], labels: list[Callable[[int], str]]) -> None:
    """Paragraphs numbered only through their style (`style` + level, 1-based); the twin shows the
    number Word prints, `labels[level - 1](n)`."""
    counters = [0] * len(labels)
    for level, text in entries:
        counters[level - 1] += 1
        counters[level:] = [0] * (len(labels) - level)
        d.raw(_p(run(text), extra='<w:pStyle w:val="%s%d"/>' % (style, level)),
              labels[level - 1](counters[level - 1]) + text)


# The fixtures -------------------------------------------------------------------------------------

def g01_wordart_masthead_signer_row() -> GDoc:
    d = GDoc("g01_wordart_masthead_signer_row", footer="complex")
    art = ('<w:r><w:pict><v:shapetype id="_x0000_t136" coordsize="21600,21600" o:spt="136" adj="10800" '
           'path="m@7,l@8,m@5,21600l@6,21600e"><v:path textpathok="t" o:connecttype="custom"/><v:textpath on="t" '
           'fitshape="t"/></v:shapetype><v:shape id="艺术字 1" type="#_x0000_t136" style="position:absolute;'
           'margin-left:0;margin-top:0;width:442pt;height:56pt;z-index:1;mso-position-horizontal:center" '
           'fillcolor="red" stroked="f"><v:textpath style="font-family:&quot;方正小标宋简体&quot;;font-size:36pt;'
           'v-text-kern:t" trim="t" fitpath="t" string="临川市卫生健康委员会文件"/></v:shape></w:pict></w:r>')
    d.raw(_p(art, "center"), "临川市卫生健康委员会文件")
    red = ('<w:tblBorders><w:top w:val="nil"/><w:left w:val="nil"/><w:bottom w:val="single" w:sz="18" w:space="0" '
           'w:color="FF0000"/><w:right w:val="nil"/><w:insideH w:val="nil"/><w:insideV w:val="nil"/></w:tblBorders>')
    d.raw(_tbl(["<w:tr>%s%s</w:tr>" % (_tc(_p(run("临卫发〔2025〕21号"))), _tc(_p(run("签发人：孙某某"), "right")))],
               red, [4400, 4400]), "临卫发〔2025〕21号\t签发人：孙某某")
    d.title("临川市卫生健康委员会关于印发2025年全市卫生健康工作要点的通知")
    d.p("各县（区）卫生健康局，委直属各单位：")
    d.p("现将《临川市2025年卫生健康工作要点》印发给你们，请认真贯彻落实。")
    d.blank().p("临川市卫生健康委员会", "right").p("2025年2月18日", "right")
    d.page_break()
    _plan(d, "临川市2025年卫生健康工作要点",
          (0, "推进优质医疗资源扩容"), (1, "建设省级区域医疗中心。"), (1, "提升县级医院综合能力。"),
          (0, "织密公共卫生防护网"), (1, "完善疾控机构基础设施。"), (2, "新建生物安全二级实验室。"),
          (0, "加强卫生健康人才队伍建设"), (1, "实施基层卫生人才培养计划。"))
    _banji(d, "抄送：市人民政府办公室。", "临川市卫生健康委员会办公室", "2025年2月18日")
    return d


def _sym(char: str, font: str = "宋体") -> str:
    return '<w:r><w:sym w:font="%s" w:char="%04X"/></w:r>' % (font, ord(char))


def g02_symbol_brackets() -> GDoc:
    d = GDoc("g02_symbol_brackets", footer="simple")
    d.masthead("青溪县卫生健康局")
    d.raw(_p(run("青卫发") + _sym("〔") + run("2025") + _sym("〕") + run("3号"), "center"), "青卫发〔2025〕3号")
    d.rule("border")
    d.title("青溪县卫生健康局关于印发青溪县2025年基本公共卫生服务工作要点的通知")
    d.p("各乡镇卫生院，县疾病预防控制中心：")
    d.raw(_p(run("根据《青溪县卫生健康局关于调整基本公共卫生服务项目的通知》（青卫发") + _sym("〔") + run("2024")
             + _sym("〕") + run("18号）要求，现将《青溪县2025年基本公共卫生服务工作要点》印发给你们，请认真落实。")),
          "根据《青溪县卫生健康局关于调整基本公共卫生服务项目的通知》（青卫发〔2024〕18号）要求，"
          "现将《青溪县2025年基本公共卫生服务工作要点》印发给你们，请认真落实。")
    d.raw(_p('<w:r><w:rPr><w:rFonts w:ascii="Wingdings" w:hAnsi="Wingdings"/></w:rPr><w:sym w:font="Wingdings" '
             'w:char="F0FE"/></w:r>' + run("此件公开发布")), "此件公开发布")
    d.blank().p("青溪县卫生健康局", "right").p("2025年3月6日", "right")
    d.page_break()
    _plan(d, "青溪县2025年基本公共卫生服务工作要点",
          (0, "规范项目管理"), (1, "修订项目绩效评价方案。"), (1, "加强项目资金监管。"),
          (0, "提升服务质量"), (1, "做实高血压患者健康管理。"), (2, "规范管理率达到目标要求。"),
          (1, "做好0" + "\u2014" + "6岁儿童健康管理。"))
    # the dash of 0—6 typed through Insert → Symbol as well
    d.body[-1] = d.body[-1].replace(run("做好0\u20146岁儿童健康管理。"), run("做好0") + _sym("\u2014") + run("6岁儿童健康管理。"))
    _banji(d, "抄送：县人民政府办公室。", "青溪县卫生健康局办公室", "2025年3月6日")
    return d


def _field(instr: str, result: str) -> str:
    return ('<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve">%s</w:instrText></w:r>'
            '<w:r><w:fldChar w:fldCharType="separate"/></w:r>%s<w:r><w:fldChar w:fldCharType="end"/></w:r>'
            % (escape(instr), result))


def g03_nested_field_date() -> GDoc:
    d = GDoc("g03_nested_field_date", footer="complex")
    d.masthead("沙河区卫生健康局")
    d.p("沙卫发〔2025〕10号", "center")
    d.rule("border")
    d.raw(_p(run("沙河区卫生健康局关于印发", size=44) + _field(' DOCPROPERTY  "计划名称"  \\* MERGEFORMAT ',
                                                            run("沙河区2025年职业健康工作要点", size=44))
             + run("的通知", size=44), "center"),
          "沙河区卫生健康局关于印发沙河区2025年职业健康工作要点的通知")
    d.p("各街道社区卫生服务中心，区职业病防治院：")
    d.p("现将《沙河区2025年职业健康工作要点》印发给你们，请结合实际抓好落实。")
    d.blank().p("沙河区卫生健康局", "right")
    # IF { DATE } = "" "" "{ DATE }": Word keeps the inner DATE's last result inside the IF's instructions
    inner = _field(' DATE \\@ "yyyy年M月d日" ', run("2025年4月2日"))
    nested = ('<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> IF </w:instrText>'
              '</w:r>%s<w:r><w:instrText xml:space="preserve"> = "" "" "</w:instrText></w:r>%s<w:r><w:instrText '
              'xml:space="preserve">" </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>%s'
              '<w:r><w:fldChar w:fldCharType="end"/></w:r>' % (inner, inner, run("2025年4月2日")))
    d.raw(_p(nested, "right"), "2025年4月2日")
    d.page_break()
    _plan(d, "沙河区2025年职业健康工作要点",
          (0, "强化职业病危害源头治理"), (1, "开展尘肺病防治攻坚。"), (1, "推进中小微企业职业健康帮扶。"),
          (0, "提升职业健康技术支撑能力"), (1, "建设区级职业病诊断机构。"), (2, "配齐职业病诊断医师。"),
          (0, "推进健康企业建设"), (1, "培育健康企业示范单位。"))
    _banji(d, "抄送：区人民政府办公室。", "沙河区卫生健康局办公室", "2025年4月2日")
    return d


def _tracked(kind: str, ilvl: int, text: str, rid: int) -> str:
    """A numbered paragraph moved away (`moveFrom`), moved here (`moveTo`) or inserted (`ins`):
    its runs and its paragraph mark carry the revision."""
    who = 'w:id="%d" w:author="审核人" w:date="2025-03-01T10:00:00Z"' % rid
    mark = '<w:numPr><w:ilvl w:val="%d"/><w:numId w:val="1"/></w:numPr><w:rPr><w:%s %s/></w:rPr>' % (ilvl, kind, who)
    who2 = 'w:id="%d" w:author="审核人" w:date="2025-03-01T10:00:00Z"' % (rid + 1)
    if kind == "moveFrom":
        inner = ('<w:moveFromRangeStart w:id="%d" w:name="move1" w:author="审核人"/><w:moveFrom %s><w:r><w:t>%s</w:t>'
                 '</w:r></w:moveFrom><w:moveFromRangeEnd w:id="%d"/>' % (rid + 2, who2, escape(text), rid + 2))
    elif kind == "moveTo":
        inner = ('<w:moveToRangeStart w:id="%d" w:name="move1" w:author="审核人"/><w:moveTo %s><w:r><w:t>%s</w:t>'
                 '</w:r></w:moveTo><w:moveToRangeEnd w:id="%d"/>' % (rid + 2, who2, escape(text), rid + 2))
    else:
        inner = "<w:ins %s><w:r><w:t>%s</w:t></w:r></w:ins>" % (who2, escape(text))
    return "<w:p><w:pPr>%s</w:pPr>%s</w:p>" % (mark, inner)


def g04_tracked_moved_items() -> GDoc:
    d = GDoc("g04_tracked_moved_items", footer="simple")
    _notice(d, "临川市卫生健康委员会", "临卫办发〔2025〕6号", "临川市卫生健康委员会办公室关于印发2025年全市医疗机构安全生产工作要点的通知",
            "各县（区）卫生健康局，委属各单位：",
            "现将《临川市2025年医疗机构安全生产工作要点》印发给你们，请认真抓好落实。",
            "临川市卫生健康委员会办公室", "2025年3月3日")
    d.title("临川市2025年医疗机构安全生产工作要点")
    d.numbered(0, "压实安全生产责任")
    d.raw(_tracked("moveFrom", 1, "开展安全生产隐患排查。", 1101))  # moved below: gone from here
    d.numbered(1, "落实主要负责人安全生产责任。")
    d.numbered(1, "完善安全生产责任清单。")
    d.counters[1] += 1
    d.raw(_tracked("moveTo", 1, "开展安全生产隐患排查。", 1201), "（三）开展安全生产隐患排查。")
    d.numbered(0, "强化重点领域整治")
    d.numbered(1, "加强消防安全管理。")
    d.counters[1] += 1
    d.raw(_tracked("ins", 1, "规范危险化学品管理。", 1301), "（二）规范危险化学品管理。")
    d.numbered(1, "做好医用氧气安全管理。")
    return d


def g05_heading_styles_level_by_list() -> GDoc:
    numbering = _numbering([("chineseCountingThousand", "%1、", "Heading1"), ("chineseCountingThousand", "（%2）",
                                                                             "Heading2"),
                            ("decimal", "%3.", "Heading3")])
    styles = _styles(("Heading1", "heading 1", None, '<w:keepNext/><w:numPr><w:numId w:val="1"/></w:numPr>'
                                                    '<w:outlineLvl w:val="0"/>'),
                     ("Heading2", "heading 2", None, '<w:keepNext/><w:numPr><w:numId w:val="1"/></w:numPr>'
                                                    '<w:outlineLvl w:val="1"/>'),
                     ("Heading3", "heading 3", None, '<w:numPr><w:numId w:val="1"/></w:numPr><w:outlineLvl w:val="2"/>'))
    d = GDoc("g05_heading_styles_level_by_list", footer="simple", numbering_xml=numbering, styles_xml=styles)
    _notice(d, "白水县卫生健康局", "白卫发〔2025〕4号", "白水县卫生健康局关于印发白水县2025年卫生健康工作要点的通知",
            "各乡镇卫生院，县直各医疗卫生单位：",
            "现将《白水县2025年卫生健康工作要点》印发给你们，请认真抓好落实。",
            "白水县卫生健康局", "2025年1月22日")
    d.title("白水县2025年卫生健康工作要点")
    entries = [(1, "深化县域综合医改"), (2, "推进紧密型县域医共体建设"), (3, "统一医共体内药品目录。"),
               (3, "推行医共体内人员统筹使用。"), (2, "深化公立医院薪酬制度改革"),
               (1, "提升公共卫生服务能力"), (2, "完善重大疫情救治体系"), (2, "加强精神卫生工作"),
               (3, "规范严重精神障碍患者管理。")]
    _styled_outline(d, "Heading", entries, [lambda n: "%s、" % _CN[n], lambda n: "（%s）" % _CN[n], "%d.".__mod__])
    return d


_FULL = "０１２３４５６７８９"
_CIRCLE = "①②③④⑤⑥⑦⑧⑨⑩"


def g06_fullwidth_circled_levels_by_based_style() -> GDoc:
    numbering = _numbering([("chineseCounting", "%1、", None), ("chineseCounting", "（%2）", None),
                            ("decimalFullWidth", "%3．", None), ("decimalEnclosedCircleChinese", "%4", None)])
    styles = _styles(("ListBase", "要点列表", None, '<w:numPr><w:numId w:val="1"/></w:numPr>'),
                     ("Level1", "要点一级", "ListBase", '<w:numPr><w:ilvl w:val="0"/></w:numPr>'),
                     ("Level2", "要点二级", "ListBase", '<w:numPr><w:ilvl w:val="1"/></w:numPr>'),
                     ("Level3", "要点三级", "ListBase", '<w:numPr><w:ilvl w:val="2"/></w:numPr>'),
                     ("Level4", "要点四级", "Level3", '<w:numPr><w:ilvl w:val="3"/></w:numPr>'))
    d = GDoc("g06_fullwidth_circled_levels_by_based_style", footer="complex", numbering_xml=numbering,
             styles_xml=styles)
    _notice(d, "青溪县卫生健康局", "青卫发〔2025〕9号", "青溪县卫生健康局关于印发青溪县2025年卫生应急工作要点的通知",
            "各乡镇卫生院，县直各医疗卫生单位：",
            "现将《青溪县2025年卫生应急工作要点》印发给你们，请认真贯彻执行。",
            "青溪县卫生健康局", "2025年2月26日")
    d.title("青溪县2025年卫生应急工作要点")
    entries = [(1, "健全应急体系"), (2, "修订突发事件应急预案。"), (3, "完成县级总体预案修订。"),
               (4, "组织专家论证。"), (4, "报县政府审定。"), (3, "完成专项预案修订。"),
               (2, "加强应急队伍建设。"), (1, "提升处置能力"), (2, "开展应急演练。"), (3, "每季度组织一次桌面推演。")]
    _styled_outline(d, "Level", entries, [lambda n: "%s、" % _CN[n], lambda n: "（%s）" % _CN[n],
                                          lambda n: "%s．" % _FULL[n], lambda n: _CIRCLE[n - 1]])
    return d


def _anchor_link(text: str, anchor: str) -> str:
    return '<w:hyperlink w:anchor="%s" w:history="1">%s</w:hyperlink>' % (anchor, run(text))


def g07_two_column_plan_anchor_links() -> GDoc:
    d = GDoc("g07_two_column_plan_anchor_links", footer="simple", columns=2)
    _notice(d, "东江区卫生健康局", "东卫发〔2025〕22号", "东江区卫生健康局关于印发东江区2025年健康促进工作要点的通知",
            "各街道社区卫生服务中心，区直各医疗卫生单位：",
            "现将《东江区2025年健康促进工作要点》印发给你们，请认真组织实施。",
            "东江区卫生健康局", "2025年4月9日")
    d.body.pop()  # the plan starts a section of its own (two columns), not a page break
    d.section()
    d.title("东江区2025年健康促进工作要点")
    d.numbered(0, "推进健康")
    d.body[-1] = d.body[-1].replace(run("推进健康"), '<w:bookmarkStart w:id="31" w:name="_Toc1"/>' + run("推进")
                                    + _anchor_link("健康", "_Toc1") + run("东江行动") + '<w:bookmarkEnd w:id="31"/>')
    d.lines[-1] += "东江行动"
    d.outline((1, "开展健康知识普及行动。"), (1, "建设健康促进医院。"))
    d.numbered(0, "提升")
    d.body[-1] = d.body[-1].replace(run("提升"), run("提升") + _anchor_link("居民健康素养", "_Toc2"))
    d.lines[-1] += "居民健康素养"
    d.outline((1, "开展居民健康素养监测。"), (2, "完成监测样本入户调查。"), (1, "组织健康科普讲座。"),
              (0, "营造健康支持性环境"), (1, "建设健康步道和健康主题公园。"))
    return d


def g08_embedded_excel_task_table() -> GDoc:
    d = GDoc("g08_embedded_excel_task_table", footer="simple")
    _notice(d, "白水县卫生健康局", "白卫发〔2025〕12号", "白水县卫生健康局关于印发白水县2025年卫生健康重点工作任务分工的通知",
            "局机关各股室，各乡镇卫生院：",
            "现将《白水县2025年卫生健康重点工作》及任务分工表印发给你们，请各牵头股室按时限推进。",
            "白水县卫生健康局", "2025年3月18日")
    _plan(d, "白水县2025年卫生健康重点工作",
          (0, "基层卫生"), (1, "推进乡镇卫生院服务能力提升。"), (1, "规范村卫生室药品管理。"),
          (0, "医疗服务"), (1, "建设县人民医院卒中中心。"))
    d.p("附件")
    d.p("白水县2025年卫生健康重点工作任务分工表", "center")
    ole = ('<w:r><w:object w:dxaOrig="9000" w:dyaOrig="3000"><v:shape id="_x0000_i1025" type="#_x0000_t75" '
           'style="width:450pt;height:150pt" o:ole=""><v:imagedata r:id="rIdImg1" o:title=""/></v:shape>'
           '<o:OLEObject Type="Embed" ProgID="Excel.Sheet.12" ShapeID="_x0000_i1025" DrawAspect="Content" '
           'ObjectID="_1790000001" r:id="rIdOle1"/></w:object></w:r>')
    d.raw(_p(ole, "center"))  # a picture of the table: nothing a reader copies as text
    return d


FIXTURES: dict[str, Callable[[], GDoc]] = {f.__name__: f for f in (
    g01_wordart_masthead_signer_row, g02_symbol_brackets, g03_nested_field_date, g04_tracked_moved_items,
    g05_heading_styles_level_by_list, g06_fullwidth_circled_levels_by_based_style, g07_two_column_plan_anchor_links,
    g08_embedded_excel_task_table)}


def build(folder: Path) -> list[Path]:
    """Write every fixture's .docx into `folder`; the paths, in name order."""
    return holdout_docx.build(folder, FIXTURES)


def build_pdfs(folder: Path) -> list[Path]:
    """The PDFs LibreOffice exports from their source .docx (LibreOffice must be installed)."""
    return holdout_docx.build_pdfs(folder, FIXTURES, PDF_SOURCES)


def write_twins(folder: Path = TWINS) -> None:
    holdout_docx.write_twins(folder, FIXTURES, PDF_SOURCES)


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else TWINS
    write_twins(target)
    if target != TWINS:
        build(target)
