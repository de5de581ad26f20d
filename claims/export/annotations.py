"""W3C Web Annotation JSON-LD for claim quotes and reviewers' notes.

Each claim becomes one Annotation whose target is the claim's span of the article,
selected twice so other tools can re-anchor it: a `TextQuoteSelector` (exact, prefix,
suffix) and a `TextPositionSelector` (start, end: code points into the stored body). Its
bodies are `TextualBody`s: the claim's kind (purpose `classifying`), its verdict and
rationale (`assessing`) and every note (`commenting`, with author and time). A note
anchored to part of the quote is, in addition, an Annotation of its own targeting that part.
The output is a JSON array of complete Annotations (each with its `@context`), one a line,
streamed.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import IO, Any

from sqlalchemy.engine import Engine

from claims.export.records import ClaimRecord, NoteInfo, iter_claims
from claims.service.queries import ClaimFilter
from claims.settings import Settings

CONTEXT = "http://www.w3.org/ns/anno.jsonld"
CONTEXT_CHARS = 32
GENERATOR = {"id": "urn:claim-desk", "type": "Software", "name": "claim desk"}


def article_source(record: ClaimRecord) -> str:
    """The IRI of the annotated article: its URL, or a claim desk URN when it has none."""
    return record.article.url or f"urn:claim-desk:article:{record.article.id}"


def _target(record: ClaimRecord, start: int, end: int) -> dict[str, Any]:
    """The target `[start, end)` of the article body, which must lie inside the claim."""
    inner_start, inner_end = start - record.start, end - record.start
    before = record.prefix + record.text[:inner_start]
    after = record.text[inner_end:] + record.suffix
    return {
        "source": article_source(record),
        "selector": [
            {"type": "TextQuoteSelector", "exact": record.text[inner_start:inner_end],
             "prefix": before[-CONTEXT_CHARS:], "suffix": after[:CONTEXT_CHARS]},
            {"type": "TextPositionSelector", "start": start, "end": end},
        ],
    }


def _note_body(note: NoteInfo) -> dict[str, Any]:
    body: dict[str, Any] = {"type": "TextualBody", "purpose": "commenting",
                            "value": note.body, "format": "text/plain",
                            "created": note.created_at.isoformat()}
    if note.author:
        body["creator"] = {"type": "Person", "name": note.author}
    return body


def _bodies(record: ClaimRecord) -> list[dict[str, Any]]:
    bodies = [{"type": "TextualBody", "purpose": "classifying", "value": record.kind}]
    if record.verdict:
        text = f"{record.verdict} ({record.status})"
        if record.rationale:
            text += f": {record.rationale}"
        bodies.append({"type": "TextualBody", "purpose": "assessing", "value": text,
                       "format": "text/plain"})
    return bodies + [_note_body(note) for note in record.notes]


def claim_annotation(record: ClaimRecord, settings: Settings) -> dict[str, Any]:
    """The Annotation of one claim's quote, with its kind, verdict and notes as bodies."""
    return {
        "@context": CONTEXT,
        "id": f"urn:claim-desk:claim:{record.id}",
        "type": "Annotation",
        "motivation": "assessing" if record.verdict else "highlighting",
        "creator": {"type": "Organization", "name": settings.org_name,
                    "homepage": settings.org_url},
        "generator": GENERATOR,
        "created": record.created_at.isoformat(),
        "modified": record.updated_at.isoformat(),
        "body": _bodies(record),
        "target": _target(record, record.start, record.end),
    }


def note_annotation(record: ClaimRecord, note: NoteInfo) -> dict[str, Any]:
    """The Annotation of a note anchored to part of its claim's quote."""
    assert note.quote_start is not None and note.quote_end is not None
    annotation: dict[str, Any] = {
        "@context": CONTEXT,
        "id": f"urn:claim-desk:note:{note.id}",
        "type": "Annotation",
        "motivation": "commenting",
        "generator": GENERATOR,
        "created": note.created_at.isoformat(),
        "body": _note_body(note),
        "target": _target(record, record.start + note.quote_start,
                          record.start + note.quote_end),
    }
    if note.author:
        annotation["creator"] = {"type": "Person", "name": note.author}
    return annotation


def iter_annotations(records: Iterator[ClaimRecord],
                     settings: Settings) -> Iterator[dict[str, Any]]:
    """Every claim's Annotation, each followed by those of its anchored notes."""
    for record in records:
        if record.revision_status == "removed":  # its words are not in the latest body
            continue
        yield claim_annotation(record, settings)
        for note in record.notes:
            if note.quote_start is not None and note.quote_end is not None:
                yield note_annotation(record, note)


def export_annotations(engine: Engine, out: IO[str], *, settings: Settings,
                       article_id: int | None = None) -> int:
    """Write a JSON array of Web Annotations for the claims (of one article) to `out`.

    Read-only and streamed. Returns how many annotations were written.
    """
    records = iter_claims(engine, ClaimFilter(article_id=article_id), notes=True)
    count = 0
    out.write("[")
    for count, item in enumerate(iter_annotations(records, settings), start=1):
        out.write(",\n" if count > 1 else "\n")
        out.write(json.dumps(item, ensure_ascii=False))
    out.write("\n]\n" if count else "]\n")
    return count
