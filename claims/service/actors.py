"""Actors: the user on whose behalf an operation runs, with the role that is enforced."""

from __future__ import annotations

import getpass
from dataclasses import dataclass

from sqlalchemy.engine import Engine
from sqlmodel import select

from claims.errors import Forbidden, NotFound
from claims.models import User
from claims.store import read_session, write_session


@dataclass(frozen=True, slots=True)
class Actor:
    user_id: int
    name: str
    role: str


def local_user_name() -> str:
    """The machine's user name, the identity of the CLI and of the dashboard's local mode."""
    try:
        return getpass.getuser() or "local"
    except (KeyError, OSError):
        return "local"


def actor_for(engine: Engine, name: str) -> Actor:
    """The actor for an existing, active user called `name`; raises NotFound otherwise."""
    with read_session(engine) as session:
        user = session.exec(select(User).where(User.name == name)).first()
    if user is None or not user.active or user.id is None:
        raise NotFound(f"no active user called {name!r} "
                       "(add one with: claims user add NAME --role ROLE)")
    return Actor(user.id, user.name, user.role)


def local_actor(engine: Engine, role: str = "admin") -> Actor:
    """The machine's user, created as an admin on first use, acting with `role`."""
    name = local_user_name()
    with write_session(engine) as session:
        user = session.exec(select(User).where(User.name == name)).first()
        if user is None:
            user = User(name=name, role="admin")
            session.add(user)
            session.flush()
        assert user.id is not None
        return Actor(user.id, user.name, role)


def command_line_actor(engine: Engine, as_user: str | None = None) -> Actor:
    """Who a CLI command acts as: `--as USER`, else the machine's user with its stored role.

    On a database with no users yet the machine's user is created as the local admin (the
    first command sets a desk up). Once users exist, an unknown or inactive machine user is
    refused with Forbidden, which says to use --as or to ask an admin. Commits only when it
    creates the first user.
    """
    if as_user:
        return actor_for(engine, as_user)
    name = local_user_name()
    with write_session(engine) as session:
        user = session.exec(select(User).where(User.name == name)).first()
        if user is None and session.exec(select(User.id)).first() is None:
            user = User(name=name, role="admin")
            session.add(user)
            session.flush()
    if user is None:
        raise Forbidden(f"this machine's user {name!r} is not a user of this database; "
                        "act as a user with --as NAME, or ask an admin to add you "
                        f"(claims user add {name} --role ROLE)")
    if not user.active:
        raise Forbidden(f"the user {name!r} is switched off; ask an admin to switch it on, "
                        "or act as another user with --as NAME")
    assert user.id is not None
    return Actor(user.id, user.name, user.role)
