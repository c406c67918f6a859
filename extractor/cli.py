"""polex command line: thin commands that parse options, call one library function, print."""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter
from pathlib import Path

from extractor import __version__
from extractor.views.outline import render_outline
from extractor.pipeline import Outcome, run_all


def _dump(doc) -> str:  # noqa: ANN001
    return doc.model_dump_json()


def _error(o: Outcome) -> None:
    print(f"polex: {o.path}: {o.error_code} {o.error}", file=sys.stderr)


def cmd_extract(args: argparse.Namespace) -> int:
    failed = 0
    docs = []
    for o in run_all(args.paths):
        if o.error_code:
            failed += 1
            _error(o)
        if o.document is None:
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
    """The main job: every notice of the corpus → outputs/ (JSON, outline, summary) and the SQLite store."""
    from extractor.kb.store import Store

    store = None if args.no_store else Store(args.db)
    stored = Counter()
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
        if o.error_code:
            failed += 1
            _error(o)
        if o.document is None:
            rows.append({"file": str(rel), "error": f"{o.error_code} {o.error}"})
            continue
        d = o.document
        nbytes += d.source.size
        (out / f"{stem}.json").write_text(json.dumps(d.model_dump(mode="json"), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        (out / f"{stem}.outline.txt").write_text(render_outline(d), encoding="utf-8")
        codes.update(i.code for i in d.issues)
        if store is not None:
            stored[store.add(d, Path(o.path).read_bytes()).status] += 1
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
    if store is not None:
        print(f"store {args.db}: {stored['stored']} stored, {stored['new_version']} new versions, {stored['duplicate']} already there")
        store.close()
    return 1 if failed else 0


def cmd_diff(args: argparse.Namespace) -> int:
    """Compare two notices (files): aligned points, added/removed, threshold changes."""
    from extractor.views.diff import diff_documents
    from extractor.views.diff_report import render
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


def cmd_ingest(args: argparse.Namespace) -> int:
    """Process files, folders and URLs and store them; a summary at the end, failures with reasons."""
    from extractor.ingest.local import ingest_paths
    from extractor.kb.store import Store

    urls = [p for p in args.paths if re.match(r"^https?://", p)]
    paths = [p for p in args.paths if p not in urls]
    with Store(args.db) as store:
        t0 = time.perf_counter()
        show = sys.stderr.isatty() and not args.quiet
        results = ingest_paths(store, paths, progress=show) if paths else []
        if urls:
            from extractor.ingest.crawl import ingest_urls

            with _fetcher(args) as fetcher:
                results += ingest_urls(store, fetcher, urls, attachments=args.attachments, progress=_bar if show else None)
        elapsed = time.perf_counter() - t0
        counts = store.counts()
        ids = [r.doc_id for r in results if r.status in ("stored", "new_version")]
        new = store.totals(ids)
    by: Counter[str] = Counter(r.status for r in results)
    print(f"{len(results)} inputs in {elapsed:.1f} s: {by['stored']} stored, {by['new_version']} new versions, "
          f"{by['duplicate']} already stored, {by['not_modified']} not modified (HTTP 304), {by['failed']} failed → {args.db}")
    if ids:
        print(f"  new: {new['sections']} numbered items, {new['requirements']} requirements, {new['thresholds']} thresholds, "
              f"{new['citations']} citations")
    print(f"  store: {counts['documents']} documents ({counts['works']} works), {counts['requirements']} requirements, "
          f"{counts['thresholds']} thresholds, {counts['citations']} citations, {counts['failures']} failures recorded")
    return _report_failures(results)


def _report_failures(results: list) -> int:
    failed = [r for r in results if r.status == "failed"]
    for r in failed:
        print(f"  FAILED {r.path}: {r.code} {r.message}")
    return 1 if failed else 0


def _fetcher(args: argparse.Namespace):  # noqa: ANN202
    from extractor.ingest.fetch import Fetcher, FetchSettings

    return Fetcher(FetchSettings(timeout=args.timeout, retries=args.retries, delay=args.delay))


def _bar(k: int, n: int, what: str) -> None:
    print(f"\r[{'#' * (30 * k // max(1, n)):<30}] {k}/{n} {what[-50:]:<50}", end="" if k < n else "\n", file=sys.stderr, flush=True)


def cmd_crawl(args: argparse.Namespace) -> int:
    """Walk a list page: ingest the notices it links to (URLs matching --follow)."""
    from extractor.ingest.crawl import crawl
    from extractor.kb.store import Store

    with Store(args.db) as store, _fetcher(args) as fetcher:
        t0 = time.perf_counter()
        results = crawl(store, fetcher, args.url, args.follow, args.max, same_host=not args.any_host,
                        attachments=args.attachments, progress=_bar if sys.stderr.isatty() and not args.quiet else None)
        by: Counter[str] = Counter(r.status for r in results)
    print(f"{len(results)} pages in {time.perf_counter() - t0:.1f} s: {by['stored']} stored, {by['new_version']} new versions, "
          f"{by['duplicate']} already stored, {by['not_modified']} not modified, {by['failed']} failed → {args.db}")
    return _report_failures(results)


def _web_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--delay", type=float, default=1.0, help="seconds between two requests to one host (default 1)")
    p.add_argument("--timeout", type=float, default=20.0)
    p.add_argument("--retries", type=int, default=3, help="retries on 5xx, 429 and connection errors, with backoff")
    p.add_argument("--attachments", action="store_true", help="also fetch and ingest linked .docx and PDF attachments")


def _print_rows(rows: list[dict], fmt: str, columns: list[str]) -> None:
    if fmt == "json":
        print(json.dumps(rows, ensure_ascii=False, indent=1))
    elif fmt == "jsonl":
        for r in rows:
            print(json.dumps(r, ensure_ascii=False))
    else:
        caps = {"title": 30, "text": 36, "action": 30, "subject": 20, "id": 44, "condition": 22}
        table = [[_cell(r.get(c), caps.get(c, 18)) for c in columns] for r in rows]
        widths = [max([_width(c)] + [_width(row[k]) for row in table]) for k, c in enumerate(columns)]
        for row in [columns] + table:
            print("  ".join(v + " " * (w - _width(v)) for v, w in zip(row, widths)).rstrip())
        print(f"({len(rows)} rows)")


def _width(s: str) -> int:
    """Display width: CJK characters take two columns."""
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in s)


def _cell(v: object, cap: int) -> str:
    t = "" if v is None else str(v).replace("\n", " ")
    while _width(t) > cap:
        t = t[:-2] + "…"
    return t


def cmd_query(args: argparse.Namespace) -> int:
    from extractor.kb.query import Filters, query_documents, query_requirements, query_thresholds
    from extractor.kb.store import Store

    if not Path(args.db).exists():
        print(f"polex: no store at {args.db} (run `polex ingest` first)", file=sys.stderr)
        return 1
    f = Filters(level=args.level, issuer=args.issuer, year=args.year, doc_type=args.doc_type, modality=args.modality,
                subject=args.subject, unit=args.unit, search=args.search, limit=args.limit)
    with Store(args.db) as store:
        if args.what == "documents":
            rows = query_documents(store, f)
            cols = ["doc_id", "level", "year", "doc_number", "requirements", "thresholds", "citations", "title"]
        elif args.what == "requirements":
            rows = query_requirements(store, f)
            cols = ["id", "level", "modality", "trigger", "actor", "deadline", "text"]
        else:
            rows = query_thresholds(store, f)
            cols = ["id", "level", "year", "subject", "comparator", "value", "value_max", "unit", "condition"]
    _print_rows(rows, args.format, cols)
    return 0


def cmd_trace(args: argparse.Namespace) -> int:
    from extractor.kb.query import trace
    from extractor.kb.store import Store

    with Store(args.db) as store:
        try:
            t = trace(store, args.id)
        except KeyError as e:
            print(f"polex: {e.args[0]}", file=sys.stderr)
            return 1
    if args.format == "json":
        print(json.dumps(t, ensure_ascii=False, indent=1))
        return 0
    root = t["root"]
    print(f"{root['doc_id']}  [{root['level']}]  {root['title']}")
    if t["requirement"]:
        print(f"  requirement {t['requirement']['id']}: {t['requirement']['text'][:60]}")
    for direction in ("upstream", "downstream"):
        links = [l for l in t["links"] if l["direction"] == direction]
        print(f"{direction} ({len(links)})")
        for l in links:
            target = l["title"] or l["doc_number"] or "?"
            stored = l["doc_id"] or "not stored"
            cue = f"  «{l['evidence'].get('cue')}…»" if l["evidence"].get("cue") else ""
            print(f"  {'  ' * (l['depth'] - 1)}{l['relation']:<12} [{l['level'] or '-'}] {target[:50]} ({stored}){cue}")
    print(f"aligned thresholds ({sum(len(a['thresholds']) for a in t['aligned'])})")
    for a in t["aligned"]:
        for side in a["thresholds"]:
            o, n = side["old"], side["new"]
            mark = "=" if side["same"] else "≠"
            print(f"  {mark} {o['subject']} {o['comparator']} {o['value']}{o['unit'] or ''}"
                  f"{' if ' + o['condition'] if o['condition'] else ''}   |   {n['subject']} {n['comparator']} {n['value']}{n['unit'] or ''}"
                  f"{' if ' + n['condition'] if n['condition'] else ''}   ({a['requirements'][0].split('#')[0]} ↔ {a['requirements'][1].split('#')[0]}, {min(side['score'], 1.0):.2f})")
    return 0


def cmd_graph(args: argparse.Namespace) -> int:
    from extractor.kb.graph import build_graph
    from extractor.kb.store import Store

    with Store(args.db) as store:
        g = build_graph(store)
    if args.action == "render":
        from extractor.views.render import render_svg

        svg = render_svg(g, everything=args.all)
        out = Path(args.out or "graph.svg")
        out.write_text(svg, encoding="utf-8")
        print(f"{out}: {sum(1 for _, a in g.nodes(data=True) if a['kind'] == 'document')} documents drawn by level")
        return 0
    from extractor.views.export import export, to_neo4j_csv

    if args.format == "neo4j-csv":
        for p in to_neo4j_csv(g, args.out or "neo4j"):
            print(p)
        return 0
    text = export(g, args.format)
    if args.out:
        Path(args.out).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


def cmd_schema(args: argparse.Namespace) -> int:
    from extractor.views.schema import dump_schema

    for path in dump_schema(args.out):
        print(path)
    return 0


def cmd_eval(args: argparse.Namespace) -> int:
    """Score extraction against a gold folder or a MANIFEST.json and print the table."""
    from extractor.views.evaluate import evaluate, render_report

    if not Path(args.gold).exists():
        print(f"polex: no gold folder or manifest at {args.gold}", file=sys.stderr)
        return 2
    from extractor.views.eval_requirements import is_gold_req_folder

    if is_gold_req_folder(args.gold):  # requirement gold (corpus-dev/gold-req): clauses, modality, actors
        from extractor.pipeline import extract_path
        from extractor.views.eval_requirements import evaluate_requirements, render_requirement_scores, scores_as_dict

        scores = evaluate_requirements(args.gold, extract_path, args.docs)
        if args.format == "json":
            print(json.dumps(scores_as_dict(scores), ensure_ascii=False, indent=1))
        else:
            print(render_requirement_scores(scores, verbose=args.details))
        return 0
    report = evaluate(args.gold, args.docs)
    if args.format == "json":
        print(json.dumps(report.as_dict(), ensure_ascii=False, indent=1))
    else:
        print(render_report(report, details=args.details))
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
    r.add_argument("--db", default="polex.db", help="SQLite store the documents are also written to")
    r.add_argument("--no-store", action="store_true", help="write outputs/ only")
    r.set_defaults(func=cmd_run)
    d = sub.add_parser("diff", help="compare two notices point by point (e.g. the 2017 and 2018 要点)")
    d.add_argument("old")
    d.add_argument("new")
    d.add_argument("--format", choices=("text", "json", "markdown", "html"), default="text")
    d.add_argument("--color", choices=("auto", "always", "never"), default="auto", help="colour the text format (auto: when printing to a terminal)")
    d.add_argument("--out", help="write to this file instead of stdout")
    d.set_defaults(func=cmd_diff)
    i = sub.add_parser("ingest", help="process notices (files, folders, URLs) and store them in SQLite")
    i.add_argument("paths", nargs="+", help="files, folders or http(s) URLs")
    i.add_argument("--db", default="polex.db")
    i.add_argument("--quiet", action="store_true", help="no progress bar")
    _web_options(i)
    i.set_defaults(func=cmd_ingest)
    c = sub.add_parser("crawl", help="walk a list page of a government site and ingest the notices it links to")
    c.add_argument("url")
    c.add_argument("--follow", required=True, help="regex the notice URLs must match, e.g. 'content/post_\\d+'")
    c.add_argument("--max", type=int, default=50, help="at most this many notices")
    c.add_argument("--any-host", action="store_true", help="also follow links to other hosts")
    c.add_argument("--db", default="polex.db")
    c.add_argument("--quiet", action="store_true")
    _web_options(c)
    c.set_defaults(func=cmd_crawl)
    q = sub.add_parser("query", help="list documents, requirements or thresholds of the store, filtered")
    q.add_argument("what", choices=("documents", "requirements", "thresholds"))
    q.add_argument("--level", choices=("national", "provincial", "municipal", "county", "unknown"))
    q.add_argument("--issuer", help="part of an issuer's name")
    q.add_argument("--year", type=int)
    q.add_argument("--doc-type", help="通知, 意见, 方案, 要点 …")
    q.add_argument("--modality", choices=("obligation", "prohibition", "recommendation", "encouragement", "permission"))
    q.add_argument("--subject", help="keyword in a threshold's subject or a requirement's text")
    q.add_argument("--unit", help="threshold unit: 人 % 比例 元 日期 …")
    q.add_argument("--search", help="full-text search over the clauses (segmented like the store)")
    q.add_argument("--limit", type=int, default=100)
    q.add_argument("--format", choices=("table", "json", "jsonl"), default="table")
    q.add_argument("--db", default="polex.db")
    q.set_defaults(func=cmd_query)
    t = sub.add_parser("trace", help="what a document or requirement implements and what implements it")
    t.add_argument("id", help="a doc_id or a requirement id")
    t.add_argument("--format", choices=("text", "json"), default="text")
    t.add_argument("--db", default="polex.db")
    t.set_defaults(func=cmd_trace)
    gr = sub.add_parser("graph", help="export or draw the requirement graph")
    gr.add_argument("action", choices=("export", "render"))
    gr.add_argument("--format", choices=("json", "graphml", "neo4j-csv", "dot"), default="json")
    gr.add_argument("--out", help="file (folder for neo4j-csv); export prints to stdout without it")
    gr.add_argument("--all", action="store_true", help="render: also draw documents cited only once")
    gr.add_argument("--db", default="polex.db")
    gr.set_defaults(func=cmd_graph)
    ev = sub.add_parser("eval", help="score extraction against a gold folder (items, metadata, thresholds, citations; requirements for a gold-req folder)")
    ev.add_argument("gold", help="a folder of gold JSON files (../shared/corpus-dev/gold) or a MANIFEST.json")
    ev.add_argument("docs", nargs="?", help="where the documents named by the gold are (default: the folder above the gold)")
    ev.add_argument("--format", choices=("text", "json"), default="text")
    ev.add_argument("--details", action="store_true", help="list every miss and extra per document")
    ev.set_defaults(func=cmd_eval)
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
