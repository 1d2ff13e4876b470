"""A small clean plan as YAML text (钦州 2019), with any field replaced: the lint tests and the
`drafter check` command tests break one thing at a time from it."""
from __future__ import annotations

import textwrap

PLAN = textwrap.dedent("""\
    # a drafter's comment
    format: 1
    title: {title}
    year: 2019
    issuer: 钦州市卫生健康委员会
    preamble: |-
      {preamble}
    offices: [医政医管科, 基层卫生健康科, 办公室]
    sections:
      - id: s1
        title: {section}    # section comment
        items:
          - id: a1
            title: {item}
            text: |-
              {text}
            lead: [{lead}]
            support: [各相关科室]
          - id: a2
            title: 推进卫生健康法治建设
            heading: {heading}
    notice:
      kind: issue
      title: {notice_title}
      doc_number: {doc_number}
      date: {date}
      printed_on: {printed_on}
      plan_as: text
    """)
CLEAN = dict(title="2019年钦州市卫生健康工作要点", preamble="2019年全市卫生健康工作总体要求是：推进健康钦州建设。",
             section="坚持党的全面领导", item="加强公立医院党的建设工作",
             text="落实《实施办法》，严格实行党委领导下的院长负责制。签约率达到90%，年底前完成。",
             lead="医政医管科", heading="false", notice_title="关于印发《2019年钦州市卫生健康工作要点》的通知",
             doc_number="钦卫发〔2019〕14号", date="2019-05-10", printed_on="2019-05-10")


def plan_text(**changes) -> str:
    return PLAN.format(**{**CLEAN, **changes})
