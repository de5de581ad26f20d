"""The dashboard fixes of issue 10, end to end in Debian's Chromium driven by Playwright.

One `claims demo` (local mode) carries items 11-13 and 15-17: links that open the page they
name, an address bar that follows the page, a decisive passage marked on evidence, the
verdict without a default, a failed ingest's reason, and a second `claims demo` that leaves
the running dashboard's database alone. A `claims serve` in team mode carries item 14: a
sign-in that survives a reload and a new tab, and a sign-out that ends it.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import expect

from claims import service
from claims.service import ClaimFilter
from claims.service.evidence import upload_evidence
from claims.store import create_engine
from tests.test_browser import (  # noqa: F401  (page and served are fixtures)
    CHROMIUM,
    Served,
    _wait_until_healthy,
    free_port,
    live,
    page,
    pick_first_row,
    served,
    settle,
    sign_in,
    type_into,
    wait_idle,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed"),
]
PASSAGE = "at least 41 people were killed"
EVIDENCE_TEXT = (b"Kyiv city officials said at least 41 people were killed in Monday's "
                 b"strikes, including two at the children's hospital.")
DEMO_LINE = re.compile(r"demo database (\S+):")


@dataclass
class Demo:
    base: str
    path: Path
    claim_id: int
    article_id: int


def _demo_command(*options: str) -> list[str]:
    return [sys.executable, "-m", "claims", "demo", *options]


def _demo_env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if not k.startswith("CLAIMS_")}


def _remove_numbered(path: Path) -> None:
    """Remove a numbered demo file a test made (db/demo.sqlite stays, as the README's)."""
    if path.name != "demo.sqlite":
        for leftover in path.parent.glob(f"{path.name}*"):
            leftover.unlink()


@pytest.fixture
def demo() -> Iterator[Demo]:
    """`claims demo` on a free port, as the README's first command runs it (local mode)."""
    port = free_port()
    process = subprocess.Popen(_demo_command("--port", str(port)), env=_demo_env(),
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                               start_new_session=True)
    path: Path | None = None
    try:
        assert process.stdout is not None
        for line in process.stdout:
            if found := DEMO_LINE.search(line):
                path = Path(found.group(1))
                break
        assert path is not None, "claims demo did not say which database it made"
        base = f"http://127.0.0.1:{port}"
        _wait_until_healthy(base, process)  # type: ignore[arg-type]
        engine = create_engine(f"sqlite:///{path}")
        claim = service.list_claims(engine, ClaimFilter(search="at least 41 people"))[0]
        engine.dispose()
        yield Demo(base, path, claim.id, claim.article_id)
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.communicate(timeout=30)
        if path is not None:
            _remove_numbered(path)


def _no_page_not_found(p: object) -> None:
    wait_idle(p)
    assert p.get_by_text("Page not found").count() == 0  # type: ignore[attr-defined]


def _open_evidence(p: object, name: str) -> None:
    """Open the evidence item's expander (a rerun keeps it as it was)."""
    item = p.get_by_test_id("stExpander").filter(has_text=name).first  # type: ignore[attr-defined]
    item.wait_for()
    if item.locator("details").get_attribute("open") is None:
        item.locator("summary").click()
    settle(p)


def _heading(p: object, name: str | re.Pattern[str]) -> None:
    p.get_by_role("heading", name=name).first.wait_for()  # type: ignore[attr-defined]


def test_links_addresses_evidence_verdict_ingest_and_a_second_demo(
        demo: Demo, page: object) -> None:  # noqa: F811
    p: object = page
    engine = create_engine(f"sqlite:///{demo.path}")
    checker = service.local_actor(engine)
    upload_evidence(engine, checker, demo.claim_id, file_name="toll.txt", data=EVIDENCE_TEXT,
                    stance="supports", note="")

    # 12: each shareable link opens its page, without a "Page not found" over it
    for path, heading in ((f"/claim?claim={demo.claim_id}", f"Claim #{demo.claim_id}"),
                          ("/overview", "Editor overview"),
                          (f"/article?article={demo.article_id}", re.compile("^Modi and Putin"))):
        p.goto(demo.base + path)  # type: ignore[attr-defined]
        _heading(p, heading)
        _no_page_not_found(p)
        assert p.url == demo.base + path  # type: ignore[attr-defined]

    # 20: at 1400 px every download button shows its whole label
    p.set_viewport_size({"width": 1400, "height": 1500})  # type: ignore[attr-defined]
    settle(p)
    buttons = p.get_by_test_id("stDownloadButton")  # type: ignore[attr-defined]
    buttons.first.wait_for()
    assert buttons.count() == 6
    cut = p.evaluate(  # type: ignore[attr-defined]
        """() => [...document.querySelectorAll('[data-testid="stDownloadButton"] button *')]
                 .filter(e => e.scrollWidth > e.clientWidth + 1).map(e => e.innerText)""")
    assert cut == [], cut

    # 13: a claim opened from the article view puts the claim's address in the bar
    links = p.get_by_test_id("stPageLink-NavLink")  # type: ignore[attr-defined]
    links.filter(has_text="Mr. Modi landed on Monday").click()
    _heading(p, f"Claim #{demo.claim_id}")
    p.wait_for_url(f"**/claim?claim={demo.claim_id}")  # type: ignore[attr-defined]

    # 11: marking the decisive passage on the evidence is saved
    _open_evidence(p, "toll.txt")
    type_into(p, "decisive passage (paste its exact words from the snapshot)", PASSAGE)
    live(p).get_by_role("button", name="Save", exact=True).click()  # type: ignore[attr-defined]
    settle(p)
    _open_evidence(p, "toll.txt")
    p.get_by_text(f"decisive passage: “{PASSAGE}”").wait_for()  # type: ignore[attr-defined]
    assert p.get_by_text("Not saved").count() == 0  # type: ignore[attr-defined]
    assert p.get_by_text("changed it first").count() == 0  # type: ignore[attr-defined]

    # 17: no verdict is picked for the reviewer, and a proposal needs one
    verdict = live(p).get_by_label("Verdict", exact=True)  # type: ignore[attr-defined]
    assert verdict.input_value() == ""
    live(p).get_by_role("button", name="Propose verdict").click()  # type: ignore[attr-defined]
    p.get_by_text("Choose a verdict first").wait_for()  # type: ignore[attr-defined]

    # 15: a failed ingest shows its reason in the open
    p.goto(demo.base + "/article")  # type: ignore[attr-defined]
    _heading(p, "Articles")
    p.get_by_role("tab", name="Paste text").click()  # type: ignore[attr-defined]
    live(p).get_by_role("button", name="Ingest the text").click()  # type: ignore[attr-defined]
    reason = p.get_by_test_id("stAlertContentError").filter(  # type: ignore[attr-defined]
        has_text="paste the article's text first")
    reason.wait_for()
    assert reason.is_visible()

    # 13: "All articles" leaves the article, and a paste in progress is kept
    draft = "Storm hits the coast\n\nAt least 12 homes"
    type_into(p, "The article's text (a headline line first, then the body)", draft)
    pick_first_row(p)
    _heading(p, re.compile("^Modi and Putin"))
    live(p).get_by_role("button", name="All articles").click()  # type: ignore[attr-defined]
    _heading(p, "Articles")
    p.wait_for_url(re.compile(r"/article$"))  # type: ignore[attr-defined]
    settle(p)
    p.get_by_role("tab", name="Paste text").click()  # type: ignore[attr-defined]
    box = live(p).get_by_label(  # type: ignore[attr-defined]
        "The article's text (a headline line first, then the body)")
    expect(box).to_have_value(draft)

    # 16: a second demo leaves this dashboard's database alone, and says so
    second = subprocess.run(_demo_command("--no-serve"), env=_demo_env(), capture_output=True,
                            text=True, timeout=120)
    try:
        assert second.returncode == 0, second.stderr
        assert "earlier demo databases are left as they are" in second.stdout
        assert str(demo.path) in second.stdout.split("this demo uses")[0]
    finally:
        if made := DEMO_LINE.search(second.stdout):
            _remove_numbered(Path(made.group(1)))
    p.goto(f"{demo.base}/claim?claim={demo.claim_id}")  # type: ignore[attr-defined]
    _heading(p, f"Claim #{demo.claim_id}")
    _open_evidence(p, "toll.txt")
    p.get_by_text(f"decisive passage: “{PASSAGE}”").wait_for()  # type: ignore[attr-defined]
    engine.dispose()


def _has_session_cookie(p: object) -> bool:
    cookies = p.context.cookies()  # type: ignore[attr-defined]
    return any(c["name"] == "claims_session" for c in cookies)


def _wait_for_cookie(p: object, present: bool) -> None:
    for _ in range(100):
        if _has_session_cookie(p) == present:
            return
        p.wait_for_timeout(200)  # type: ignore[attr-defined]
    raise AssertionError(f"the session cookie is {'missing' if present else 'still there'}")


def test_a_team_sign_in_survives_reloads_and_new_tabs_until_sign_out(
        served: Served, page: object) -> None:  # noqa: F811
    p: object = page
    desk = served.desk
    sign_in(p, served.base, "asha")
    _heading(p, "Review queue")
    _wait_for_cookie(p, present=True)
    p.reload()  # type: ignore[attr-defined]
    _heading(p, "Review queue")
    assert p.get_by_label("Password", exact=True).count() == 0  # type: ignore[attr-defined]

    # a new tab, as a claim link opens one (a page made by browser.new_page cannot add tabs)
    with p.expect_popup() as opened:  # type: ignore[attr-defined]
        p.evaluate(f"window.open('{served.base}/claim?claim={desk.claim_id}')")  # type: ignore[attr-defined]
    tab = opened.value
    _heading(tab, f"Claim #{desk.claim_id}")
    _no_page_not_found(tab)
    assert "asha" in tab.get_by_test_id("stSidebar").inner_text()
    tab.close()

    live(p).get_by_role("button", name="Sign out").click()  # type: ignore[attr-defined]
    p.get_by_label("User name").wait_for()  # type: ignore[attr-defined]
    _wait_for_cookie(p, present=False)
    p.reload()  # type: ignore[attr-defined]
    p.get_by_label("User name").wait_for()  # type: ignore[attr-defined]
    assert p.get_by_role("heading", name="Review queue").count() == 0  # type: ignore[attr-defined]
