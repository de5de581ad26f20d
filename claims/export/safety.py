"""Making user text safe in the formats we write: spreadsheets, HTML, JSON inside HTML.

- CSV: a cell that a spreadsheet would read as a formula (it starts with `=`, `+`, `-`, `@`,
  a tab or a carriage return) gets a leading `'`, as OWASP's CSV-injection guidance says.
- HTML: every piece of user text goes through `html_text` (escapes `& < > " '`).
- JSON inside `<script type="application/ld+json">`: `json_for_script` serialises with
  json.dumps and then writes `<`, `>` and `&` as `\\u003c`, `\\u003e`, `\\u0026`, so neither
  `</script>` nor `<!--` can appear in the element; the JSON still parses to the same value.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterable
from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

_FORMULA_FIRST = frozenset(FORMULA_STARTS)
_SCRIPT_UNSAFE = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026",
                  "\u2028": "\\u2028", "\u2029": "\\u2029"}
_MARKDOWN_ACTIVE = re.compile(r"([\\`*_{}\[\]()<>|~&!$])")
_MARKDOWN_LINE_START = re.compile(r"^(\s*)([#>+=-]|\d+(?=[.)]))")


def csv_row(values: Iterable[Any]) -> list[Any]:
    """`values` ready for CSV cells: text that starts like a formula gets a leading `'`."""
    return [f"'{value}" if value.__class__ is str and value[:1] in _FORMULA_FIRST else value
            for value in values]


def csv_cell(value: Any) -> Any:
    """One value ready for a CSV cell (see `csv_row`)."""
    return csv_row((value,))[0]


def html_text(value: Any) -> str:
    """Any value as HTML text: None becomes "", everything else is escaped (quotes too)."""
    return "" if value is None else html.escape(str(value), quote=True)


def json_for_script(data: Any) -> str:
    """JSON for a `<script type="application/ld+json">` element; `</` and `<!--` cannot occur."""
    text = json.dumps(data, ensure_ascii=False, indent=2)
    for unsafe, escaped in _SCRIPT_UNSAFE.items():
        text = text.replace(unsafe, escaped)
    return text


def markdown_text(value: Any) -> str:
    """Any value as inline Markdown text: every Markdown-active character backslash-escaped.

    Line breaks become spaces, so user text cannot start a heading, list or code block.
    """
    if value is None:
        return ""
    flat = _MARKDOWN_ACTIVE.sub(r"\\\1", " ".join(str(value).split()))
    return _MARKDOWN_LINE_START.sub(_escape_line_start, flat)


def _escape_line_start(match: re.Match[str]) -> str:
    marker = match.group(2)
    if marker.isdigit():  # "1." or "1)" would start an ordered list
        return f"{match.group(1)}{marker}\\"
    return f"{match.group(1)}\\{marker}"
