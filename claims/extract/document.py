"""Where an article's body lies in a file: past the headline block, before the boilerplate."""

from __future__ import annotations

import re

_FRONT_RULE = re.compile(r"^---[ \t]*$", re.MULTILINE)
# A line that starts the trailing block of links: everything from it on is not the article.
# The pattern matches from the line break before such a line: a literal first character lets
# the regex engine skip ahead fast, where `^` would have it try at every character.
_END_MARKER = re.compile(
    r"\n[ \t]*(?:Related (?:Posts|Articles|Stories|Content)|Read [Mm]ore|More from [^\n]{0,40}|"
    r"You may also like|Most [Rr]ead)[ \t]*$",
    re.MULTILINE,
)
# Lines that are noise only when nothing but more noise follows them; mid-article they stay.
_TRAILING_NOISE = frozenset({"Advertisement", "Share this article", "---"})
_PROSE = re.compile(r"[.!?\u2026][\"'\u201d\u2019)\]]*\s")
_MAX_CAPTIONS = 2
_CAPTION_WORDS = 8
_PROSE_WORDS = 8


def _looks_like_title(line: str) -> bool:
    stripped = line.strip()
    return 0 < len(stripped) <= 200 and not stripped.endswith((".", "?", "!", ":", "\u201d", '"'))


def body_start(text: str) -> int:
    """Offset where the body begins: after a `# headline … ---` block or a bare title line."""
    if text.startswith("# ") or text.lstrip().startswith("Published"):
        rule = _FRONT_RULE.search(text, 0, 1000)
        if rule:
            return rule.end() + 1 if rule.end() < len(text) else rule.end()
    first_break = text.find("\n")
    if first_break == -1:
        return 0
    first_line = text[:first_break]
    if first_line.startswith("# ") or (
        _looks_like_title(first_line) and _prose_or_blank_follows(text, first_break + 1)
    ):
        return _past_captions(text, first_break + 1)
    return 0


def _prose_or_blank_follows(text: str, at: int) -> bool:
    """A headline stands apart: a blank line or a paragraph of prose comes right after it."""
    if text.startswith("\n", at):
        return True
    line_end = text.find("\n", at)
    line = text[at : len(text) if line_end == -1 else line_end]
    return len(line.split()) >= _PROSE_WORDS and _PROSE.search(line + " ") is not None


def _past_captions(text: str, start: int) -> int:
    """Skip caption or byline lines ("Narendra Modi- Vladimir Putin") between headline and body.

    Only short title-like paragraphs are skipped, at most `_MAX_CAPTIONS`, and only when a
    paragraph that reads like prose follows; otherwise the body starts at `start`.
    """
    cursor = start
    for _ in range(_MAX_CAPTIONS + 1):
        while cursor < len(text) and text[cursor] == "\n":
            cursor += 1
        line_end = text.find("\n", cursor)
        line = text[cursor : len(text) if line_end == -1 else line_end]
        if not _looks_like_caption(line):
            return cursor - 1 if line and cursor > start else start
        if line_end == -1:
            return start
        cursor = line_end
    return start


def _looks_like_caption(line: str) -> bool:
    return _looks_like_title(line) and len(line.split()) <= _CAPTION_WORDS


def body_end(text: str, start: int = 0) -> int:
    """Offset where the body ends: before trailing boilerplate such as "Related Posts"."""
    end = len(text)
    # `_END_MARKER` matches from the line break before a marker line; when the body starts
    # the file, a break put in front lets its first line count too (`source` = `text` shifted).
    source, shift = (text, 1) if start else ("\n" + text, 0)
    for marker in _END_MARKER.finditer(source, start - shift):
        line_start = marker.start() + shift  # the marker line's start, as an offset in `text`
        if _PROSE.search(text, start, line_start):  # a marker above the prose is navigation
            end = line_start
            break
    return _before_trailing_noise(text, start, end)


def _before_trailing_noise(text: str, start: int, end: int) -> int:
    """`end` moved back past trailing whitespace and noise lines ("Advertisement", "---")."""
    while True:
        end = start + len(text[start:end].rstrip())
        line_start = text.rfind("\n", start, end) + 1 or start
        if text[line_start:end].strip() not in _TRAILING_NOISE:
            return max(start, end)
        end = line_start


def body_span(text: str) -> tuple[int, int]:
    """`(start, end)` of the article body inside `text`; offsets count from the file start."""
    start = body_start(text)
    return start, body_end(text, start)


def split_title(text: str) -> tuple[str | None, int]:
    """The headline (without `# `) if the file starts with one, and where the rest begins."""
    start = body_start(text)
    if start == 0:
        return None, 0
    first_line = text[: text.find("\n")].strip()
    return first_line.removeprefix("# ").strip() or None, start
