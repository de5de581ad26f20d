"""The open consistency-check findings of a claim, as the article report writes them."""

from __future__ import annotations

from typing import Any

from claims.export.safety import html_text as h
from claims.export.safety import markdown_text as md

TITLE = "Open check findings"


def open_only(findings: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [f for f in findings if f.get("status", "open") == "open"]


def _numbers(finding: dict[str, Any]) -> str:
    return (f"stated {finding['stated']}, expected {finding['expected']}, "
            f"tolerance {finding['tolerance']:g}")


def html_findings(findings: list[dict[str, Any]]) -> str:
    """An HTML list of the open findings (empty string when there are none)."""
    items = [f"<li><strong>{h(f['severity'])}</strong> ({h(f['rule'])}): {h(f['message'])}"
             f'<br><span class="muted">{h(_numbers(f))}</span></li>' for f in open_only(findings)]
    return f"<h3>{TITLE}</h3><ul>{''.join(items)}</ul>" if items else ""


def markdown_findings(findings: list[dict[str, Any]]) -> list[str]:
    """Markdown lines for the open findings (none when there are none)."""
    items = [f"- **{md(f['severity'])}** ({md(f['rule'])}): {md(f['message'])} — "
             f"{md(_numbers(f))}" for f in open_only(findings)]
    return [f"**{TITLE}**", "", *items, ""] if items else []
