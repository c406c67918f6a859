"""Word segmentation and the rule-based spaCy pipeline.

spaCy runs as ``spacy.blank("zh")`` with its tokenizer replaced by our own jieba
segmenter: a private dictionary instance (jieba's global tokenizer, which spaCy's zh
tokenizer would share, is never touched) carrying the policy user dictionary of
:mod:`extractor.data.vocab`. Segmentation runs with HMM new-word discovery off:
on policy text the HMM glues function words to their neighbours (``2017年须`` becomes
``年须``, hiding the modal 须), and dictionary-only cutting is deterministic.

Backends: ``rjieba`` (jieba-rs, the same dictionary and algorithm, ~12x faster) when
installed, else jieba itself. ``tests/test_tokens.py`` checks that both give the same
tokens on every clause of the corpus. Nothing is loaded at import time.
"""

from __future__ import annotations

import importlib.machinery
import importlib.util
import sys
import threading
import types
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate, compress, count
from typing import TYPE_CHECKING, Any, NamedTuple

from extractor.data.vocab import ACTOR_SUFFIXES, ACTOR_WORDS, EXTRA_MODAL_WORDS, MODAL_WORDS, USER_WORDS

if TYPE_CHECKING:
    from spacy.language import Language

_LOCK = threading.Lock()


class Segmenter:
    """A jieba-compatible word cutter with the policy user dictionary loaded."""

    def __init__(self, backend: str = "auto") -> None:
        self.backend = backend
        self._cut: Callable[[str], list[str]] | None = None
        self._cut_for_search: Callable[[str], list[str]] | None = None
        self._tag: Callable[[str], list[tuple[str, str]]] | None = None

    def _load(self) -> Callable[[str], list[str]]:
        with _LOCK:
            if self._cut is not None:
                return self._cut
            backend = self.backend
            if backend in ("auto", "rjieba"):
                try:
                    jieba_class = _rjieba_class()
                except ImportError:
                    if backend == "rjieba":
                        raise
                    backend = "jieba"
                else:
                    rj = jieba_class()
                    for w, f, t in USER_WORDS:
                        rj.add_word(w, f, t)
                    self._cut = lambda s: rj.cut(s, False)
                    self._cut_for_search = lambda s: rj.cut_for_search(s, False)
                    self._tag = lambda s: rj.tag(s, False)
                    self.backend = "rjieba"
                    return self._cut
            import jieba

            tok = jieba.Tokenizer()
            tok.initialize()
            for w, f, t in USER_WORDS:
                tok.add_word(w, f, t)
            self._cut = lambda s: tok.lcut(s, HMM=False)
            self._cut_for_search = lambda s: tok.lcut_for_search(s, HMM=False)
            from jieba.posseg import POSTokenizer

            pos = POSTokenizer(tok)
            self._tag = lambda s: [(p.word, p.flag) for p in pos.lcut(s, HMM=False)]
            self.backend = "jieba"
            return self._cut

    def cut(self, text: str) -> list[str]:
        """Words of ``text``; they join back to it exactly."""
        return (self._cut or self._load())(text)

    def cut_for_search(self, text: str) -> list[str]:
        """Words of ``text`` plus the dictionary words inside the long ones (jieba's search mode):
        监事会 gives 监事 and 监事会, so a search for 监事 finds it. For indexing, not for offsets."""
        if self._cut_for_search is None:
            self._load()
        return self._cut_for_search(text)  # type: ignore[misc]

    def tag(self, text: str) -> list[tuple[str, str]]:
        """(word, part of speech) pairs of ``text`` (jieba's tag set: n noun, v verb, p preposition …)."""
        if self._tag is None:
            self._load()
        assert self._tag is not None
        return self._tag(text)


