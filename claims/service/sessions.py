"""Signed, expiring sign-in tokens for the dashboard's team mode.

A token names the user and a stamp of their password hash, signed with the server's secret
and a timestamp by itsdangerous; it is good for `max_age` seconds. Changing the password,
deactivating the user or changing the secret ends every token issued before.
"""

from __future__ import annotations

import hashlib
import os
import secrets
from pathlib import Path

from itsdangerous import BadSignature, URLSafeTimedSerializer
from sqlalchemy.engine import Engine
from sqlmodel import select

from claims.models import User
from claims.service.actors import Actor
from claims.store import read_session

SALT = "claims-dashboard-session"
#: how long a sign-in lasts, in seconds
SESSION_SECONDS = 12 * 60 * 60


def _stamp(user: User) -> str:
    return hashlib.sha256((user.password_hash or "").encode()).hexdigest()[:16]


def _serializer(secret: str) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(secret, salt=SALT)


def _active_user(engine: Engine, name: str) -> User | None:
    with read_session(engine) as session:
        user = session.exec(select(User).where(User.name == name)).first()
    return user if user is not None and user.active and user.id is not None else None


def issue_session_token(engine: Engine, actor: Actor, secret: str) -> str:
    """A token for `actor`, who has just signed in. Reads only."""
    user = _active_user(engine, actor.name)
    stamp = _stamp(user) if user else ""
    return str(_serializer(secret).dumps({"user": actor.name, "stamp": stamp}))


def actor_for_session_token(engine: Engine, token: str, secret: str,
                            max_age: int = SESSION_SECONDS) -> Actor | None:
    """The actor a token names, or None when it is forged, expired, or its user has been
    deactivated or given a new password since. Reads only."""
    try:
        claims = _serializer(secret).loads(token, max_age=max_age)
    except BadSignature:  # SignatureExpired is a BadSignature
        return None
    if not isinstance(claims, dict) or not isinstance(claims.get("user"), str):
        return None
    user = _active_user(engine, claims["user"])
    if user is None or user.id is None or claims.get("stamp") != _stamp(user):
        return None
    return Actor(user.id, user.name, user.role)


def secret_from_file(path: Path) -> str:
    """The secret kept in `path`, made (random, readable by its owner only) on first use.
    Several server processes may start at once: the file appears whole or not at all."""
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        draft = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
        handle = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(handle, "w", encoding="ascii") as out:
            out.write(secrets.token_urlsafe(48))
        try:
            os.link(draft, path)  # fails if another process linked its own first
        except FileExistsError:
            pass
        finally:
            draft.unlink()
    return path.read_text(encoding="ascii").strip()
