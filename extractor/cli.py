"""polex command line: thin commands that parse options, call one library function, print.

Conventions (as trafilatura and sqlite-utils): results go to stdout, every error and
failure to stderr as ``polex: WHAT: CODE reason``; exit 0 on success, 1 when an input
failed, 2 for usage errors; ``-q`` keeps only results and errors, ``-v`` adds a line per
input; ``NO_COLOR`` is honoured. Text from notices is printed through
``extractor.views.escape`` so a control character in a page never reaches the terminal.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import time
from collections import Counter
from pathlib import Path

from typing import TYPE_CHECKING

from extractor import __version__
from extractor.views.escape import clean, for_terminal

if TYPE_CHECKING:  # the pipeline (spaCy, pydantic, lxml) is imported only by the commands that extract
    from extractor.pipeline import Outcome

NO_RAW = {"raw_text", "edits"}  # --no-raw: the decoded source and the edit log (most of the JSON's size)


def _dump(doc, no_raw: bool = False) -> str:  # noqa: ANN001
    return doc.model_dump_json(exclude=NO_RAW if no_raw else None)


def _err(message: str) -> None:
    """One line on stderr; text from a notice is escaped."""
    print(for_terminal(f"polex: {message}"), file=sys.stderr, flush=True)


def _say(args: argparse.Namespace, message: str, file=None) -> None:  # noqa: ANN001
    """Progress and summaries: silenced by -q."""
    if not getattr(args, "quiet", False):
        print(for_terminal(message), file=file or sys.stdout)


def _error(o: Outcome) -> None:
    _err(f"{o.path}: {o.error_code} {o.error}")


def _use_color(choice: str, to_terminal: bool) -> bool:
    """--color always|never wins; auto colours a terminal unless NO_COLOR is set (no-color.org)."""
    if choice != "auto":
        return choice == "always"
    return to_terminal and not os.environ.get("NO_COLOR")


def _settings(args: argparse.Namespace):  # noqa: ANN202
    """The pipeline's settings from the command line (``--reader``)."""
    from extractor.config import Settings

    return Settings(reader=args.reader)


def _outcomes(paths: list[str], settings):  # noqa: ANN001, ANN202
    """run_all over the paths, with ``-`` read from standard input."""
    from extractor.errors import InputError, describe_internal
    from extractor.pipeline import Outcome, extract_bytes, run_all

    for p in paths:
        if p != "-":
            yield from run_all([p], settings)
            continue
        try:
            doc = extract_bytes(sys.stdin.buffer.read(), path=None, settings=settings)
        except InputError as e:
            yield Outcome("<stdin>", None, e.code, str(e))
        except Exception as e:  # noqa: BLE001 - as run_all: one bad input never ends the batch
            yield Outcome("<stdin>", None, "E904", describe_internal(e))
        else:  # as run_all: a document whose stage failed comes with its error
            failure = next((i for i in doc.issues if i.severity == "error"), None) if doc.status == "failed" else None
            yield Outcome("<stdin>", doc, failure.code if failure else None, failure.message if failure else None)


def cmd_extract(args: argparse.Namespace) -> int:
    from extractor.views.outline import render_outline

    if args.paths.count("-") > 1:
        _err("standard input (-) can be read once only")
        return 2
    failed = 0
    docs = []
    exclude = NO_RAW if args.no_raw else None
    for o in _outcomes(args.paths, _settings(args)):
        if o.error_code:
            failed += 1
            _error(o)
        if o.document is None:
            continue
        if args.verbose:
            d = o.document
            _err(f"{o.path}: {d.status}, {len(d.sections)} items, {len(d.requirements)} requirements, {len(d.issues)} issues")
        if args.format == "jsonl":
            print(_dump(o.document, args.no_raw), flush=True)
        elif args.format == "text":
            print(for_terminal(render_outline(o.document)))
        else:
            docs.append(o.document)
    if args.format == "json":
        if len(docs) == 1 and len(args.paths) == 1:
            print(docs[0].model_dump_json(indent=2, exclude=exclude))
        else:
            print("[" + ",\n".join(d.model_dump_json(indent=2, exclude=exclude) for d in docs) + "]")
    return 1 if failed else 0


def _open_store(db: str, create: bool):  # noqa: ANN202
    """The store at ``--db`` (a path or postgresql://…); None after printing why it cannot be used.
    Read-only commands pass ``create=False``: they never create or migrate a store."""
    from extractor.errors import StoreError
    from extractor.kb.store import Store

    try:
        return Store(db, create=create)
    except StoreError as e:
        print(f"polex: {e.code} {e}", file=sys.stderr)
        return None


def _mapper(args: argparse.Namespace):  # noqa: ANN202
    """Where the pipeline runs: ``--scheduler`` (a Dask cluster), else ``--workers`` processes."""
    import functools

    if getattr(args, "scheduler", None):
        from extractor.scale.cluster import imap as dask_imap

        return functools.partial(dask_imap, scheduler=args.scheduler)
    from extractor.scale.pool import default_workers, imap

    return functools.partial(imap, workers=args.workers or default_workers())


