"""In a real browser: a checker adds a revision of the seed article on its page and reads
the diff between the two revisions (Debian's Chromium, Playwright, `claims serve`)."""

from __future__ import annotations

import re

from claims import service
from claims.service import ClaimFilter
from tests.test_browser import (  # noqa: F401  (fixtures: served, page)
    Served,
    live,
    page,
    pick_first_row,
    pytestmark,
    served,
    settle,
    sign_in,
    type_into,
)
from tests.test_revisions import FIGURE, edited, seed_text


def test_a_checker_adds_a_revision_and_reads_the_diff(served: Served,  # noqa: F811
                                                       page: object) -> None:  # noqa: F811
    p: object = page
    sign_in(p, served.base, "asha")
    p.get_by_role("heading", name="Review queue").wait_for()  # type: ignore[attr-defined]
    p.get_by_role("link", name="Articles").click()  # type: ignore[attr-defined]
    p.get_by_role("heading", name="Articles").wait_for()  # type: ignore[attr-defined]
    pick_first_row(p)
    p.get_by_role("heading", name=re.compile("^Modi and Putin in Moscow")).wait_for()  # type: ignore[attr-defined]
    p.get_by_text("Never revised").wait_for()  # type: ignore[attr-defined]

    label = "The updated article's text (a headline line first, then the body)"
    settle(p)
    p.get_by_text("Add a revision", exact=True).click()  # type: ignore[attr-defined]
    live(p).get_by_label(label, exact=True).wait_for(state="visible")  # type: ignore[attr-defined]
    type_into(p, label, edited(seed_text(), FIGURE))
    live(p).get_by_role("button", name="Store as a new revision").click()  # type: ignore[attr-defined]
    p.get_by_text("article 1: revision 2 (1 changed, 0 removed, 0 new)").wait_for()  # type: ignore[attr-defined]

    diff = p.get_by_test_id("stVerticalBlock").locator("del").first  # type: ignore[attr-defined]
    diff.wait_for()
    assert "killed at least 41 people" in diff.inner_text()
    added = p.locator("ins").first  # type: ignore[attr-defined]
    assert "killed at least 45 people" in added.inner_text()
    assert added.locator("b").inner_text() == "45"
    p.get_by_text("1 sentences added or rewritten from revision 1 to revision 2").wait_for()  # type: ignore[attr-defined]

    rows = service.list_claims(served.desk.engine, ClaimFilter(revision_status="changed"))
    assert [row.id for row in rows] == [served.desk.claim_id]
    assert "at least 45 people" in rows[0].text
