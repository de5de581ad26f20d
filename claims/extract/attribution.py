"""Quote attribution: who said each quotation, and the cue words that say so.

`claims.extract.quotes` finds the quotations; this module attributes them. The model has
four parts, applied to one quotation at a time, and a rule for silence.

**Candidates** — who can be a source:
  - people, by the full name the article first gives (`claims.extract.names`: titles and
    offices dropped, "German Defense Minister Boris Pistorius" → Boris Pistorius; later
    short forms "Pistorius", "Mr. Saran", "Mindy" map back to the full form);
  - organisations and bodies, named ("Committee to Protect Journalists", "CPJ") or
    described: a body noun speaks for its fullest description ("the city" → "city of
    Venice", "the Chinese embassy in Manila", "police"), a document for who issued it ("a
    press release from X", "X’s statement", "her reply", "the statement continued" → the
    source of the last such statement; "the opinion, written by Justice Ann Lee," → Ann
    Lee), and a role ("the plaintiffs’ attorney") for the one
    person the article names with that role ("attorney Marianne Robak").

**Cues** — words that attribute: speech and statement verbs on either side of the
quotation ("said", "told CNN", "wrote on X", "said in a statement", "posted", "calling"),
"according to", "found that", "concluded that", and a colon after the sentence's subject.
A verb form after a determiner or a possessive is an adjective, not a cue ("its continued
impact"). The cue's span is returned with the speaker (`Attribution.cue`).

**Positions**, in order:
  1. the subject of a cue in the quotation's own sentence, before it ("Meloni said that
     “…”", "The military called the area a “safe zone”") or after it ("“…,” said Ann
     Lee", "“…” and “…,” said Ann Lee", "“…,” Ann Lee, a fellow at X, said in an email");
     a name before a role noun only qualifies the role ("said Red Cross volunteer Ann
     Lee", "said Acme Corp. CEO Ann Lee" → Ann Lee);
  2. then the paragraph: a quotation opening its sentence (after at most a connective,
     "However, “…”") continues the paragraph's other quotation or its earlier cue;
  3. then paragraph continuation: a quotation-only paragraph continues the previous
     paragraph's speaker, or, when that paragraph has no quotation, the person it is about;
  4. a quotation inside another takes the outer speaker, unless a cue inside the outer one
     reports someone else's words, or the inner one is a capitalised name or saying.

**Pronouns** — "he", "she", "it", "they", "who" and "her reply" resolve to the topic of the
nearest earlier sentence that agrees: "he"/"she" only to a person (named with a title, in
full, or seen speaking elsewhere), never to a place such as "Germany"; a possessive person
opening the sentence ("Ann Lee’s shop flooded when she …") if nobody else fits. A "she"
with nobody before it takes the person the next paragraph introduces as a speaker.

**Null** — better than a wrong name: sign text in capitals (“PRESS”), names and titles in
marks (Robert “Kelly” Ortberg), names given with "known as" or "dubbed", quotations in
subheadings, unnamed people ("a spokesperson", "Russian prosecutors", "officials", "one
Republican senator", "a Democratic aide"), documents with no named issuer ("the lawsuit
says", "the judge’s order"), and scare quotes in sentences with no cue.

Context is read at most `_REACH` characters around each quotation, so the time stays
linear in the length of the text however long a paragraph is.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from itertools import pairwise

from claims.extract.names import (
    DEPARTMENTS,
    RUN,
    TITLES,
    Name,
    NameBook,
    follows_office,
    names_in,
    names_of_run,
    word_set,
    word_trie,
)
from claims.extract.types import Cue

_SPEECH = (
    "said says say saying told tells tell telling added adds adding stated posted wrote "
    "writes writing asked asks asking explained explains explaining noted notes noting argued "
    "argues arguing insisted insists insisting warned warns warning claimed claiming alleged "
    "alleges alleging condemned condemns condemning termed called calling described describes "
    "describing praised praises praising voiced tweeted announced announces announcing "
    "declared declares declaring recalled recalls recalling replied responded commented "
    "acknowledged admitted admits conceded concedes suggested suggests predicted predicts "
    "urged urges urging emphasized emphasised stressed stresses cautioned cautions remarked "
    "testified reiterated confirmed confirms denied denies criticized criticised criticizes "
    "criticises quipped joked observed promised vowed pledged complained lamented boasted "
    "contended maintained continued shouted accused accuses blamed hailed slammed decried "
    "dismissed disputed signaled signalled texted emailed messaged reported reports cry cried "
    "cries yelled yells shouted shouts screamed exclaimed whispered pleaded begged questioned "
    "characterized characterised"
)
# One trie for all the words (a word can match at a given start in one way only, so this
# finds what "\b(?:according to|...)\b" finds), behind a quick test of the first letter.
_VERB_WORDS = [*_SPEECH.split(), "according to", "According to", "found that", "concluded that"]
_VERB = re.compile(
    r"\b(?=[" + "".join(sorted({word[0] for word in _VERB_WORDS})) + "])"
    + word_trie(_VERB_WORDS) + r"\b"
)
_NULS = re.compile("\x00+")
# Words that may open a sentence continuing the paragraph's speaker ("However, “…”").
_CONNECTIVE = re.compile(
    r"(?i:however|but|and|still|yet|instead|also|then|later|meanwhile|indeed|so|now|"
    r"moreover|besides|ultimately|finally|again)[ \u00a0]*,?"
)
# A cue verb right after a comma or a closing mark: its subject follows (", said Ann Lee").
_INVERTING = word_set("said says added adds wrote writes continued explained noted insisted "
                      "argued warned stated recalled")
_AFTER_A_QUOTATION = re.compile("[\u201d\"'\u2019\x00,][ \u00a0,]*\\Z")
# A determiner or a possessive right before a verb form makes it an adjective.
_ADJECTIVAL = re.compile(
    r"(?:\b(?:[Tt]he|[Aa]n?|[Ii]ts|[Hh]is|[Hh]er|[Tt]heir)|\w[\u2019']s?)[ \u00a0]+\Z"
)
_COMMON_VERBS = (
    r"(?:said|says|told|tells|added|adds|explained|stated|wrote|writes|noted|notes|posted|"
    r"asked|continued|recalled|insisted|argued|warned)"
)
# A name as the subject of a common speech verb ("Janaki said", "said Janaki").
_SPEAKS_AFTER = re.compile(rf"(?:,[^,\x00]{{1,80}},|,)?[ \u00a0]+{_COMMON_VERBS}\b")
_SPEAKS_BEFORE = re.compile(rf"\b{_COMMON_VERBS}[ \u00a0]+\Z")
_COMMON_TAIL = re.compile(
    rf"[ \u00a0]*(?:(?P<pronoun>he|she)[ \u00a0]+(?:also[ \u00a0]+)?(?P<v1>{_COMMON_VERBS})\b"
    rf"|(?P<v2>{_COMMON_VERBS})[ \u00a0]+(?P<after>{RUN.pattern})"
    rf"|(?P<before>{RUN.pattern})[ \u00a0]+(?:also[ \u00a0]+)?(?P<v3>{_COMMON_VERBS})\b)"
)
# What completes a cue verb: "told| CNN", "said| in a statement", "wrote| on X".
_CUE_TAIL_START = re.compile("[A-Z]|in |on |the ")  # a quick test before `_CUE_TAIL`
_CUE_TAIL = re.compile(
    r"(?<=tol[d])[ \u00a0]+(?:the[ \u00a0]+)?[A-Z][\w.&-]*(?:[ \u00a0]+[A-Z][\w.&-]*){0,2}"
    r"|[ \u00a0]+(?:in|on)[ \u00a0]+(?:(?:a|an|the|its|his|her|their)[ \u00a0]+)?"
    r"(?:[\w-]+[ \u00a0]+){0,2}?(?:statement|release|interview|post|email|letter|filing|"
    r"video|message|X|Facebook|Instagram|Telegram)\b"
)
_PRONOUN = re.compile(r"\b(?:[Hh]e|[Ss]he|[Ii]t|[Tt]hey|who|which)\b")
# Lower-case pronouns, found from a literal first letter (fast); the word start is checked after.
_LOWER_PRONOUN = re.compile(r"(?:he|she|it|they|who|which)\b")
_CAPITAL_PRONOUNS = word_set("He She It They I We")
_CONTRACTED = re.compile(r"(?:He|She|It|They|I|We)[\u2019'](?:s|d|ll|re|ve|m)")
_DESCRIPTORS = re.compile(
    r"(?:(?!(?:in|on|at|to|of|for|from|with|by|that|after|before|during)\b)[a-z0-9][\w-]*"
    r"[ \u00a0]+)"
    r"{0,4}"
)
_COORDINATED = re.compile(r"\b(?:and|but)\s+(?:\w+\s+)?\Z")
# Roles a described person may hold ("the president", "the plaintiffs’ attorney").
_ROLE_TITLES = (
    "president|minister|premier|director|chairman|chairwoman|chair|governor|mayor|senator|"
    "congressman|congresswoman|secretary|ambassador|commissioner|chief|ceo|spokesman|"
    "spokeswoman|spokesperson|judge|justice|king|queen|prince|pope|general|coach|"
    "superintendent|attorney|lawyer|prosecutor|commander|economist|analyst"
)
_TITLE_DESCRIPTION = re.compile(rf"\b[Tt]he\s+(?:[\w\u2019'-]+\s+)?(?i:({_ROLE_TITLES}))\b")
# An office, then who holds it: "the mayor of Kyiv, Vitali Klitschko".
_OFFICE_THEN_NAME = re.compile(
    rf"(?:[Tt]he|[Aa]n?)[ \u00a0]+(?:[\w-]+[ \u00a0]+){{0,3}}?(?i:{_ROLE_TITLES})"
    r"(?:[ \u00a0]+(?:of|for|at)[ \u00a0]+(?:the[ \u00a0]+)?[A-Z][\w-]*(?:[ \u00a0]+[A-Z][\w-]*)*)?"
    r",[ \u00a0]+(?=[A-Z])"
)
# "I" or "we" right before the verb, perhaps with an adverb or auxiliary between.
_FIRST_PERSON_BEFORE = re.compile(r"\b(?:I|[Ww]e)(?:[ \u00a0]+[a-z]+){0,2}[ \u00a0]*\Z")
_WORD = re.compile(r"[\w\u2019']+")
_SENTENCE_END = re.compile(
    "[.!?\u2026][.!?\u2026]*[\"'\u201d\u2019)\\]]*(?=\\s+[\"'\u201c\u201d\u2018(\\[]?[A-Z0-9\u00c0-\u024f\x00])"
)
_ABBREVIATIONS = word_set(
    "mr mrs ms dr prof st gen sen rep gov lt col capt sgt maj adm cmdr ret rev jr sr vs no inc "
    "corp co ltd u.s u.k u.n a.m p.m"
)
_NAMING_WORDS = (
    "known as", "so-called", "dubbed", "nicknamed", "named", "titled", "entitled", "called",
    "labeled", "labelled", "branded",
)
_NAMING_ENDS = tuple(
    f"{word}{article}" for word in _NAMING_WORDS for article in ("", " the", " a", " an")
)
_MINOR_WORDS = word_set("of the and for to in on a an at by with")
_TWO_CAPITALS = re.compile(r"[A-Z].*[A-Z]")
_CLAUSE_MARK = re.compile("[,;:]")
_TO_LAST_BREAK = re.compile("(?s:.*)[.!?\n,;:]")  # ends just after the last clause break
# Lower-case words between two names that make the first a qualifier of the second's role.
_ROLE_BETWEEN = re.compile(r"[ \u00a0]+(?:[a-z-]+[ \u00a0]+){0,2}?([a-z]+)[ \u00a0]+")
_ROLE_NOUNS = word_set("""
    boss head founder owner official officials lawmaker legislator candidate nominee reporter
    correspondent editor journalist analyst economist strategist aide envoy diplomat negotiator
    star player striker manager activist campaigner lawyer prosecutor researcher scientist
    expert whip volunteer worker nurse doctor member staffer organizer organiser coordinator
    representative employee councillor councilor delegate