def _rjieba_class() -> type:
    """rjieba's ``Jieba`` class, loaded from its extension module without running the package's
    ``__init__``, which builds a default dictionary at import (0.15 s) that polex never uses:
    the one segmenter polex needs is built once, with the policy user dictionary (issue 18).
    """
    if "rjieba" in sys.modules:  # imported by someone else already: nothing left to save
        return sys.modules["rjieba"].Jieba  # type: ignore[no-any-return]
    spec = importlib.util.find_spec("rjieba")  # locates the package without executing it
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("rjieba is not installed")
    name = "rjieba.rjieba"
    if name not in sys.modules:
        ext = importlib.machinery.PathFinder.find_spec(name, list(spec.submodule_search_locations))
        if ext is None or ext.loader is None:
            raise ImportError("rjieba's extension module is missing")
        module = importlib.util.module_from_spec(ext)
        ext.loader.exec_module(module)
        sys.modules[name] = module  # a later ``import rjieba`` reuses it
    return sys.modules[name].Jieba  # type: ignore[no-any-return]


def import_spacy() -> types.ModuleType:
    """``import spacy`` without ``spacy.cli``.

    spaCy's ``__init__`` imports ``spacy.cli.info`` for its ``spacy.info`` helper, and with it
    the whole command-line stack (typer, rich, jinja2, weasel, requests, …): about a third of
    the CPU of a short ``polex extract`` (issue 18). A stand-in ``spacy.cli.info`` is in place
    only while spaCy's ``__init__`` runs; ``spacy.info`` then imports the real CLI on its first
    call, and so does any later ``import spacy.cli``.
    """
    if "spacy" in sys.modules:
        return sys.modules["spacy"]
    cli = types.ModuleType("spacy.cli")
    cli.__path__ = []  # a package, as far as the import system is concerned
    info_mod = types.ModuleType("spacy.cli.info")

    def info(*args: Any, **kwargs: Any) -> Any:
        from spacy.cli.info import info as real_info

        return real_info(*args, **kwargs)

    info_mod.info = info  # type: ignore[attr-defined]
    sys.modules.setdefault("spacy.cli", cli)
    sys.modules.setdefault("spacy.cli.info", info_mod)
    try:
        import spacy
    finally:
        for name, stub in (("spacy.cli.info", info_mod), ("spacy.cli", cli)):
            if sys.modules.get(name) is stub:
                del sys.modules[name]
    if getattr(spacy, "cli", None) is cli:
        delattr(spacy, "cli")
    return spacy


_SEGMENTERS: dict[str, Segmenter] = {}


def get_segmenter(backend: str = "auto") -> Segmenter:
    """One shared segmenter per backend ('auto', 'rjieba', 'jieba'), loaded on first use."""
    if backend not in _SEGMENTERS:
        _SEGMENTERS[backend] = Segmenter(backend)
    return _SEGMENTERS[backend]


class _SpacyTokenizer:
    """spaCy tokenizer protocol over a :class:`Segmenter` (white space kept as tokens)."""

    def __init__(self, vocab: Any, segmenter: Segmenter) -> None:
        self.vocab = vocab
        self.segmenter = segmenter

    def __call__(self, text: str) -> Any:
        from spacy.tokens import Doc  # spaCy is imported (without its CLI) by get_nlp

        words = [w for w in self.segmenter.cut(text) if w]
        doc = Doc(self.vocab, words=words, spaces=[False] * len(words))
        doc.user_data["words"] = words  # lets the components read words without building Token objects
        return doc


def _actor_patterns() -> list[dict[str, Any]]:
    """Phrase patterns of the EntityRuler: the named actors of :data:`ACTOR_WORDS`."""
    return [{"label": "ACTOR", "pattern": w} for w in ACTOR_WORDS]


_ACTOR_LEADS = frozenset({"各", "各级", "全国", "省", "市", "区", "县", "省级", "市级", "县级", "有关", "相关", "地方", "基层", "各区", "各市"})
# a body word after one to three words naming what kind of body: 公共租赁住房运营单位, 试点地区
_ACTOR_HEADS = frozenset({"单位", "部门", "机构", "政府", "人民政府", "办事处", "委员会", "科协", "学会", "协会", "幼儿园",
                          "学校", "高校", "医院", "企业", "医疗机构", "社会组织", "服务机构", "地区", "地方"})
# a single word ending like a body (民政局, 教育部门); two-character words (部署, 干部, 全部) are not bodies
_ACTOR_WORD_END = tuple(x for x in ACTOR_SUFFIXES if len(x) > 1) + ("局", "厅", "委")


