"""The runner: one document under construction passed through declared stages.

As spaCy passes a ``Doc`` through its components, :data:`STAGES` passes a
:class:`DocState` through decode → normalize → segment → metadata → extract. Each
stage has a name, declares the fields of the state it assigns, and reads only what
earlier stages assigned. The runner times every stage and, when a stage raises,
turns the document into ``status: failed`` with an E904 issue naming the stage; the
batch goes on. :func:`run_all` streams many documents.

bytes ──decode──▶ raw_text ──normalize──▶ text (+ edits, layers) ──segment──▶ parts,
sections, clauses ──metadata──▶ metadata ──extract──▶ requirements, thresholds,
citations ──▶ :class:`~extractor.model.Document`
"""

from __future__ import annotations

import functools
import gc
import hashlib
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from extractor.config import DEFAULT, Settings
from extractor.errors import InputError, describe_internal, issue
from extractor.extract.knowledge import Knowledge, extract_knowledge
from extractor.extract.metadata import PageMeta, extract_metadata
from extractor.model import Clause, Document, FlagField, Issue, Layer, LevelField, Metadata, Part, Section, SourceRecord, Stage
from extractor.normalize import Normalized, looks_like_html, normalize_html, normalize_text
from extractor.normalize.decode import Decoded, decode_bytes, sniff_utf16
from extractor.normalize.office import office_text, sniff_office
from extractor.normalize.offsets import AlignedText
from extractor.segment.sections import build_sections, find_parts
from extractor.segment.sentences import find_clauses

INPUT_SUFFIXES = (".txt", ".html", ".htm", ".shtml", ".xhtml", ".pdf", ".docx")
_HTML_SUFFIXES = (".html", ".htm", ".shtml", ".xhtml")


def check_bytes(data: bytes, settings: Settings = DEFAULT) -> None:
    """Refuse what cannot be a notice: nothing, binary files, oversized inputs."""
    if len(data) > settings.max_bytes:
        raise InputError("E905", f"{len(data)} bytes is over the limit of {settings.max_bytes}")
    if not data.strip():
        raise InputError("E902", "empty input")
    head = data[:8192]
    utf16 = head.startswith((b"\xff\xfe", b"\xfe\xff")) or sniff_utf16(head) is not None
    if not utf16 and (b"\x00" in head or head.startswith((b"PK\x03\x04", b"\x89PNG", b"\xff\xd8\xff", b"GIF8"))):
        raise InputError("E903", "binary content (NUL bytes or a ZIP/image signature); not a text, HTML, .docx or PDF notice")


def extract_bytes(
    data: bytes,
    *,
    path: str | None = None,
    url: str | None = None,
    content_type: str | None = None,
    settings: Settings = DEFAULT,
) -> Document:
    """Run the whole pipeline on the bytes of one notice.

    Raises :class:`InputError` for input that is not a notice at all; anything that
    goes wrong inside a stage becomes an issue on the returned document (``status: failed``).
    """
    return run_stages(data, path=path, url=url, content_type=content_type, settings=settings).document


@dataclass
class DocState:
    """A document under construction: the input, then what each stage assigns."""

    data: bytes
    path: str | None
    url: str | None
    content_type: str | None
    settings: Settings
    doc_id: str
    issues: list[Issue] = field(default_factory=list)
    # decode
    decoded: Decoded | None = None
    media: str | None = None
    # normalize
    is_html: bool = False
    norm: Normalized | None = None
    # segment
    parts: list[Part] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    clauses: list[Clause] = field(default_factory=list)
    # metadata
    metadata: Metadata | None = None
    # extract
    knowledge: Knowledge | None = None
    assigned: set[str] = field(default_factory=set, repr=False)
    """names assigned so far; the runner checks each stage assigned what it declares"""

    def __setattr__(self, name: str, value: object) -> None:
        if name != "assigned" and "assigned" in self.__dict__:
            self.assigned.add(name)
        object.__setattr__(self, name, value)


@dataclass(frozen=True)
class StageSpec:
    """One pipeline stage: its name, the state fields it assigns, and the function that does it."""

    name: Stage
    assigns: tuple[str, ...]
    run: Callable[[DocState], None]


