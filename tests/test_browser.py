"""End to end in a real browser: Debian's Chromium, driven by Playwright, against a real
`claims serve` in team mode on a temporary SQLite database.

A checker carries the seed's "at least 41 people" claim to needs-approval with a note, an
evidence link (served by a local HTTP server) and a verdict; an editor approves it and the
overview counts it. A screenshot of each page is taken; with UPDATE_SCREENSHOTS=1 they
replace the ones in docs/ (shown in the README), otherwise they go to the test's temporary
folder, so that running the suite does not change tracked files.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from claims import service
from tests.evidence_server import EvidenceServer
from tests.ui_desk import Desk, build_desk

CHROMIUM = Path("/usr/bin/chromium")
DOCS = Path(__file__).resolve().parent.parent / "docs"
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed "
                       "(apt-get install -y chromium); Playwright cannot download browsers here"),
]
EVIDENCE_PAGE = b"""<!doctype html><html><head><title>Kyiv strike toll</title></head><body>
<article><h1>Kyiv strike toll</h1><p>Officials said at least 41 people were killed in the
Russian strikes on Monday, including at the Okhmatdyt children's hospital.</p></article>
</body></html>"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def evidence_server() -> Iterator[str]:
    """The evidence page, served by a real HTTP server on 127.0.0.1."""
    server = EvidenceServer()
    server.set_page("/kyiv-strike", EVIDENCE_PAGE)
    yield server.url("/kyiv-strike")
    server.stop()


@dataclass
class Served:
    base: str
    desk: Desk