class _ActorShapes:
    """Actors the phrase list cannot name, read off word shapes; runs after the named actors.

    One pass over the words with a per-string cache: the token-pattern version of the
    same rules (REGEX predicates in the EntityRuler) cost half the extraction time.
    """

    def __init__(self) -> None:
        self._shape: dict[str, int] = {}  # 2 head word, 1 body-like word, 0 neither

    def _kind(self, word: str) -> int:
        k = self._shape.get(word)
        if k is None:
            k = 2 if word in _ACTOR_HEADS else 1 if len(word) >= 3 and word.endswith(_ACTOR_WORD_END) else 0
            self._shape[word] = k
        return k

    def find(self, words: list[str], taken: set[int], candidates: Iterable[int] | None = None) -> list[tuple[int, int]]:
        """(start, end) word spans of body-shaped actors; ``taken`` holds the words of named actors.
        ``candidates``: the indices worth looking at (every word when None)."""
        kind_of = self._kind
        found = []
        for i in range(len(words)) if candidates is None else candidates:
            word = words[i]
            kind = kind_of(word)
            if kind == 0 or i in taken:
                continue
            start = i
            if kind == 2:
                while start > 0 and i - start < 3 and start - 1 not in taken and _is_han_word(words[start - 1]):
                    start -= 1
                if start == i:
                    continue
            elif start > 0 and words[start - 1] in _ACTOR_LEADS:
                start -= 1
            found.append((start, i + 1))
        return found


class _ActorComponent:
    """spaCy component over :class:`_ActorShapes`; runs after the EntityRuler."""

    def __init__(self) -> None:
        self.shapes = _ActorShapes()

    def __call__(self, doc: Any) -> Any:
        from spacy.tokens import Span as SpacySpan
        from spacy.util import filter_spans

        words = doc.user_data.get("words") or [t.text for t in doc]
        taken = {i for e in doc.ents for i in range(e.start, e.end)}
        found = [SpacySpan(doc, s, e, label="ACTOR") for s, e in self.shapes.find(words, taken)]
        if found:
            doc.ents = filter_spans(list(doc.ents) + found)
        return doc


def _is_han_word(w: str) -> bool:
    return len(w) >= 2 and all("\u4e00" <= c <= "\u9fff" for c in w)


_GLUED_MODALS: tuple[tuple[str, str], ...] = (
    ("积极", "encouragement"), ("努力", "encouragement"), ("鼓励", "encouragement"),
    ("严禁", "prohibition"), ("必须", "obligation"), ("务必", "obligation"), ("不得", "prohibition"),
)
# 须 glued to a one-character verb is the modal word (考生|须持|身份证…: probes30 t12's duty had none); these are not
_XU_NOUNS = frozenset({"须知", "须臾", "须要", "须眉", "须发"})
_SUPPORT_NOUN_BEFORE = frozenset({"给予", "予以", "专项", "财政", "政策", "资金", "提供", "和", "的"})
_SUPPORT_NOUN_AFTER = frozenset({"计划", "工程", "项目", "体系", "专项", "基金"})
# 应对 is one word to the segmenter (to cope with: 应对疫情); before a thing and then one of these verbs it is
# 应 + the preposition 对: 推荐单位应对申报材料进行审核 (probes27: the duty had no modal word)
_DUI_PREDICATES = frozenset({"进行", "开展", "实行", "实施", "给予", "予以", "作出", "做出", "加强", "严格", "认真", "逐一",
                             "审核", "审查", "核实", "复核", "把关", "负责", "承担"})
# 应 + a verb + one of these heads is a participle naming who or what is due, not a modal word: 应参保人员 (the
# persons to be insured; probes29 t12 除职工基本医疗保险应参保人员以外的…), 应纳税所得额, 其应缴费额; as is 应缴未缴
_DUE_HEADS = frozenset({"人员", "对象", "所得额", "额", "金额", "数额", "款", "款项", "基数", "税额"})


