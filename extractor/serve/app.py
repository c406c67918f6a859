"""The Starlette application: pages over a store, each with a JSON twin and CSV tables.

Read-only by construction: every route is a GET, the store is opened once and only read
(SQL typed by a user runs only with ``--sql``, on a separate read-only connection). Every
value from a document reaches HTML through Jinja2's autoescaping, JSON through
:func:`dump_json` (which also escapes ``<``, ``>`` and ``&``), and the browser runs only the
package's own scripts (Content-Security-Policy ``script-src 'self'``; no inline script).
"""

from __future__ import annotations

import csv
import io
import json
import sqlite3
import threading
from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

import jinja2
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from extractor.errors import InputError, ParseError
from extractor.kb import browse
from extractor.kb.query import LEVEL_RANK, Filters, parse_day, query_dates, trace
from extractor.kb.store import Store
from extractor.pipeline import extract_bytes
from extractor.serve.text import build_items, build_runs, date_label, render_runs, threshold_label
from extractor.views.diff import diff_documents

HERE = Path(__file__).parent
PAGE_SIZE = 50
GRAPH_LINKS = 120  # links drawn in the trace graph (nearest first); the list and the JSON have them all
LIST_ROWS = 300  # rows of a trace list shown in HTML; the CSV and the JSON have them all
CONTEXT = 120  # characters of raw text shown around a source span
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                               "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}


WARM_UP = "关于做好学会换届工作的通知\n各学会：\n一、理事会人数一般不超过150人。\n二、各单位要于2018年底前完成换届工作。\n"


def dump_json(data: Any) -> str:
    """JSON with ``<``, ``>`` and ``&`` written as ``\\u003c`` … so that no document value can
    form markup even where JSON lands in an HTML context; non-ASCII stays readable."""
    text = json.dumps(data, ensure_ascii=False, default=str, indent=1)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


_CSV_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def _csv_cell(v: Any) -> str:
    """A cell a spreadsheet will not run: text starting like a formula gets a leading quote (OWASP CSV injection)."""
    if v is None:
        return ""
    if isinstance(v, (list, dict)):
        v = json.dumps(v, ensure_ascii=False)
    s = str(v)
    if s.startswith(_CSV_FORMULA) and not _is_number(s):
        return "'" + s
    return s


def _is_number(s: str) -> bool:
    try:
        float(s)
    except ValueError:
        return False
    return True


def dump_csv(rows: list[dict]) -> str:
    cols: list[str] = []
    for r in rows:
        cols += [k for k in r if k not in cols]
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(cols)
    for r in rows:
        w.writerow([_csv_cell(r.get(c)) for c in cols])
    return buf.getvalue()