""")  # besides the titles ("leader", "minister"), which `_modifies` also takes
# An unnamed role holder around a name: "one| Republican |senator", "a| Democratic |aide".
_ROLE_AFTER = re.compile(r"[ \u00a0]+(?:[a-z-]+[ \u00a0]+)?([a-z]+)\b(?![ \u00a0]+[A-Z])")
_INDEFINITE_BEFORE = re.compile(
    r"\b(?:[Oo]ne|[Aa]n?|[Aa]nother|[Tt]wo|[Tt]hree|[Ss]everal|[Ss]ome)[ \u00a0]+"
    r"(?:[a-z-]+[ \u00a0]+){0,2}\Z"
)
_PAIRED = re.compile(r"\s*(?:\([^)]*\)\s*)?(?:and|&)\s*")
_SUFFIX_AHEAD = re.compile(r"\s*(?:Jr|Sr)\.")
_LETTER = re.compile(r"[^\W\d_]")
_ORG_HEAD = re.compile(
    r"\b(association|court|committee|council|department|ministry|agency|office|federation|"
    r"union|organization|organisation|institute|university|bank|foundation|commission|board|"
    r"bureau|party|network|tribunal|authority|administration|government|company|fund)\b"
)
_PREPOSITIONS = word_set(
    "of to in on at for from with by about into onto over under after before since during "
    "against among between through toward towards without within like near via amid across "
    "outside inside beside around throughout "
    "behind beyond upon including than per"
)
_FUNCTION_WORDS = word_set(
    "what that which who whom whose and but or as when while where if because so then also "
    "the a an"
) | word_set(_SPEECH)
_LINK_WORDS = word_set("the a an both its their his her")
_UNLINKING_WORDS = _FUNCTION_WORDS - _LINK_WORDS
_ADVERBS = word_set(
    "also further later previously earlier then recently again often repeatedly has had have "
    "would will could was is in a an the on this that statement interview email post x "
    "monday tuesday wednesday thursday friday saturday sunday last week"
)
_PERSON_PRONOUNS = ("he", "she")
# A sentence opening on one person described, not named, up to its verb: "The former
# billionaire, who was convicted in November, stood" ("The 32-year-old", "A spokeswoman").
_PERSON_DESCRIPTION = re.compile(
    r"\s*(?:The|A|An)\s+(?:[a-z][\w-]*\s+){0,3}"
    r"(?:(?:billion|million)aire|(?:wo)?man|boy|girl|[0-9]+-year-old|player|lawyer|founder"
    r"|officer|driver|worker|teacher|doctor|nurse|farmer|mother|father|son|daughter|brother"
    r"|sister|wife|husband|actor|actress|singer|star|suspect|victim|survivor|defendant"
    r"|candidate|activist|journalist|reporter|witness|veteran|resident|student|patient)"
    r"(?:,\s*who\b[^,]*,)?\s+(?:[a-z]+ly\s+)?[a-z]+(?<!s)\b(?!\s+(?:of|and|or)\b)"
)
# -- described sources: "the city", "the Chinese embassy in Manila", "a press release from X" --
# A body the text describes with a common noun speaks for itself; a document speaks for who
# issued it; a group of unnamed people ("Russian prosecutors", "officials") names no source.
_BODY_NOUNS = (
    "city|state|county|town|village|municipality|embassy|consulate|police|military|army|navy|"
    "government|ministry|department|agency|office|court|company|firm|council|committee|"
    "commission|board|bureau|authority|authorities|administration|regulator|union|association|"
    "campaign|team|club|party|institute|university|hospital|bank|fund|federation|organi[sz]ation|"
    "network|league|parliament|cabinet|tribunal|watchdog|auditor|junta|coalition|alliance|group"
)
_DOCUMENT_NOUNS = (
    "statement|release|report|communiqu[eé]|lawsuit|suit|complaint|order|filing|indictment|"
    "ruling|decision|judgment|letter|memo|post|reply|response|notice|document|study|survey|"
    "data|figures|analysis|readout|announcement|bulletin|email|message"
)
_GROUP_NOUNS = (
    "prosecutors|officials|officers|sources|analysts|experts|residents|witnesses|investigators|"
    "lawmakers|critics|reporters|researchers|scientists|doctors|activists|workers|protesters|"
    "people|spokesperson|spokesman|spokeswoman|official|source|person|someone|employees|staff"
)
_DOCUMENT_SET = word_set(
    _DOCUMENT_NOUNS.replace("communiqu[eé]", "communique communiqué").replace("|", " ")
)
_GROUP_SET = frozenset(_GROUP_NOUNS.split("|"))
_HEAD_WORDS = word_set(
    _BODY_NOUNS.replace("organi[sz]ation", "organisation organization").replace("|", " ")
) | _DOCUMENT_SET | _GROUP_SET
_CAPITALISED = r"[A-Z0-9][\w.&\u2019'\u2011-]*"
_OBJECT = (  # "the city of Venice", "the US Navy’s 3rd Fleet", "Dow Jones"
    rf"(?:the[ \u00a0]+)?(?:(?:{_BODY_NOUNS})[ \u00a0]+(?:of|in)[ \u00a0]+)?"
    rf"{_CAPITALISED}(?:[ \u00a0]+(?:(?:of|the|and|for)[ \u00a0]+)?{_CAPITALISED}){{0,5}}"
)
_PHRASE = (
    r"(?<![\w\u2019'-])(?:(?P<det>[Tt]he|[Aa]n?|[Ii]ts|[Hh]is|[Hh]er|[Tt]heir)[ \u00a0]+)?"
    rf"(?P<owner>(?:{_CAPITALISED}[ \u00a0]+){{0,3}}[\w-]+(?:[\u2019']s|s[\u2019'])[ \u00a0]+)?"
    r"(?P<mods>(?:(?!(?:in|on|at|to|of|for|from|with|by|and|or)\b)[\w-]+[ \u00a0]+){0,3}?)"
    rf"(?P<head>{_BODY_NOUNS}|{_DOCUMENT_NOUNS}|{_GROUP_NOUNS})"
    r"(?:[ \u00a0]+(?:released|published|issued|compiled|provided|posted|filed|sent))?"
    rf"(?P<pp>[ \u00a0]+(?:of|in|for|from|by|at)[ \u00a0]+(?P<object>{_OBJECT}))?"
)
# A described subject right before its verb, perhaps with an adverb or auxiliary between.
_DESCRIBED_BEFORE = re.compile(
    _PHRASE + r"(?:[ \u00a0]+(?:also|has|have|had|later|then|previously|again|would|will|"
    r"could|was|were|is|are|recently|earlier|further|had|once))*[ \u00a0,]*\Z"
)
# A described subject right after its verb ("said a press release from X").
_DESCRIBED_AFTER = re.compile(
    r"[ \u00a0]*" + _PHRASE + r"(?=[ \u00a0]*(?:[,.;:!?\u2014\u2013]|\Z|(?:which|who|that)\b))"
)
_REACH = 600  # characters of context read around a quotation, so time stays linear
_SUBJECT_REACH = 240  # a verb's subject stands within this many characters before it
_FAR = 5000  # how far back a description ("the agency", "the president") may refer
_ORGANISATION = "an organisation"  # what a description such as "the agency" must refer to
# The first words of a sentence that opens with a determiner ("The audit office is now").
_OPENING_WORDS = re.compile(r"\s*(?:(The|A|An|Its|Their)\s+)(?:[\w\u2019'-]+\s+){0,3}")
_INDEFINITE = re.compile(r"\s*(?:A|An)\s")
# "France’s public auditor": a possessive name and up to two lower-case words, the last one
# holding the stem being looked for.
_OWNED_PHRASE = re.compile(r"[A-Z][\w-]*[\u2019']s(?: [a-z][\w-]*){1,3}\Z")
_DEFINITE = re.compile(r"\b(?:[Tt]he|[Ii]ts|[Tt]heir)\s+(?:[\w-]+\s+)?\Z")


@dataclass(slots=True)
class QuoteSpan:
    """One quotation: the words at `start:end`, its marks at `open_at` and `close_at` (-1 if
    the paragraph ends first), and the start of its paragraph."""

    start: int
    end: int
    open_at: int
    close_at: int
    para_start: int


@dataclass(slots=True)
class Attribution:
    """Who said a quotation (full name as first given, or None) and where the cue words
    that say so stand (or None)."""

    speaker: str | None = None
    cue: Cue | None = None


_NOBODY = Attribution()


@dataclass(slots=True)
class _Subject:
    kind: str  # "name", "pronoun", "described" (an organisation never named), "unnamed"
    name: Name | None = None
    pronoun: str = ""  # the pronoun, or for "described" the description
    at: int = 0


def attribute_quotes(text: str, start: int, end: int,
                     spans: list[QuoteSpan]) -> list[Attribution]:
    """The attribution of each span, in the order of `spans`. Never raises; linear time."""
    return _Article(text, start, end, spans).attributions()


class _Article:
    def __init__(self, text: str, start: int, end: int, spans: list[QuoteSpan]) -> None:
        self.text = text
        self.start = start
        self.end = end
        self.spans = spans
        self.book = NameBook(text, start, end)
        self.outer = _outer_indexes(spans)
        self.masked = _masked(text, [span for i, span in enumerate(spans) if self.outer[i] == i])
        self._sentences: dict[int, list[int]] = {}
        self._names: dict[tuple[int, int], list[Name]] = {}
        self._item_cache: dict[tuple[int, int], list[_Subject]] = {}
        self._quote_only_cache: dict[int, bool] = {}
        self._tail_end = 0
        self._tail_verb = (0, 0)
        self._said: list[tuple[int, Attribution]] = []  # explicit attributions, in order
        self._speakers_cache: dict[str, bool] = {}
        self._pronoun_cue: Cue | None = None  # set by `_attribution` for an unresolved he/she
        self._by_paragraph: dict[int, list[int]] = {}
        for i, span in enumerate(spans):
            if self.outer[i] == i:
                self._by_paragraph.setdefault(span.para_start, []).append(i)

    def attributions(self) -> list[Attribution]:
        result: list[Attribution] = [_NOBODY] * len(self.spans)
        found = [False] * len(self.spans)
        settled = [False] * len(self.spans)
        unresolved: dict[int, Cue] = {}  # "…,” she said" with no one before to be "she"
        for i, span in enumerate(self.spans):
            if self.outer[i] != i:
                continue
            if self._unattributed(span) or self._is_heading(span):
                settled[i] = True
                continue
            self._take_pronoun_cue()
            explicit = self._explicit(span)
            pronoun_cue = self._take_pronoun_cue()
            if explicit is not None:
                found[i], result[i] = True, explicit
                self._said.append((span.open_at, explicit))
                if pronoun_cue is not None:
                    unresolved[i] = pronoun_cue
        for i, cue in unresolved.items():
            introduced = self._introduced_next(i, found, result)
            if introduced is not None:
                result[i] = Attribution(introduced, cue)
        for i, span in enumerate(self.spans):
            if self.outer[i] == i and not found[i] and not settled[i]:
                result[i] = self._carried_over(i, span, found, result)
        for i, span in enumerate(self.spans):
            if self.outer[i] != i and not self._unattributed(span):
                result[i] = self._nested(span, self.spans[self.outer[i]], result[self.outer[i]])
        return result

    def _nested(self, span: QuoteSpan, outer: QuoteSpan, outer_speaker: Attribution) -> Attribution:
        """A quotation inside another: the outer speaker's own words unless they report
        someone else's ("Our lawyer told us, ‘…’")."""
        lo = max(outer.start, span.open_at - _REACH)
        for end in _SENTENCE_END.finditer(self.text, lo, span.open_at):
            lo = end.end()
        verb = _last(_VERB, self.text, lo, span.open_at)
        if verb is None:
            words = self.text[span.start : span.end]
            if words[:1].isupper() and len(words.split()) <= 6:
                return _NOBODY  # a name or a saying in marks: the ‘Boy who cried wolf’
            return outer_speaker
        if _FIRST_PERSON_BEFORE.search(self.text, lo, verb.start()):
            return outer_speaker  # "I said ‘enough,’"
        for name in names_in(self.text, lo, verb.start()):
            opens = not self.text[lo : name.start].strip(" \u00a0\"'\u201c\u2018")
            if name.possessive or name.words in _CAPITAL_PRONOUNS:
                continue
            if not opens or " " in name.words or self._seen_mid_sentence(name.words):
                return Attribution(self.book.full_name(name), self._cue(verb.start(), verb.end()))
        return _NOBODY

    # -- null: words that nobody said ------------------------------------------------

    def _unattributed(self, span: QuoteSpan) -> bool:
        size = span.end - span.start
        if size < 60:
            words = self.text[span.start : span.end]
            if size < 40 and words == words.upper() and _TWO_CAPITALS.search(words):
                return True  # sign text
            if span.close_at >= 0 and _title_case(words):
                return True  # a name or a title: Robert “Kelly” Ortberg, CNN’s “The Source”
        open_at = span.open_at
        lo = open_at - 24 if open_at - 24 > span.para_start else span.para_start
        return self.masked[lo:open_at].rstrip().endswith(_NAMING_ENDS)

    def _is_heading(self, span: QuoteSpan) -> bool:
        return self.text.startswith("#", span.para_start)

    # -- positions 1: a cue in the sentence, and its subject --------------------------

    def _explicit(self, span: QuoteSpan) -> Attribution | None:
        """The attribution its own sentence gives, or None when the sentence has no cue."""
        s_start, s_end = self._sentence(span.para_start, span.open_at, span.close_at)
        if s_start < span.open_at - _REACH:
            s_start = span.open_at - _REACH
        reach = (span.open_at if span.open_at > span.close_at else span.close_at) + _REACH
        if s_end > reach:
            s_end = reach
        verb = _last_verb(self.masked, s_start, span.open_at)
        if verb is not None and _RULE_WORDING.search(self.masked, verb.end(), span.open_at):
            return None  # "… violated the requirement that districts be “contiguous”"
        if verb is not None:
            subject = self._subject_of(verb, s_start)
            if subject is not None:
                return self._attribution(subject, verb.start(), verb.end())
        if verb is None:
            colon = self.masked[s_start : span.open_at].rstrip()
            if colon.endswith(":"):
                topic = self._topic(s_start, span.open_at, "")  # "Biden sought to …: “…”"
                if topic is not None:
                    at = s_start + len(colon) - 1
                    return self._attribution(topic, at, at + 1)
        if span.close_at < 0:
            return None
        if not self.masked[span.close_at + 1 : s_end].strip():
            s_end = min(self.end, span.close_at + 80)  # "“… trailed off …” Biden said, laughing"
            quick = self._common_tail(span.close_at + 1, s_end)
            if quick is None or self.masked[self._tail_end : self._tail_end + 1] not in ",.":
                return None
            return self._attribution(quick, *self._tail_verb)
        quick = self._common_tail(span.close_at + 1, s_end)
        if quick is not None:
            return self._attribution(quick, *self._tail_verb)
        tail = _first_verb(self.masked, span.close_at + 1, s_end)
        if tail is None:
            return None
        subject = self._subject_before(span.close_at + 1, tail.start())
        if tail.group() in _INVERTING and _AFTER_A_QUOTATION.search(
                self.masked, span.close_at + 1, tail.start()):
            # "… “…” and “…,” said Ann Lee": the inverted cue closes the last quotation
            after = self._subject_after(tail.end(), s_end)
            if after is not None and after.kind in ("name", "pronoun"):
                subject = after
        if subject is None or tail.group().lower() == "according to":
            subject = self._subject_after(tail.end(), s_end)
        if subject is None:
            return None
        return self._attribution(subject, tail.start(), tail.end())

    def _attribution(self, subject: _Subject, cue_start: int, cue_end: int) -> Attribution:
        speaker = self._speaker(subject)
        if speaker is None and subject.kind == "pronoun" and subject.pronoun in _PERSON_PRONOUNS:
            self._pronoun_cue = self._cue(cue_start, cue_end)
        return Attribution(speaker, self._cue(cue_start, cue_end) if speaker else None)

    def _take_pronoun_cue(self) -> Cue | None:
        """The cue `_attribution` left for an unresolved he/she, cleared as it is read."""
        cue = self._pronoun_cue
        self._pronoun_cue = None
        return cue

    def _introduced_next(self, index: int, found: list[bool],
                         result: list[Attribution]) -> str | None:
        """The person the next paragraph introduces by full name as a quotation's speaker,
        for a pronoun with nothing before it to refer to ("“…,” she said." and then "“…,”
        said Ann Lee, a manager at …")."""
        para_start = self.spans[index].para_start
        for j in range(index + 1, min(index + 4, len(self.spans))):
            span = self.spans[j]
            if self.outer[j] != j or span.para_start == para_start:
                continue
            if self._previous_paragraph(span.para_start) != para_start or not found[j]:
                return None
            said = result[j]
            if said.speaker is None or " " not in said.speaker or said.cue is None:
                return None
            first = self.masked.find(said.speaker, self.start, self.end)
            return said.speaker if first >= span.start else None
        return None

    def _cue(self, start: int, end: int) -> Cue:
        """The cue words from `start`: the verb, and what completes it ("told CNN",
        "said in a statement")."""
        more = None
        if self.masked[end : end + 1] in " \u00a0" and _CUE_TAIL_START.match(self.masked, end + 1):
            more = _CUE_TAIL.match(self.masked, end, min(self.end, end + 60))
        if more is not None:
            end = more.end()
            while self.masked[end - 1] in ".,":  # "told CNN." ends at "CNN"
                end -= 1
        return Cue(start, end)

    def _common_tail(self, lo: int, hi: int) -> _Subject | None:
        """The usual forms right after a quotation, read with one anchored match:
        "he said", "said Veena George", "Carini said", "BFAA President Thomas Burrell told"."""
        tail = _COMMON_TAIL.match(self.masked, lo, hi)
        if tail is None:
            return None
        self._tail_end = tail.end()
        verb = next(name for name in ("v1", "v2", "v3") if tail.group(name) is not None)
        self._tail_verb = tail.span(verb)
        if tail.group("pronoun"):
            return _Subject("pronoun", pronoun=tail.group("pronoun"), at=tail.start("pronoun"))
        if tail.group("after"):
            # The group ends the pattern, so it is what RUN alone matches there.
            names = self._run_names(tail.start("after"), tail.end("after"))
            names = [n for n in names if not n.possessive]
            if not names:
                return None
            name = self._role_holder(names, tail.end("after"), hi) or names[0]
        else:
            names = self._names_at(tail.start("before"), tail.end("before"))
            names = [n for n in names if not n.possessive]
            if not names:
                return None
            name = names[-1]
        return _Subject("name", name, at=name.start)

    def _role_holder(self, names: list[Name], run_end: int, hi: int) -> Name | None:
        """The person a name premodifies a role of, after a cue: "said Red Cross volunteer
        Ann Lee", "said UN spokesperson Ann Lee", "said Acme Corp. CEO Ann Lee"; or None."""
        first = names[0]
        for later in names[1:]:  # "Acme Corp. CEO Ann Lee", read as one run
            gap = _WORD.findall(self.masked, first.end, later.start)
            if first.org and not later.org and gap and all(w in TITLES for w in gap):
                return later
        run = RUN.search(self.masked, run_end, min(hi, run_end + 40))
        if run is None:
            return None
        following = [n for n in self._run_names(run.start(), run.end()) if not n.possessive]
        if not following or following[0].org:
            return None
        between = _ROLE_BETWEEN.fullmatch(self.masked, run_end, following[0].start)
        if between is None or not (between.group(1) in _ROLE_NOUNS
                                   or between.group(1).capitalize() in TITLES):
            return None
        return following[0]

    def _subject_of(self, verb: re.Match[str], s_start: int) -> _Subject | None:
        if verb.group().lower() == "according to":
            return self._subject_after(verb.end(), verb.end() + 120)
        if verb.group().endswith("ing"):
            adjacent = self._subject_before(s_start, verb.start(), adjacent_only=True)
            if adjacent is not None:
                return adjacent
            earlier = _last_verb(self.masked, s_start, verb.start())
            if earlier is not None:
                return self._subject_of(earlier, s_start)
            topic = self._topic(s_start, verb.start(), "")
            if topic is None:  # "The audit office is …, warning that “…”"
                opening = _OPENING_WORDS.match(self.masked, s_start, verb.start())
                if opening is not None and opening.group(1) is not None:
                    return self._description(opening.group(), verb.start())
            return topic
        authored = _AUTHORED_BEFORE.search(self.masked, s_start, verb.start())
        if authored is not None:  # "the opinion, written by Justice Ann Lee, said"
            names = [n for n in self._names_at(*authored.span("who")) if not n.possessive]
            if names and not names[0].org:
                return _Subject("name", names[0], at=names[0].start)
        return self._subject_before(s_start, verb.start())

    def _subject_before(self, lo: int, hi: int, adjacent_only: bool = False) -> _Subject | None:
        segments = self._segments(lo, hi)
        last_start = segments[-1][0]
        if last_start < hi - _SUBJECT_REACH:
            last_start = hi - _SUBJECT_REACH
        last_items = self._items(last_start, hi)
        if adjacent_only:
            if last_items and not self.masked[_end_of(last_items[-1]) : hi].strip():
                return last_items[-1]
            return None
        described = self._described_before(last_start, hi)
        if described is not None:
            return described
        chosen = _last_subject(last_items, self.masked)
        if chosen is not None and _COORDINATED.search(self.masked, _end_of(chosen), hi):
            first = _first_subject(last_items, self.masked)
            opening = self.masked[last_start : first.at if first else hi]
            if first is None or _WORD.search(opening):
                return _Subject("unnamed", at=last_start)  # "a combat vet stopped X and said"
            chosen = first
        if chosen is not None:
            if chosen.kind == "pronoun" and chosen.pronoun in ("who", "which"):
                # "Ann Lee – who has said …": the name the relative pronoun follows
                earlier = _last_subject([i for i in last_items if i.at < chosen.at], self.masked)
                if earlier is None and len(segments) > 1:
                    earlier = _last_subject(self._items(*segments[-2]), self.masked)
                return earlier
            return chosen
        rest = self.masked[last_start:hi]
        if _only_adverbs(rest) and len(segments) > 1:
            return self._appositive(segments)
        return self._description(rest, hi)

    def _appositive(self, segments: list[tuple[int, int]]) -> _Subject | None:
        candidates = segments[-3:-2] + segments[-2:-1]
        for seg_start, seg_end in candidates:
            names = [s for s in self._items(seg_start, seg_end) if s.kind == "name"]
            if (
                len(names) == 1
                and names[0].name is not None
                and not names[0].name.possessive
                and _bare_name(self.masked[seg_start:seg_end], names[0].name)
            ):
                return names[0]
        for seg_start, seg_end in candidates:
            chosen = _first_subject(self._items(seg_start, seg_end), self.masked)
            if chosen is not None and chosen.kind == "name":
                return chosen
        return None

    def _subject_after(self, lo: int, hi: int) -> _Subject | None:
        """The name or pronoun right after a verb ("said Veena George", "said state police
        commissioner Col. Christopher Paris"), or None."""
        while lo < hi and self.masked[lo] in " \u00a0":
            lo += 1
        pronoun = _PRONOUN.match(self.masked, lo, hi)
        if pronoun:
            return _Subject("pronoun", pronoun=pronoun.group().lower(), at=lo)
        near = self.masked[lo : min(hi, lo + 60)].split()[:6]
        if any(word.strip(",.;").lower() in _HEAD_WORDS for word in near):
            described = _DESCRIBED_AFTER.match(self.masked, lo, hi)
            if described is not None:
                return self._described(described, lo)
        office = _OFFICE_THEN_NAME.match(self.masked, lo, hi) if self.masked[
            lo : lo + 1] in ("T", "t", "A", "a") else None
        if office is not None:  # "said the mayor of Kyiv, Vitali Klitschko"
            run = RUN.match(self.masked, office.end(), hi)
            names = self._run_names(run.start(), run.end()) if run else []
            if names and not names[0].org:
                return _Subject("name", names[0], at=office.end())
        lead = _DESCRIPTORS.match(self.masked, lo, hi)
        at = lead.end() if lead else lo
        run = RUN.match(self.masked, at, hi)
        if run is None:
            return None
        names = self._run_names(run.start(), run.end())
        if not names and self.masked.startswith(", ", run.end()):
            # "said the Secretary of State, Antony Blinken": an office, then who holds it
            run = RUN.match(self.masked, run.end() + 2, hi)
            names = self._run_names(run.start(), run.end()) if run else []
        return _Subject("name", names[0], at=at) if names else None

    # -- candidates: described sources (bodies, documents, roles) ----------------------

    def _described_before(self, lo: int, hi: int) -> _Subject | None:
        """The described subject that `[lo, hi)` consists of ("Russian prosecutors", "the
        city"), or None. A quick look at the last words first: most subjects are names."""
        last = hi - 1
        while last > lo and self.masked[last] in " \u00a0,":
            last -= 1
        if not self.masked[last].islower():
            return None  # most subjects end with a name: "Ann Lee said"
        near = self.masked[max(lo, hi - 48) : hi].split()[-4:]
        if not any(word.strip(",").lower() in _HEAD_WORDS for word in near):
            return None
        described = _DESCRIBED_BEFORE.search(self.masked, max(lo, hi - 160), hi)
        if described is None or _LETTER.search(self.masked, lo, described.start()):
            return None
        return self._described(described, hi)

    def _described(self, phrase: re.Match[str], at: int) -> _Subject:
        """The source a described subject stands for: a group of people names none; a
        document speaks for who issued it; a body for its fullest description."""
        head = phrase.group("head").lower()
        if head in _GROUP_SET or (phrase.group("det") or "").lower() in ("a", "an") and (
                head not in _DOCUMENT_SET):
            return _Subject("unnamed", at=at)
        if head in _DOCUMENT_SET:
            return self._issuer(phrase, at)
        named = self._latest_org_with(head.capitalize(), at)
        if named is not None:  # "the farmers’ association": the association named before
            return _Subject("name", named, at=at)
        owner = phrase.group("owner") or ""
        if owner[:1].islower():
            return _Subject("unnamed", at=at)  # "the judge’s office": a person not named here
        if owner or phrase.group("pp") or _capitalised_word(phrase.group("mods") or ""):
            return self._body(_without_det(phrase), at)
        fuller = self._fuller_description(head, at)
        if fuller is not None:
            return self._body(fuller, at)
        described = self._description(phrase.group(), at)  # "the agency": the body named last
        if described is not None and described.kind != "unnamed":
            return described
        if (phrase.group("det") or "").lower() == "the":
            # "Boeing reported a loss. … the company said": the body the text is about
            body = self._antecedent(phrase.start(), "it")
            if body is not None and not self._person(_Subject("name", body)):
                return _Subject("name", body, at=at)
        return self._body(_without_det(phrase), at)

    def _body(self, words: str, at: int) -> _Subject:
        return _Subject("described", pronoun=" ".join(words.split()).rstrip(".,;:"), at=at)

    def _issuer(self, phrase: re.Match[str], at: int) -> _Subject:
        """Who issued a document: "a release from X", "X’s statement", "her reply", else the
        source of the last quotation the same kind of document gave ("the statement
        continued")."""
        det = (phrase.group("det") or "").lower()
        if phrase.group("object"):
            return self._issuing_object(phrase.group("object"), at)
        if phrase.group("owner"):
            owner = phrase.group("owner").strip()
            if owner[:1].islower():
                return _Subject("unnamed", at=at)  # "the judge’s order"
            names = names_in(self.masked, phrase.start("owner"), phrase.end("owner"))
            if names and " " not in owner:
                return _Subject("name", replace(names[-1], possessive=False), at=at)
            return self._body(self._fullest(owner), at)
        if det in ("his", "her", "its", "their"):
            pronoun = {"his": "he", "her": "she", "its": "it", "their": "they"}[det]
            return _Subject("pronoun", pronoun=pronoun, at=phrase.start())
        head = phrase.group("head").lower()
        earlier = self._last_said_with(head, at) if head in _STATEMENT_SET else None
        if earlier is not None:
            return _Subject("said", pronoun=earlier.speaker or "", at=at)
        issued = self._issued_before(head, at)  # "X issued a communique …": the communique
        return issued if issued is not None else _Subject("unnamed", at=at)

    def _issued_before(self, head: str, before: int) -> _Subject | None:
        """Who the text last said issued a document of this kind: "a report by X", "X’s
        report", "X released a report", "X issued a communique"."""
        for at, head_end in self._occurrences(head, before):
            by = _ISSUED_BY.match(self.masked, head_end, min(self.end, head_end + 80))
            if by is not None:
                return self._issuing_object(by.group("object"), before)
            issuer = _ISSUER_BEFORE.search(self.masked, max(self.start, at - 80), at)
            if issuer is not None:
                return self._issuing_object(issuer.group("object"), before)
        return None

    def _occurrences(self, word: str, before: int) -> Iterator[tuple[int, int]]:
        """Start and end of each earlier `word` (not inside a longer word), latest first,
        back to `_FAR` characters before `before`."""
        floor = max(self.start, before - _FAR)
        at = self.masked.rfind(word, floor, before)
        while at >= 0:
            end = at + len(word)
            if not self.masked[end : end + 1].isalpha() and not self.masked[at - 1 : at].isalpha():
                yield at, end
            at = self.masked.rfind(word, floor, at)

    def _issuing_object(self, words: str, at: int) -> _Subject:
        words = words[4:] if words.startswith("the ") else words
        if words[:1].islower() or "\u2019s " in words or "'s " in words:
            return self._body(self._fullest(words), at)
        names = [n for n in names_in(words, 0, len(words)) if not n.possessive]
        if names:
            return _Subject("name", names[0], at=at)
        return _Subject("unnamed", at=at)

    def _fullest(self, words: str) -> str:
        """`words` as first written with the capitalised words before them ("Navy’s 3rd
        Fleet" → "US Navy’s 3rd Fleet")."""
        first = self.text.find(words, self.start, self.end)
        if first < 0:
            return words
        lo = first
        while True:
            space = self.text.rfind(" ", self.start, lo - 1)
            word = self.text[space + 1 : lo - 1]
            if space < 0 or not word[:1].isupper() or self.text[lo - 1] != " " or (
                    word.lower() in _LINK_WORDS):
                break
            lo = space + 1
        return self.text[lo : first + len(words)]

    def _fuller_description(self, head: str, before: int) -> str | None:
        """The latest fuller description with the same head noun ("the city" → "city of
        Venice", "the embassy" → "China’s embassy in Singapore")."""
        for at, head_end in self._occurrences(head, before):
            pp = _FULLER_AFTER.match(self.masked, head_end, min(self.end, head_end + 60))
            owner = _FULLER_BEFORE.search(self.masked, max(self.start, at - 60), at)
            if pp is not None or owner is not None:
                return self.masked[owner.start() if owner else at : pp.end() if pp else head_end]
        return None

    def _last_said_with(self, head: str, before: int) -> Attribution | None:
        """The last attribution before `before` whose sentence names the same kind of
        document ("… said in a statement"), within `_FAR` characters."""
        for at, said in reversed(self._said):
            if at >= before or said.cue is None:
                continue
            if before - at > _FAR:
                return None
            lo = max(self.start, said.cue.start - 200)
            if head in self.text[lo : said.cue.end]:
                return said
        return None

    def _description(self, words: str, at: int) -> _Subject | None:
        if not _LETTER.search(words):
            return None
        head = _last(_ORG_HEAD, words, 0, len(words))
        if head is not None:
            org = self._latest_org_with(head.group().capitalize(), at)
            if org is None:
                first = self._first_description(words[: head.end()], at)
                if first is not None:  # a body never named: "France’s public auditor"
                    return _Subject("described", pronoun=first, at=at)
            if org is None and _DEFINITE.search(words, 0, head.start()):
                org = self._antecedent(at, _ORGANISATION)  # "the agency": the last body named
            if org is not None:
                return _Subject("name", org, at=at)
        lede = not self.text[self.start : self.text.rfind("\n", self.start, at) + 1].strip()
        if _INDEFINITE.match(words) and lede:
            named = self._named_next(at)  # "A debt-ridden laborer … said" and then "Raju Gond …"
            if named is not None:
                return _Subject("name", named, at=at)
        title = _TITLE_DESCRIPTION.search(words)
        if title is not None:
            person = self._latest_titled(title.group(1).capitalize(), at)
            if person is None:
                person = self._named_by_role(title.group(1).lower(), at)
            if person is not None:
                return _Subject("name", person, at=at)
        return _Subject("unnamed", at=at)

    def _named_by_role(self, role: str, at: int) -> Name | None:
        """The one person the article names right after `role` ("the plaintiffs’ attorney"
        → "attorney Marianne Robak"), before `at` if any, else after it."""
        found: dict[str, Name] = {}
        for match in re.finditer(rf"\b(?i:{role})[ \u00a0]+(?=[A-Z])", self.masked):
            if not self.start <= match.start() < self.end:
                continue
            run = RUN.match(self.masked, match.end(), min(self.end, match.end() + 80))
            names = self._run_names(run.start(), run.end()) if run else []
            if names and not names[0].org and " " in names[0].words:
                found.setdefault(names[0].words, names[0])
        return next(iter(found.values())) if len(found) == 1 else None

    def _first_description(self, words: str, before: int) -> str | None:
        """The first "Country’s adjective noun" phrase sharing a word stem with `words`
        ("The audit office" → "France’s public auditor"), or None."""
        stems = [w[:5] for w in _WORD.findall(words.lower()) if len(w) >= 5]
        for stem in stems:
            at = self.text.find(stem, self.start, before)
            for _ in range(20):
                if at < 0:
                    break
                stop = at
                while stop < before and self.text[stop].isalpha():
                    stop += 1
                phrase = _OWNED_PHRASE.search(self.text, max(self.start, at - 40), stop)
                if phrase is not None:
                    return phrase.group()
                at = self.text.find(stem, stop, before)
        return None

    def _named_next(self, at: int) -> Name | None:
        """The person a lede paragraph's next paragraph opens with ("Raju Gond normally …")."""
        para_end = self.text.find("\n", at, self.end)
        while 0 <= para_end < self.end and self.text[para_end].isspace():
            para_end += 1
        run = RUN.match(self.text, para_end, self.end) if para_end >= 0 else None
        if run is None:
            return None
        names = names_in(self.text, run.start(), run.end())
        if names and " " in names[0].words and not names[0].org:
            return names[0]
        return None

    def _latest_titled(self, title: str, before: int) -> Name | None:
        """The last person named with `title` before `before` ("the president" → the one
        introduced as "President Joe Biden")."""
        floor = max(self.start, before - _FAR)
        at = self.text.rfind(title, floor, before)
        while at >= 0:
            run = RUN.match(self.text, at, before)
            former = self.text.endswith(("former ", "ex-", "Former "), max(floor, at - 7), at)
            if run is not None and not self.text[at - 1 : at].isalnum() and not former:
                names = [n for n in names_in(self.text, at, run.end()) if n.titled]
                if names:
                    return names[0]
            at = self.text.rfind(title, floor, at)
        return None

    def _latest_org_with(self, head: str, before: int) -> Name | None:
        found = None
        at = self.text.find(head, max(self.start, before - _FAR), before)
        while at >= 0:
            lo = max(self.start, self.text.rfind("\n", self.start, at) + 1)
            if at - lo > 120:
                lo = self.text.find(" ", at - 120, at) + 1
            for name in names_in(self.text, lo, min(before, at + 80)):
                if name.org and name.start <= at < name.end:
                    found = name
            at = self.text.find(head, at + len(head), before)
        return found

    def _segments(self, lo: int, hi: int) -> list[tuple[int, int]]:
        """`[lo, hi)` cut at clause commas (not the one in "John Boyd, Jr.")."""
        bounds = []
        start = lo
        for comma in _CLAUSE_MARK.finditer(self.masked, lo, hi):
            if not _SUFFIX_AHEAD.match(self.masked, comma.end(), hi):
                bounds.append((start, comma.start()))
                start = comma.end()
        bounds.append((start, hi))
        return bounds

    def _items(self, lo: int, hi: int) -> list[_Subject]:
        """The names and pronouns in `[lo, hi)`, in order (cached)."""
        items = self._item_cache.get((lo, hi))
        if items is not None:
            return items
        items = []
        masked = self.masked
        pronouns = [
            (at, m.group()) for m in _LOWER_PRONOUN.finditer(masked, lo, hi)
            if not masked[(at := m.start()) - 1 : at].isalnum()
        ]
        next_pronoun = 0  # pronouns[:next_pronoun] are already in `items`
        for run in RUN.finditer(masked, lo, hi):
            run_start = run.start()
            before = masked[run_start - 1 : run_start]
            if before.isalnum() or before in ("-", "\u2011"):
                continue  # "anti-Trump", "McDonald": not the start of a name
            while next_pronoun < len(pronouns) and pronouns[next_pronoun][0] < run_start:
                at, pronoun = pronouns[next_pronoun]
                next_pronoun += 1
                items.append(_Subject("pronoun", None, pronoun, at))
            word = run.group()
            if word in _CAPITAL_PRONOUNS or (len(word) < 8 and word[:1] in "HSITW"
                                             and _CONTRACTED.fullmatch(word)):
                pronoun = word.split("\u2019")[0].split("'")[0].lower()  # "He’s" → "he"
                items.append(_Subject("pronoun", None, pronoun, run_start))
                continue
            for name in self._run_names(run_start, run.end()):
                if (
                    masked[name.start - 1 : name.start] == "("
                    and masked[name.end : name.end + 1] == ")"
                ):
                    continue  # "(IDF)": the short form of the name before it
                if name.words in ("Jr.", "Sr.") and items and items[-1].name is not None:
                    full = replace(items[-1].name, words=f"{items[-1].name.words} {name.words}")
                    items[-1] = _Subject("name", full, at=items[-1].at)
                    continue
                items.append(_Subject("name", name, "", name.start))
        for at, pronoun in pronouns[next_pronoun:]:
            items.append(_Subject("pronoun", None, pronoun, at))
        self._item_cache[lo, hi] = items
        return items

    def _names_at(self, start: int, end: int) -> list[Name]:
        return self._cached_names(start, end, names_in)

    def _run_names(self, start: int, end: int) -> list[Name]:
        """`_names_at` for bounds that `RUN` matched whole, read without a second search."""
        return self._cached_names(start, end, names_of_run)

    def _cached_names(self, start: int, end: int,
                      read: Callable[[str, int, int], list[Name]]) -> list[Name]:
        names = self._names.get((start, end))
        if names is None:
            names = read(self.masked, start, end)
            self._names[start, end] = names
        return names

    # -- pronouns: agreement and recency -----------------------------------------------

    def _speaker(self, subject: _Subject) -> str | None:
        if subject.kind == "name" and subject.name is not None:
            if self._unnamed_holder(subject.name):
                return None
            return self.book.full_name(subject.name)
        if subject.kind == "pronoun":
            found = self._antecedent(subject.at, subject.pronoun)
            return self.book.full_name(found) if found is not None else None
        if subject.kind in ("described", "said"):
            return subject.pronoun or None
        return None

    def _unnamed_holder(self, name: Name) -> bool:
        """Whether the name only qualifies the role of an unnamed person: "one Republican
        senator", "a Democratic aide", "another White House official"."""
        lo = name.start - 30 if name.start > 30 else 0
        role = _ROLE_AFTER.match(self.masked, name.end)
        return role is not None and (role.group(1) in _ROLE_NOUNS or role.group(
            1).capitalize() in TITLES) and _INDEFINITE_BEFORE.search(
                self.masked, lo, name.start) is not None

    def _antecedent(self, at: int, pronoun: str) -> Name | None:
        for lo, hi in self._sentences_before(at):
            topic = self._topic(lo, hi, pronoun)
            if topic is not None and topic.kind == "name":
                return topic.name
            if topic is not None and topic.kind == "unnamed":
                return None  # "The former billionaire … stood." then "he told": not sure who
        return None

    def _sentences_before(self, at: int) -> Iterator[tuple[int, int]]:
        """The sentence up to `at`, then the ones before it, back over up to three paragraphs."""
        para_start = max(self.start, self.text.rfind("\n", max(self.start, at - _REACH), at) + 1)
        lo = max(self._sentence(para_start, at, at)[0], at - _REACH)
        if lo < at:
            yield lo, at
        for _ in range(12):
            if lo > para_start:
                hi, lo = lo, self._sentence(para_start, lo - 1, lo - 1)[0]
                lo = max(lo, hi - _REACH)
                yield lo, hi
                continue
            para_end = para_start - 1
            while para_end > self.start and self.text[para_end - 1] in "\n \t":
                para_end -= 1  # skip blank lines
            if para_end <= self.start or at - para_end > 3000:
                return
            para_start = max(self.start, self.text.rfind("\n", self.start, para_end) + 1)
            lo = max(self._last_sentence_start(para_start, para_end), para_end - _REACH)
            yield lo, para_end

    def _topic(self, lo: int, hi: int, pronoun: str) -> _Subject | None:
        if pronoun in _PERSON_PRONOUNS and _PERSON_DESCRIPTION.match(self.masked, lo, hi):
            return _Subject("unnamed", at=lo)  # a person described, not named: no antecedent
        verb = _first_verb(self.masked, lo, hi)
        if verb is not None and not verb.group().endswith(("ing", "ccording to")):
            subject = self._subject_before(lo, verb.start())
            if subject is None:
                subject = self._subject_after(verb.end(), hi)
            if subject is not None and subject.kind == "name" and _fits(subject, pronoun) and (
                    pronoun not in _PERSON_PRONOUNS or self._person(subject)):
                return subject
        owner = weak = None  # a possessive person; a name not shown to be a person's
        for seg_start, seg_end in self._segments(lo, hi):
            for subject in self._items(seg_start, seg_end):
                if subject.kind == "pronoun":
                    if not pronoun and subject.pronoun not in ("who", "which"):
                        return subject  # "He said …, adding": resolved by the caller
                    if pronoun and (subject.pronoun in _PERSON_PRONOUNS) == (
                        pronoun in _PERSON_PRONOUNS
                    ):
                        return _unowned(owner)  # the same one, named further back
                    continue
                if (
                    _fits(subject, pronoun)
                    and _eligible(self.masked, subject.at)
                    and self._known_name(subject, lo)
                ):
                    if pronoun not in _PERSON_PRONOUNS:
                        if _usable(subject):
                            return subject
                    elif self._person(subject):
                        if _usable(subject):
                            return subject  # agreement: "he" is a person, not "Germany"
                        if not self.masked[lo : subject.at].strip():
                            owner = owner or subject  # "Ann Lee’s world …": hers, if no one else
                    else:
                        weak = weak or subject
        if owner is not None:
            return _unowned(owner)
        return _Subject("unnamed", at=lo) if weak is not None else None

    def _seen_speaking(self, words: str) -> bool:
        """Whether `words` stand as the subject of a common speech verb somewhere in the
        text ("Janaki said", "said Janaki", "Janaki, a resident, told")."""
        masked, at = self.masked, self.start
        for _ in range(64):
            at = masked.find(words, at, self.end)
            if at < 0:
                return False
            after = at + len(words)
            if not masked[after : after + 1].isalnum() and (
                _SPEAKS_AFTER.match(masked, after, min(self.end, after + 100))
                or _SPEAKS_BEFORE.search(masked, max(self.start, at - 12), at)
            ):
                return True
            at = after
        return False

    def _person(self, subject: _Subject) -> bool:
        """Whether the text shows a name to be a person's: given with a title, in full (first
        and last name), or as the subject of a speech verb somewhere ("Janaki said")."""
        name = subject.name
        if name is None or name.org:
            return False
        if name.titled or " " in self.book.full_name(name):
            return True
        speaks = self._speakers_cache.get(name.words)
        if speaks is None:
            speaks = self._seen_speaking(name.words)
            self._speakers_cache[name.words] = speaks
        return speaks

    def _known_name(self, subject: _Subject, sentence_start: int) -> bool:
        name = subject.name
        if name is None:
            return False
        if name.titled or name.org or " " in name.words:
            return True
        if self.masked[sentence_start : name.start].strip(" \u00a0\"'\u201c\u2018"):
            return True
        return self._seen_mid_sentence(name.words)

    def _seen_mid_sentence(self, word: str) -> bool:
        """True when `word` also stands capitalised after a lower-case word: a name."""
        at = self.start
        for _ in range(64):  # a one-word name opening a sentence must also appear mid-sentence
            at = self.text.find(word, at, self.end)
            if at < 0:
                return False
            if at > 2 and self.text[at - 2].islower() and self.text[at - 1] == " ":
                return True
            at += len(word)
        return False

    # -- sentences --------------------------------------------------------------------

    def _sentence_starts(self, para_start: int) -> list[int]:
        starts = self._sentences.get(para_start)
        if starts is None:
            para_end = self.text.find("\n", para_start, self.end)
            para_end = self.end if para_end < 0 else para_end
            starts = [para_start]
            masked = self.masked
            for end in _SENTENCE_END.finditer(masked, para_start, para_end):
                dot = end.start()
                if masked[dot] != "." or not _abbreviation(masked, dot):
                    starts.append(end.end())
            starts.append(para_end)
            self._sentences[para_start] = starts
        return starts

    def _sentence(self, para_start: int, first: int, last: int) -> tuple[int, int]:
        starts = self._sentences.get(para_start)
        if starts is None:
            starts = self._sentence_starts(para_start)
        index = bisect_right(starts, first) - 1
        lo = starts[index] if index >= 0 else para_start
        after = bisect_right(starts, last if last > first else first)
        hi = starts[after] if after < len(starts) else starts[-1]
        return lo, hi

    def _last_sentence_start(self, para_start: int, para_end: int) -> int:
        starts = self._sentence_starts(para_start)  # ascending
        below = bisect_left(starts, para_end, 0, len(starts) - 1)
        return starts[below - 1] if below > 0 else para_start

    # -- positions 2 to 4: the paragraph, the previous paragraph, the next one ---------

    def _carried_over(
        self, index: int, span: QuoteSpan, found: list[bool], result: list[Attribution]
    ) -> Attribution:
        s_start, _ = self._sentence(span.para_start, span.open_at, span.close_at)
        opening = self.masked[s_start : span.open_at].strip(" \u00a0\"'\u201c\u201d\u2018")
        if opening and not _CONNECTIVE.fullmatch(opening):
            return _NOBODY  # a quotation inside a sentence that nobody is said to have said
        neighbour = self._attributed_neighbour(index, span.para_start, found)
        if neighbour is not None:
            return result[neighbour]
        if _LETTER.search(self.masked, span.para_start, s_start):
            return self._earlier_speaker(span.para_start, s_start)
        if not self._quote_only(span.para_start):
            return _NOBODY
        previous = self._previous_paragraph(span.para_start)
        if previous is None or self.text.startswith("#", previous):
            return _NOBODY
        earlier = self._by_paragraph.get(previous, [])
        if earlier:
            return result[earlier[-1]]
        return self._paragraph_person(previous, span.para_start)

    def _paragraph_person(self, para_start: int, before: int) -> Attribution:
        """The person a paragraph without quotations is about ("Max Arvidson, 25, was
        conscripted … he sees …"), for the quotation-only paragraph after it."""
        para_end = self.text.rfind("\n", para_start, before)
        starts = self._sentence_starts(para_start)
        for lo, hi in reversed(list(pairwise(starts))):
            if hi > para_end:
                hi = para_end
            topic = self._topic(lo, hi, "he")
            if topic is not None:
                if topic.kind == "name" and self._person(topic):
                    return Attribution(self._speaker(topic), None)
                return _NOBODY
        return _NOBODY

    def _attributed_neighbour(self, index: int, para_start: int, found: list[bool]) -> int | None:
        """The nearest attributed quotation of the same paragraph: before `index`, else after."""
        same = self._by_paragraph[para_start]
        at = bisect_right(same, index) - 1  # same[at] == index
        for j in reversed(same[max(0, at - 8) : at]):
            if found[j]:
                return j
        for j in same[at + 1 : at + 9]:
            if found[j]:
                return j
        return None

    def _earlier_speaker(self, para_start: int, before: int) -> Attribution:
        """The subject of the last attribution verb earlier in the paragraph ("Meyn said he
        looked back. “I saw a man …”")."""
        verb = _last_verb(self.masked, max(para_start, before - _REACH), before)
        if verb is None:
            return _NOBODY
        s_start, _ = self._sentence(para_start, verb.start(), verb.start())
        subject = self._subject_of(verb, s_start)
        return self._attribution(subject, *verb.span()) if subject is not None else _NOBODY

    def _quote_only(self, para_start: int) -> bool:
        """True when the paragraph holds nothing but quotation (and punctuation)."""
        only = self._quote_only_cache.get(para_start)
        if only is None:
            para_end = self.text.find("\n", para_start, self.end)
            para_end = self.end if para_end < 0 else para_end
            only = not _LETTER.search(self.masked, para_start, para_end)
            self._quote_only_cache[para_start] = only
        return only

    def _previous_paragraph(self, para_start: int) -> int | None:
        at = para_start - 1
        while at > self.start and self.text[at - 1].isspace():
            at -= 1
        if at <= self.start:
            return None
        return max(self.start, self.text.rfind("\n", self.start, at) + 1)


