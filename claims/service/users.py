"""Users and passwords (argon2 hashes); only admins manage users."""

from __future__ import annotations

from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy.engine import Engine
from sqlmodel import select

from claims.errors import BadInput, Forbidden, NotFound
from claims.models import ROLES, User
from claims.permissions import require
from claims.service.actors import Actor
from claims.service.audit import record_event
from claims.store import read_session, write_session

_hasher = PasswordHasher()


@cache
def _dummy_hash() -> str:
    """A hash to verify for unknown users (made on first sign-in, not at import: it costs
    a third of a second, which every CLI command would pay)."""
    return _hasher.hash("not a real password")


def _check_name_and_role(name: str, role: str) -> str:
    name = name.strip()
    if not name or len(name) > 80 or any(c.isspace() for c in name if c != " "):
        raise BadInput("a user name is 1 to 80 characters, without tabs or line breaks")
    if role not in ROLES:
        raise BadInput(f"unknown role {role!r}; choose one of {', '.join(ROLES)}")
    return name


def add_user(engine: Engine, actor: Actor, *, name: str, role: str,
             password: str | None = None) -> User:
    """Create a user (admin only); the password, if any, is stored as an argon2 hash."""
    require(actor.role, "manage_users", actor.name)
    name = _check_name_and_role(name, role)
    if password is not None and len(password) < 8:
        raise BadInput("a password needs at least 8 characters")
    with write_session(engine) as session:
        if session.exec(select(User).where(User.name == name)).first():
            raise BadInput(f"a user called {name!r} already exists")
        user = User(name=name, role=role,
                    password_hash=_hasher.hash(password) if password else None)
        session.add(user)
        session.flush()
        record_event(session, actor, entity="user", entity_id=user.id, action="add_user",
                     after={"name": name, "role": role, "password": bool(password)})
    return user


def update_user(engine: Engine, actor: Actor, *, name: str, role: str | None = None,
                active: bool | None = None, password: str | None = None) -> User:
    """Change a user's role, active flag or password (admin only)."""
    require(actor.role, "manage_users", actor.name)
    if role is not None:
        _check_name_and_role(name, role)
    if password is not None and len(password) < 8:
        raise BadInput("a password needs at least 8 characters")
    with write_session(engine) as session:
        user = session.exec(select(User).where(User.name == name)).first()
        if user is None:
            raise NotFound(f"no user called {name!r}")
        before = {"role": user.role, "active": user.active}
        if role is not None:
            user.role = role
        if active is not None:
            user.active = active
        if password is not None:
            user.password_hash = _hasher.hash(password)
        after = {"role": user.role, "active": user.active}
        if before == after and password is None:
            return user
        session.add(user)
        record_event(session, actor, entity="user", entity_id=user.id, action="update_user",
                     before=before, after={**after, "password_changed": password is not None})
    return user


def list_users(engine: Engine) -> list[User]:
    with read_session(engine) as session:
        return list(session.exec(select(User).order_by(User.name)))


def authenticate(engine: Engine, name: str, password: str) -> Actor:
    """The actor for `name` if `password` matches; Forbidden otherwise.

    Unknown names verify a dummy hash too, so timing does not tell which names exist.
    """
    with read_session(engine) as session:
        user = session.exec(select(User).where(User.name == name.strip())).first()
    real = user is not None and user.active and user.password_hash is not None
    stored = user.password_hash if real and user and user.password_hash else _dummy_hash()
    try:
        _hasher.verify(stored, password)
    except (VerificationError, InvalidHashError):
        raise Forbidden("wrong user name or password") from None
    if user is None or not real or user.id is None:
        raise Forbidden("wrong user name or password")
    return Actor(user.id, user.name, user.role)