class _LRU:
    """A small cache of re-read documents and diffs (re-reading a large page costs the pipeline)."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.data: OrderedDict[Any, Any] = OrderedDict()

    def get(self, key: Any, make: Callable[[], Any]) -> Any:
        if key in self.data:
            self.data.move_to_end(key)
            return self.data[key]
        value = make()
        self.data[key] = value
        if len(self.data) > self.size:
            self.data.popitem(last=False)
        return value


class NotFound(Exception):
    pass


class BadRequest(Exception):
    pass


DATE_ROWS = 200  # rows of the dates page unless ?limit= says otherwise


def _is_day(text: str) -> bool:
    try:
        return parse_day(text) == text
    except ParseError:
        return False


class App:
    """Holds the store and the caches; one method per page, each returning the page's data."""

    def __init__(self, db: str, allow_sql: bool = False) -> None:
        self.db_path = db
        self.allow_sql = allow_sql
        self.store: Store | None = None
        self.documents = _LRU(16)
        self.sources = _LRU(16)
        self.diffs = _LRU(16)
        self.pipeline_lock = threading.Lock()  # the warm-up thread and the pages share the pipeline
        self.env = jinja2.Environment(loader=jinja2.FileSystemLoader(HERE / "templates"), autoescape=True,
                                      trim_blocks=True, lstrip_blocks=True)
        self.env.globals.update(url=_url, quote=_quote)
        self.env.filters.update(dict_with=lambda d, k, v: {**d, k: v},
                                dict_without=lambda d, *ks: {k: v for k, v in d.items() if k not in ks})

    def open(self) -> None:
        if self.store is None:
            self.store = Store(self.db_path, create=False)  # read-only: never creates or migrates a store
        # The first pipeline run of a process loads jieba's dictionary and spaCy (seconds);
        # do it now, in the background, so the first evidence or diff page does not wait for it.
        threading.Thread(target=self._warm, name="polex-warm-up", daemon=True).start()

    def _warm(self) -> None:
        with self.pipeline_lock:
            try:
                extract_bytes(WARM_UP.encode("utf-8"), path="warm-up.txt")
            except Exception:  # noqa: BLE001 - a failed warm-up only means a slower first page
                pass

    def close(self) -> None:
        if self.store is not None:
            self.store.close()  # either backend: a SQLite file, or the connection back to the PostgreSQL pool
            self.store = None

    @property
    def s(self) -> Store:
        assert self.store is not None
        return self.store

    # -- pages -------------------------------------------------------------------------
    def index(self, params: dict[str, str]) -> dict:
        year = params.get("year")
        f = browse.DocFilters(level=params.get("level") or None, issuer=params.get("issuer") or None,
                              year=int(year) if year and year.isdigit() and len(year) <= 4 else None,
                              doc_type=params.get("doc_type") or None, status=params.get("status") or None,
                              q=browse.clean_term(params.get("q")))
        page = _int(params.get("page"), 1, 1, 10**6)
        res = browse.list_documents(self.s, f, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE)
        counts = {"documents": res.total, **res.sums}
        return {"filters": f.active(), "page": page, "page_size": PAGE_SIZE, "total": res.total, "exact": res.exact, "counts": counts,
                "documents": res.rows, "facets": {k: [{"value": v, "count": n} for v, n in kv] for k, kv in res.facets.items()},
                "hits": res.hits}

    def document(self, doc_id: str) -> dict:
        doc = browse.get_document(self.s, doc_id)
        if doc is None:
            raise NotFound(f"no document {doc_id} in the store")
        items = browse.document_items(self.s, doc_id)
        its = build_items(items)
        runs = build_runs(items["clauses"], its, items["sections"])
        for t in items["thresholds"]:
            t["label"] = threshold_label(t)
        for x in items["dates"]:
            x["label"] = date_label(x)
        related = browse.related_documents(self.s, doc)
        doc.pop("sha256", None)
        return {"document": doc, "evidence": f"/doc/{doc_id}/evidence?format=json", "sections": items["sections"], "requirements": items["requirements"],
                "thresholds": items["thresholds"], "citations": items["citations"], "dates": items["dates"], "related": related,
                "_items": [{"kind": i.kind, "id": i.id, "start": i.start, "end": i.end, "raw_start": i.raw_start,
                            "raw_end": i.raw_end, "label": i.label} for i in its],
                "_text_html": render_runs(runs, its)}

    def dates(self, params: dict[str, str]) -> dict:
        """`polex query dates` as a page: the dates notices set, in date order, filtered."""
        from typing import get_args

        from extractor.model import DateKind

        kinds = list(get_args(DateKind))
        year = params.get("year")
        f = {"kind": params.get("kind") or None, "from": params.get("from") or None, "to": params.get("to") or None,
             "level": params.get("level") or None, "issuer": browse.clean_term(params.get("issuer")),
             "year": int(year) if year and year.isdigit() and len(year) <= 4 else None, "search": browse.clean_term(params.get("search"))}
        limit = _int(params.get("limit"), DATE_ROWS, 1, 10_000)
        problems = [f"kind {f['kind']!r} is not one of {', '.join(kinds)}"] if f["kind"] and f["kind"] not in kinds else []
        problems += [f"{k} {f[k]!r} is not a day YYYY-MM-DD" for k in ("from", "to") if f[k] and not _is_day(f[k])]
        if problems:
            raise BadRequest("; ".join(problems))
        rows = query_dates(self.s, Filters(kind=f["kind"], date_from=f["from"], date_to=f["to"], level=f["level"], issuer=f["issuer"],
                                           year=f["year"], search=f["search"], limit=limit + 1))
        return {"filters": {k: v for k, v in f.items() if v is not None}, "kinds": kinds, "levels": list(LEVEL_RANK),
                "limit": limit, "more": len(rows) > limit, "dates": rows[:limit]}

    def source_span(self, doc_id: str, start: int, end: int) -> dict:
        src = self._source(doc_id)
        raw = src.raw_text
        start, end = max(0, min(start, len(raw))), max(0, min(end, len(raw)))
        if end < start:
            start, end = end, start
        return {"doc_id": doc_id, "media_type": src.media_type, "raw_span": [start, end], "text": raw[start:end],
                "before": raw[max(0, start - CONTEXT):start], "after": raw[end:end + CONTEXT],
                "line": raw.count("\n", 0, start) + 1, "raw_length": len(raw)}

    def raw(self, doc_id: str, start: int | None, end: int | None) -> dict:
        src = self._source(doc_id)
        raw = src.raw_text
        if start is None or end is None or not (0 <= start <= end <= len(raw)):
            start = end = None
        return {"doc_id": doc_id, "media_type": src.media_type, "path": src.path, "url": src.url,
                "raw_span": [start, end] if start is not None else None,
                "before": raw[:start] if start is not None else raw, "text": raw[start:end] if start is not None else "",
                "after": raw[end:] if end is not None else ""}

    def evidence(self, doc_id: str) -> dict:
        doc = self._document(doc_id)
        md = doc.metadata.model_dump(mode="json")
        return {"doc_id": doc_id, "metadata": md, "issues": [i.model_dump(mode="json") for i in doc.issues]}

    def placeholder(self, key: str) -> dict:
        return browse.placeholder(self.s, key)

    def trace(self, ident: str) -> dict:
        try:
            t = trace(self.s, ident)
        except KeyError as e:
            raise NotFound(str(e.args[0])) from e
        root = t["root"]
        nodes: dict[str, dict] = {}

        def node(nid: str, label: str, level: str | None, stored: bool, href: str | None, is_root: bool = False) -> None:
            nodes.setdefault(nid, {"id": nid, "label": label, "level": (level or "unknown").lstrip("~"), "stored": stored,
                                   "href": href, "root": is_root, "guessed": bool(level and level.startswith("~"))})

        node(root["doc_id"], root["title"] or root["doc_id"], root["level"], True, f"/doc/{root['doc_id']}", True)
        edges = []
        for k, l in enumerate(t["links"][:GRAPH_LINKS]):
            if l["doc_id"]:
                nid = l["doc_id"]
                node(nid, l["title"] or nid, l["level"], True, f"/doc/{nid}")
            else:
                nid = f"ref:{l['doc_number'] or l['title']}"
                key = browse_key(self.s, l)
                node(nid, l["title"] or l["doc_number"] or "?", l["level"], False, _url("/ref", key=key) if key else None)
            ev = l["evidence"]
            if l["relation"] == "next_edition":
                years = ev.get("years") or [None, None]
                a, b = (nid, root["doc_id"]) if (years[0] or 0) < (years[1] or 0) else (root["doc_id"], nid)
            elif l["direction"] == "upstream":
                a, b = ev.get("from") or root["doc_id"], nid
            else:
                a, b = nid, ev.get("to") or root["doc_id"]
            edges.append({"id": f"e{k}", "source": a, "target": b, "relation": l["relation"]})
        rows = _layout(nodes)
        req_ids = sorted({r for a in t["aligned"] for r in a["requirements"]})
        texts = {}
        for k in range(0, len(req_ids), 500):
            chunk = req_ids[k:k + 500]
            for r in self.s.db.execute(f"SELECT r.id, r.doc_id, r.text, d.title FROM requirements r JOIN documents d ON d.doc_id = r.doc_id "  # noqa: S608
                                       f"WHERE r.id IN ({','.join('?' * len(chunk))})", chunk):
                texts[r["id"]] = dict(r)
        aligned = [{**a, "sides": [texts.get(r, {"id": r, "text": "", "title": ""}) for r in a["requirements"]]} for a in t["aligned"]]
        return {"root": root, "requirement": t["requirement"], "links": t["links"], "aligned": aligned,
                "graph": {"nodes": list(nodes.values()), "edges": edges, "rows": rows,
                          "omitted": max(0, len(t["links"]) - GRAPH_LINKS)}}

    def diff(self, old_id: str, new_id: str) -> dict:
        for d in (old_id, new_id):
            if browse.get_document(self.s, d) is None:
                raise NotFound(f"no document {d} in the store")
        def make():  # noqa: ANN202
            old, new = self._document(old_id), self._document(new_id)
            with self.pipeline_lock:
                return diff_documents(old, new)

        report = self.diffs.get((old_id, new_id), make)
        data = report.model_dump(mode="json")
        data["pairs"].sort(key=lambda p: (p["old"]["span"][0], p["new"]["span"][0]))
        return data

    def sql(self, q: str) -> dict:
        if not self.allow_sql:
            raise NotFound("SQL is off: start the server with --sql")
        if "://" in self.db_path:
            raise NotFound("--sql reads SQLite stores only")
        if not q.strip():
            return {"sql": q, "columns": [], "rows": [], "error": None}
        con = sqlite3.connect(f"file:{quote(str(Path(self.db_path).resolve()))}?mode=ro", uri=True)
        try:
            con.execute("PRAGMA query_only = ON")
            cur = con.execute(q)
            cols = [c[0] for c in cur.description or []]
            rows = [dict(zip(cols, (v if not isinstance(v, bytes) else f"<{len(v)} bytes>" for v in r))) for r in cur.fetchmany(1000)]
            return {"sql": q, "columns": cols, "rows": rows, "error": None}
        except sqlite3.Error as e:
            return {"sql": q, "columns": [], "rows": [], "error": str(e)}
        finally:
            con.close()

    # -- helpers -----------------------------------------------------------------------
    def _source(self, doc_id: str) -> browse.Source:
        src = self.sources.get(doc_id, lambda: browse.load_source(self.s, doc_id))
        if src is None:
            raise NotFound(f"no document {doc_id} in the store")
        return src

    def _document(self, doc_id: str):  # noqa: ANN202
        def make():  # noqa: ANN202
            try:
                with self.pipeline_lock:
                    return browse.load_document(self.s, doc_id)
            except InputError as e:
                raise NotFound(f"{doc_id}: the stored bytes cannot be read again: {e.code} {e}") from e

        doc = self.documents.get(doc_id, make)
        if doc is None:
            raise NotFound(f"no document {doc_id} in the store")
        return doc