_FULLER_AFTER = re.compile(rf"[ \u00a0]+(?:of|in|for)[ \u00a0]+{_OBJECT}")
# Who issued a document, after it ("a report| by X", "released by X") or before it ("X
# released a new report", "X’s annual report").
_ISSUED_BY = re.compile(
    rf"(?:[ \u00a0]+(?:released|published|issued|compiled))?[ \u00a0]+(?:by|from)[ \u00a0]+"
    rf"(?P<object>{_OBJECT})"
)
# The wording of a rule, quoted right after the rule is named: no one's words (guideline §7).
_RULE_WORDING = re.compile(
    r"\b(?:requirement|rule|provision|clause|mandate|stipulation)s?[ \u00a0]+that"
    r"[ \u00a0]+[^,;:\u201c\u201d\x00]{1,60}\Z"
)
# A document and its named author right before the cue: "the opinion, written by Justice
# Ann Lee, said", "an essay by Ann Lee argued".
_AUTHORED_BEFORE = re.compile(
    rf"\b(?:{_DOCUMENT_NOUNS}|opinion|dissent|essay|article|paper|book|column|op-ed|editorial)"
    r"(?:,[ \u00a0]+(?:written|authored|drafted|signed|penned)[ \u00a0]+by"
    r"|[ \u00a0]+(?:written[ \u00a0]+|authored[ \u00a0]+)?by)[ \u00a0]+"
    r"(?P<who>(?:[a-z]+[ \u00a0]+){0,2}[A-Z][^,;:.\u201c\x00]{0,40}?"
    r"(?:[A-Z]\.[^,;:\u201c\x00]{0,30}?)?)"
    r"[ \u00a0]*,?[ \u00a0]*\Z"
)
_ISSUER_BEFORE = re.compile(
    rf"(?P<object>{_OBJECT})(?:[\u2019']s[ \u00a0]+|[ \u00a0]+(?:released|published|issued|"
    r"put[ \u00a0]+out|sent|filed)[ \u00a0]+(?:a|an|its|the|their)[ \u00a0]+)"
    r"(?:[\w-]+[ \u00a0]+){0,3}?\Z"
)
# What makes "the embassy" fuller before it: an owner ("China’s") or a capitalised adjective.
_FULLER_BEFORE = re.compile(
    rf"(?<![\w\u2019'-])(?:(?:{_CAPITALISED}[ \u00a0]+){{0,3}}{_CAPITALISED}[\u2019']s"
    r"|(?<![.!?] )(?!(?:The|A|An|This|That|Its|Their|His|Her)\b)[A-Z][a-z]+)[ \u00a0]+\Z"
)
_STATEMENT_SET = word_set(
    "statement release communique communiqué post letter email message reply response readout "
    "announcement"
)


