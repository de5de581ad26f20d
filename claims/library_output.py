"""Keeping third-party libraries' log lines and warnings off the user's terminal.

Libraries such as pypdf report a damaged file with `logging` ("EOF marker not found") or
`warnings`; with no handler configured Python prints those as stray lines on stderr, in the
middle of the CLI's own output. `captured()` collects them instead, for the caller to use.
"""

from __future__ import annotations

import logging
import warnings
from collections.abc import Iterator
from contextlib import contextmanager


class _Collector(logging.Handler):
    def __init__(self, into: list[str]) -> None:
        super().__init__(logging.DEBUG)
        self.into = into

    def emit(self, record: logging.LogRecord) -> None:
        self.into.append(record.getMessage())


@contextmanager
def captured(*loggers: str) -> Iterator[list[str]]:
    """Collect what the named loggers log, and every warning, in the block (not printed)."""
    messages: list[str] = []
    handler = _Collector(messages)
    targets = [logging.getLogger(name) for name in loggers]
    saved = [(logger.propagate, logger.handlers[:]) for logger in targets]
    for logger in targets:
        logger.handlers, logger.propagate = [handler], False
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            yield messages
        messages.extend(str(warning.message) for warning in caught)
    finally:
        for logger, (propagate, handlers) in zip(targets, saved, strict=True):
            logger.handlers, logger.propagate = handlers, propagate