def browse_key(store: Store, link: dict) -> str | None:
    """The placeholder key of a trace link to a document that is not stored: the keys of the
    citation the link was read from (its 发文字号 key, else its title key)."""
    cid = (link.get("evidence") or {}).get("citation")
    if not cid:
        return None
    row = store.db.execute("SELECT number_key, title_key FROM citations WHERE id = ?", (cid,)).fetchone()
    return (row["number_key"] or row["title_key"]) if row else None


def _layout(nodes: dict[str, dict]) -> list[dict]:
    """Positions by level: one row per level present, national on top; the root first in its row.
    Returns a label for each row (drawn at its left)."""
    rows: dict[int, list[dict]] = {}
    for n in sorted(nodes.values(), key=lambda n: (not n["root"], not n["stored"], n["label"])):
        rows.setdefault(LEVEL_RANK.get(n["level"], 4), []).append(n)
    labels = []
    widest = max((len(ns) for ns in rows.values()), default=1)
    for y, rank in enumerate(sorted(rows)):
        ns = rows[rank]
        for i, n in enumerate(ns):
            n["x"] = (i - (len(ns) - 1) / 2) * NODE_GAP
            n["y"] = y * ROW_GAP
            n["lines"] = _wrap(n["label"])
        level = next(k for k, v in LEVEL_RANK.items() if v == rank)
        labels.append({"level": level, "x": -((widest - 1) / 2) * NODE_GAP - NODE_GAP * 0.85, "y": y * ROW_GAP})
    return labels


