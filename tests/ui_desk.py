"""A small claim desk for the dashboard tests: the seed article, one user per role, and
AppTest runs of `app.py` against it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.engine import Engine
from streamlit.testing.v1 import AppTest

from claims import service
from claims.service import Actor, ClaimFilter
from claims.store import create_engine, upgrade
from tests.conftest import seed_input

APP = Path(__file__).resolve().parent.parent / "app.py"
CLAIM_WORDS = "at least 41 people"


@dataclass
class Desk:
    engine: Engine
    admin: Actor
    checker: Actor
    editor: Actor
    viewer: Actor
    article_id: int
    claim_id: int

    def app(self, actor: Actor | None = None, **query: str) -> AppTest:
        """app.py run once as `actor` (None: nobody signed in), opened at `?query`."""
        at = AppTest.from_file(str(APP), default_timeout=60)
        if actor is not None:
            at.session_state["actor"] = actor
        at.query_params.update(query)
        return at.run()

    def version(self, claim_id: int | None = None) -> int:
        return service.get_claim(self.engine, claim_id or self.claim_id).claim.version


def make_desk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, auth: str = "password") -> Desk:
    """A desk in `tmp_path`, which the app under test uses (through the environment)."""
    url = f"sqlite:///{tmp_path / 'ui.sqlite'}"
    monkeypatch.setenv("CLAIMS_DATABASE_URL", url)
    monkeypatch.setenv("CLAIMS_AUTH", auth)
    return build_desk(url)


def build_desk(url: str) -> Desk:
    """A new database at `url` with the seed article and asha, eddie and vera
    (checker, editor, viewer; passwords `<name>-demo-pass`)."""
    engine = create_engine(url)
    upgrade(engine)
    admin = service.local_actor(engine)
    actors = {}
    for name, role in (("asha", "checker"), ("eddie", "editor"), ("vera", "viewer")):
        service.add_user(engine, admin, name=name, role=role, password=f"{name}-demo-pass")
        actors[role] = service.actor_for(engine, name)
    article_id = service.ingest_article(engine, admin, seed_input()).article_id
    found = service.list_claims(engine, ClaimFilter(search=CLAIM_WORDS))
    assert found, "the seed article has the 'at least 41 people' claim"
    return Desk(engine, admin, actors["checker"], actors["editor"], actors["viewer"],
                article_id, found[0].id)


def button(at: AppTest, label: str) -> Any:
    """The one button labelled `label`."""
    matches = [b for b in at.button if b.label == label]
    assert len(matches) == 1, f"{label!r} in {[b.label for b in at.button]}"
    return matches[0]


def labels(at: AppTest) -> list[str]:
    return [b.label for b in at.button]


def texts(at: AppTest) -> str:
    """Everything the page shows as markdown, html, captions and messages, joined."""
    parts: list[str] = []
    for kind in ("markdown", "caption", "html", "error", "warning", "success", "info", "title",
                 "subheader"):
        parts += [str(getattr(el, "value", "")) for el in at.get(kind)]
    return "\n".join(parts)
