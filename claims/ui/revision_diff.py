"""A readable diff of two revisions of an article: sentence by sentence, removed sentences
struck through in red, added ones in green, and inside a rewritten sentence the words that
changed in bold. Pure (text in, HTML out); every piece of article text is escaped."""

from __future__ import annotations

import html
import re
from difflib import SequenceMatcher

PARAGRAPH = "\n\n"
_PARAGRAPHS = re.compile(r"\n\s*\n")
_SENTENCES = re.compile(r"(?<=[.!?])\s+|(?<=[.!?][”\"’])\s+")
_WORDS = re.compile(r"(\s+)")
#: words with a full stop that does not end a sentence
ABBREVIATIONS = ("Mr.", "Mrs.", "Ms.", "Dr.", "Prof.", "St.", "Jr.", "Sr.", "Gen.", "Gov.",
                 "Sen.", "Rep.", "No.", "vs.", "U.S.", "U.K.", "a.m.", "p.m.")
REMOVED = "background:#fde2e1;text-decoration:line-through;color:#7a1b14"
ADDED = "background:#dcf5dc;color:#14501a"


def units(body: str) -> list[str]:
    """The body as sentences, with PARAGRAPH between paragraphs."""
    found: list[str] = []
    for paragraph in _PARAGRAPHS.split(body.strip()):
        if found:
            found.append(PARAGRAPH)
        found += _sentences(paragraph.strip())
    return found


def _sentences(paragraph: str) -> list[str]:
    sentences: list[str] = []
    for piece in _SENTENCES.split(paragraph):
        if sentences and sentences[-1].endswith(ABBREVIATIONS):
            sentences[-1] += " " + piece
        elif piece:
            sentences.append(piece)
    return sentences


def _text(unit: str) -> str:
    return "<br><br>" if unit == PARAGRAPH else html.escape(unit) + " "


def _marked(items: list[str], style: str, tag: str) -> str:
    inner = "".join(_text(u) for u in items if u != PARAGRAPH)
    breaks = "<br><br>" * sum(1 for u in items if u == PARAGRAPH)
    return f'<{tag} style="{style}">{inner}</{tag}>{breaks}' if inner else breaks


def _words(old: str, new: str) -> tuple[str, str]:
    """Both sentences escaped, with the words that differ in bold."""
    before, after = _WORDS.split(old), _WORDS.split(new)
    left, right = [], []
    for op, i1, i2, j1, j2 in SequenceMatcher(None, before, after, autojunk=False).get_opcodes():
        old_part = html.escape("".join(before[i1:i2]))
        new_part = html.escape("".join(after[j1:j2]))
        left.append(old_part if op == "equal" else f"<b>{old_part}</b>" if old_part else "")
        right.append(new_part if op == "equal" else f"<b>{new_part}</b>" if new_part else "")
    return "".join(left), "".join(right)


def _rewritten(old: list[str], new: list[str]) -> str:
    """A run of sentences replaced by another: paired one to one where the counts allow."""
    old_text = [u for u in old if u != PARAGRAPH]
    new_text = [u for u in new if u != PARAGRAPH]
    if len(old_text) != len(new_text):
        return _marked(old, REMOVED, "del") + _marked(new, ADDED, "ins")
    pieces = []
    for before, after in zip(old_text, new_text, strict=True):
        left, right = _words(before, after)
        pieces.append(f'<del style="{REMOVED}">{left}</del> <ins style="{ADDED}">{right}</ins> ')
    return "".join(pieces) + "<br><br>" * max(old.count(PARAGRAPH), new.count(PARAGRAPH))


def diff_html(old: str, new: str) -> str:
    """An HTML fragment showing how `old` became `new`."""
    before, after = units(old), units(new)
    parts = ['<div style="line-height:1.7">']
    matcher = SequenceMatcher(None, before, after, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            parts.append("".join(_text(u) for u in before[i1:i2]))
        elif op == "delete":
            parts.append(_marked(before[i1:i2], REMOVED, "del"))
        elif op == "insert":
            parts.append(_marked(after[j1:j2], ADDED, "ins"))
        else:
            parts.append(_rewritten(before[i1:i2], after[j1:j2]))
    parts.append("</div>")
    return "".join(parts)


def changed_sentences(old: str, new: str) -> int:
    """How many sentences of `new` are not in `old` at their place (added or rewritten)."""
    before, after = units(old), units(new)
    return sum(j2 - j1 - after[j1:j2].count(PARAGRAPH) for op, _, _, j1, j2
               in SequenceMatcher(None, before, after, autojunk=False).get_opcodes()
               if op in ("insert", "replace"))