NODE_GAP, ROW_GAP = 250, 130
WRAP = 13  # CJK characters per line of a node label (Cytoscape wraps only at spaces)


def _wrap(label: str, lines: int = 3) -> str:
    chunks = [label[i:i + WRAP] for i in range(0, len(label), WRAP)][:lines]
    if len(label) > WRAP * lines:
        chunks[-1] = chunks[-1][:-1] + "…"
    return "\n".join(chunks)


def _int(v: str | None, default: int, lo: int, hi: int) -> int:
    try:
        return max(lo, min(hi, int(v))) if v is not None else default
    except ValueError:
        return default


def _quote(s: str) -> str:
    return quote(s, safe="")


def _url(path: str, **params: Any) -> str:
    clean = {k: v for k, v in params.items() if v not in (None, "")}
    return path + ("?" + urlencode(clean) if clean else "")


# -- HTTP ----------------------------------------------------------------------------------

TABLES: dict[str, dict[str, Callable[[dict], list[dict]]]] = {
    "index": {"documents": lambda d: d["documents"],
              "facets": lambda d: [{"facet": k, **v} for k, vs in d["facets"].items() for v in vs]},
    "doc": {"sections": lambda d: d["sections"], "requirements": lambda d: d["requirements"],
            "thresholds": lambda d: d["thresholds"], "dates": lambda d: d["dates"],
            "citations": lambda d: [{k: v for k, v in c.items() if k != "targets"} | {"targets": [t["doc_id"] for t in c["targets"]]}
                                    for c in d["citations"]],
            "related": lambda d: [{"relation": k, **r} for k, rs in d["related"].items() for r in rs]},
    "evidence": {"metadata": lambda d: [{"field": k, **(v if isinstance(v, dict) else {"value": v})} for k, v in d["metadata"].items() if v is not None],
                 "issues": lambda d: d["issues"]},
    "ref": {"cited_by": lambda d: d["cited_by"]},
    "dates": {"dates": lambda d: d["dates"]},
    "trace": {"links": lambda d: [{k: v for k, v in l.items() if k != "evidence"} | {"evidence": l["evidence"]} for l in d["links"]],
              "aligned": lambda d: [{"old_requirement": a["requirements"][0], "new_requirement": a["requirements"][1], "score": a["score"],
                                     "old": f"{s['old']['subject']} {s['old']['comparator']} {s['old']['value']}{s['old']['unit'] or ''}",
                                     "new": f"{s['new']['subject']} {s['new']['comparator']} {s['new']['value']}{s['new']['unit'] or ''}",
                                     "same": s["same"]} for a in d["aligned"] for s in a["thresholds"]]},
    "diff": {"pairs": lambda d: [{"old": "/".join(p["old"]["path"]), "new": "/".join(p["new"]["path"]), "relation": p["relation"],
                                  "strength": p["strength"], "score": p["score"], "changes": "; ".join(p["changes"]),
                                  "old_text": p["old"]["text"], "new_text": p["new"]["text"]} for p in d["pairs"]],
             "thresholds": lambda d: [{"kind": c["kind"], "fields": ", ".join(c["fields"]),
                                       "old": c["old"]["summary"] if c["old"] else None, "new": c["new"]["summary"] if c["new"] else None}
                                      for c in d["threshold_changes"] + d["threshold_unchanged"]],
             "added": lambda d: d["added"], "removed": lambda d: d["removed"]},
    "sql": {"rows": lambda d: d["rows"]},
}


