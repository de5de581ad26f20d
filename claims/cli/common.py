"""What every command shares: one-line errors, the actor, the engine, dates."""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar

import typer
from rich.console import Console

from claims.errors import ClaimsError
from claims.settings import Settings

if TYPE_CHECKING:  # the ORM and the service are imported by the commands that use them
    from sqlalchemy.engine import Engine

    from claims.service.actors import Actor

console = Console()
err_console = Console(stderr=True)
F = TypeVar("F", bound=Callable[..., Any])

AS_USER = typer.Option(None, "--as", help="Act as this user (their role is enforced). "
                                          "Default: this machine's user, with its stored role.")


def fail(message: str, code: int = 1) -> NoReturn:
    """Print one line on stderr and exit non-zero."""
    err_console.print(f"[bold red]error:[/] {message}", highlight=False, soft_wrap=True)
    raise typer.Exit(code)


def clean_errors(function: F) -> F:
    """Turn ClaimsError (and other known failures) into one line and a non-zero exit."""

    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return function(*args, **kwargs)
        except ClaimsError as error:
            fail(str(error))
        except KeyboardInterrupt:
            fail("interrupted", 130)
        except BrokenPipeError:  # the reader went away (`claims list | head`): stop quietly
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            raise typer.Exit(0) from None
        except OSError as error:
            fail(f"{error.strerror or error}: {getattr(error, 'filename', '') or ''}".rstrip(": "))

    return wrapper  # type: ignore[return-value]


def engine() -> Engine:
    from claims.store import get_engine

    return get_engine(Settings.from_env())


def actor(db: Engine, as_user: str | None) -> Actor:
    """`--as USER` if given, else the machine's user with its stored role (see
    claims.service.actors.command_line_actor)."""
    from claims.service.actors import command_line_actor

    return command_line_actor(db, as_user)


def plural(count: int, noun: str) -> str:
    """`1 claim`, `2 claims`."""
    return f"{count} {noun}{'' if count == 1 else 's'}"


def option_date(value: str | None) -> date | None:
    from claims.sources import parse_date

    return parse_date(value)


def stdin_is_terminal() -> bool:
    return sys.stdin is not None and sys.stdin.isatty()
