"""schema.org ClaimReview JSON-LD for approved claims, validated before it is written.

Our verdicts map to ratings through one table, `RATINGS` (numbers from worst 1 to best 6,
in the order of `models.VERDICTS`):

| verdict      | ratingValue | alternateName |
| ------------ | ----------- | ------------- |
| true         | 6           | True          |
| mostly_true  | 5           | Mostly true   |
| half_true    | 4           | Half true     |
| misleading   | 3           | Misleading    |
| mostly_false | 2           | Mostly false  |
| false        | 1           | False         |
| unverifiable | (none)      | Unverifiable  |

`unverifiable` is not a point on the true-false scale, so its Rating is textual only: it
carries `alternateName` (which Google requires) and no `ratingValue`, `bestRating` or
`worstRating` (Google asks that `worstRating` be 1 or more, so there is no number to give).

Each item follows Google's fact-check documentation: required `claimReviewed`,
`reviewRating` (with `alternateName`) and `url`; recommended `author`, `datePublished` and
`itemReviewed` (a `Claim` with `author`, `datePublished` and `appearance`). A claim whose
item breaks a rule (see `problems`) is not written but reported back to the caller.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import IO, Any

from sqlalchemy.engine import Engine

from claims.export.claim_summary import ELLIPSIS, summarise
from claims.export.records import ClaimRecord, iter_claims
from claims.service.queries import ClaimFilter
from claims.settings import Settings

CONTEXT = "https://schema.org"
MAX_CLAIM_REVIEWED = 75  # Google: "try to keep this less than 75 characters"
BEST_RATING = 6
WORST_RATING = 1


@dataclass(frozen=True, slots=True)
class RatingScale:
    value: int | None
    label: str


#: verdict → rating; the one table (documented in the module docstring and the README)
RATINGS: dict[str, RatingScale] = {
    "true": RatingScale(6, "True"),
    "mostly_true": RatingScale(5, "Mostly true"),
    "half_true": RatingScale(4, "Half true"),
    "misleading": RatingScale(3, "Misleading"),
    "mostly_false": RatingScale(2, "Mostly false"),
    "false": RatingScale(1, "False"),
    "unverifiable": RatingScale(None, "Unverifiable"),
}


@dataclass(frozen=True, slots=True)
class Rejection:
    """An approved claim that was not exported, and why."""

    claim_id: int
    problems: tuple[str, ...]

    def __str__(self) -> str:
        return f"claim {self.claim_id}: {'; '.join(self.problems)}"


@dataclass(slots=True)
class ClaimReviewExport:
    """What an export wrote: how many items, and the claims it refused."""

    written: int = 0
    rejected: list[Rejection] = field(default_factory=list)


def shorten(text: str, limit: int = MAX_CLAIM_REVIEWED) -> str:
    """`text` on one line and shorter than `limit` characters, cut at a word with an ellipsis."""
    flat = " ".join(text.split())
    if len(flat) < limit:
        return flat
    cut = flat[: limit - 1 - len(ELLIPSIS)]
    if " " in cut and not flat[len(cut)].isspace():
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:.-–—") + ELLIPSIS


def claim_reviewed(record: ClaimRecord, limit: int = MAX_CLAIM_REVIEWED) -> str:
    """The claim in under `limit` characters: whole if it fits, else the words around its
    key mentions (claims.export.claim_summary), else its start cut at a word."""
    if len(" ".join(record.text.split())) < limit:
        return shorten(record.text, limit)
    return summarise(record.text, record.mentions, record.start, limit) or shorten(
        record.text, limit)


def rating(verdict: str) -> dict[str, Any]:
    """The schema.org Rating for one of our verdicts (see RATINGS)."""
    scale = RATINGS[verdict]
    item: dict[str, Any] = {"@type": "Rating", "alternateName": scale.label, "name": scale.label}
    if scale.value is not None:
        item.update(ratingValue=scale.value, bestRating=BEST_RATING, worstRating=WORST_RATING)
    return item


def _claim_author(record: ClaimRecord) -> dict[str, Any] | None:
    if record.article.author:
        person: dict[str, Any] = {"@type": "Person", "name": record.article.author}
        if record.article.outlet:
            person["affiliation"] = {"@type": "Organization", "name": record.article.outlet}
        return person
    if record.article.outlet:
        return {"@type": "Organization", "name": record.article.outlet}
    return None


def _appearance(record: ClaimRecord) -> dict[str, Any]:
    work: dict[str, Any] = {"@type": "CreativeWork"}
    if record.article.url:
        work["url"] = record.article.url
    if record.article.title:
        work["headline"] = record.article.title
    if record.article.outlet:
        work["publisher"] = {"@type": "Organization", "name": record.article.outlet}
    if record.article.published_on:
        work["datePublished"] = record.article.published_on.isoformat()
    return work


def _item_reviewed(record: ClaimRecord) -> dict[str, Any]:
    claim: dict[str, Any] = {"@type": "Claim", "appearance": _appearance(record)}
    if (author := _claim_author(record)) is not None:
        claim["author"] = author
    if record.article.published_on:
        claim["datePublished"] = record.article.published_on.isoformat()
    return claim


def claim_review(record: ClaimRecord, settings: Settings) -> dict[str, Any]:
    """The ClaimReview item of an approved claim (not yet validated: see `problems`)."""
    reviewed_at = record.approved_at or record.updated_at
    item: dict[str, Any] = {
        "@context": CONTEXT,
        "@type": "ClaimReview",
        "url": settings.review_url.replace("{id}", str(record.id)),
        "claimReviewed": claim_reviewed(record),
        "author": {"@type": "Organization", "name": settings.org_name, "url": settings.org_url},
        "datePublished": reviewed_at.replace(microsecond=0).isoformat(),
        "itemReviewed": _item_reviewed(record),
        "reviewRating": rating(record.verdict) if record.verdict in RATINGS else None,
    }
    if record.rationale:
        item["reviewBody"] = record.rationale
    return item


def problems(item: dict[str, Any]) -> list[str]:
    """What makes a ClaimReview item unfit to publish; empty when it is fit."""
    found = []
    reviewed = item.get("claimReviewed")
    if not isinstance(reviewed, str) or not reviewed.strip():
        found.append("claimReviewed is empty")
    elif len(reviewed) >= MAX_CLAIM_REVIEWED:
        found.append(f"claimReviewed has {len(reviewed)} characters (must be under "
                     f"{MAX_CLAIM_REVIEWED})")
    found += _rating_problems(item.get("reviewRating"), reviewed)
    url = item.get("url")
    if not isinstance(url, str) or not re.match(r"https?://[^/\s]+", url) or "{id}" in url:
        found.append("url is missing or not an http(s) address (set CLAIMS_REVIEW_URL)")
    return found


def _rating_problems(review_rating: Any, reviewed: Any) -> list[str]:
    if not isinstance(review_rating, dict) or not review_rating.get("alternateName"):
        return ["the claim has no verdict this scale can rate"]
    found = []
    label = review_rating["alternateName"]
    if isinstance(reviewed, str) and re.search(rf"\b{re.escape(label)}\b", reviewed, re.I):
        found.append(f"claimReviewed contains the rating {label!r}")
    value = review_rating.get("ratingValue")
    if value is not None:
        worst, best = review_rating.get("worstRating"), review_rating.get("bestRating")
        if not (isinstance(worst, int) and isinstance(best, int) and worst <= value <= best):
            found.append(f"ratingValue {value} is not between worstRating and bestRating")
    return found


def claim_reviews(records: Iterable[ClaimRecord], settings: Settings,
                  report: ClaimReviewExport) -> Iterator[dict[str, Any]]:
    """The valid ClaimReview items of `records`; each refused claim is added to `report`."""
    for record in records:
        item = claim_review(record, settings)
        found = problems(item)
        if found:
            report.rejected.append(Rejection(record.id, tuple(found)))
            continue
        report.written += 1
        yield item


def approved_claims(engine: Engine, article_id: int | None = None) -> Iterator[ClaimRecord]:
    """The approved claims of one article (or of all), streamed, with their mentions (which
    choose the words of `claimReviewed`)."""
    return iter_claims(engine, ClaimFilter(article_id=article_id, status="approved"))


def claimreview_rejections(engine: Engine, *, settings: Settings,
                           article_id: int | None = None) -> list[Rejection]:
    """The approved claims (of one article) that an export would leave out, and why."""
    report = ClaimReviewExport()
    for _ in claim_reviews(approved_claims(engine, article_id), settings, report):
        pass
    return report.rejected


def export_claimreview(engine: Engine, out: IO[str], *, settings: Settings,
                       article_id: int | None = None) -> ClaimReviewExport:
    """Write a JSON array of ClaimReview items (one a line) for approved claims to `out`.

    Read-only and streamed: items are validated and written one at a time. Claims that fail
    validation are left out of the file and listed in the returned `rejected`.
    """
    report = ClaimReviewExport()
    out.write("[")
    for index, item in enumerate(claim_reviews(approved_claims(engine, article_id), settings,
                                               report)):
        out.write(",\n" if index else "\n")
        out.write(json.dumps(item, ensure_ascii=False))
    out.write("\n]\n" if report.written else "]\n")
    return report