def cmd_run(args: argparse.Namespace) -> int:
    """The main job: every notice of the corpus → outputs/ (JSON, outline, summary) and the store."""
    from extractor.pipeline import run_all
    from extractor.views.outline import render_outline

    store = None
    if not args.no_store:
        store = _open_store(args.db, create=True)
        if store is None:
            return 1
    stored = Counter()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    root = Path(args.paths[0]) if len(args.paths) == 1 and Path(args.paths[0]).is_dir() else None
    t0 = time.perf_counter()
    rows = []
    codes: Counter[str] = Counter()
    failed = 0
    nbytes = 0
    for o in run_all(args.paths, _settings(args), mapper=_mapper(args)):
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
        # pydantic's own serializer: the same bytes as json.dumps(model_dump(), indent=1), 6x faster (issue 18)
        (out / f"{stem}.json").write_text(d.model_dump_json(indent=1, exclude=NO_RAW if args.no_raw else None) + "\n",
                                          encoding="utf-8")
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
            continue  # said on stderr as it happened
        _say(args, f"{r['status']:<8}{r['level']:<11}{r['sections']:>4} items {r['requirements']:>4} req {r['thresholds']:>3} thr "
             f"{r['citations']:>3} cit  {(r['doc_number'] or '-'):<20}{(r['title'] or '-')[:30]}")
    total = {k: sum(r.get(k, 0) for r in rows) for k in ("sections", "requirements", "thresholds", "citations")}
    _say(args, f"{len(rows)} documents ({failed} failed), {total['sections']} numbered items, {total['requirements']} requirements, "
         f"{total['thresholds']} thresholds, {total['citations']} citations, {nbytes / 1e6:.2f} MB in {elapsed:.2f} s → {out}/")
    if store is not None:
        _say(args, f"store {args.db}: {stored['stored']} stored, {stored['new_version']} new versions, {stored['duplicate']} already there")
        store.close()
    return 1 if failed else 0


def _diff_side(ident: str, args: argparse.Namespace):  # noqa: ANN202
    """A document to compare: ``-`` (stdin), an http(s) URL, a file, or a stored document
    (id, id prefix, 发文字号 or title in --db). Raises ValueError with a one-line reason."""
    from extractor.errors import InputError
    from extractor.pipeline import extract_bytes, extract_path

    try:
        if ident == "-":
            return extract_bytes(sys.stdin.buffer.read())
        if re.match(r"^https?://", ident, re.I):
            from extractor.ingest.fetch import FetchError

            try:
                with _fetcher(args) as f:
                    r = f.fetch(ident)
            except FetchError as e:
                raise ValueError(f"{ident}: {e.code} {e.message}") from None
            return extract_bytes(r.content, url=r.final_url, content_type=r.content_type)
        if Path(ident).exists():
            return extract_path(ident)
    except InputError as e:
        raise ValueError(f"{ident}: {e.code} {e}") from None
    if "/" in ident or os.sep in ident or re.search(r"\.(txt|s?html?|xhtml|docx|pdf)$", ident, re.I):
        raise ValueError(f"{ident}: E901 no such file")  # a path, not a name to look up
    if Path(args.db).is_file() or re.match(r"^postgres(?:ql)?://", args.db):
        from extractor.kb.lookup import LookupError_, find_document, load_stored

        store = _open_store(args.db, create=False)
        if store is None:
            raise ValueError(f"{ident}: no such file or URL, and the store at {args.db} cannot be read")
        with store:
            try:
                return load_stored(store, find_document(store, ident).doc_id)
            except LookupError_ as e:
                raise ValueError(f"{ident}: no such file or URL, and in {args.db}: {e}") from None
            except InputError as e:
                raise ValueError(f"{ident}: {e.code} {e}") from None
    raise ValueError(f"{ident}: no such file, URL or stored document (no store at {args.db})")


def cmd_diff(args: argparse.Namespace) -> int:
    """Compare two notices (files, URLs, stdin or stored documents): aligned points, added/removed, threshold changes."""
    from extractor.views.diff import diff_documents
    from extractor.views.diff_report import render

    if args.old == "-" and args.new == "-":
        _err("standard input (-) can stand for one side only")
        return 2
    try:
        old, new = _diff_side(args.old, args), _diff_side(args.new, args)
    except ValueError as e:
        _err(str(e))
        return 1
    color = _use_color(args.color, args.out is None and sys.stdout.isatty())
    out = render(diff_documents(old, new), args.format, color=color, full=args.full)
    if args.out:
        Path(args.out).write_text(out, encoding="utf-8")
    else:
        sys.stdout.write(out)
    return 0


