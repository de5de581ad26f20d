"""Names of people and organisations: capitalised runs, titles stripped, full forms found.

A name is a run of capitalised words ("Vladimir Putin", "A. K. Saseendran", "Committee to
Protect Journalists"). Titles and honorifics before it are dropped ("Russian President",
"Dr.", "Boeing Chairman"), and a later short form ("Mr. Saran", "Saran", "CPJ", "Fed") is
mapped back to the full form the article first gave ("Pankaj Saran").
"""

from __future__ import annotations

import re
from dataclasses import dataclass


def word_set(words: str) -> frozenset[str]:
    """The whitespace-separated words of `words` as a set (keeps word lists readable)."""
    return frozenset(words.split())


def word_trie(words: list[str]) -> str:
    """A regex alternation of `words` factored by prefix, which the engine rejects quickly."""
    branches: dict[str, list[str]] = {}
    for word in words:
        branches.setdefault(word[:1], []).append(word[1:])
    parts = []
    for first, rests in sorted(branches.items()):
        if first == "":
            continue
        tails = [r for r in rests if r]
        tail = word_trie(tails) if tails else ""
        optional = "" in rests and tails
        body = f"(?:{tail})?" if optional else tail
        parts.append(re.escape(first) + body)
    return parts[0] if len(parts) == 1 and "" not in branches else f"(?:{'|'.join(parts)})"


_UPPER = "A-Z\u00c0-\u00d6\u00d8-\u00de"
# One capitalised word. The pattern opens with a single character class so that the regex
# engine can skip to candidate characters in C; the look-behinds then tell the forms apart.
_TOKEN_HEAD = f"[{_UPPER}\u201c\"]"
_TOKEN_TAIL = (
    r"(?:(?<=[\u201c\"])[A-Z][\w-]*[\u201d\"]"  # a nickname in marks: Robert “Kelly” Ortberg
    r"|(?<=[A-Z])(?:\.[A-Z])+\.?"  # U.S., U.N.
    rf"|(?<=[{_UPPER}])(?:[\w\u2011]|-(?=\w)|[\u2019'](?=[A-Za-z]))*+\.?)"
)
_TOKEN = _TOKEN_HEAD + _TOKEN_TAIL
_GAP = r"(?:[ \u00a0]|\][ \u00a0]|[ \u00a0]\[)"
_PARTICLES = "de|del|da|di|du|dos|van|von|der|den|al|el|bin|ibn|la|le"
_LINKS = "of|for|to|and|the|&"
_LINK_SET = frozenset(_LINKS.split("|"))
_PARTICLE_SET = frozenset(_PARTICLES.split("|"))
# Between two capitalised words: a link ("of", "of the", "to the"), or up to two
# particles ("de la", "van der").
_BETWEEN = (
    rf"(?:(?:(?:of|to)[ \u00a0]the|{_LINKS})[ \u00a0]|(?:(?:{_PARTICLES})[ \u00a0]){{1,2}})"
)
_RUN_REST = rf"(?:{_GAP}{_BETWEEN}?{_TOKEN})*+"
RUN = re.compile(_TOKEN + _RUN_REST)
_TOKEN_RE = re.compile(_TOKEN)
# Two first names sharing one surname: "Mindy and Aaron Herstein".
_SHARED_SURNAME = re.compile(
    r"[ \u00a0]and[ \u00a0][A-Z][a-z]+[ \u00a0]([A-Z][a-z]+(?:-[A-Z][a-z]+)?)\b"
    r"(?![ \u00a0]*[A-Z\u2019'])"
)
_SUFFIX = re.compile(r",? (?:Jr\.|Sr\.|II|III|IV)(?![\w])")

