"""Group mentions into claims: one claim per sentence, widened to cover a quote's sentences."""

from __future__ import annotations

from claims.extract.scoring import assess_claim
from claims.extract.sentences import sentence_spans
from claims.extract.types import Claim, Mention


def group_claims(text: str, mentions: list[Mention], start: int, end: int) -> list[Claim]:
    """Claims for the sentences of `text[start:end]` that hold at least one mention.

    `mentions` must be sorted by start. Each mention belongs to the sentence it starts in;
    a mention that runs past its sentence's end (a quote over several sentences) pulls the
    following sentences into the same claim. One sorted sweep: linear in sentences + mentions.
    """
    sentences = list(sentence_spans(text, start, end))
    if not sentences:
        sentences = [(start, end)] if mentions else []
    buckets = _mentions_by_sentence(sentences, mentions)
    claims = []
    index = 0
    while index < len(sentences):
        if not buckets[index]:
            index += 1
            continue
        last, claim_end = _widen(sentences, buckets, index)
        inside = [m for bucket in buckets[index : last + 1] for m in bucket]
        claim_start = min(sentences[index][0], inside[0].start)
        claims.append(_claim(text, claim_start, claim_end, inside))
        index = last + 1
    return claims


def _mentions_by_sentence(
    sentences: list[tuple[int, int]], mentions: list[Mention]
) -> list[list[Mention]]:
    """Each mention goes to the last sentence starting at or before it (the first if none)."""
    buckets: list[list[Mention]] = [[] for _ in sentences]
    current = 0
    for mention in mentions:
        while current + 1 < len(sentences) and sentences[current + 1][0] <= mention.start:
            current += 1
        buckets[current].append(mention)
    return buckets


def _widen(
    sentences: list[tuple[int, int]], buckets: list[list[Mention]], first: int
) -> tuple[int, int]:
    """Index of the last sentence in the claim starting at `first`, and the claim's end."""
    last = first
    claim_end = _furthest_end(sentences[first][1], buckets[first])
    while last + 1 < len(sentences) and sentences[last + 1][0] < claim_end:
        last += 1
        claim_end = _furthest_end(max(claim_end, sentences[last][1]), buckets[last])
    return last, claim_end


def _furthest_end(end: int, mentions: list[Mention]) -> int:
    for mention in mentions:
        if mention.end > end:
            end = mention.end
    return end


def _claim(text: str, start: int, end: int, mentions: list[Mention]) -> Claim:
    assessment = assess_claim(text, start, end, mentions)
    return Claim(
        assessment.kind, text[start:end], start, end, assessment.score, assessment.reason, mentions
    )