def cmd_ingest(args: argparse.Namespace) -> int:
    """Process files, folders and URLs and store them; a summary at the end, failures with reasons."""
    from extractor.errors import StoreError
    from extractor.ingest.local import ingest_paths

    urls = [p for p in args.paths if re.match(r"^[A-Za-z][A-Za-z0-9+.-]*://", p)]  # ftp:// too: refused with E918, not "no such file"
    paths = [p for p in args.paths if p not in urls]
    store = _open_store(args.db, create=True)
    if store is None:
        return 1
    with store:
        t0 = time.perf_counter()
        show = sys.stderr.isatty() and not args.quiet
        try:
            results = ingest_paths(store, paths, progress=show, mapper=_mapper(args)) if paths else []
        except StoreError as e:  # a full disk: one clear message, what was stored is kept
            print(f"\npolex: {e.code} {e}", file=sys.stderr)
            return 1
        except OSError as e:  # the scheduler cannot be reached
            print(f"polex: cannot run on the cluster {args.scheduler}: {e}", file=sys.stderr)
            return 1
        if urls:
            from extractor.ingest.crawl import ingest_urls

            with _fetcher(args) as fetcher:
                results += ingest_urls(store, fetcher, urls, attachments=args.attachments, progress=_bar if show else None,
                                       mapper=_mapper(args))
        elapsed = time.perf_counter() - t0
        counts = store.counts()
        ids = [r.doc_id for r in results if r.status in ("stored", "new_version")]
        new = store.totals(ids)
    by: Counter[str] = Counter(r.status for r in results)
    dated = sum(1 for r in results if r.status == "duplicate" and r.message)  # stored before migration 10, dates now added
    _verbose(args, results)
    _say(args, f"{len(results)} inputs in {elapsed:.1f} s: {by['stored']} stored, {by['new_version']} new versions, "
         f"{by['duplicate']} already stored{f' ({dated} of them gained their dates)' if dated else ''}, "
         f"{by['not_modified']} not modified (HTTP 304), {by['failed']} failed → {args.db}")
    if ids:
        _say(args, f"  new: {new['sections']} numbered items, {new['requirements']} requirements, {new['thresholds']} thresholds, "
             f"{new['citations']} citations, {new['dates']} dates")
    _say(args, f"  store: {counts['documents']} documents ({counts['works']} works), {counts['requirements']} requirements, "
         f"{counts['thresholds']} thresholds, {counts['citations']} citations, {counts['dates']} dates, "
         f"{counts['failures']} failures recorded")
    return _report_failures(results)


def _verbose(args: argparse.Namespace, results: list) -> None:
    """-v: one line per input, what became of it."""
    if getattr(args, "verbose", False):
        for r in results:
            if r.status != "failed":
                print(for_terminal(f"  {r.status:<12} {r.doc_id or '-':<16}  {r.path}"))


def _report_failures(results: list) -> int:
    """Failures go to stderr (also with -q), one line each: the input, its code, the reason."""
    failed = [r for r in results if r.status == "failed"]
    for r in failed:
        _err(f"FAILED {r.path}: {r.code} {r.message}")
    return 1 if failed else 0


def _fetcher(args: argparse.Namespace):  # noqa: ANN202
    from extractor.ingest.fetch import Fetcher, FetchSettings

    return Fetcher(FetchSettings(timeout=args.timeout, retries=args.retries, delay=args.delay, deadline=args.deadline))


def _bar(k: int, n: int, what: str) -> None:
    print(f"\r[{'#' * (30 * k // max(1, n)):<30}] {k}/{n} {for_terminal(what[-50:]):<50}", end="" if k < n else "\n", file=sys.stderr, flush=True)


def cmd_crawl(args: argparse.Namespace) -> int:
    """Walk a list page: ingest the notices it links to (URLs matching --follow)."""
    from extractor.ingest.crawl import crawl

    store = _open_store(args.db, create=True)
    if store is None:
        return 1
    with store, _fetcher(args) as fetcher:
        t0 = time.perf_counter()
        results = crawl(store, fetcher, args.url, args.follow, args.max, same_host=not args.any_host,
                        attachments=args.attachments, progress=_bar if sys.stderr.isatty() and not args.quiet else None,
                        mapper=_mapper(args))
        by: Counter[str] = Counter(r.status for r in results)
    _verbose(args, results)
    _say(args, f"{len(results)} pages in {time.perf_counter() - t0:.1f} s: {by['stored']} stored, {by['new_version']} new versions, "
         f"{by['duplicate']} already stored, {by['not_modified']} not modified, {by['failed']} failed → {args.db}")
    return _report_failures(results)


def _web_options(p: argparse.ArgumentParser, fetch_only: bool = False) -> None:
    p.add_argument("--delay", type=_number(0, 3600), default=1.0, help="seconds between two requests to one host (default 1)")
    p.add_argument("--timeout", type=_number(0.1, 3600), default=20.0, help="seconds to wait for each read of a response (default 20)")
    p.add_argument("--deadline", type=_number(1, 86400), default=120.0,
                   help="seconds one fetch may take in all, robots.txt, redirects and retries included (default 120)")
    p.add_argument("--retries", type=_number(0, 20, int), default=3, help="retries on 5xx, 429 and connection errors, with backoff")
    if not fetch_only:
        p.add_argument("--attachments", action="store_true", help="also fetch and ingest linked .docx and PDF attachments")