TITLES = word_set("""
    Mr Mrs Ms Miss Mx Dr Prof Professor Sir Dame Lord Lady President Vice Prime Minister Premier
    Chancellor King Queen Prince Princess Sheikh Emir Pope Cardinal Bishop Archbishop Rev
    Reverend Father Senator Sen Rep Representative Congressman Congresswoman Gov Governor Mayor
    Judge Justice Gen General Col Colonel Lt Lieutenant Capt Captain Sgt Sergeant Maj Major Adm
    Admiral Cmdr Commander Chief Chairman Chairwoman Chairperson Chair CEO CFO COO Secretary
    Ambassador Commissioner Director Spokesman Spokeswoman Spokesperson Officer Executive
    Attorney Deputy Speaker Leader Coach Superintendent Inspector Detective Agent Adviser Advisor
    Commandant Marshal Sheriff Constable Trooper Corporal Special Acting Interim Assistant
""")
ORG_WORDS = word_set("""
    Association Associates Committee Council Court Department Ministry Agency Office Federation
    Union Organization Organisation Institute Institution University College School Academy
    Bank Reserve Fund Foundation Center Centre Commission Board Bureau Service Services Forces
    Force Army Navy Police Party Company Corporation Corp Inc Ltd Group Society Alliance League
    Network News Times Post Journal Press Authority Administration Congress Senate Parliament
    Government Tribunal Club Airlines Airways Hospital Clinic Museum Church Coalition Movement
    Front Brigades Command Secretariat Exchange Trust Partners Capital Securities Holdings
    Fellowship Program Programme Project Initiative Cabinet Assembly Guard Guards
    Industries Motors Systems Technologies Labs Laboratory Watch Federal International National
""")
# Function words and common sentence openers: capitalised, but not the start of a name.
STOPWORDS = word_set("""
    the a an in on at but and as after when while it this that these those he she they we i
    his her their its our my your one some many most all both if since for with without during
    before over under despite though although however meanwhile still yet so today yesterday
    there here what who why how where which another other each every no not now then also even
    just only more less much few several according by from to of about among until unless
    because once instead indeed overall earlier later last next first such former photos
    experts officials critics analysts investors residents authorities rescue is was are were
    do does did has have had will would can could should may might must let please thank
    despite amid following like unlike beyond whether whatever regardless asked speaking
    two three four five six seven eight nine ten dozens hundreds thousands
""")
# What follows "Secretary of" or "Minister of" in an office's name.
DEPARTMENTS = word_set("""
    State Defense Defence Health Education Energy Commerce Labor Labour Treasury Transportation
    Transport Agriculture Interior Justice Finance Foreign Home External Affairs Homeland
    Security Veterans Trade Industry Housing Culture Economy Environment War Information
""")
_OFFICE_OF = re.compile(
    r"(?:^|\s)([A-Z][a-z]+)[ \u00a0]+(?:of|to)[ \u00a0]+(?:the[ \u00a0]+)?\Z"
)


def after_office(text: str, at: int) -> bool:
    """Whether `text[at:]` follows a title and "of" or "to (the)": "Secretary of |State",
    "Ambassador to the |UN"."""
    office = _OFFICE_OF.search(text, max(0, at - 30), at)
    return office is not None and office.group(1) in TITLES


def _in_office(word: str) -> bool:
    """A department ("State") or a body ("UN") named in an office's title."""
    return word in DEPARTMENTS or _is_acronym(word)


def follows_office(text: str, at: int) -> bool:
    """Whether the words right before `at` end an office: "Minister of Foreign Affairs |"."""
    pos = at
    for _ in range(4):  # a department is a word or a few ("Foreign Affairs")
        cut = text.rfind(" ", max(0, pos - 20), pos - 1) + 1
        if text[cut : pos - 1] not in DEPARTMENTS:
            break
        pos = cut
    return pos < at and after_office(text, pos)


WEEKDAYS = word_set("Monday Tuesday Wednesday Thursday Friday Saturday Sunday")
# "May" and "June" are also names, and "Jan" is one without its stop.
CALENDAR = WEEKDAYS | word_set("""
    January February March April July August September October November December
    Jan. Feb. Mar. Apr. Jun. Jul. Aug. Sep. Sept. Oct. Nov. Dec.
""")
_HOLDING = ("\u2019s", "'s")
_NAMES_PER_ARTICLE = 256


@dataclass(slots=True)
class Name:
    """One name found in the text: `words` without titles, at `text[start:end]`."""

    words: str
    start: int
    end: int
    possessive: bool
    org: bool
    titled: bool


def names_in(text: str, start: int, end: int) -> list[Name]:
    """The names in `text[start:end]`, each run split at links and stripped of titles."""
    found: list[Name] = []
    for run in RUN.finditer(text, start, end):
        found.extend(names_of_run(text, run.start(), run.end()))
    return found


# Reading a run depends only on its words and the character after it, and the same runs
# recur across articles ("Mr. Modi", "President Joe Biden"), so readings are memoised.
_RUN_READINGS: dict[tuple[str, str], list[Name]] = {}
_RUN_READINGS_LIMIT = 8192


