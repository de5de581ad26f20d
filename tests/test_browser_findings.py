"""In a real browser: the claim workspace shows a consistency-check finding beside the
claim's mentions, with its numbers, and a checker marks it "not a problem" with a reason.

Reuses the served desk and the Chromium tab of tests/test_browser.py.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from claims import service
from claims.service.findings import claim_findings, open_findings
from tests.conftest import seed_input
from tests.test_browser import (  # noqa: F401  (fixtures used by name)
    CHROMIUM,
    Served,
    live,
    page,
    served,
    settle,
    sign_in,
    type_into,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed "
                       "(apt-get install -y chromium); Playwright cannot download browsers here"),
]


def test_a_finding_shows_in_the_workspace_and_is_dismissed(served: Served, page: object,  # noqa: F811
                                                           tmp_path: Path) -> None:
    desk = served.desk
    item = seed_input()
    item = replace(item, text=item.text.replace("(£50.76bn)", "(£40.76bn)"),
                   source_name="planted.txt")
    article_id = service.ingest_article(desk.engine, desk.admin, item).article_id
    [finding] = open_findings(desk.engine, article_id)
    p = page
    sign_in(p, f"{served.base}/article?article={article_id}", "asha")
    marked = p.locator("mark", has=p.locator("sup", has_text="⚠"))  # type: ignore[attr-defined]
    marked.first.wait_for()
    assert marked.count() == 1
    assert "£40.76bn" in marked.first.locator("u").all_inner_texts()
    p.get_by_text("Check findings (1 open)").wait_for()  # type: ignore[attr-defined]
    p.goto(f"{served.base}/claim?claim={finding.claim_id}")  # type: ignore[attr-defined]
    p.get_by_text("Consistency checks").wait_for()  # type: ignore[attr-defined]
    p.get_by_text("£40.76bn would be $52.3bn, not $65bn", exact=False).wait_for()  # type: ignore[attr-defined]
    p.get_by_text("stated 65,000,000,000 · expected 52,3", exact=False).wait_for()  # type: ignore[attr-defined]
    p.get_by_text("“£40.76bn”", exact=False).first.wait_for()  # type: ignore[attr-defined]
    p.screenshot(path=str(tmp_path / "finding.png"), full_page=True)  # type: ignore[attr-defined]
    type_into(p, "Why is this not a problem?", "the article converts at 2023 rates")
    live(p).get_by_role("button", name="Not a problem").click()  # type: ignore[attr-defined]
    settle(p)
    p.get_by_text("not a problem: the article converts at 2023 rates").wait_for()  # type: ignore[attr-defined]
    [stored] = claim_findings(desk.engine, finding.claim_id)
    assert stored.status == "dismissed"
    assert stored.dismissed_reason == "the article converts at 2023 rates"