def _capitalised_word(words: str) -> bool:
    return any(word[:1].isupper() for word in words.split())


def _unowned(owner: _Subject | None) -> _Subject | None:
    """A possessive name as a subject ("Ann Lee’s" → "Ann Lee"), or None."""
    if owner is None or owner.name is None:
        return None
    return replace(owner, name=replace(owner.name, possessive=False))


def _without_det(phrase: re.Match[str]) -> str:
    """The described phrase without its determiner or trailing adverbs."""
    start = phrase.start("owner") if phrase.group("owner") else (
        phrase.start("mods") if phrase.group("mods") else phrase.start("head"))
    end = phrase.end("pp") if phrase.group("pp") else phrase.end("head")
    return phrase.string[start:end]


def _outer_indexes(spans: list[QuoteSpan]) -> list[int]:
    outer: list[int] = []
    current = -1
    for i, span in enumerate(spans):
        if current >= 0 and span.start >= spans[current].start and span.end <= spans[current].end:
            outer.append(current)
        else:
            current = i
            outer.append(i)
    return outer


def _masked(text: str, outer: list[QuoteSpan]) -> str:
    """`text` with every outer quotation's words blanked (same length), bar a final stop, and
    narrow no-break spaces read as spaces."""
    if "\u202f" in text:
        text = text.replace("\u202f", " ")
    pieces: list[str] = []
    cursor = 0
    for span in sorted(outer, key=lambda s: s.start):
        keep_last = span.end - 1 if text[span.end - 1] in ".!?\u2026" else span.end
        pieces.append(text[cursor : span.start])
        pieces.append("\x00" * (keep_last - span.start))
        cursor = keep_last
    pieces.append(text[cursor:])
    return "".join(pieces)