def names_of_run(text: str, start: int, end: int) -> list[Name]:
    """The names in `text[start:end]`, which `RUN` matched whole (as `names_in` would give)."""
    key = (text[start:end], text[end : end + 1])
    reading = _RUN_READINGS.get(key)
    if reading is None:
        reading = _names_of_run(key[0] + key[1], 0, len(key[0]))
        if len(_RUN_READINGS) >= _RUN_READINGS_LIMIT:
            _RUN_READINGS.clear()
        _RUN_READINGS[key] = reading
    return [
        Name(name.words, name.start + start, name.end + start, name.possessive, name.org,
             name.titled)
        for name in reading
    ]


def _names_of_run(text: str, start: int, end: int) -> list[Name]:
    run = text[start:end]
    if " " not in run and "\u00a0" not in run:  # one word, the common case
        return _one_word(text, run, start, end)
    tokens: list[tuple[str, int, int]] = []
    cursor = start
    for piece in run.replace("\u00a0", " ").split(" "):
        lead = 1 if piece[:1] == "[" else 0
        trail = 1 if piece[-1:] == "]" else 0
        stop = len(piece) - trail
        if stop > lead:
            tokens.append((piece[lead:stop], cursor + lead, cursor + stop))
        cursor += len(piece) + 1
    joined = any(word.rstrip(".") in ORG_WORDS for word, _, _ in tokens)
    parts: list[list[tuple[str, int, int]]] = [[]]
    office = False  # the part after "Secretary of", "Minister of" opens with the department
    for token in tokens:
        word = token[0]
        if word in _LINK_SET and not joined:
            if not (office and word == "the"):
                office = word in ("of", "to") and bool(parts[-1]) and parts[-1][-1][0] in TITLES
            parts.append([])  # "Carini of Italy", "Russia and China": two names
            continue
        if office and (word.rstrip(".,") in DEPARTMENTS or _is_acronym(word.rstrip(".,"))):
            # "Secretary of State Antony Blinken", "Ambassador to the UN Linda Thomas-Greenfield":
            # the office's department or body, then the person who holds it
            continue
        office = False
        parts[-1].append(token)
        if _ends_sentence(word):
            parts.append([])
    names: list[Name] = []
    for part in parts:
        while part and part[-1][0][0].islower():
            part.pop()
        if part:
            names.extend(_one_name(text, part))
    return names


def _one_word(text: str, word: str, start: int, end: int) -> list[Name]:
    if word.lower() in STOPWORDS or word in CALENDAR or word.rstrip(".") in TITLES:
        return []
    holding = word.endswith(_HOLDING)
    possessive = holding or (word[-1] == "s" and text[end : end + 1] in ("\u2019", "'"))
    core = word[:-2] if holding else word
    if core.endswith(".") and not _keeps_stop(core):
        core = core[:-1]
    core = core.strip("\u201c\u201d\"")
    if not core:
        return []
    org = core in ORG_WORDS or _is_acronym(core)
    return [Name(core, start, end, possessive, org, False)]


def _one_name(text: str, tokens: list[tuple[str, int, int]]) -> list[Name]:
    count = len(tokens)
    if count == 1:
        return _one_word(text, *tokens[0])
    first = 0
    while first < count:
        word = tokens[first][0]
        if word.lower() not in STOPWORDS and word not in CALENDAR:
            break
        first += 1
    while count - first > 2 and _bare(tokens[count - 1][0]) in TITLES:
        count -= 1  # a title after the name: "Linda Thomas-Greenfield Ambassador"
    last_title = -1
    org = False
    for index in range(first, count):
        bare = tokens[index][0].strip("\u201c\u201d\"").rstrip(".")
        if bare in TITLES:
            last_title = index
        elif bare in ORG_WORDS:
            org = True
    titled = first <= last_title < count - 1
    if last_title == count - 1 and not org:
        return []  # only titles: "FBI Special Agent"
    if titled:
        first = last_title + 1
    while count - first > 1 and tokens[first][0].endswith(_HOLDING):
        first += 1
    while count > first and tokens[count - 1][0] in WEEKDAYS:
        count -= 1
    if count <= first:
        return []
    last_word, _, last_end = tokens[count - 1]
    holding = last_word.endswith(_HOLDING)
    possessive = holding or (
        last_word[-1] == "s" and text[last_end : last_end + 1] in ("\u2019", "'")
    )
    words = [word.strip("\u201c\u201d\"") for word, _, _ in tokens[first:count]]
    if holding:
        words[-1] = words[-1][:-2]
    elif words[-1].endswith(".") and not _keeps_stop(words[-1]):
        words[-1] = words[-1][:-1]
    if "" in words:
        words = [word for word in words if word]
        if not words:
            return []
    org = (org and any(w in ORG_WORDS for w in words)) or (
        len(words) == 1 and _is_acronym(words[0])
    )
    return [Name(" ".join(words), tokens[first][1], tokens[count - 1][2], possessive, org, titled)]