@pytest.fixture
def served(tmp_path: Path) -> Iterator[Served]:
    """`claims serve` in team mode on a free port, with the seed and asha/eddie/vera."""
    url = f"sqlite:///{tmp_path / 'browser.sqlite'}"
    desk = build_desk(url)
    port = free_port()
    env = {**os.environ, "CLAIMS_DATABASE_URL": url, "CLAIMS_AUTH": "password",
           "CLAIMS_ALLOW_HOSTS": "127.0.0.1"}
    claims = Path(sys.executable).parent / "claims"
    log = (tmp_path / "serve.log").open("w")
    process = subprocess.Popen([str(claims), "serve", "--host", "127.0.0.1", "--port",
                                str(port)], env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_healthy(base, process)
        yield Served(base, desk)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


def _wait_until_healthy(base: str, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("claims serve exited before it was ready")
        try:
            if httpx.get(f"{base}/_stcore/health", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise RuntimeError("claims serve did not become healthy within 120 s")


@pytest.fixture
def page(tmp_path: Path) -> Iterator[object]:
    """A Chromium tab; what it showed last is kept as last.png in the test's folder."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update"])
        tab = browser.new_page(viewport={"width": 1440, "height": 1500})
        tab.set_default_timeout(90_000)  # generous: CI machines are shared
        try:
            yield tab
        finally:
            tab.screenshot(path=str(tmp_path / "last.png"), full_page=True)
            browser.close()


def sign_in(page: object, base: str, name: str) -> None:
    page.goto(base)  # type: ignore[attr-defined]
    page.get_by_label("User name").fill(name)  # type: ignore[attr-defined]
    page.get_by_label("Password", exact=True).fill(f"{name}-demo-pass")  # type: ignore[attr-defined]
    page.get_by_role("button", name="Sign in").click()  # type: ignore[attr-defined]


def wait_for_table(page: object, table: int = 0) -> object:
    """The `table`-th dataframe, once its grid is drawn (it loads after the page)."""
    grid = page.get_by_test_id("stDataFrame").nth(table)  # type: ignore[attr-defined]
    grid.locator("canvas").first.wait_for()
    page.wait_for_timeout(300)  # type: ignore[attr-defined]
    return grid


def pick_first_row(page: object, table: int = 0) -> None:
    """Select the first row of a dataframe: the grid is a canvas, so click its row marker."""
    grid = wait_for_table(page, table)
    box = grid.bounding_box()
    assert box is not None
    page.mouse.click(box["x"] + 18, box["y"] + 35 + 17)  # type: ignore[attr-defined]


def wait_idle(page: object) -> None:
    """Wait until Streamlit has finished the current run and dropped the last run's elements."""
    page.wait_for_function(  # type: ignore[attr-defined]
        "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')"
        " && !document.querySelector('[data-stale=\"true\"]')")


def live(page: object) -> object:
    """Elements of the current run only. While a rerun is drawing, Streamlit keeps the last
    run's elements on the page marked `data-stale`, so a label can briefly match twice."""
    return page.locator(  # type: ignore[attr-defined]
        '[data-testid="stElementContainer"]:not([data-stale="true"])')


def settle(page: object) -> None:
    """Let a rerun that an action asked for start, then wait until it has finished: the
    status widget only appears once the server answers, so a bare wait_idle can be early."""
    page.wait_for_timeout(300)  # type: ignore[attr-defined]
    wait_idle(page)


def type_into(page: object, label: str, text: str) -> None:
    """Fill a text box and leave it; check the text is still there once the page is idle
    (a rerun that was already drawing can put back the old value), else type it again."""
    for _ in range(3):
        settle(page)
        box = live(page).get_by_label(label, exact=True)  # type: ignore[attr-defined]
        box.fill(text)
        box.press("Tab")
        settle(page)
        if live(page).get_by_label(label, exact=True).input_value() == text:  # type: ignore[attr-defined]
            return
    raise AssertionError(f"{label!r} did not keep the text typed into it")


def choose(page: object, label: str, option: str) -> None:
    """Pick `option` in a select box and check that it shows it once the page is idle."""
    for _ in range(3):
        settle(page)
        live(page).get_by_label(label, exact=True).click()  # type: ignore[attr-defined]
        page.get_by_role("option", name=option, exact=True).click()  # type: ignore[attr-defined]
        settle(page)
        # the select box is a combobox: the chosen option is its input's value
        if live(page).get_by_label(label, exact=True).input_value() == option:  # type: ignore[attr-defined]
            return
    raise AssertionError(f"{label!r} did not keep {option!r}")


@pytest.fixture
def shots(tmp_path: Path) -> Path:
    """Where the screenshots go: docs/ when UPDATE_SCREENSHOTS=1, else a temporary folder."""
    return DOCS if os.environ.get("UPDATE_SCREENSHOTS") == "1" else tmp_path


def shoot(page: object, folder: Path, name: str) -> None:
    wait_idle(page)
    page.evaluate("document.querySelectorAll('*').forEach(e => { e.scrollTop = 0; })")  # type: ignore[attr-defined]
    folder.mkdir(exist_ok=True)
    page.screenshot(path=str(folder / name), full_page=True)  # type: ignore[attr-defined]
    assert (folder / name).stat().st_size > 10_000


def test_checker_and_editor_carry_the_seed_claim_to_approved(
        served: Served, page: object, evidence_server: str, shots: Path) -> None:
    p: object = page
    desk = served.desk
    sign_in(p, served.base, "asha")
    p.get_by_role("heading", name="Review queue").wait_for()  # type: ignore[attr-defined]
    wait_for_table(p)
    shoot(p, shots, "queue.png")
    pick_first_row(p)  # the highest score: a selected row opens its claim
    p.get_by_role("heading", name=re.compile(r"^Claim #\d+")).wait_for()  # type: ignore[attr-defined]

    p.get_by_role("link", name="Articles").click()  # type: ignore[attr-defined]
    p.get_by_role("heading", name="Articles").wait_for()  # type: ignore[attr-defined]
    pick_first_row(p)
    p.get_by_role("heading", name=re.compile("^Modi and Putin in Moscow")).wait_for()  # type: ignore[attr-defined]
    p.locator("mark").first.wait_for()  # type: ignore[attr-defined]
    assert p.locator("mark").count() >= 10  # type: ignore[attr-defined]
    shoot(p, shots, "article.png")

    claim_links = p.get_by_test_id("stPageLink-NavLink")  # type: ignore[attr-defined]
    claim_links.filter(has_text="Mr. Modi landed on Monday").click()
    heading = p.get_by_role("heading", name=re.compile(r"^Claim #\d+"))  # type: ignore[attr-defined]
    heading.wait_for()
    claim_id = int(re.sub(r"\D", "", heading.inner_text()))
    assert claim_id == desk.claim_id
    assert "at least 41 people" in p.locator("mark").first.inner_text()  # type: ignore[attr-defined]

    type_into(p, "Add a note", "Kyiv's toll rose overnight; check the ministry.")
    live(p).get_by_role("button", name="Add note").click()  # type: ignore[attr-defined]
    p.get_by_text("Note added.").wait_for()  # type: ignore[attr-defined]

    live(p).get_by_label("link (http or https)").fill(evidence_server)  # type: ignore[attr-defined]
    live(p).get_by_role("button", name="Add link").click()  # type: ignore[attr-defined]
    p.get_by_text("Kyiv strike toll").first.wait_for()  # type: ignore[attr-defined]

    live(p).get_by_role("button", name="Start work").click()  # type: ignore[attr-defined]
    p.get_by_text("Status set to in progress.").wait_for()  # type: ignore[attr-defined]
    choose(p, "Verdict", "mostly true")
    type_into(p, "Rationale", "The Kyiv administration confirmed at least 41 dead.")
    live(p).get_by_role("button", name="Propose verdict").click()  # type: ignore[attr-defined]
    p.get_by_text("Proposed mostly true.").wait_for()  # type: ignore[attr-defined]
    p.get_by_text("proposed mostly true —").wait_for()  # type: ignore[attr-defined]
    shoot(p, shots, "workspace.png")

    live(p).get_by_role("button", name="Sign out").click()  # type: ignore[attr-defined]
    # signed out (the server has ended asha's sessions) before the next page loads
    p.get_by_label("User name").wait_for()  # type: ignore[attr-defined]
    sign_in(p, served.base, "eddie")
    p.get_by_role("heading", name="Editor overview").wait_for()  # type: ignore[attr-defined]
    p.get_by_text("Waiting for approval (1)").wait_for()  # type: ignore[attr-defined]
    pick_first_row(p)
    p.get_by_role("heading", name=f"Claim #{claim_id}").wait_for()  # type: ignore[attr-defined]
    type_into(p, "Comment (required to send back)", "Good sourcing.")
    live(p).get_by_role("button", name="Approve").click()  # type: ignore[attr-defined]
    p.get_by_text("Verdict approved.").wait_for()  # type: ignore[attr-defined]

    p.get_by_role("link", name="Editor overview").click()  # type: ignore[attr-defined]
    p.get_by_text(re.compile(r"^1 of \d+ claims approved")).wait_for()  # type: ignore[attr-defined]
    wait_for_table(p)
    shoot(p, shots, "overview.png")

    detail = service.get_claim(desk.engine, claim_id)
    assert (detail.claim.status, detail.claim.verdict) == ("approved", "mostly_true")
    assert [n.body for n, _ in detail.notes][0].startswith("Kyiv's toll rose overnight")
    assert [e.url for e in detail.evidence] == [evidence_server]
