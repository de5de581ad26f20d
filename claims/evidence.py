"""What an evidence page or file says about itself: title, publisher, date, author, text.

HTML metadata is read from Open Graph and article meta tags, JSON-LD (NewsArticle and its
kin), plain meta tags and trafilatura's own metadata, in that order of trust; the snapshot is
trafilatura's main text (or the visible text when it finds none). PDFs keep their text
(pypdf, first MAX_PDF_PAGES pages), plain text is kept as is, anything else keeps metadata
only. Nothing here touches the network or the database.
"""

from __future__ import annotations

import hashlib
import io
import json
import mimetypes
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

from claims.fetch import HTML_TYPES, PDF_TYPES, TEXT_TYPES, FetchedPage, decode_text
from claims.library_output import captured

MAX_PDF_PAGES = 50
MAX_FIELD = {"title": 500, "publisher": 300, "author": 300}
_ARTICLE_TYPES = {"article", "newsarticle", "reportage", "analysisnewsarticle", "blogposting",
                  "report", "webpage", "scholarlyarticle", "opinionnewsarticle",
                  "reportagenewsarticle", "backgroundnewsarticle", "socialmediaposting"}


@dataclass(frozen=True, slots=True)
class PageInfo:
    """What a page or file says about itself, and the text snapshot kept of it."""

    title: str | None = None
    publisher: str | None = None
    author: str | None = None
    published_on: date | None = None
    snapshot: str | None = None

    @property
    def snapshot_sha256(self) -> str | None:
        return text_sha256(self.snapshot) if self.snapshot is not None else None


def text_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def parse_day(value: Any) -> date | None:
    """The calendar day at the start of an ISO date or timestamp, else None."""
    if not isinstance(value, str) or len(value.strip()) < 10:
        return None
    try:
        return date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None


def _clean(value: Any, limit: int = 500) -> str | None:
    if isinstance(value, list):
        value = ", ".join(v for v in (_clean(item, limit) for item in value) if v)
    if isinstance(value, dict):
        value = value.get("name")
    if not isinstance(value, str):
        return None
    text = " ".join(value.split())
    return text[:limit] or None


def _first(*values: Any, limit: int = 500) -> str | None:
    for value in values:
        cleaned = _clean(value, limit)
        if cleaned:
            return cleaned
    return None


# --- HTML ---------------------------------------------------------------------------------

def _meta_tags(tree: Any) -> dict[str, str]:
    """`property` or `name` (lower-case) → content, first one wins."""
    found: dict[str, str] = {}
    for element in tree.iter("meta"):
        key = (element.get("property") or element.get("name") or "").strip().lower()
        content = element.get("content")
        if key and content and key not in found:
            found[key] = content
    return found


def _json_ld_items(tree: Any) -> Iterator[dict[str, Any]]:
    for script in tree.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json":
            continue
        try:
            data = json.loads(script.text or "")
        except ValueError:
            continue
        yield from _walk_json_ld(data)


def _walk_json_ld(data: Any) -> Iterator[dict[str, Any]]:
    if isinstance(data, list):
        for item in data:
            yield from _walk_json_ld(item)
    elif isinstance(data, dict):
        yield data
        if "@graph" in data:
            yield from _walk_json_ld(data["@graph"])


def _json_ld_article(tree: Any) -> dict[str, Any]:
    for item in _json_ld_items(tree):
        kinds = item.get("@type")
        kinds = kinds if isinstance(kinds, list) else [kinds]
        if any(isinstance(k, str) and k.lower() in _ARTICLE_TYPES for k in kinds):
            return item
    return {}


def _markup(html: str) -> str | bytes:
    """lxml refuses a str that carries an XML encoding declaration (XHTML): give it bytes."""
    return html.encode("utf-8") if html.lstrip().startswith("<?xml") else html


def _tidy(text: str) -> str | None:
    """One space between words, no blank lines: whitespace in the markup is not content."""
    lines = (" ".join(line.split()) for line in text.splitlines())
    return "\n".join(line for line in lines if line) or None


def _html_tree(html: str) -> Any:
    from lxml import html as lxml_html
    from lxml.etree import ParserError

    try:
        return lxml_html.document_fromstring(_markup(html))
    except (ParserError, ValueError):
        return None


def _main_text(html: str) -> str | None:
    """trafilatura's main text of a page (the snapshot; the same call at add and re-check)."""
    import trafilatura

    document = trafilatura.bare_extraction(_markup(html), with_metadata=False,
                                           include_comments=False, include_tables=True)
    return _tidy(getattr(document, "text", None) or "") if document else None


def _trafilatura_metadata(tree: Any) -> Any:
    """trafilatura's metadata guesses (htmldate for the date): slow, so only when needed."""
    from trafilatura.metadata import extract_metadata

    try:
        return extract_metadata(tree)
    except Exception:  # a heuristic helper: any failure just means no extra metadata
        return None


def _visible_text(tree: Any) -> str | None:
    for element in tree.xpath("//script|//style|//noscript|//template"):
        element.drop_tree()
    body = tree.find("body")
    return _tidy((body if body is not None else tree).text_content())


def html_snapshot(html: str) -> str | None:
    """The text kept of a page: its main text, else its visible text."""
    text = _main_text(html)
    if text:
        return text
    tree = _html_tree(html)
    return _visible_text(tree) if tree is not None else None


