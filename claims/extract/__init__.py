"""Claim extraction: pure functions from an article's text to claims with anchored mentions."""

from claims.extract.document import body_span, split_title
from claims.extract.pipeline import extract_claims, extract_mentions
from claims.extract.types import CLAIM_KINDS, MENTION_KINDS, QUALIFIERS, Claim, Mention

__all__ = [
    "CLAIM_KINDS",
    "MENTION_KINDS",
    "QUALIFIERS",
    "Claim",
    "Mention",
    "body_span",
    "extract_claims",
    "extract_mentions",
    "split_title",
]