def _print_rows(rows: list[dict], fmt: str, columns: list[str], cut: bool = False) -> None:
    if fmt == "json":
        print(json.dumps(rows, ensure_ascii=False, indent=1))
    elif fmt == "jsonl":
        for r in rows:
            print(json.dumps(r, ensure_ascii=False))
    elif fmt == "csv":
        import csv

        w = csv.writer(sys.stdout, lineterminator="\n")
        keys = list(rows[0]) if rows else columns
        w.writerow(keys)
        for r in rows:  # every field, uncut; control characters escaped
            w.writerow(["" if r.get(k) is None else for_terminal(str(r.get(k))) for k in keys])
    else:
        # ids and 发文字号 are never cut (they tell rows apart); long texts lose their middle,
        # not their end: 国务院办公厅关于印发…的通知 titles differ in the middle
        caps = {"title": 40, "text": 40, "action": 30, "subject": 24, "condition": 24, "actor": 20, "deadline": 20, "issuer": 24,
                "requirement_text": 40}
        table = [[_cell(r.get(c), caps.get(c)) for c in columns] for r in rows]
        widths = [max([_width(c)] + [_width(row[k]) for row in table]) for k, c in enumerate(columns)]
        for row in [columns] + table:
            print("  ".join(v + " " * (w - _width(v)) for v, w in zip(row, widths)).rstrip())
        print(f"({len(rows)} rows{'; more match: --limit N, or --limit 0 for all' if cut else ''})")


def _width(s: str) -> int:
    """Display width: CJK characters take two columns."""
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in s)


def _cell(v: object, cap: int | None) -> str:
    """A table cell: one line, control characters escaped; over ``cap`` columns the middle goes."""
    t = for_terminal("" if v is None else str(v).replace("\n", " ").replace("\r", " ").replace("\t", " "))
    if cap is None or _width(t) <= cap:
        return t
    budget = cap - 1  # the ellipsis
    tail = ""
    for ch in reversed(t):  # the last third: the 通知/意见/办法 that tells titles apart
        if _width(tail) + _width(ch) > budget // 3:
            break
        tail = ch + tail
    head = ""
    for ch in t:
        if _width(head) + _width(ch) > budget - _width(tail):
            break
        head += ch
    return head + "…" + tail


def cmd_query(args: argparse.Namespace) -> int:
    from extractor.kb.query import Filters, query_dates, query_documents, query_figures, query_requirements, query_thresholds

    # --kind filters thresholds, figures and dates, so a kind they do not know finds nothing: it is
    # checked then, not before every query (the models it is checked against cost 0.08 s to import)
    by_kind = args.what in ("thresholds", "figures", "dates")
    if args.kind is not None and not by_kind and _bad_kind(args.kind, args.what):
        return 2
    if (args.date_from or args.date_to) and args.what != "dates":
        _err("--from and --to filter `polex query dates` only")
        return 2
    if args.date_from and args.date_to and args.date_from > args.date_to:
        _err(f"--from {args.date_from} is after --to {args.date_to}")
        return 2
    store = _open_store(args.db, create=False)
    if store is None:
        return 1
    ask = 2**62 if args.limit == 0 else args.limit + 1  # one more than shown tells whether rows were cut
    f = Filters(level=args.level, issuer=args.issuer, year=args.year, doc_type=args.doc_type, modality=args.modality,
                subject=args.subject, unit=args.unit, kind=args.kind, search=args.search, limit=ask,
                actor_level=args.actor_level, actor_org=args.actor_org, actor_role=args.actor_role,
                date_from=args.date_from, date_to=args.date_to)
    with store:
        if args.what == "documents":
            rows = query_documents(store, f)
            cols = ["doc_id", "level", "year", "doc_number", "requirements", "thresholds", "citations", "title"]
        elif args.what == "requirements":
            rows = query_requirements(store, f)
            cols = ["id", "level", "modality", "trigger", "actor", "deadline", "text"]
        elif args.what == "dates":
            rows = query_dates(store, f)
            if args.format == "table":  # where the date was read: text span and raw span (raw_text, the source)
                rows = [{**r, "span": f"{r['start']}-{r['end']}", "raw_span": f"{r['raw_start']}-{r['raw_end']}"} for r in rows]
            cols = ["date", "date_from", "time", "kind", "comparator", "level", "issuer", "title", "text", "requirement_text", "span",
                    "raw_span"]
        elif args.what == "figures":
            rows = query_figures(store, f)
            cols = ["id", "level", "year", "kind", "subject", "comparator", "value", "unit", "per"]
        else:
            rows = query_thresholds(store, f)
            cols = ["id", "level", "year", "kind", "subject", "comparator", "value", "value_max", "unit", "per", "condition"]
    if not rows and args.kind is not None and by_kind and _bad_kind(args.kind, args.what):
        return 2
    cut = args.limit != 0 and len(rows) > args.limit
    rows = rows[:args.limit] if cut else rows
    _print_rows(rows, args.format, cols, cut)
    if cut and args.format != "table":
        _err(f"the first {args.limit} rows; more match (--limit N, or --limit 0 for all)")
    return 0