def _last(pattern: re.Pattern[str], text: str, lo: int, hi: int) -> re.Match[str] | None:
    last = None
    for last in pattern.finditer(text, lo, hi):  # noqa: B007 - the last match is wanted
        pass
    return last


def _unmasked(masked: str, lo: int, hi: int) -> list[tuple[int, int]]:
    """`[lo, hi)` without the runs of NULs that blank out quotations, as pieces in order.

    No attribution verb starts or ends inside such a run, and a verb that ends where one
    begins ends at a word boundary either way, so searching the pieces finds what searching
    the whole range would (the verb pattern is slow to step over NULs one at a time).
    """
    pieces = []
    zero = masked.find("\x00", lo, hi)
    while zero >= 0:
        if zero > lo:
            pieces.append((lo, zero))
        nuls = _NULS.match(masked, zero, hi)
        lo = nuls.end() if nuls is not None else hi
        zero = masked.find("\x00", lo, hi)
    if lo < hi:
        pieces.append((lo, hi))
    return pieces


def _first_verb(masked: str, lo: int, hi: int) -> re.Match[str] | None:
    """The first cue verb in `masked[lo:hi]`, stepping over blanked quotations and over verb
    forms used as adjectives ("immigration’s continued impact", "the reported figure")."""
    if lo >= hi:
        return None
    pieces = [(lo, hi)] if masked.find("\x00", lo, hi) < 0 else _unmasked(masked, lo, hi)
    for piece_lo, piece_hi in pieces:
        verb = _VERB.search(masked, piece_lo, piece_hi)
        while verb is not None and _adjectival(masked, verb.start()):
            verb = _VERB.search(masked, verb.end(), piece_hi)
        if verb is not None:
            return verb
    return None