# What `_person_of` reads depends only on the words and the character after them, and the
# same words recur ("Russian President Vladimir" before "Putin"), so readings are memoised.
_PERSON_READINGS: dict[tuple[tuple[str, ...], str], str] = {}


def _person_of(text: str, tokens: list[tuple[str, int, int]]) -> str:
    """The words of the first name `_one_name` reads in `tokens`, or "" when there is none or
    it is an organisation."""
    last_end = tokens[-1][2]
    key = (tuple([word for word, _, _ in tokens]), text[last_end : last_end + 1])
    person = _PERSON_READINGS.get(key)
    if person is None:
        names = _one_name(text, tokens)
        person = names[0].words if names and not names[0].org else ""
        if len(_PERSON_READINGS) >= _RUN_READINGS_LIMIT:
            _PERSON_READINGS.clear()
        _PERSON_READINGS[key] = person
    return person


def _ends_sentence(word: str) -> bool:
    return word.endswith(".") and not _keeps_stop(word) and word[:-1] not in TITLES


def _bare(word: str) -> str:
    return word.strip("\u201c\u201d\"").rstrip(".")


def _word_start(text: str, floor: int, stop: int, others: str) -> int:
    """The start of the word that ends at `stop`: just after the last space or one of `others`
    in `text[floor:stop]`, else `floor`."""
    begin = text.rfind(" ", floor, stop) + 1
    if begin < floor:
        begin = floor
    for mark in others:
        if mark in text[begin:stop]:
            begin = text.rfind(mark, begin, stop) + 1
    return begin


def _keeps_stop(word: str) -> bool:
    core = word.rstrip(".")
    return len(core) == 1 or core in ("Jr", "Sr", "St") or "." in core


def _is_acronym(word: str) -> bool:
    letters = word.replace(".", "")
    return len(letters) >= 2 and letters.isupper() and letters.isalpha()