def _bad_kind(kind: str, what: str) -> bool:
    """Whether ``--kind`` is not a kind of what is listed (said on stderr)."""
    from typing import get_args

    from extractor.model import DateKind, ThresholdKind

    kinds, name = (DateKind, "date") if what == "dates" else (ThresholdKind, "threshold")
    if kind in get_args(kinds):
        return False
    _err(f"--kind {kind!r} is not a {name} kind: {', '.join(get_args(kinds))}")
    return True


def cmd_trace(args: argparse.Namespace) -> int:
    from extractor.kb.lookup import LookupError_, find_document
    from extractor.kb.query import trace

    store = _open_store(args.db, create=False)
    if store is None:
        return 1
    with store:
        try:
            found = find_document(store, args.id)
            t = trace(store, found.requirement or found.doc_id)
        except LookupError_ as e:
            _err(str(e))
            for c in e.candidates:
                print(for_terminal(f"  {c['doc_id']}  {c.get('year') or '-'}  {c.get('doc_number') or '-'}  {c.get('title') or '-'}"),
                      file=sys.stderr)
            return 1
        except KeyError as e:
            _err(str(e.args[0]))
            return 1
    if args.format == "json":
        print(json.dumps(t, ensure_ascii=False, indent=1))
        return 0
    t = clean(t)
    root = t["root"]
    print(f"{root['doc_id']}  [{root['level']}]  {root['title']}")
    if t["requirement"]:
        print(f"  requirement {t['requirement']['id']}: {t['requirement']['text'][:60]}")
    twins = [l for l in t["links"] if l["direction"] == "same"]
    if twins:
        print(f"renditions ({len(twins)})")
        for l in twins:
            ev = l["evidence"]
            print(f"  rendition_of [{l['level'] or '-'}] {(l['title'] or '?')[:50]} ({l['doc_id']})  "
                  f"containment {ev['containment']:.2f}, scripts {'/'.join(str(x) for x in ev['scripts'])}")
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
                  f"{' if ' + n['condition'] if n['condition'] else ''}   ({a['requirements'][0].split('#')[0]} ↔ {a['requirements'][1].split('#')[0]}, {min(side['score'], 1.0):.2f})"
                  + ("" if side["same"] else f"   {side['difference']}"))
    for r in t.get("reuse", []):
        print(f"text reuse from [{r['level'] or '-'}] {(r['title'] or '?')[:50]} ({r['source']}): {r['copied']} of {r['clauses']} clauses "
              f"copied ({r['verbatim']} verbatim), {r['copied_share']:.0%} of the text; {len(r['added'])} added")
        for c in r["copies"][:args.limit]:
            mark = "=" if c["verbatim"] else "~"
            print(f"  {mark} {c['reuse']:>4.0%}  {c['local']['text'][:40]}  @{c['local']['span'][0]}-{c['local']['span'][1]}"
                  f"  ← @{c['source']['span'][0]}-{c['source']['span'][1]}")
        if len(r["copies"]) > args.limit:
            print(f"  … {len(r['copies']) - args.limit} more")
        for c in r["added"][:args.limit]:
            print(f"  + {c['text'][:50]}  @{c['span'][0]}-{c['span'][1]}")
        if len(r["added"]) > args.limit:
            print(f"  … {len(r['added']) - args.limit} more added")
    return 0


def cmd_graph(args: argparse.Namespace) -> int:
    from extractor.kb.graph import build_graph

    fmt = args.format or ("svg" if args.action == "render" else "json")
    if args.action == "render" and fmt not in ("svg", "dot"):
        _err(f"graph render draws svg or dot, not {fmt} (use `polex graph export --format {fmt}`)")
        return 2
    if args.action == "export" and fmt == "svg":
        _err("an SVG picture is drawn by `polex graph render`")
        return 2
    if fmt == "neo4j-csv" and not args.out:
        _err("neo4j-csv writes two files (nodes.csv, relationships.csv): give the folder with --out")
        return 2
    store = _open_store(args.db, create=False)
    if store is None:
        return 1
    with store:
        g = build_graph(store, with_structure=not args.documents_only)
    if args.around:
        from extractor.views.export import around

        try:
            g = around(g, args.around, args.depth)
        except KeyError as e:
            _err(str(e.args[0]))
            return 1
    n_docs = sum(1 for _, a in g.nodes(data=True) if a["kind"] == "document")
    if args.action == "render" and fmt == "svg":
        from extractor.views.render import render_svg

        svg = render_svg(g, everything=args.all)
        out = Path(args.out or "graph.svg")
        out.write_text(svg, encoding="utf-8")
        _say(args, f"{out}: {n_docs} documents drawn by level")
        return 0
    from extractor.views.export import to_neo4j_csv, write

    if fmt == "neo4j-csv":
        for p in to_neo4j_csv(g, args.out):
            _say(args, str(p))
        return 0
    if args.action == "render":  # DOT, for Graphviz: `dot -Tsvg graph.dot`
        out = Path(args.out or "graph.dot")
        with out.open("w", encoding="utf-8") as f:
            write(g, fmt, f)
        _say(args, f"{out}: DOT of {n_docs} documents and what they cite ({g.number_of_nodes()} nodes)")
    elif args.out:
        with Path(args.out).open("w", encoding="utf-8") as f:
            write(g, fmt, f)
    else:
        write(g, fmt, sys.stdout)
    return 0