def _last_verb(masked: str, lo: int, hi: int) -> re.Match[str] | None:
    """The last cue verb in `masked[lo:hi]`, read as `_first_verb` reads them."""
    if lo >= hi:
        return None
    pieces = [(lo, hi)] if masked.find("\x00", lo, hi) < 0 else _unmasked(masked, lo, hi)
    for piece_lo, piece_hi in reversed(pieces):
        verb = _last(_VERB, masked, piece_lo, piece_hi)
        while verb is not None and _adjectival(masked, verb.start()):
            verb = _last(_VERB, masked, piece_lo, verb.start())
        if verb is not None:
            return verb
    return None


def _adjectival(masked: str, at: int) -> bool:
    if masked[at - 2 : at - 1] not in "eansr\u2019'":  # the, a, an, its, his, her, their, ’s
        return False
    return _ADJECTIVAL.search(masked, at - 12 if at > 12 else 0, at) is not None


def _title_case(words: str) -> bool:
    """True for a short name or title in marks ("Kelly", "The Source", "Chevron")."""
    parts = words.split()
    return (
        0 < len(parts) <= 5
        and parts[0][:1].isupper()
        and words[-1].isalnum()
        and all(part[:1].isupper() or part in _MINOR_WORDS for part in parts)
    )


def _abbreviation(text: str, dot: int) -> bool:
    if text[dot] != ".":
        return False
    lo = dot - 6 if dot > 6 else 0
    space = text.rfind(" ", lo, dot)
    if space >= 0:
        tail = text[space + 1 : dot]
        if tail.isalpha():  # the common case ("Mr.", "Russia."): the last word, found quickly
            tail = tail.lower()
            return len(tail) == 1 or tail in _ABBREVIATIONS
    word = _WORD.findall(text, lo, dot)
    if not word:
        return False
    last = word[-1].lower()
    return len(last) == 1 or last in _ABBREVIATIONS


