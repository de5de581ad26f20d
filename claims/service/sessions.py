"""Signed, expiring sign-in tokens for the dashboard's team mode.

A token names the user and a stamp of their password hash, signed with the server's secret
and a timestamp by itsdangerous; it is good for `max_age` seconds. Signing out, changing the
password, deactivating the user or changing the secret ends every token issued before.
"""

from __future__ import annotations

import hashlib
import os
import secrets
import time
from pathlib import Path

from itsdangerous import BadSignature, URLSafeTimedSerializer
from sqlalchemy.engine import Engine
from sqlmodel import select

from claims.models import AppSetting, User, utcnow
from claims.service.actors import Actor
from claims.store import read_session, write_session

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
    """The actor a token names, or None when it is forged or expired, or its user has since
    signed out, been deactivated or been given a new password. Reads only."""
    try:
        claims, issued = _serializer(secret).loads(token, max_age=max_age,
                                                   return_timestamp=True)
    except BadSignature:  # SignatureExpired is a BadSignature
        return None
    if not isinstance(claims, dict) or not isinstance(claims.get("user"), str):
        return None
    user = _active_user(engine, claims["user"])
    if user is None or user.id is None or claims.get("stamp") != _stamp(user):
        return None
    if issued.timestamp() <= _sessions_ended_at(engine, user.id):
        return None
    return Actor(user.id, user.name, user.role)


def _ended_key(user_id: int) -> str:
    return f"sessions_ended:{user_id}"


def _sessions_ended_at(engine: Engine, user_id: int) -> float:
    with read_session(engine) as session:
        row = session.get(AppSetting, _ended_key(user_id))
    return float(row.value) if row else 0.0


def end_sessions(engine: Engine, actor: Actor) -> None:
    """Sign-out: every token issued to `actor` up to now stops working, on every server
    (the browser may not get to remove its cookie). Commits."""
    with write_session(engine) as session:
        row = session.get(AppSetting, _ended_key(actor.user_id))
        row = row or AppSetting(key=_ended_key(actor.user_id), value="0")
        row.value, row.updated_at = str(int(time.time())), utcnow()
        session.add(row)


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