def cmd_serve(args: argparse.Namespace) -> int:
    """Browse the store in a web browser (read-only)."""
    if not re.match(r"^[a-z]+://", args.db) and not Path(args.db).is_file():
        print(f"polex: no store at {args.db} (run `polex ingest` first)", file=sys.stderr)
        return 1
    from extractor.kb.store import Store
    from extractor.serve.app import serve

    try:
        Store(args.db).close()  # fails here, with a message, rather than inside the server
    except Exception as e:  # noqa: BLE001 - any reason the store cannot be opened is reported, not raised
        print(f"polex: cannot open the store {args.db}: {e}", file=sys.stderr)
        return 1
    if args.host not in ("127.0.0.1", "localhost", "::1"):
        print(f"polex serve: warning: bound to {args.host}, the store can be read from other machines", file=sys.stderr)
    print(f"polex serve: {args.db} on http://{args.host}:{args.port}/ (read-only{', SQL on' if args.sql else ''}; Ctrl-C stops)", flush=True)
    serve(args.db, host=args.host, port=args.port, allow_sql=args.sql)
    return 0


def cmd_schema(args: argparse.Namespace) -> int:
    from extractor.views.schema import dump_schema

    for path in dump_schema(args.out):
        _say(args, str(path))
    return 0


def cmd_eval(args: argparse.Namespace) -> int:
    """Score extraction against a gold folder or a MANIFEST.json and print the table."""
    from extractor.views.evaluate import evaluate, render_report

    if not Path(args.gold).exists():
        _err(f"no gold folder or manifest at {args.gold}")
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
    if report.failed:  # figures over documents that failed are not a measurement of the reader
        _err(f"{len(report.failed)} documents not scored or failed (listed above); the figures do not measure the reader")
        return 1
    return 0


# -- option types: a bad value is a usage error (exit 2), never a traceback ----------------------

def _number(lo: float, hi: float, kind: type = float):  # noqa: ANN202
    def parse(text: str) -> float:
        try:
            v = kind(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"not a{'n integer' if kind is int else ' number'}: {text!r}") from None
        if not lo <= v <= hi:
            raise argparse.ArgumentTypeError(f"{text} is outside {lo:g}–{hi:g}")
        return v

    parse.__name__ = kind.__name__
    return parse


def _day(text: str) -> str:
    """--from/--to: a day YYYY-MM-DD (kb/query.parse_day), else a usage error."""
    from extractor.errors import ParseError
    from extractor.kb.query import parse_day

    try:
        return parse_day(text)
    except ParseError as e:
        raise argparse.ArgumentTypeError(str(e)) from None


def _regex(text: str) -> str:
    try:
        re.compile(text)
    except re.error as e:
        raise argparse.ArgumentTypeError(f"not a regular expression: {text!r} ({e})") from None
    return text


def _common() -> argparse.ArgumentParser:
    """-q/-v for every command (a parent parser: commands added by others get them by passing it)."""
    c = argparse.ArgumentParser(add_help=False)
    g = c.add_mutually_exclusive_group()
    g.add_argument("-q", "--quiet", action="store_true", help="print only results and errors (no progress bar, no summary)")
    g.add_argument("-v", "--verbose", action="store_true", help="also a line per input; a traceback on internal errors")
    return c


_DB_HELP = "the store: an SQLite file (default polex.db) or postgresql://USER@HOST/DB"


def _int64(text: str) -> int:
    """An integer option that fits the store's 64-bit integers (else a usage error, not a traceback)."""
    try:
        v = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not an integer: {text!r}") from None
    if not -(2**63) <= v < 2**63:
        raise argparse.ArgumentTypeError(f"{text} is out of range (64-bit)")
    return v


def _positive(text: str) -> int:
    v = _int64(text)
    if v < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return v


def _reader_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--reader", choices=("words", "spacy"), default="words",
                   help="what reads modal words and actors: words (default: the rules in plain Python) or spacy "
                        "(the same rules as a spaCy pipeline; the same results, slower to start)")