def _last_subject(items: list[_Subject], masked: str) -> _Subject | None:
    """The last usable name or pronoun, or the first of a pair joined by "and" ("the IDF and
    Israeli Security Agency alleged")."""
    chosen = None
    for subject in reversed(items):
        if not (_usable(subject) and _eligible(masked, subject.at)):
            continue
        if chosen is not None:
            between = masked[_end_of(subject) : chosen.at]
            if not _PAIRED.fullmatch(between):
                break
        chosen = subject
    return chosen


def _first_subject(items: list[_Subject], masked: str) -> _Subject | None:
    for index, subject in enumerate(items):
        if _usable(subject) and _eligible(masked, subject.at):
            following = items[index + 1] if index + 1 < len(items) else None
            if following is not None and _modifies(subject, following, masked):
                return following  # "Republican leader Mitch McConnell": the leader is the one
            return subject
    return None


def _modifies(subject: _Subject, following: _Subject, masked: str) -> bool:
    """Whether a name only qualifies the role of the name after it: "Republican leader Mitch
    McConnell", "Tesla boss Elon Musk", "BBC correspondent Jane Smith"."""
    if subject.kind != "name" or following.kind != "name" or following.name is None:
        return False
    if following.name.possessive or following.name.org:
        return False
    match = _ROLE_BETWEEN.fullmatch(masked, _end_of(subject), following.at)
    return match is not None and (
        match.group(1) in _ROLE_NOUNS or match.group(1).capitalize() in TITLES)


