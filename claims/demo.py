"""The demo desk behind `claims demo`: a new SQLite file with the seed article and one user
per role, each with a known password.

A demo never replaces an earlier demo's file: a dashboard may still be serving it, and
reviews made there would be lost. A second demo gets a new numbered file and says so.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from claims import service
from claims.service.articles import ArticleInput
from claims.settings import PROJECT_ROOT
from claims.store import create_engine, upgrade

#: where demo databases are made
DEMO_FOLDER = PROJECT_ROOT / "db"
SEED = PROJECT_ROOT / "fixtures" / "seed" / "modi_putin_moscow.txt"
#: name → role; each signs in with the password `<name>-demo-pass`
DEMO_USERS = {"asha": "checker", "eddie": "editor", "vera": "viewer", "admin": "admin"}


@dataclass(frozen=True, slots=True)
class Demo:
    path: Path
    earlier: list[Path]  # earlier demos' files, left as they were
    article_id: int
    claims: int


def demo_password(name: str) -> str:
    return f"{name}-demo-pass"


def existing_demos(folder: Path) -> list[Path]:
    """The demo databases in `folder`: demo.sqlite, demo-2.sqlite, ... up to the first gap."""
    found: list[Path] = []
    path = folder / "demo.sqlite"
    while path.exists():
        found.append(path)
        path = folder / f"demo-{len(found) + 1}.sqlite"
    return found


def new_demo_path(folder: Path) -> Path:
    """`demo.sqlite` in `folder`, or the first free `demo-N.sqlite` when it exists."""
    taken = len(existing_demos(folder))
    return folder / ("demo.sqlite" if not taken else f"demo-{taken + 1}.sqlite")


def _seed_input() -> ArticleInput:
    from claims.sources import parse_date

    meta = json.loads(SEED.with_suffix(".json").read_text(encoding="utf-8"))
    return ArticleInput(text=SEED.read_text(encoding="utf-8"), title=meta["title"],
                        outlet=meta["outlet"], url=meta.get("url"),
                        published_on=parse_date(meta["published"]), source_name=SEED.name)


def build_demo(folder: Path | None = None) -> Demo:
    """A new demo database in `folder` (default db/): the seed article and the DEMO_USERS.
    Writes only a new file; returns where it is."""
    folder = folder or DEMO_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    earlier = existing_demos(folder)
    path = new_demo_path(folder)
    engine = create_engine(f"sqlite:///{path}")
    try:
        upgrade(engine)
        who = service.local_actor(engine)
        for name, role in DEMO_USERS.items():
            service.add_user(engine, who, name=name, role=role, password=demo_password(name))
        result = service.ingest_article(engine, who, _seed_input())
    finally:
        engine.dispose()
    return Demo(path, earlier, result.article_id, result.claims)
