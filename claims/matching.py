"""Matching claims across articles: signatures and scores (pure: no database).

A claim's *signature* is what its mentions say in normal form: the figures (kind, value,
unit, qualifier), the ISO dates and the speaker. Two claims are compared by text similarity
(rapidfuzz, with numbers masked so that "2,000 flights" and "2,600 flights" read alike)
together with how their signatures agree:

- `same`: the texts agree and so do the figures;
- `conflict`: the texts agree and the figures about the same unit, or the dates, differ;
- `related`: the texts agree well but there are no figures to compare.

Claims that name different people or places ("Boeing reported a loss of $1.4 billion" and
"Intel reported a loss of $1.6 billion") and figures about different things (the same
number of flights and of hospitals) are look-alikes: no match (None). The thresholds favour
precision: a false link costs a reviewer more than a missed one.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Protocol

from rapidfuzz import fuzz, process

FIGURE_KINDS = ("count", "money", "percent", "measure")
#: text similarity (0-1) a pair needs for each relation
SAME_TEXT = 0.62
CONFLICT_TEXT = 0.72
COPY_TEXT = 0.90
RELATED_TEXT = 0.72
#: figures closer than this (relative) are the same figure
VALUE_TOLERANCE = 0.005
_NUMBER = re.compile(r"[$€£¥]?\d[\d,.]*(?:\s?(?:%|percent|bn|billion|million|m|k|trillion))?")
_WORD = re.compile(r"[^\W\d_]+")
STOPWORDS = frozenset("""
a about after against all also an and any are as at be been before being but by can
could did do does during each for from had has have he her hers him his how i if in into
is it its just least less many may more most much mr mrs ms my near no nor not of off on
once only or other our out over said says same say she should since so some such than
that the their them then there these they this those through to too under until up very
was we were what when where which while who whom why will with would you your
""".split())  # noqa: SIM905
QUERY_WORDS = 6


class MentionLike(Protocol):
    """What a signature needs of a mention (stored `Mention` rows and extracted ones); read
    only, so plain rows qualify too."""

    @property
    def kind(self) -> str: ...
    @property
    def value(self) -> float | None: ...
    @property
    def unit(self) -> str | None: ...
    @property
    def qualifier(self) -> str | None: ...
    @property
    def speaker(self) -> str | None: ...


@dataclass(frozen=True, slots=True)
class Figure:
    kind: str
    value: float
    unit: str
    qualifier: str

    @property
    def topic(self) -> str:
        """What the figure counts: figures are only compared with figures of the same topic."""
        return f"{self.kind}:{self.unit}"

    def describe(self) -> str:
        value = int(self.value) if self.value.is_integer() else self.value
        return " ".join(str(part) for part in (value, self.unit, self.qualifier) if part)

    def token(self) -> str:
        """The figure as one word for the text index (letters and digits only)."""
        digits = re.sub(r"\W", "", f"{self.value:g}")
        return f"f{digits}{re.sub(r'[^a-z0-9]', '', self.unit.lower())}"


@dataclass(frozen=True, slots=True)
class Signature:
    figures: tuple[Figure, ...] = ()
    dates: tuple[str, ...] = ()
    speaker: str | None = None
    #: what the figures count (kind and unit), computed once
    topics: frozenset[str] = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "topics", frozenset(f.topic for f in self.figures))

    def to_json(self) -> str:
        return json.dumps({"figures": [[f.kind, f.value, f.unit, f.qualifier]
                                       for f in self.figures],
                           "dates": list(self.dates), "speaker": self.speaker})

    @classmethod
    def from_json(cls, text: str) -> Signature:
        return _signature_from_json(text)

    @classmethod
    def _parse(cls, text: str) -> Signature:
        data = json.loads(text)
        return cls(tuple(Figure(k, float(v), u, q) for k, v, u, q in data["figures"]),
                   tuple(data["dates"]), data["speaker"])

    def figures_key(self) -> str:
        """A short, sortable key of the figures (kept in an indexed column)."""
        return " ".join(sorted({f.token() for f in self.figures}))[:500]

    def tokens(self) -> list[str]:
        return [f.token() for f in self.figures] + ["d" + d.replace("-", "") for d in self.dates]


@lru_cache(maxsize=65_536)
def _signature_from_json(text: str) -> Signature:
    """Signatures are read many times while matching (a claim is many claims' candidate)."""
    return Signature._parse(text)


def normal_speaker(name: str | None) -> str | None:
    if not name:
        return None
    return " ".join(_WORD.findall(name.lower())) or None


def signature_of(mentions: Iterable[MentionLike], dates: Iterable[str | None] = ()) -> Signature:
    """The normalised signature of a claim's mentions; `dates` are their ISO dates."""
    figures: set[Figure] = set()
    speaker = None
    for mention in mentions:
        if mention.kind in FIGURE_KINDS and mention.value is not None:
            figures.add(Figure(mention.kind, float(mention.value), (mention.unit or "").lower(),
                               mention.qualifier or "exact"))
        speaker = speaker or normal_speaker(mention.speaker)
    iso = sorted({d[:10] for d in dates if d and re.match(r"\d{4}-\d{2}-\d{2}", d)})
    return Signature(tuple(sorted(figures, key=lambda f: (f.topic, f.value))), tuple(iso),
                     speaker)


def masked_words(text: str) -> list[str]:
    """The claim's content words, lower case, numbers dropped, stopwords removed."""
    return [w for w in _WORD.findall(_NUMBER.sub(" ", text.lower()))
            if w not in STOPWORDS and len(w) > 1]


def index_words(text: str, signature: Signature) -> str:
    """What the inverted index holds for a claim: distinct content words, then figure and date
    tokens (so that a repeated figure finds its earlier claims even when reworded)."""
    words = list(dict.fromkeys(masked_words(text)))
    return " ".join(words + signature.tokens())


TERM_LENGTH = 64
_TOKEN = re.compile(r"[fd]\d\w*")


def terms_of(words: str) -> list[str]:
    """The distinct terms the inverted index holds for a claim's index words."""
    return list(dict.fromkeys(w[:TERM_LENGTH] for w in words.split()))


def query_words(words: str, counts: Mapping[str, int] | None = None,
                common: int | None = None) -> list[str]:
    """The words a candidate search pairs up: the rarest on the desk first (`counts`: how
    many claims hold each word; words held by more than `common` claims are left out),
    then figure and date tokens (rare and telling), then the longest content words (the
    most telling in news copy)."""
    known = counts or {}
    terms = [w for w in terms_of(words) if common is None or known.get(w, 0) <= common]
    ranked = sorted(terms, key=lambda w: (known.get(w, 0), not _TOKEN.fullmatch(w), -len(w), w))
    return ranked[:QUERY_WORDS]


def word_pairs(words: list[str]) -> list[tuple[str, ...]]:
    """The clauses of a candidate search: a candidate must share two of `words` (one when
    there is only one), which keeps the index's answer small and its cost flat."""
    if len(words) < 2:
        return [tuple(words)] if words else []
    return [(a, b) for i, a in enumerate(words) for b in words[i + 1 :]]


@lru_cache(maxsize=65_536)
def _masked(text: str) -> str:
    return " ".join(masked_words(text))


def text_similarity(a: str, b: str, cutoff: float = 0.0) -> float:
    """0-1: how alike two claims read, numbers masked, word order ignored. Below `cutoff`
    the answer is only "below" (0.0): rapidfuzz then gives up early, which is faster."""
    left, right = _masked(a), _masked(b)
    if not left or not right:
        return 0.0
    sort = fuzz.token_sort_ratio(left, right, score_cutoff=100 * cutoff) / 100
    subset = fuzz.token_set_ratio(left, right, score_cutoff=100 * cutoff / 0.92) / 100
    return round(max(sort, 0.92 * subset), 3)


LOWEST_TEXT = min(SAME_TEXT, CONFLICT_TEXT, RELATED_TEXT)
#: below this a comparison's text similarity is only "below" (rapidfuzz gives up early)
TEXT_CUTOFF = LOWEST_TEXT - 0.001


def similarities(new: str, olds: list[str]) -> list[float]:
    """`text_similarity(new, old, TEXT_CUTOFF)` for each of `olds`, in two rapidfuzz calls
    for all of them (the same figures, computed in bulk): the many candidates that cannot
    match cost little, and `compare` is given the similarity instead of computing it again."""
    import numpy as np  # rapidfuzz's bulk scores come as numpy arrays (float32 unless asked)

    left, rights = _masked(new), [_masked(text) for text in olds]
    if not left or not rights:
        return [0.0] * len(olds)
    sort = process.cdist([left], rights, scorer=fuzz.token_sort_ratio, dtype=np.float64,
                         score_cutoff=100 * TEXT_CUTOFF)[0]
    subset = process.cdist([left], rights, scorer=fuzz.token_set_ratio, dtype=np.float64,
                           score_cutoff=100 * TEXT_CUTOFF / 0.92)[0]
    scores = [0.0] * len(olds)
    for index in np.flatnonzero((sort > 0) | (subset > 0)).tolist():  # 0: below the cutoff
        # Python floats: numpy rounds by scaling, so round() on its floats can differ
        scores[index] = round(max(float(sort[index]) / 100,
                                  0.92 * (float(subset[index]) / 100)), 3)
    return scores


@dataclass(frozen=True, slots=True)
class Side:
    """One side of a comparison: a claim's text and signature."""

    text: str
    signature: Signature


@dataclass(frozen=True, slots=True)
class Match:
    relation: str
    score: float
    reason: str


@dataclass(slots=True)
class FigureAgreement:
    agree: list[Figure] = field(default_factory=list)
    differ: list[tuple[Figure, Figure]] = field(default_factory=list)

    @property
    def shared(self) -> bool:
        return bool(self.agree or self.differ)


def _close(a: float, b: float) -> bool:
    return abs(a - b) <= VALUE_TOLERANCE * max(abs(a), abs(b), 1e-9)


def compare_figures(a: Signature, b: Signature) -> FigureAgreement:
    """Figures of the same topic (kind and unit) on both sides: equal values pair up first,
    then the values left over on both sides differ."""
    result = FigureAgreement()
    for topic in sorted({f.topic for f in a.figures} & {f.topic for f in b.figures}):
        mine = [f for f in a.figures if f.topic == topic]
        theirs = [f for f in b.figures if f.topic == topic]
        for figure in list(mine):
            same = next((o for o in theirs if _close(o.value, figure.value)), None)
            if same is not None:
                result.agree.append(figure)
                mine.remove(figure)
                theirs.remove(same)
        result.differ += list(zip(mine, theirs, strict=False))
    return result


_NAME = re.compile(r"\b[A-Z][\w’'-]*[a-z][\w’'-]*")
CALENDAR = frozenset("""january february march april may june july august september october
november december monday tuesday wednesday thursday friday saturday sunday""".split())  # noqa: SIM905


@lru_cache(maxsize=65_536)
def names(text: str) -> frozenset[str]:
    """The capitalised words of a claim (who and where it is about), stopwords, months and
    weekdays left out, possessives cut."""
    found = set()
    for name in _NAME.findall(text):
        for word in _WORD.findall(re.split(r"[’']", name.lower())[0]):
            if word not in STOPWORDS and word not in CALENDAR and len(word) > 1:
                found.add(word)
    return frozenset(found)


def different_subjects(a: str, b: str) -> bool:
    """True when both claims name someone or somewhere and share none of those names:
    "Boeing reported a loss of $1.4 billion" is not about "Intel ... $1.6 billion"."""
    left, right = names(a), names(b)
    if not left or not right:
        return False
    # a sentence's first word is capitalised whatever it is: a name counts as shared when
    # the other claim has the word at all ("First-time applications" / "Applications")
    return not (left & _lower_words(b) or right & _lower_words(a))


@lru_cache(maxsize=65_536)
def _lower_words(text: str) -> frozenset[str]:
    return frozenset(_WORD.findall(text.lower()))


def _dates_differ(a: Signature, b: Signature) -> bool:
    return bool(a.dates and b.dates and not set(a.dates) & set(b.dates))


def _speaker_note(a: Signature, b: Signature) -> tuple[str | None, float]:
    if a.speaker and b.speaker:
        if a.speaker == b.speaker or a.speaker in b.speaker or b.speaker in a.speaker:
            return "same speaker", 0.05
        return "another speaker", -0.05
    return None, 0.0


def compare(new: Side, old: Side, text: float | None = None) -> Match | None:
    """How `new` relates to `old`, or None when they are not the same subject. `text`: their
    text similarity if already known (see `similarities`)."""
    if text is None:
        text = text_similarity(new.text, old.text, cutoff=TEXT_CUTOFF)  # rounded to 3 places
    if text < LOWEST_TEXT or _figures_of_other_things(new.signature, old.signature) \
            or different_subjects(new.text, old.text):
        return None
    figures = compare_figures(new.signature, old.signature)
    speaker, bonus = _speaker_note(new.signature, old.signature)
    relation, detail = _relation(new.signature, old.signature, figures, text, bonus)
    if relation is None:
        return None
    notes = [detail] + ([speaker] if speaker else [])
    score = round(min(1.0, max(0.0, 0.7 * text + 0.3 * _agreement(figures) + bonus)), 3)
    return Match(relation, score, f"{', '.join(n for n in notes if n)}; text {text:.2f}"[:300])


def _figures_of_other_things(a: Signature, b: Signature) -> bool:
    """Both claims have figures, and none counts the same thing (kind and unit): no relation
    can follow (`_relation` would say look-alikes), so the rest need not be worked out."""
    return bool(a.figures and b.figures and a.topics.isdisjoint(b.topics))


def _agreement(figures: FigureAgreement) -> float:
    total = len(figures.agree) + len(figures.differ)
    return 1.0 if total == 0 else (len(figures.agree) + 0.5 * len(figures.differ)) / total


def _relation(a: Signature, b: Signature, figures: FigureAgreement, text: float,
              bonus: float) -> tuple[str | None, str]:
    if figures.differ and text + bonus >= CONFLICT_TEXT:
        pairs = "; ".join(f"{x.describe()} vs {y.describe()}" for x, y in figures.differ)
        return "conflict", f"figures differ: {pairs}"
    if figures.agree and not figures.differ:
        agreed = "same figures " + ", ".join(f.describe() for f in figures.agree)
        if _dates_differ(a, b) and text + bonus >= CONFLICT_TEXT:
            return "conflict", f"{agreed}, dates differ: {' '.join(a.dates)} vs " \
                               f"{' '.join(b.dates)}"
        if text + bonus >= SAME_TEXT and not _dates_differ(a, b):
            return "same", agreed
        return None, ""
    if a.figures and b.figures:
        return None, ""  # figures about different things: look-alikes, not the same claim
    if _dates_differ(a, b):
        return ("conflict", f"dates differ: {' '.join(a.dates)} vs {' '.join(b.dates)}") \
            if text + bonus >= COPY_TEXT else (None, "")
    if text + bonus >= RELATED_TEXT:
        return "related", "same subject, no figures to compare"
    return None, ""


def side_from_stored(text: str, signature_json: str) -> Side:
    return Side(text, Signature.from_json(signature_json))


def match_dict(item: dict[str, Any]) -> dict[str, Any]:
    """A match in the JSON contract's key order (claim or external review)."""
    keys: tuple[str, ...] = ("claim_id", "article_id", "relation", "score")
    if "external_id" in item:
        keys = ("external_id", "publisher", "rating", "relation", "score")
    return {key: item[key] for key in keys}