def read_html(html: str) -> PageInfo:
    """Metadata and main-text snapshot of an HTML page."""
    tree = _html_tree(html)
    if tree is None:
        return PageInfo()
    meta = _meta_tags(tree)
    ld = _json_ld_article(tree)
    title_tag = tree.findtext(".//title")
    stated = {
        "title": _first(meta.get("og:title"), ld.get("headline"), ld.get("name"),
                        meta.get("twitter:title"), limit=MAX_FIELD["title"]),
        "publisher": _first(meta.get("og:site_name"), ld.get("publisher"),
                            meta.get("application-name"), limit=MAX_FIELD["publisher"]),
        "author": _first(ld.get("author"), meta.get("author"), meta.get("article:author"),
                         meta.get("citation_author"), meta.get("dc.creator"),
                         limit=MAX_FIELD["author"]),
        "published_on": next((d for d in (parse_day(meta.get("article:published_time")),
                                          parse_day(ld.get("datePublished")),
                                          parse_day(meta.get("citation_publication_date")),
                                          parse_day(meta.get("dc.date")),
                                          parse_day(meta.get("date"))) if d), None),
    }
    if None in stated.values():
        guessed = _trafilatura_metadata(tree)
        stated = {
            "title": stated["title"] or _first(getattr(guessed, "title", None), title_tag,
                                               limit=MAX_FIELD["title"]),
            "publisher": stated["publisher"] or _first(getattr(guessed, "sitename", None),
                                                       limit=MAX_FIELD["publisher"]),
            "author": stated["author"] or _first(getattr(guessed, "author", None),
                                                 limit=MAX_FIELD["author"]),
            "published_on": stated["published_on"] or parse_day(getattr(guessed, "date", None)),
        }
    return PageInfo(title=_as_text(stated["title"]), publisher=_as_text(stated["publisher"]),
                    author=_as_text(stated["author"]), snapshot=html_snapshot(html),
                    published_on=stated["published_on"]
                    if isinstance(stated["published_on"], date) else None)


def _as_text(value: object) -> str | None:
    return value if isinstance(value, str) else None


# --- PDF and text -------------------------------------------------------------------------

def _pdf_date(value: Any) -> date | None:
    """PDF dates look like `D:20240501103000+02'00'`."""
    if not isinstance(value, str):
        return None
    digits = value.removeprefix("D:")[:8]
    try:
        return date(int(digits[:4]), int(digits[4:6]), int(digits[6:8]))
    except ValueError:
        return None


def read_pdf(data: bytes) -> PageInfo:
    """Title, author, date and the text of the first MAX_PDF_PAGES pages of a PDF.

    A PDF pypdf cannot read keeps no text (its hash and size are still recorded)."""
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        with captured("pypdf"):  # "EOF marker not found" and the like are not printed
            reader = PdfReader(io.BytesIO(data))
            info: Any = reader.metadata or {}
            pages = [page.extract_text() or "" for page in reader.pages[:MAX_PDF_PAGES]]
    except (PyPdfError, ValueError, KeyError, TypeError, OSError):
        return PageInfo()
    text = "\n\n".join(p.strip() for p in pages if p.strip()) or None
    return PageInfo(title=_first(info.get("/Title"), limit=MAX_FIELD["title"]),
                    author=_first(info.get("/Author"), limit=MAX_FIELD["author"]),
                    published_on=_pdf_date(info.get("/CreationDate")), snapshot=text)


def read_text(text: str) -> PageInfo:
    stripped = text.strip()
    return PageInfo(snapshot=stripped or None)


def snapshot_of(page: FetchedPage) -> str | None:
    """Only the text snapshot of a fetched page (what a re-check compares); no metadata."""
    if page.text is not None and page.is_html:
        return html_snapshot(page.text)
    if page.text is not None:
        return read_text(page.text).snapshot
    if page.body is not None and page.is_pdf:
        return read_pdf(page.body).snapshot
    return None


def read_page(page: FetchedPage) -> PageInfo:
    """What a fetched page says about itself (metadata only for types without text)."""
    if page.text is not None and page.is_html:
        return read_html(page.text)
    if page.text is not None:
        return read_text(page.text)
    if page.body is not None and page.is_pdf:
        return read_pdf(page.body)
    return PageInfo()


def guess_type(file_name: str, data: bytes) -> str:
    """The media type of an uploaded file, from its first bytes, else from its name."""
    head = data[:1024].lstrip().lower()
    if head.startswith(b"%pdf-"):
        return "application/pdf"
    if head.startswith((b"<!doctype html", b"<html")):
        return "text/html"
    guessed, _ = mimetypes.guess_type(file_name)
    return guessed or "application/octet-stream"


def read_file(file_name: str, data: bytes) -> tuple[str, PageInfo]:
    """(media type, what it says) for an uploaded evidence file."""
    kind = guess_type(file_name, data)
    if kind in PDF_TYPES:
        return kind, read_pdf(data)
    if kind in TEXT_TYPES and b"\x00" not in data[:4096]:
        text = decode_text(data, None)
        return kind, read_html(text) if kind in HTML_TYPES else read_text(text)
    return kind, PageInfo()
