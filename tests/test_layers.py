"""Imports flow one way (CONVENTIONS.md): a lower layer never imports a higher one.

model/errors/config/data/recache ← normalize ← segment ← extract ← pipeline ← kb ← views/ingest/scale/serve ← cli
Every module of the package is checked, including imports inside functions.
"""

from __future__ import annotations

import ast
from pathlib import Path

import extractor

PKG = Path(extractor.__file__).parent

# rank of each top-level unit; a module may import only from units of the same or a lower rank
RANK: dict[str, int] = {
    "__init__": 0, "model": 0, "errors": 0, "config": 0, "data": 0, "recache": 0,
    "normalize": 1, "segment": 2, "extract": 3, "pipeline": 4, "kb": 5,
    "views": 6, "ingest": 6, "scale": 6, "serve": 7, "cli": 8,
}
# units of the same rank that may not import each other (siblings, not layers)
SIBLINGS = {"views", "ingest", "scale"}


def _unit(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def _imports(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            out.append((node.lineno, node.module))
        elif isinstance(node, ast.Import):
            out += [(node.lineno, a.name) for a in node.names]
    return [(n, m) for n, m in out if m == "extractor" or m.startswith("extractor.")]


def test_every_module_has_a_layer() -> None:
    units = {p.relative_to(PKG).parts[0].removesuffix(".py") for p in PKG.rglob("*.py")}
    assert units <= set(RANK), f"modules with no layer in RANK: {units - set(RANK)}"


def _violations(me: str, imports: list[tuple[int, str]]) -> list[str]:
    bad = []
    for line, mod in imports:
        other = _unit(mod)
        if other != me and (RANK[other] > RANK[me] or (RANK[other] == RANK[me] and {me, other} <= SIBLINGS)):
            bad.append(f"{line}: ({me}) imports {mod} ({other})")
    return bad


def test_imports_flow_one_way() -> None:
    bad = []
    for path in sorted(PKG.rglob("*.py")):
        me = path.relative_to(PKG).parts[0].removesuffix(".py")
        bad += [f"{path.relative_to(PKG)}:{v}" for v in _violations(me, _imports(path))]
    assert not bad, "imports against the layer order:\n" + "\n".join(bad)


def test_the_check_catches_a_wrong_import(tmp_path: Path) -> None:
    """The checker itself: an import inside a function counts, downward is fine, upward and sideways are not."""
    f = tmp_path / "x.py"
    f.write_text("import json\nfrom extractor.model import Document\n"
                 "def f():\n    from extractor.pipeline import run_all\n    import extractor.cli\n", encoding="utf-8")
    imports = _imports(f)
    assert [m for _, m in imports] == ["extractor.model", "extractor.pipeline", "extractor.cli"]
    assert _violations("kb", imports) == ["5: (kb) imports extractor.cli (cli)"]
    assert len(_violations("extract", imports)) == 2
    assert _violations("views", [(1, "extractor.ingest.fetch")]) and not _violations("views", [(1, "extractor.kb.graph")])
