"""Characters XML 1.0 forbids (W3C XML 1.0, fifth edition, section 2.2, production [2] Char).

Char is tab, LF, CR, U+0020-U+D7FF, U+E000-U+FFFD and U+10000-U+10FFFF. The class below is
its complement, written as the short list of what is forbidden: the negated class would make
``re`` walk 1.1 million code points when it compiles (6 ms of every start-up, issue 18).
Used by the HTML reader (forbidden characters become U+FFFD) and by the SVG/GraphML writers.
"""

from __future__ import annotations

from extractor.recache import compile_re

XML_FORBIDDEN = compile_re("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
