"""Extraction as on sites polex has never seen: every site adapter switched off.

The site adapters of ``normalize/chrome.py`` (``#UCAP-CONTENT``, ``.TRS_Editor``, ``.xl_title`` …)
name the content region and the headline of the CMSs the corpus comes from. A page of any other
CMS gets none of them: its body is the block with the most running text (``html._densest``) and
its title is read from the page's other candidates. This runs ``polex eval`` twice on the same
gold, with the adapters and without, and prints both tables, so what the adapters are worth (and
what an unknown CMS costs) is measured on real pages.

Run: .venv/bin/python bench/eval_unknown_site.py [GOLD ...]
(default: ../shared/corpus-dev/gold and ../shared/corpus-dev/MANIFEST.json)
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT.parent / "shared" / "corpus-dev"

_EVAL = """
import sys
sys.path.insert(0, sys.argv[1])
from extractor.normalize import chrome
if sys.argv[2] == "off":
    chrome.CONTENT_SELECTORS = ()
    chrome.TITLE_SELECTORS = ()
from extractor.cli import main
sys.argv = ["polex", "eval", sys.argv[3]]
sys.exit(main())
"""


def main() -> None:
    golds = sys.argv[1:] or [str(DEV / "gold"), str(DEV / "MANIFEST.json")]
    for gold in golds:
        for mode, label in (("on", "with the site adapters"), ("off", "every site adapter off, as on an unknown CMS")):
            out = subprocess.run([sys.executable, "-c", _EVAL, str(ROOT), mode, gold], capture_output=True, text=True)
            lines = [ln for ln in out.stdout.splitlines() if not ln.startswith("note:")]
            print(f"\n## {gold}: {label}")
            print("\n".join(lines[1:]) if out.returncode == 0 else out.stderr.strip().splitlines()[-1])


if __name__ == "__main__":
    main()
