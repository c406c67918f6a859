"""Make text from a notice safe for the place it is printed to.

A notice is hostile input: a ``<meta>`` title can carry ESC and BEL (which a terminal
obeys), characters XML 1.0 forbids (which make an SVG or GraphML file unreadable), and
markup or ``javascript:`` links (which a Markdown viewer renders). Each output goes
through one of these functions; JSON needs none (``json.dumps`` escapes control characters).
"""

from __future__ import annotations

import re
from typing import Any

from extractor.data.xml_chars import XML_FORBIDDEN
from extractor.recache import compile_re

# C0 controls but tab and newline, DEL, C1 controls, and the bidirectional overrides and
# isolates that reorder what a terminal shows (the "Trojan Source" characters)
_TERMINAL_UNSAFE = compile_re("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def for_terminal(text: str) -> str:
    """Control characters shown as visible escapes instead of being obeyed.

    >>> for_terminal("标题\\x1b[2J\\x07 end\\n")
    '标题\\\\x1b[2J\\\\x07 end\\n'
    """
    return _TERMINAL_UNSAFE.sub(lambda m: f"\\x{ord(m.group(0)):02x}" if ord(m.group(0)) < 0x100 else f"\\u{ord(m.group(0)):04x}", text)


def clean(value: Any) -> Any:
    """:func:`for_terminal` applied to every string inside dicts, lists and tuples."""
    if isinstance(value, str):
        return for_terminal(value)
    if isinstance(value, dict):
        return {k: clean(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return type(value)(clean(v) for v in value)
    return value


def for_xml(text: str) -> str:
    """Characters XML 1.0 does not allow removed (apply before or after escaping markup).

    >>> for_xml("a\\x1bb\\x00c\\td")
    'abc\\td'
    """
    return XML_FORBIDDEN.sub("", text)


# a link needs [ and ], emphasis * _ ~, code `, a table cell ends at |; with those escaped,
# ( ) # + ! are plain text inside a table cell or a list item
_BIDI = compile_re("[\u202a-\u202e\u2066-\u2069]")


def for_export(text: str) -> str:
    """:func:`for_xml`, and the bidirectional overrides dropped: for data formats (GraphML,
    CSV, DOT) that may be printed to a terminal or shown in another tool.

    >>> for_export("标题\u202e\x1b") == "标题"
    True
    """
    return _BIDI.sub("", for_xml(text))


_MD_SPECIAL = compile_re(r"([\\`*_\[\]|~])")


def for_markdown(text: str) -> str:
    """Text a Markdown (CommonMark/GFM) renderer shows as written: HTML is escaped, link,
    emphasis and table syntax is backslash-escaped, control characters are dropped, and
    ``javascript:``/``data:`` cannot start an autolink.

    >>> for_markdown('<script>alert(1)</script> [点此](javascript:alert(1)) <img src=x onerror=alert(1)>')
    '&lt;script&gt;alert(1)&lt;/script&gt; \\\\[点此\\\\](javascript&#58;alert(1)) &lt;img src=x onerror=alert(1)&gt;'
    """
    text = for_xml(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _MD_SPECIAL.sub(r"\\\1", text)
    text = re.sub(r"(?i)\b(javascript|vbscript|data):", r"\1&#58;", text)
    return text.replace("\n", " ")