def _usable(subject: _Subject) -> bool:
    return subject.kind != "name" or (subject.name is not None and not subject.name.possessive)


def _end_of(subject: _Subject) -> int:
    if subject.name is not None:
        return subject.name.end
    return subject.at + len(subject.pronoun)


def _eligible(masked: str, at: int) -> bool:
    """False for a name governed by a preposition ("to CNN", "in central India")."""
    lo = at - 40 if at > 40 else 0
    cut = _TO_LAST_BREAK.match(masked, lo, at)
    words = _WORD.findall(masked, cut.end() if cut else lo, at)
    if not words:
        return True
    last = words[-1].lower()
    if last in _PREPOSITIONS:
        return False
    if words[-1] in DEPARTMENTS and follows_office(masked, at):
        return True  # "Secretary of State Antony Blinken": an office, not a preposition
    if len(words) > 1 and (last in _LINK_WORDS or last not in _FUNCTION_WORDS) and last.islower():
        return words[-2].lower() not in _PREPOSITIONS or last in _UNLINKING_WORDS
    return True


def _only_adverbs(words: str) -> bool:
    return all(w.lower() in _ADVERBS for w in _WORD.findall(words))


def _bare_name(segment: str, name: Name) -> bool:
    leftover = [w for w in _WORD.findall(segment) if w.lower() not in ("the", "a", "an")]
    return all(w in name.words or w[:1].isupper() for w in leftover)


def _fits(subject: _Subject, pronoun: str) -> bool:
    if subject.kind != "name" or subject.name is None:
        return False
    if pronoun in _PERSON_PRONOUNS:
        return not subject.name.org
    if pronoun == _ORGANISATION:
        return subject.name.org
    return True