def _fmt_url(request: Request) -> Callable[..., str]:
    def make(fmt: str, table: str | None = None) -> str:
        return _url(request.url.path, **{**dict(request.query_params), "format": fmt, "table": table})

    return make


def _public(data: dict) -> dict:
    return {k: v for k, v in data.items() if not k.startswith("_")}


LOOPBACK = ("127.0.0.1", "localhost", "::1")


def build_app(db: str, allow_sql: bool = False, allowed_hosts: list[str] | None = None) -> Starlette:
    """The web app over the store at ``db``; with ``allowed_hosts``, requests naming another
    host in their ``Host`` header are refused (a web page elsewhere cannot read the store
    through a DNS name rebound to 127.0.0.1)."""
    app_state = App(db, allow_sql)

    def respond(request: Request, page: str, template: str, make: Callable[[], dict]) -> Response:
        fmt = request.query_params.get("format", "html")
        try:
            data = make()
        except NotFound as e:
            return _error(request, 404, str(e), fmt)
        except BadRequest as e:
            return _error(request, 400, str(e), fmt)
        if fmt == "json":
            return Response(dump_json(_public(data)), media_type="application/json", headers=SECURITY_HEADERS)
        if fmt == "csv":
            tables = TABLES.get(page, {})
            table = request.query_params.get("table") or next(iter(tables), "")
            if table not in tables:
                return _error(request, 400, f"no table {table!r} on this page; tables: {', '.join(tables) or 'none'}", "text")
            name = f"polex-{page}-{table}.csv"
            return Response(dump_csv(tables[table](data)), media_type="text/csv; charset=utf-8",
                            headers={**SECURITY_HEADERS, "Content-Disposition": f'attachment; filename="{name}"'})
        html = app_state.env.get_template(template).render(page=page, data=data, list_rows=LIST_ROWS, request_url=str(request.url.path),
                                                            query=dict(request.query_params), tables=list(TABLES.get(page, {})),
                                                            allow_sql=app_state.allow_sql, fmt_url=_fmt_url(request))
        return HTMLResponse(html, headers=SECURITY_HEADERS)

    def _error(request: Request, status: int, message: str, fmt: str) -> Response:
        if fmt == "json":
            return Response(dump_json({"error": message}), status_code=status, media_type="application/json", headers=SECURITY_HEADERS)
        if fmt in ("csv", "text"):
            return PlainTextResponse(message, status_code=status, headers=SECURITY_HEADERS)
        html = app_state.env.get_template("error.html").render(page="error", data={"message": message, "status": status},
                                                                request_url=str(request.url.path), query={}, tables=[],
                                                                allow_sql=app_state.allow_sql, fmt_url=_fmt_url(request))
        return HTMLResponse(html, status_code=status, headers=SECURITY_HEADERS)

    async def index(request: Request) -> Response:
        return respond(request, "index", "index.html", lambda: app_state.index(dict(request.query_params)))

    async def document(request: Request) -> Response:
        return respond(request, "doc", "doc.html", lambda: app_state.document(request.path_params["doc_id"]))

    async def dates(request: Request) -> Response:
        return respond(request, "dates", "dates.html", lambda: app_state.dates(dict(request.query_params)))

    async def source(request: Request) -> Response:
        qp = request.query_params
        d = request.path_params["doc_id"]
        return respond(request, "source", "source.html",
                       lambda: app_state.source_span(d, _int(qp.get("start"), 0, 0, 1 << 40), _int(qp.get("end"), 0, 0, 1 << 40)))

    async def raw(request: Request) -> Response:
        qp = request.query_params
        s = qp.get("start")
        e = qp.get("end")
        return respond(request, "raw", "raw.html", lambda: app_state.raw(
            request.path_params["doc_id"], _int(s, -1, -1, 1 << 40) if s else None, _int(e, -1, -1, 1 << 40) if e else None))

    async def evidence(request: Request) -> Response:
        return respond(request, "evidence", "evidence.html", lambda: app_state.evidence(request.path_params["doc_id"]))

    async def ref(request: Request) -> Response:
        return respond(request, "ref", "ref.html", lambda: app_state.placeholder(request.query_params.get("key", "")))

    async def trace_page(request: Request) -> Response:
        return respond(request, "trace", "trace.html", lambda: app_state.trace(request.path_params["ident"]))

    async def diff_page(request: Request) -> Response:
        return respond(request, "diff", "diff.html", lambda: app_state.diff(request.path_params["old"], request.path_params["new"]))

    async def sql_page(request: Request) -> Response:
        return respond(request, "sql", "sql.html", lambda: app_state.sql(request.query_params.get("q", "")))

    routes = [
        Route("/", index),
        Route("/dates", dates),
        Route("/doc/{doc_id}", document),
        Route("/doc/{doc_id}/source", source),
        Route("/doc/{doc_id}/raw", raw),
        Route("/doc/{doc_id}/evidence", evidence),
        Route("/ref", ref),
        Route("/trace/{ident:path}", trace_page),
        Route("/diff/{old}/{new}", diff_page),
        Route("/sql", sql_page),
        Mount("/static", StaticFiles(directory=HERE / "static"), name="static"),
    ]

    from contextlib import asynccontextmanager

    @asynccontextmanager
    async def lifespan(app: Starlette):  # noqa: ANN202, ARG001
        app_state.open()  # in the event loop's thread: every page runs there (async routes), one connection
        try:
            yield
        finally:
            app_state.close()

    middleware = [Middleware(TrustedHostMiddleware, allowed_hosts=allowed_hosts)] if allowed_hosts else []
    app = Starlette(routes=routes, lifespan=lifespan, middleware=middleware)
    app.state.polex = app_state
    return app


def serve(db: str, host: str = "127.0.0.1", port: int = 8000, allow_sql: bool = False) -> None:
    """Run the app with uvicorn until interrupted."""
    import uvicorn

    hosts = ["127.0.0.1", "localhost", "[::1]"] if host in LOOPBACK else None  # bound elsewhere: any name may reach it
    uvicorn.run(build_app(db, allow_sql, hosts), host=host, port=port, log_level="warning")
