"""polex command line: thin commands that parse options, call one library function, print."""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

from extractor import __version__
from extractor.outline import render_outline
from extractor.pipeline import Outcome, run_all


def _dump(doc) -> str:  # noqa: ANN001
    return doc.model_dump_json()


def _error(o: Outcome) -> None:
    print(f"polex: {o.path}: {o.error_code} {o.error}", file=sys.stderr)


def cmd_extract(args: argparse.Namespace) -> int:
    failed = 0
    docs = []
    for o in run_all(args.paths):
        if o.document is None:
            failed += 1
            _error(o)
            continue
        if args.format == "jsonl":
            print(_dump(o.document), flush=True)
        elif args.format == "text":
            print(render_outline(o.document))
        else:
            docs.append(o.document)
    if args.format == "json":
        if len(docs) == 1 and len(args.paths) == 1:
            print(json.dumps(docs[0].model_dump(mode="json"), ensure_ascii=False, indent=2))
        else:
            print("[" + ",\n".join(json.dumps(d.model_dump(mode="json"), ensure_ascii=False, indent=2) for d in docs) + "]")
    return 1 if failed else 0


def cmd_run(args: argparse.Namespace) -> int:
    """The main job: every notice of the corpus → outputs/ (JSON, outline, summary)."""
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    root = Path(args.paths[0]) if len(args.paths) == 1 and Path(args.paths[0]).is_dir() else None
    t0 = time.perf_counter()
    rows = []
    codes: Counter[str] = Counter()
    failed = 0
    nbytes = 0
    for o in run_all(args.paths):
        rel = Path(o.path).relative_to(root) if root else Path(Path(o.path).name)
        stem = str(rel.with_suffix("")).replace("/", "__")
        if o.document is None:
            failed += 1
            _error(o)
            rows.append({"file": str(rel), "error": f"{o.error_code} {o.error}"})
            continue
        d = o.document
        nbytes += d.source.size
        (out / f"{stem}.json").write_text(json.dumps(d.model_dump(mode="json"), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        (out / f"{stem}.outline.txt").write_text(render_outline(d), encoding="utf-8")
        codes.update(i.code for i in d.issues)
        md = d.metadata
        rows.append({
            "file": str(rel), "doc_id": d.doc_id, "status": d.status,
            "title": md.title.value if md.title else None, "level": md.level.value,
            "issuer": md.issuer.value if md.issuer else None, "date": md.date.value if md.date else None,
            "doc_number": md.doc_number.value if md.doc_number else None,
            "doc_type": md.doc_type.value if md.doc_type else None, "script": md.script,
            "truncated": md.truncated.value, "sections": len(d.sections), "clauses": len(d.clauses),
            "requirements": len(d.requirements), "thresholds": len(d.thresholds), "citations": len(d.citations),
            "edits": len(d.edits), "issues": sorted({i.code for i in d.issues}),
        })
    elapsed = time.perf_counter() - t0
    summary = {"documents": len(rows), "failed": failed, "issue_codes": dict(sorted(codes.items())), "documents_detail": rows}
    (out / "summary.json").write_text(json.dumps(summary, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    for r in rows:
        if "error" in r:
            print(f"FAILED  {r['file']}: {r['error']}")
            continue
        print(f"{r['status']:<8}{r['level']:<11}{r['sections']:>4} items {r['requirements']:>4} req {r['thresholds']:>3} thr "
              f"{r['citations']:>3} cit  {(r['doc_number'] or '-'):<20}{(r['title'] or '-')[:30]}")
    total = {k: sum(r.get(k, 0) for r in rows) for k in ("sections", "requirements", "thresholds", "citations")}
    print(f"{len(rows)} documents ({failed} failed), {total['sections']} numbered items, {total['requirements']} requirements, "
          f"{total['thresholds']} thresholds, {total['citations']} citations, {nbytes / 1e6:.2f} MB in {elapsed:.2f} s → {out}/")
    return 1 if failed else 0


def cmd_diff(args: argparse.Namespace) -> int:
    """Compare two notices (files): aligned points, added/removed, threshold changes."""
    from extractor.diff import diff_documents
    from extractor.diff_report import render
    from extractor.errors import InputError
    from extractor.pipeline import extract_path

    try:
        old, new = extract_path(args.old), extract_path(args.new)
    except InputError as e:
        print(f"polex: {e.code} {e}", file=sys.stderr)
        return 1
    color = args.color == "always" or (args.color == "auto" and args.out is None and sys.stdout.isatty())
    out = render(diff_documents(old, new), args.format, color=color)
    if args.out:
        Path(args.out).write_text(out, encoding="utf-8")
    else:
        sys.stdout.write(out)
    return 0


def cmd_schema(args: argparse.Namespace) -> int:
    from extractor.schema import dump_schema

    for path in dump_schema(args.out):
        print(path)
    return 0


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="polex", description="Chinese policy notices → structured, traceable knowledge")
    p.add_argument("--version", action="version", version=f"polex {__version__}")
    sub = p.add_subparsers(dest="command", required=True)
    e = sub.add_parser("extract", help="normalize, structure and extract notices; print JSON, JSONL or an outline")
    e.add_argument("paths", nargs="+", help="files or folders (.txt, .html)")
    e.add_argument("--format", choices=("json", "jsonl", "text"), default="json")
    e.set_defaults(func=cmd_extract)
    r = sub.add_parser("run", help="the main job: process a corpus folder into outputs/")
    r.add_argument("paths", nargs="*", default=["corpus"])
    r.add_argument("--out", default="outputs")
    r.set_defaults(func=cmd_run)
    d = sub.add_parser("diff", help="compare two notices point by point (e.g. the 2017 and 2018 要点)")
    d.add_argument("old")
    d.add_argument("new")
    d.add_argument("--format", choices=("text", "json", "markdown", "html"), default="text")
    d.add_argument("--color", choices=("auto", "always", "never"), default="auto", help="colour the text format (auto: when printing to a terminal)")
    d.add_argument("--out", help="write to this file instead of stdout")
    d.set_defaults(func=cmd_diff)
    s = sub.add_parser("schema", help="write the JSON Schema of the document JSON")
    s.add_argument("--out", default="schemas")
    s.set_defaults(func=cmd_schema)
    return p


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except BrokenPipeError:  # `polex extract … | head`
        return 0


if __name__ == "__main__":
    sys.exit(main())
