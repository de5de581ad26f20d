"""Who said each quote of a claim, with the cue words that name the speaker underlined.

The cue offsets (`Mention.cue_start`, `cue_end`) index the article body, like the mention's
own offsets. Every piece of text is passed through `html.escape`; the only tags in the
result are the ones written here.
"""

from __future__ import annotations

import html

import streamlit as st

from claims.models import Mention

_CONTEXT = 40  # characters of the sentence shown on each side of the cue
_QUOTE_SHOWN = 80  # characters of the quote shown


def speaker_line(body: str, mention: Mention) -> str:
    """One HTML line for a quote mention: its speaker, the start of the quote and, when the
    cue is known, the words around it with the cue underlined."""
    speaker = (f"<b>{html.escape(mention.speaker)}</b>" if mention.speaker
               else "<i>no named speaker</i>")
    words = mention.surface
    shown = words if len(words) <= _QUOTE_SHOWN else words[:_QUOTE_SHOWN].rstrip() + "…"
    line = f"{speaker} — “{html.escape(shown)}”"
    cue = _cue_in_context(body, mention)
    return f"{line} — {cue}" if cue else line


def _cue_in_context(body: str, mention: Mention) -> str:
    start, end = mention.cue_start, mention.cue_end
    if start is None or end is None or not 0 <= start < end <= len(body):
        return ""
    lo = max(body.rfind("\n", 0, start) + 1, start - _CONTEXT)
    hi = body.find("\n", end)
    hi = min(len(body) if hi < 0 else hi, end + _CONTEXT)
    before = ("…" if lo > 0 and body[lo - 1] != "\n" else "") + body[lo:start]
    after = body[end:hi] + ("…" if hi < len(body) and body[hi] != "\n" else "")
    return (f'<span style="color:#475569">{html.escape(before)}'
            f"<u>{html.escape(body[start:end])}</u>{html.escape(after)}</span>")


def render_speakers(body: str, mentions: list[Mention]) -> None:
    """The "Speakers" list for the quote mentions among `mentions`; nothing if none."""
    quotes = [m for m in mentions if m.kind == "quote"]
    if not quotes:
        return
    st.subheader("Speakers")
    st.caption("Who said each quote; the words that name the speaker are underlined.")
    items = "".join(f"<li>{speaker_line(body, m)}</li>" for m in quotes)
    st.html(f'<ul class="claim-speakers">{items}</ul>')
