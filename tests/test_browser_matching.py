"""End to end in a real browser: a claim repeated by a second article shows the seed's
approved claim under "Checked before", and "Reuse verdict" proposes its verdict.

Same set-up as tests/test_browser.py: Debian's Chromium driven by Playwright against a real
`claims serve` in team mode on a temporary SQLite database.
"""

from __future__ import annotations

import re
from datetime import date

from claims import service
from claims.service import ArticleInput, ClaimFilter
from tests.test_browser import (  # noqa: F401  (fixtures)
    CHROMIUM,
    Served,
    live,
    page,
    pytestmark,
    served,
    settle,
    sign_in,
    type_into,
)

REPEAT = ("Kyiv mourns\n\nRussian bombing killed at least 41 people in Ukraine on Monday, "
          "including at a children's hospital in Kyiv, the city's officials said.\n")


def test_reuse_verdict_in_the_browser(served: Served, page: object) -> None:  # noqa: F811
    desk = served.desk
    source = desk.claim_id
    version = desk.version()
    service.propose_verdict(desk.engine, desk.checker, source, seen_version=version,
                            verdict="mostly_true", rationale="Kyiv's administration gave 41.")
    service.approve_verdict(desk.engine, desk.editor, source, seen_version=version + 1)
    article = service.ingest_article(desk.engine, desk.admin, ArticleInput(
        text=REPEAT, published_on=date(2024, 7, 8))).article_id
    target = service.list_claims(desk.engine, ClaimFilter(article_id=article))[0].id

    p: object = page
    sign_in(p, served.base, "asha")
    p.get_by_role("heading", name="Review queue").wait_for()  # type: ignore[attr-defined]
    p.get_by_role("link", name="Claim", exact=True).click()  # type: ignore[attr-defined]
    type_into(p, "Claim number", str(target))
    live(p).get_by_role("button", name="Open").click()  # type: ignore[attr-defined]
    p.get_by_role("heading", name=f"Claim #{target}").wait_for()  # type: ignore[attr-defined]
    p.get_by_role("heading", name=re.compile(r"^Checked before \(1\)")).wait_for()  # type: ignore[attr-defined]
    p.get_by_text("verdict mostly true · approved").wait_for()  # type: ignore[attr-defined]
    settle(p)
    live(p).get_by_role("button", name="Reuse verdict").click()  # type: ignore[attr-defined]
    p.get_by_text(f"Proposed the verdict of claim #{source}.").wait_for()  # type: ignore[attr-defined]
    claim = service.get_claim(desk.engine, target).claim
    assert (claim.status, claim.verdict, claim.rationale) == (
        "needs_approval", "mostly_true", "Kyiv's administration gave 41.")
    event = service.claim_history(desk.engine, target)[-1]
    assert event.action == "reuse_verdict" and event.actor_name == "asha"
    assert event.after is not None and event.after["source_claim_id"] == source