class _ModalRules:
    """The two guards on a matched modal word, and the adverbs glued to their verb."""

    def __init__(self) -> None:
        self._glued: dict[str, tuple[str, str] | None] = {}

    @staticmethod
    def keep(word: str, prev: str, nxt: str, after: str = "") -> bool:
        """Whether the modal word ``word`` between ``prev`` and ``nxt`` (then ``after``) is read as one."""
        if word == "应" and (after in _DUE_HEADS or after == "未"):
            return False
        # 一般 softens a limit only before a verb or comparator (一般不超过, 一般为); in 一般诊疗费
        # or 一般抗贫血药物 it is an adjective (corpus 13, 17)
        if word == "一般" and not (nxt.startswith(("不", "为", "应", "由", "在", "控制", "按", "以", "须", "要", "可")) or nxt in ("超过",)):
            return False
        # 给予支持, 专项支持: 支持 as a noun, not an encouragement (corpus 23)
        # 重点支持单户担保金额500万元及以下的小微企业 (corpus-dev 004 5.): the content verb of the guarantee
        # institutions' duty, not the issuer's encouragement
        # 乡村振兴人才支持计划 (probes27 h04): 支持 in a programme's or a policy's name
        return not (word == "支持" and (prev in _SUPPORT_NOUN_BEFORE or prev == "重点" or not nxt or not nxt[0].isalpha()
                                        or nxt in _SUPPORT_NOUN_AFTER))

    def glued(self, word: str) -> tuple[str, str] | None:
        """(adverb, modality) of a word that starts with a modal adverb: 积极参与, 努力打造, 严禁擅自 (seed 000 item
        14); and 应对, which :meth:`spans` keeps only as 应 + 对 (:data:`_DUI_PREDICATES`)."""
        if word not in self._glued:
            self._glued[word] = ("应", "obligation") if word == "应对" else \
                ("须", "obligation") if len(word) == 2 and word[0] == "须" and word not in _XU_NOUNS else \
                next(((p, m) for p, m in _GLUED_MODALS if word.startswith(p) and len(word) > len(p)), None)
        return self._glued[word]

    def spans(self, words: list[str], matches: Iterable[tuple[str, int, int]],
              candidates: Iterable[int] | None = None) -> list[tuple[str, str, int, int]]:
        """(modality, word, start, end) of the modal words, by start: the phrase ``matches``
        (modality, start, end) that pass the guards, then the glued adverbs (looked for at
        ``candidates``, every word when None)."""
        spans = []
        for mid, s, e in matches:
            word = "".join(words[s:e])
            if self.keep(word, words[s - 1] if s > 0 else "", words[e] if e < len(words) else "",
                         words[e + 1] if e + 1 < len(words) else ""):
                spans.append((mid, word, s, e))
        taken = {sp[2] for sp in spans}
        for i in range(len(words)) if candidates is None else candidates:
            if i not in taken:
                glued = self.glued(words[i])
                if glued and (words[i] != "应对" or not _DUI_PREDICATES.isdisjoint(words[i + 2 : i + 14])):
                    spans.append((glued[1], glued[0], i, i + 1))
        spans.sort(key=lambda sp: sp[2])
        return spans


class _ModalComponent:
    """Puts every modal word of :data:`MODAL_WORDS` in ``doc.spans["modal"]``, labelled with its modality."""

    def __init__(self, nlp: Language) -> None:
        from spacy.matcher import PhraseMatcher

        self.rules = _ModalRules()
        self.matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        for word, modality in MODAL_WORDS + EXTRA_MODAL_WORDS:
            self.matcher.add(modality, [nlp.make_doc(word)])

    def __call__(self, doc: Any) -> Any:
        from spacy.tokens import Span as SpacySpan

        words = doc.user_data.get("words") or [t.text for t in doc]
        strings = doc.vocab.strings
        found = self.rules.spans(words, ((strings[mid], s, e) for mid, s, e in self.matcher(doc)))
        doc.spans["modal"] = [SpacySpan(doc, s, e, label=mid, span_id=word) for mid, word, s, e in found]
        return doc


def _register_components() -> None:
    from spacy.language import Language as SpacyLanguage

    if not SpacyLanguage.has_factory("polex_modality"):
        SpacyLanguage.factory("polex_modality", func=lambda nlp, name: _ModalComponent(nlp))
    if not SpacyLanguage.has_factory("polex_actors"):
        SpacyLanguage.factory("polex_actors", func=lambda nlp, name: _ActorComponent())