def _decode(st: DocState) -> None:
    office = sniff_office(st.data)
    if office is None:
        check_bytes(st.data, st.settings)
    elif len(st.data) > st.settings.max_bytes:
        raise InputError("E905", f"{len(st.data)} bytes is over the limit of {st.settings.max_bytes}")
    if len(st.data) > st.settings.large_bytes:
        st.issues.append(issue("W112", "decode", f"{len(st.data)} bytes; processed in full"))
    if office is not None:  # .docx / PDF attachments: their text layer is the source text
        text, st.media = office_text(st.data, office)
        if not text.strip():
            raise InputError("E902", f"{office} without any text")
        st.decoded = Decoded(text, "utf-8", "text_layer", None, ())
    else:
        st.decoded, st.media = decode_bytes(st.data, st.content_type), None  # text or HTML: normalize decides
    st.issues.extend(st.decoded.issues)


def _normalize(st: DocState) -> None:
    raw = st.decoded.text
    st.is_html = st.media is None and (
        (st.content_type or "").lower().startswith(("text/html", "application/xhtml"))
        or (st.path is not None and st.path.lower().endswith(_HTML_SUFFIXES))
        or looks_like_html(raw))
    st.norm = normalize_html(raw) if st.is_html else normalize_text(raw)
    st.issues.extend(st.norm.issues)


def _segment(st: DocState) -> None:
    aligned, body = st.norm.aligned, st.norm.body_ranges
    page_titles = tuple(v[0] for k, v in st.norm.html_meta.items() if k in ("html:title_element", "html:title", "title") and isinstance(v[0], str))
    st.parts = find_parts(aligned, body, page_titles)
    toc = [(m.start, m.end) for m in st.norm.layers if m.kind == "toc"]
    st.sections, sec_issues = build_sections(st.doc_id, aligned, body, st.parts, toc)
    st.issues.extend(sec_issues)
    st.clauses = find_clauses(st.doc_id, aligned, body, st.sections)


def _metadata(st: DocState) -> None:
    st.metadata, meta_issues = extract_metadata(st.norm.aligned, st.norm.layers, st.parts, st.norm.script,
                                                PageMeta(st.norm.html_meta))
    st.issues.extend(meta_issues)


def _extract(st: DocState) -> None:
    st.knowledge = extract_knowledge(st.doc_id, st.norm.aligned, st.norm.layers, st.parts, st.sections, st.clauses,
                                     st.metadata, st.settings.reader)
    st.issues.extend(st.knowledge.issues)


STAGES: tuple[StageSpec, ...] = (
    StageSpec("decode", ("decoded", "media"), _decode),
    StageSpec("normalize", ("is_html", "norm"), _normalize),
    StageSpec("segment", ("parts", "sections", "clauses"), _segment),
    StageSpec("metadata", ("metadata",), _metadata),
    StageSpec("extract", ("knowledge",), _extract),
)
"""The stages in order; each reads only what the ones before it assigned."""


@dataclass(frozen=True)
class RunResult:
    """A document and the seconds each stage took on it."""

    document: Document
    timings: dict[str, float]


def run_stages(data: bytes, *, path: str | None = None, url: str | None = None, content_type: str | None = None,
               settings: Settings = DEFAULT, stages: tuple[StageSpec, ...] | None = None) -> RunResult:
    """Pass one document through the stages, timing each; a stage that raises fails the document, not the batch.

    :class:`InputError` (not a notice at all: empty, binary, too large) propagates.
    """
    with _collector_paused():
        return _run(data, path, url, content_type, settings, stages)


# The cyclic garbage collector is paused while a document is extracted. On a long input its full
# passes over a heap that grows with the document made the notice super-linear (measured on seeds
# 000-002 repeated: the collector took 0.2 s of 1.3 s at 1 MB and 1.2 s of 5.5 s at 4 MB; with it
# paused 4 MB costs 3.95x 1 MB, not 4.3x, at the same peak RSS). On short ones it scanned, again and
# again, objects the document frees itself when it is done: paused for every document, two passes
# over corpus/ take 1.5 % fewer instructions (callgrind, 16.81 G against 16.57 G). The stages build
# no reference cycles of note; whatever there is gets collected as soon as the collector runs again
# (issue 18).


@contextmanager
def _collector_paused() -> Iterator[None]:
    pause = gc.isenabled()
    if pause:
        gc.disable()
    try:
        yield
    finally:
        if pause:
            gc.enable()


