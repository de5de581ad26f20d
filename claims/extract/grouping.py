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
    sentences = sentence_spans(text, start, end)
    if not sentences:
        sentences = [(start, end)] if mentions else []
    count = len(sentences)
    # `_mentions_by_sentence`, keeping only the sentences that hold a mention (in order).
    buckets: dict[int, list[Mention]] = {}
    current = 0
    for mention in mentions:
        while current + 1 < count and sentences[current + 1][0] <= mention.start:
            current += 1
        bucket = buckets.get(current)
        if bucket is None:
            buckets[current] = [mention]
        else:
            bucket.append(mention)
    claims = []
    done = 0  # sentences before this one already belong to a claim
    for index, bucket in buckets.items():
        if index < done:
            continue
        # `_widen`, inlined
        last = index
        claim_end = _furthest_end(sentences[index][1], bucket)
        inside = bucket
        while last + 1 < count and sentences[last + 1][0] < claim_end:
            last += 1
            claim_end = max(claim_end, sentences[last][1])
            more = buckets.get(last)
            if more:
                inside.extend(more)  # `bucket` is this claim's own list: nothing else holds it
                claim_end = _furthest_end(claim_end, more)
        claim_start = min(sentences[index][0], inside[0].start)
        claims.append(_claim(text, claim_start, claim_end, inside))
        done = last + 1
    return claims


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