@lru_cache(maxsize=2)
def get_nlp(backend: str = "auto") -> Language:
    """The policy pipeline: jieba tokens, an EntityRuler for named actors, a shape-based actor
    component, and a PhraseMatcher for modal words.

    Actors land in ``doc.ents`` (label ACTOR), modal words in ``doc.spans["modal"]``.
    """
    spacy = import_spacy()
    _register_components()
    nlp = spacy.blank("zh")
    nlp.tokenizer = _SpacyTokenizer(nlp.vocab, get_segmenter(backend))
    ruler = nlp.add_pipe("entity_ruler", config={"phrase_matcher_attr": "ORTH"})
    ruler.add_patterns(_actor_patterns())
    nlp.add_pipe("polex_actors")
    nlp.add_pipe("polex_modality")
    return nlp


class WordSpan(NamedTuple):
    """A modal word or an actor found by :class:`WordReader`, in character offsets of the text read.

    ``word`` is the modal word itself (for a glued adverb such as 积极 in 积极参与, the adverb
    alone, while ``text`` is the whole token); empty for actors. A tuple: thousands per notice,
    built faster than a frozen dataclass (issue 18).
    """

    label: str
    word: str
    text: str
    start_char: int
    end_char: int


@dataclass(frozen=True)
class WordReading:
    """What :class:`WordReader` read in one text: its words, the modal words, the actors (each in text order)."""

    words: list[str]
    modals: list[WordSpan]
    actors: list[WordSpan]


class _PhraseTable:
    """Phrases as word sequences, found in a word list the way spaCy's ``PhraseMatcher`` on ORTH
    finds them: every occurrence, by start, shorter before longer at the same start."""

    def __init__(self) -> None:
        self._by_first: dict[str, list[tuple[int, tuple[str, ...], list[str]]]] = {}

    def add(self, label: str, words: list[str]) -> None:
        if not words:
            return
        entries = self._by_first.setdefault(words[0], [])
        key = tuple(words)
        for n, ws, labels in entries:
            if ws == key:
                if label not in labels:
                    labels.append(label)
                return
        entries.append((len(key), key, [label]))
        entries.sort(key=lambda x: x[0])

    def starts_phrase(self, word: str) -> bool:
        return word in self._by_first

    def find(self, words: list[str], candidates: Iterable[int] | None = None) -> list[tuple[str, int, int]]:
        """The matches (label, start, end) starting at ``candidates`` (every word when None)."""
        out = []
        by_first = self._by_first
        for i in range(len(words)) if candidates is None else candidates:
            entries = by_first.get(words[i])
            if entries is None:
                continue
            for n, ws, labels in entries:
                if n == 1 or tuple(words[i:i + n]) == ws:
                    out.extend((label, i, i + n) for label in labels)
        return out