def _workers_option(p: argparse.ArgumentParser) -> None:
    # the default is resolved by _mapper, so that building the parser (every command, --help) does not
    # import the process pool (multiprocessing, concurrent.futures; issue 18)
    p.add_argument("--workers", type=_positive, default=None,
                   help="processes that run the pipeline (default: the number of cores); output is the same as with 1")


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="polex", description="Chinese policy notices → structured, traceable knowledge",
                                epilog="Results go to stdout, errors to stderr. Exit status: 0 ok, 1 an input failed, 2 usage error. "
                                       "NO_COLOR=1 turns colour off.")
    p.add_argument("--version", action="version", version=f"polex {__version__}")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")
    common = _common()

    def command(name: str, help: str) -> argparse.ArgumentParser:  # noqa: A002
        return sub.add_parser(name, help=help, description=help, parents=[common])

    e = command("extract", "normalize, structure and extract notices; print JSON, JSONL or an outline")
    e.add_argument("paths", nargs="+", help="files or folders (.txt, .html, .docx, .pdf); - reads standard input")
    e.add_argument("--format", choices=("json", "jsonl", "text"), default="json",
                   help="json: one document (an array for several), jsonl: one per line, text: a readable outline")
    e.add_argument("--no-raw", action="store_true", help="leave raw_text and edits out of the JSON (most of its size)")
    _reader_option(e)
    e.set_defaults(func=cmd_extract)
    r = command("run", "the main job: process a corpus folder into outputs/")
    r.add_argument("paths", nargs="*", default=["corpus"], help="files or folders (default: corpus)")
    r.add_argument("--out", default="outputs", help="folder for the JSON, outlines and summary.json (default: outputs)")
    r.add_argument("--db", default="polex.db", help=_DB_HELP + "; the documents are also written to it")
    r.add_argument("--no-store", action="store_true", help="write outputs/ only")
    r.add_argument("--no-raw", action="store_true", help="leave raw_text and edits out of the JSON files")
    _reader_option(r)
    _workers_option(r)
    r.set_defaults(func=cmd_run)
    d = command("diff", "compare two notices point by point (e.g. the 2017 and 2018 要点)")
    d.add_argument("old", help="the older notice: a file, an http(s) URL, - (stdin), or a stored id, id prefix, 发文字号 or title")
    d.add_argument("new", help="the newer notice, named the same ways")
    d.add_argument("--format", choices=("text", "json", "markdown", "html"), default="text", help="report format (default: text)")
    d.add_argument("--color", choices=("auto", "always", "never"), default="auto",
                   help="colour the text format (auto: on a terminal, unless NO_COLOR is set)")
    d.add_argument("--full", action="store_true", help="text format: also print the text of unchanged pairs")
    d.add_argument("--out", help="write to this file instead of stdout")
    d.add_argument("--db", default="polex.db", help="store for notices named by id, 发文字号 or title")
    _web_options(d, fetch_only=True)
    d.set_defaults(func=cmd_diff)
    i = command("ingest", "process notices (files, folders, URLs) and store them in SQLite")
    i.add_argument("paths", nargs="+", help="files, folders or http(s) URLs")
    i.add_argument("--db", default="polex.db", help=_DB_HELP)
    _workers_option(i)
    i.add_argument("--scheduler", metavar="tcp://HOST:8786",
                   help="run the pipeline on the workers of this Dask cluster (this process stores the results)")
    _web_options(i)
    i.set_defaults(func=cmd_ingest)
    c = command("crawl", "walk a list page of a government site and ingest the notices it links to")
    c.add_argument("url", help="the list page")
    c.add_argument("--follow", required=True, type=_regex, help="regex the notice URLs must match, e.g. 'content/post_\\d+'")
    c.add_argument("--max", type=_number(1, 1_000_000, int), default=50, help="at most this many notices (default 50)")
    c.add_argument("--any-host", action="store_true", help="also follow links to other hosts")
    c.add_argument("--db", default="polex.db", help=_DB_HELP)
    _workers_option(c)
    _web_options(c)
    c.set_defaults(func=cmd_crawl)
    q = command("query", "list documents, requirements, thresholds, dates or reported figures of the store, filtered")
    q.add_argument("what", choices=("documents", "requirements", "thresholds", "dates", "figures"),
                   help="what to list (dates: deadlines, effective dates, periods … a notice sets, in date order; "
                        "figures: numbers a document reports as facts, 统计公报)")
    q.add_argument("--level", choices=("national", "provincial", "municipal", "county", "unknown"), help="administrative level")
    q.add_argument("--issuer", help="part of an issuer's name")
    q.add_argument("--year", type=_number(1, 9999, int), help="year of the document")
    q.add_argument("--doc-type", help="通知, 意见, 方案, 要点 …")
    q.add_argument("--modality", choices=("obligation", "prohibition", "recommendation", "encouragement", "permission"),
                   help="requirements: obligation, prohibition, …")
    q.add_argument("--actor-level", choices=("national", "provincial", "municipal", "county"),
                   help="requirements: level of the body that must act (省财政厅: provincial)")
    q.add_argument("--actor-org", help="requirements: part of the acting body's name as written (财政) or normalized (finance)")
    q.add_argument("--actor-role", help="requirements: part of the actor's role (pilot cities, applicant, employers …)")
    q.add_argument("--subject", help="keyword in a threshold's subject or a requirement's text")
    q.add_argument("--unit", help="threshold unit: 人 %% 比例 元 日期 …")
    q.add_argument("--kind", help="threshold kind: amount (all subsidy amounts), age (all age limits), rate, duration, "
                                  "lead_time, scope … (the list: extractor/model.py ThresholdKind); date kind: deadline, "
                                  "effective, expiry, period, period_end, event, holiday, workday, recurring, date_bound")
    q.add_argument("--from", dest="date_from", type=_day, metavar="YYYY-MM-DD",
                   help="dates: a day on or after this one (a range that ends on or after it); "
                        "dates without a calendar day (自印发之日起, 每年…) are then left out")
    q.add_argument("--to", dest="date_to", type=_day, metavar="YYYY-MM-DD",
                   help="dates: a day on or before this one (a range that starts on or before it): "
                        "--kind deadline --to 2025-06-30 is what is due by then")
    q.add_argument("--search", help="full-text search over the clauses (segmented like the store)")
    q.add_argument("--limit", type=_number(0, 10**9, int), default=100,
                   help="at most this many rows (default 100; 0: all); the table says when rows were cut")
    q.add_argument("--format", choices=("table", "json", "jsonl", "csv"), default="table",
                   help="table (cut to fit), or every field uncut: json, jsonl, csv")
    q.add_argument("--db", default="polex.db", help=_DB_HELP)
    q.set_defaults(func=cmd_query)
    t = command("trace", "what a document or requirement implements and what implements it")
    t.add_argument("id", help="a doc_id or an unambiguous prefix of it, a requirement id, a 发文字号, or a title (or part of one)")
    t.add_argument("--format", choices=("text", "json"), default="text", help="text (default) or json")
    t.add_argument("--limit", type=_number(0, 10**6, int), default=5, help="text: copied and added clauses shown per source (default 5)")
    t.add_argument("--db", default="polex.db", help=_DB_HELP)
    t.set_defaults(func=cmd_trace)
    gr = command("graph", "export or draw the requirement graph")
    gr.add_argument("action", choices=("export", "render"), help="export: data formats; render: a picture (svg) or DOT")
    gr.add_argument("--format", choices=("json", "graphml", "neo4j-csv", "dot", "svg"),
                    help="export: json (default), graphml, neo4j-csv, dot; render: svg (default) or dot")
    gr.add_argument("--out", help="output file (a folder for neo4j-csv, where it is required); "
                                  "export prints to stdout without it, render writes graph.svg / graph.dot")
    gr.add_argument("--all", action="store_true", help="render: also draw the cited documents the store does not hold")
    gr.add_argument("--documents-only", action="store_true", help="documents, placeholders and organizations only")
    gr.add_argument("--around", metavar="ID", help="only the neighbourhood of this document (doc_id) or node")
    gr.add_argument("--depth", type=_number(0, 100, int), default=1, help="with --around: steps from it (default 1)")
    gr.add_argument("--db", default="polex.db", help=_DB_HELP)
    gr.set_defaults(func=cmd_graph)
    sv = command("serve", "browse the store in a web browser: documents, search, trace graph, diffs (read-only)")
    sv.add_argument("--db", default="polex.db", help=_DB_HELP)
    sv.add_argument("--host", default="127.0.0.1", help="address to bind (default loopback only)")
    sv.add_argument("--port", type=_number(0, 65535, int), default=8000, help="port to listen on (default 8000)")
    sv.add_argument("--sql", action="store_true", help="also offer /sql: read-only SQL over the store")
    sv.set_defaults(func=cmd_serve)
    ev = command("eval", "score extraction against a gold folder (items, metadata, thresholds, citations; requirements for a gold-req folder)")
    ev.add_argument("gold", help="a folder of gold JSON files (../shared/corpus-dev/gold) or a MANIFEST.json")
    ev.add_argument("docs", nargs="?", help="where the documents named by the gold are (default: the folder above the gold)")
    ev.add_argument("--format", choices=("text", "json"), default="text", help="text (default) or json")
    ev.add_argument("--details", action="store_true", help="list every miss and extra per document")
    ev.set_defaults(func=cmd_eval)
    s = command("schema", "write the JSON Schema of the document JSON")
    s.add_argument("--out", default="schemas", help="folder (default: schemas)")
    s.set_defaults(func=cmd_schema)
    return p


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except BrokenPipeError:  # `polex extract … | head`
        try:
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - so the interpreter's final flush is quiet
        except OSError:
            pass
        return 0
    except KeyboardInterrupt:
        _err("interrupted")
        return 130
    except Exception as e:  # noqa: BLE001 - the last guard: one line, never a traceback (unless -v)
        if getattr(args, "verbose", False):
            import traceback

            traceback.print_exc()
        _err(f"internal error: {type(e).__name__}: {e} (run with -v for the traceback)")
        return 70
    finally:
        if argv is None:
            _before_exit()


def _before_exit() -> None:
    """The process's own command ends here (``argv`` not given: the ``polex`` script). Every object
    left goes to the collector's permanent generation, so that the interpreter's last full
    collection does not walk them all: they are freed all the same, as the process ends.
    That walk cost 0.04 s CPU of a 0.47 s ``polex extract`` of a short notice (issue 18).
    Not done when ``main`` is called with ``argv`` (tests, library use): the process goes on.
    """
    import gc

    gc.freeze()


if __name__ == "__main__":
    sys.exit(main())