class NameBook:
    """Maps a short or later form of a name to the full form first given in one article."""

    def __init__(self, text: str, start: int, end: int) -> None:
        self._text = text
        self._start = start
        self._end = end
        self._cache: dict[str, str] = {}

    def full_name(self, name: Name) -> str:
        """The full form of `name` as first given in the article, without titles."""
        key = name.words
        cached = self._cache.get(key)
        if cached is None:
            # Each new name costs a search of the article; past a budget, names stay as found.
            cached = self._resolve(name) if len(self._cache) < _NAMES_PER_ARTICLE else key
            self._cache[key] = cached
        return cached

    def _resolve(self, name: Name) -> str:
        if name.words.isupper() and _is_acronym(name.words):
            return self._expand_acronym(name.words) or name.words
        if name.org:
            return name.words
        full = self._first_full_form(name.words)
        if full is None and " " not in name.words and len(name.words) <= 4:
            full = self._expand_prefix(name.words)
        return full or name.words

    def _first_full_form(self, words: str) -> str | None:
        """The first fuller form around an occurrence of `words` (the first occurrence of a
        name of several words, else up to the first eight), or None."""
        text, at, end = self._text, self._start, self._end
        limit = 1 if " " in words else 8
        size = len(words)
        find = text.find
        while limit > 0:
            at = find(words, at, end)
            if at < 0:
                return None
            after = at + size
            if not text[at - 1 : at].isalnum() and not text[after : after + 1].isalnum():
                limit -= 1
                full = self._words_around(at, words)
                if full != words:
                    return full
            at = after
        return None

    def _words_around(self, at: int, words: str) -> str:
        if " " not in words and self._text.startswith(" and ", at + len(words)):
            # "Mindy and Aaron Herstein": Mindy Herstein
            shared = _SHARED_SURNAME.match(self._text, at + len(words), self._end)
            if shared is not None and not self._capital_before(at):
                return f"{words} {shared.group(1)}"
        after = self._words_after(at + len(words))
        tokens = self._tokens_before(at) if self._capital_before(at) else None
        if tokens:
            tokens.append((words, at, at + len(words)))
            full = _person_of(self._text, tokens) or words
        else:
            full = words
        return f"{full} {after}" if after else full

    def _capital_before(self, at: int) -> bool:
        """True when a capitalised word (or "[…]", a nickname mark) stands right before `at`."""
        text = self._text
        if at - 2 < self._start or text[at - 1] not in " \u00a0":
            return False
        previous = text[at - 2]
        if previous in "]\u201d\"":
            return True
        floor = at - 40 if at - 40 > self._start else self._start
        begin = _word_start(text, floor, at - 1, "\n\u00a0")
        first = text[begin : begin + 1]
        return first.isupper() or first in "[\u201c\""

    def _tokens_before(self, at: int) -> list[tuple[str, int, int]]:
        """The capitalised words (with their offsets) that run up to `at`, nearest last."""
        text = self._text
        floor = at - 80 if at - 80 > self._start else self._start
        tokens: list[tuple[str, int, int]] = []
        pos = at
        fullmatch = _TOKEN_RE.fullmatch
        while len(tokens) < 6 and pos - 1 > floor and text[pos - 1] in " \u00a0":
            stop = pos - 1
            if text[stop - 1] == "]":
                stop -= 1
            begin = text.rfind(" ", floor, stop) + 1
            if begin < floor:
                begin = floor
            word = text[begin:stop]
            if "\u00a0" in word or "[" in word or "\n" in word:
                begin = _word_start(text, begin, stop, "\u00a0[\n")
                word = text[begin:stop]
            if tokens and word in _PARTICLE_SET:
                pos = begin
                continue
            if not fullmatch(word) or (
                word[-1] == "." and word[:-1] not in TITLES and not _keeps_stop(word)
            ):
                break
            tokens.append((word, begin, stop))
            pos = begin
        tokens.reverse()
        if tokens and _in_office(tokens[0][0]) and after_office(text, tokens[0][1]):
            while tokens and _in_office(tokens[0][0]):
                tokens.pop(0)  # "Secretary of State Antony Blinken": not "State Antony"
        return tokens

    def _words_after(self, at: int) -> str:
        """A suffix ("Jr.", "III") or the rest of a name begun by a first name ("Corey" in
        "Corey Comperatore", "Kelly” Ortberg")."""
        following = self._text[at : at + 3]
        if following[:1] not in (",", " ", "\u201d", '"') or following[1:2].islower():
            return ""
        suffix = _SUFFIX.match(self._text, at, self._end)
        if suffix:
            return suffix.group().lstrip(", ")
        gap = at + 1 if following[:1] in ("\u201d", '"') else at
        if self._text[gap : gap + 1] != " ":
            return ""
        run = RUN.match(self._text, gap + 1, self._end)
        if run is None:
            return ""
        words = []
        for word in run.group().split():
            bare = _bare(word)
            if (word.lower() in STOPWORDS or bare in CALENDAR or bare in ORG_WORDS
                    or bare in TITLES or word.endswith(_HOLDING) or _ends_sentence(word)):
                break
            words.append(bare)
        return " ".join(words)

    def _expand_acronym(self, acronym: str) -> str | None:
        """The run of words whose initials spell `acronym` ("CPJ" → "Committee to Protect
        Journalists")."""
        letters = acronym.replace(".", "")
        if len(letters) > 8:
            return None
        pattern = _acronym_pattern(letters)
        match = pattern.search(self._text, self._start, self._end)
        return match.group() if match else None

    def _expand_prefix(self, short: str) -> str | None:
        """An organisation whose first word begins with `short` ("Fed" → "Federal Reserve")."""
        text, at = self._text, self._start
        for _ in range(64):
            at = text.find(short, at, self._end)
            if at < 0:
                break
            after = at + len(short)
            run = RUN.match(text, at, self._end)
            if not text[at - 1 : at].isalnum() and text[after : after + 1].islower() and run:
                words = []
                for word in run.group().split():
                    if _bare(word) in TITLES:
                        break
                    words.append(word)
                if any(_bare(word) in ORG_WORDS for word in words):
                    return " ".join(words)
            at = after
        return None


_ACRONYM_PATTERNS: dict[str, re.Pattern[str]] = {}


def _acronym_pattern(letters: str) -> re.Pattern[str]:
    pattern = _ACRONYM_PATTERNS.get(letters)
    if pattern is None:
        link = rf"(?:[ \u00a0](?:{_LINKS}))?[ \u00a0]"
        body = link.join(rf"{letter}[a-z]+" for letter in letters)
        pattern = re.compile(rf"(?<![\w]){body}(?![\w])")
        if len(_ACRONYM_PATTERNS) < 512:
            _ACRONYM_PATTERNS[letters] = pattern
    return pattern