def _filter_spans(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Non-overlapping (start, end) spans, longer first, then earlier, as ``spacy.util.filter_spans``; by start."""
    seen: set[int] = set()
    kept = []
    for s, e in sorted(spans, key=lambda sp: (sp[1] - sp[0], -sp[0]), reverse=True):
        if s not in seen and e - 1 not in seen:
            kept.append((s, e))
            seen.update(range(s, e))
    return sorted(kept)


class WordReader:
    """The modal and actor reading of :func:`get_nlp`, done on the segmenter's words in plain Python.

    The same words, the same phrase lists and the same rules as the spaCy pipeline, and the same
    spans (``tests/test_tokens.py`` compares the two on every corpus clause). What it saves is
    spaCy itself: ``import spacy`` alone costs more CPU than the whole of a short ``polex
    extract`` may (0.43 s for its Vocab, Doc and matchers without ``spacy/__init__``, 0.52 s for
    the package, against a target of 0.4 s for the command; issue 18), and building a Doc per
    chunk of clauses was half of the reading time in ``polex run``.

    >>> r = get_reader()("各学会应在换届时合理设置理事会")
    >>> [(m.label, m.word) for m in r.modals], [a.text for a in r.actors]
    ([('obligation', '应')], ['各学会', '理事会'])
    """

    def __init__(self, segmenter: Segmenter) -> None:
        self.segmenter = segmenter
        self._actors = _PhraseTable()
        for pattern in _actor_patterns():
            self._actors.add(pattern["label"], [w for w in segmenter.cut(pattern["pattern"]) if w])
        self._modals = _PhraseTable()
        for word, modality in MODAL_WORDS + EXTRA_MODAL_WORDS:
            self._modals.add(modality, [w for w in segmenter.cut(word) if w])
        self._shapes = _ActorShapes()
        self._rules = _ModalRules()
        self._cue: dict[str, bool] = {}  # word -> may start a phrase, be body-shaped or hold a glued adverb

    def _is_cue(self, word: str) -> bool:
        cue = bool(self._actors.starts_phrase(word) or self._modals.starts_phrase(word)
                   or self._shapes._kind(word) or self._rules.glued(word))
        self._cue[word] = cue
        return cue

    def __call__(self, text: str) -> WordReading:
        words = self.segmenter.cut(text)
        if "" in words:  # (the segmenter gives no empty word on any corpus text; one test in C says so)
            words = [w for w in words if w]
        starts = list(accumulate(map(len, words), initial=0))  # starts[i]: offset of word i; starts[-1]: the end
        # one pass picks the few words any rule may start at (cached per word); the rules look only there.
        # The cache is read by map() and the flags turned into positions by compress(), both in C: a
        # Python step per word was 2 % of the pipeline's CPU over corpus/ (issue 18)
        flags = list(map(self._cue.get, words))
        if None in flags:  # words not seen before: asked once, then cached
            is_cue = self._is_cue
            flags = [is_cue(w) if c is None else c for w, c in zip(words, flags)]
        at = list(compress(count(), flags))
        # the EntityRuler: named actors, longest first, then leftmost, never overlapping
        named = _filter_spans([(s, e) for _, s, e in self._actors.find(words, at)])
        taken = {i for s, e in named for i in range(s, e)}
        actors = _filter_spans(named + self._shapes.find(words, taken, at))  # then the body-shaped ones
        modals = self._rules.spans(words, self._modals.find(words, at), at)
        return WordReading(
            words,
            [WordSpan(m, word, "".join(words[s:e]), starts[s], starts[e]) for m, word, s, e in modals],
            [WordSpan("ACTOR", "", "".join(words[s:e]), starts[s], starts[e]) for s, e in actors],
        )


class SpacyReader:
    """The same reading through the spaCy pipeline of :func:`get_nlp` (``--reader spacy``): a
    ``Doc`` per text, its ``ents`` and ``spans["modal"]`` handed back as a :class:`WordReading`.

    >>> r = SpacyReader(get_segmenter())("各学会应在换届时合理设置理事会")
    >>> [(m.label, m.word) for m in r.modals], [a.text for a in r.actors]
    ([('obligation', '应')], ['各学会', '理事会'])
    """

    def __init__(self, segmenter: Segmenter) -> None:
        self.nlp = get_nlp(segmenter.backend)

    def __call__(self, text: str) -> WordReading:
        doc = self.nlp(text)
        return WordReading(
            doc.user_data["words"],
            [WordSpan(s.label_, s.id_, s.text, s.start_char, s.end_char) for s in doc.spans["modal"]],
            [WordSpan("ACTOR", "", e.text, e.start_char, e.end_char) for e in doc.ents if e.label_ == "ACTOR"],
        )


_READERS: dict[tuple[str, str], Callable[[str], WordReading]] = {}


def get_reader(backend: str = "auto", kind: str = "words") -> Callable[[str], WordReading]:
    """One shared reader per segmenter backend and kind (``words``: :class:`WordReader`;
    ``spacy``: :class:`SpacyReader`), built on first use."""
    if (backend, kind) not in _READERS:
        if kind not in ("words", "spacy"):
            raise ValueError(f"reader {kind!r}: words or spacy")
        _READERS[backend, kind] = (SpacyReader if kind == "spacy" else WordReader)(get_segmenter(backend))
    return _READERS[backend, kind]