def _run(data: bytes, path: str | None, url: str | None, content_type: str | None, settings: Settings,
         stages: tuple[StageSpec, ...] | None) -> RunResult:
    st = DocState(data, path, url, content_type, settings, hashlib.sha256(data).hexdigest()[:16])
    timings: dict[str, float] = {}
    failed = False
    for stage in STAGES if stages is None else stages:
        t0 = time.perf_counter()
        try:
            stage.run(st)
            unset = [name for name in stage.assigns if name not in st.assigned]
            if unset:
                raise RuntimeError(f"stage {stage.name} did not assign {', '.join(unset)}")
        except InputError:
            raise
        except Exception as e:  # noqa: BLE001 - one stage's bug fails this document with its reason, never the batch
            st.issues.append(issue("E904", stage.name, f"in stage {stage.name}: {describe_internal(e)}"))
            failed = True
            break
        finally:
            timings[stage.name] = time.perf_counter() - t0
    return RunResult(_build_document(st, failed), timings)


def _build_document(st: DocState, failed: bool) -> Document:
    """The model from whatever the stages assigned; a failed document keeps what was read before the failure."""
    raw = st.decoded.text if st.decoded else st.data.decode("utf-8", "replace")
    aligned = st.norm.aligned if st.norm else AlignedText(raw)
    metadata = st.metadata or Metadata(
        level=LevelField(value="unknown", source="none", evidence="not read: the document failed before metadata"),
        script=st.norm.script if st.norm else "simplified",
        truncated=FlagField(value=False, source="none", evidence="not read"))
    layers = [aligned.build(Layer, kind=m.kind, rule=m.rule, span=(m.start, m.end)) for m in (st.norm.layers if st.norm else [])]
    if failed:
        status = "failed"
    elif metadata.truncated.value or any(i.code in ("W101", "W113", "W114") for i in st.issues):
        status = "partial"
    else:
        status = "ok"
    decoded = st.decoded or Decoded(raw, "utf-8", "fallback", None, ())
    source = SourceRecord(
        path=st.path, url=st.url, sha256=hashlib.sha256(st.data).hexdigest(), size=len(st.data),
        media_type=st.media or ("text/html" if st.is_html else "text/plain"), encoding=decoded.encoding,
        encoding_source=decoded.source, declared_encoding=decoded.declared,
    )
    k = st.knowledge or Knowledge()
    return Document(
        doc_id=st.doc_id, source=source, raw_text=raw, text=aligned.text, edits=aligned.edits(), layers=layers,
        metadata=metadata, parts=st.parts, sections=st.sections, clauses=st.clauses, requirements=k.requirements,
        thresholds=k.thresholds, figures=k.figures, citations=k.citations, dates=k.dates, issues=st.issues, status=status,
    )


def extract_path(path: str | Path, settings: Settings = DEFAULT) -> Document:
    p = Path(path)
    try:
        data = p.read_bytes()
    except OSError as e:
        raise InputError("E901", f"cannot read: {e.strerror or e}") from e
    return extract_bytes(data, path=str(path), settings=settings)


@dataclass(frozen=True)
class Outcome:
    """One input of a batch: a document, or why there is none; a failed document comes with its error."""

    path: str
    document: Document | None
    error_code: str | None = None
    error: str | None = None


def expand_inputs(paths: Iterable[str | Path]) -> list[Path]:
    """Files as given; folders walked (sorted) for notice files."""
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            out.extend(sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in INPUT_SUFFIXES))
        else:
            out.append(p)
    return out


def run_one(path: str | Path, settings: Settings = DEFAULT) -> Outcome:
    """One input of a batch: its document (a failed one with its error), or the code and reason
    it has none. Never raises for a bad document (module-level, so a process pool can run it)."""
    p = Path(path)
    try:
        doc = extract_path(p, settings)
    except InputError as e:
        return Outcome(str(p), None, e.code, str(e))
    except Exception as e:  # noqa: BLE001 - a batch survives any one document (a bug outside the stages)
        return Outcome(str(p), None, "E904", describe_internal(e))
    failure = next((i for i in doc.issues if i.severity == "error"), None) if doc.status == "failed" else None
    return Outcome(str(p), doc, failure.code if failure else None, failure.message if failure else None)


def _crashed(path: str | Path, message: str) -> Outcome:
    return Outcome(str(path), None, "E904", message)


run_one.on_crash = _crashed  # type: ignore[attr-defined] - what a process pool reports when a worker dies on it


def run_all(paths: Iterable[str | Path], settings: Settings = DEFAULT,
            mapper: Callable[[Callable[[Path], Outcome], Iterable[Path]], Iterator[Outcome]] = map) -> Iterator[Outcome]:
    """Process many inputs in order; one bad document never stops the batch. ``mapper`` runs
    them elsewhere (``extractor.scale``: a process pool, a Dask cluster), results in order."""
    yield from mapper(functools.partial(run_one, settings=settings), expand_inputs(paths))
