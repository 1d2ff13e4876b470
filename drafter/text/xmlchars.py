"""Characters a document cannot hold: XML 1.0 (.docx) forbids the C0 controls but tab and
line ends, lone surrogates and U+FFFE/U+FFFF; YAML cannot print DEL and the C1 controls
(NEL aside) either.  Each set is written once here as a regex character class."""
from __future__ import annotations

import re

XML_FORBIDDEN = "\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff"
YAML_UNPRINTABLE = "\x7f-\x84\x86-\x9f"  # beyond XML_FORBIDDEN
LINE_SEPARATORS = "\x85\u2028\u2029"  # printable in YAML, but only inside double quotes

XML_FORBIDDEN_RX = re.compile("[%s]" % XML_FORBIDDEN)
# What an imported paragraph may not keep: neither the .docx nor the YAML could hold it.
UNSTORABLE_RX = re.compile("[%s%s]" % (XML_FORBIDDEN, YAML_UNPRINTABLE))
# What a YAML scalar can only hold as a double-quoted escape.
NEEDS_ESCAPE_RX = re.compile("[%s%s%s]" % (XML_FORBIDDEN, YAML_UNPRINTABLE, LINE_SEPARATORS))
