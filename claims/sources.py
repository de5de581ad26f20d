"""Reading articles from files, folders and URLs into `ArticleInput`s ready for ingest.

Text files are decoded as UTF-8, or with a detected fallback (the caller is told); HTML
becomes main text plus metadata through trafilatura. Nothing here touches the database.
"""

from __future__ import annotations

import codecs
import json
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from charset_normalizer import from_bytes
from charset_normalizer.md import mess_ratio

from claims.errors import BadInput
from claims.service.articles import ArticleInput
from claims.settings import Settings

TEXT_SUFFIXES = (".txt", ".md")
HTML_SUFFIXES = (".html", ".htm")
SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES


@dataclass(frozen=True, slots=True)
class Loaded:
    """An article read from somewhere, with anything the user should be told about it."""

    article: ArticleInput
    warnings: list[str] = field(default_factory=list)


def parse_date(value: str | None) -> date | None:
    """`YYYY-MM-DD` (or a longer ISO timestamp) → date; BadInput for anything else."""
    if value is None or not str(value).strip():
        return None
    try:
        return date.fromisoformat(str(value).strip()[:10])
    except ValueError:
        raise BadInput(f"invalid date {value!r}: write it as YYYY-MM-DD") from None


#: byte order marks, longest first (UTF-32 LE starts with UTF-16 LE's mark)
BOMS = ((codecs.BOM_UTF32_LE, "utf-32", "UTF-32"), (codecs.BOM_UTF32_BE, "utf-32", "UTF-32"),
        (codecs.BOM_UTF8, "utf-8-sig", "UTF-8"), (codecs.BOM_UTF16_LE, "utf-16", "UTF-16"),
        (codecs.BOM_UTF16_BE, "utf-16", "UTF-16"))
#: the usual non-UTF-8 encodings of English and Western European news, preferred in a tie
WESTERN = ("cp1252", "latin_1")


def _by_bom(data: bytes, name: str) -> tuple[str, list[str]] | None:
    """Text decoded by the byte order mark it starts with; None if it has none."""
    for bom, codec, label in BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(codec)
            except UnicodeDecodeError:
                raise BadInput(f"{name}: starts with a {label} byte order mark but is not "
                               f"valid {label}; save it as UTF-8") from None
            said = [] if label == "UTF-8" else [f"{name}: decoded as {label} (byte order mark)"]
            return text, said
    return None


def _detected(data: bytes) -> tuple[str, str] | None:
    """(text, encoding) by charset-normalizer, except that cp1252 (else Latin-1) wins when it
    reads the bytes at least as cleanly as the detector's choice: on short Western text the
    detector ranks cp1250, cp775 or even a CJK codec the same ("Kyïv" read as "Kyďv")."""
    best = from_bytes(data).best()
    to_beat = best.chaos if best is not None else 1.0
    for western in WESTERN:
        try:
            text = data.decode(western)
        except UnicodeDecodeError:
            continue
        if mess_ratio(text, 1.0) <= to_beat:
            return text, western
    if best is None or best.encoding is None:
        return None
    return str(best), best.encoding


def decode(data: bytes, name: str) -> tuple[str, list[str]]:
    """Bytes → text: by its byte order mark, else UTF-8 if valid, else a detected encoding.

    Returns the text and what the user should be told (which encoding, when not UTF-8).
    Raises BadInput for empty, binary or undecodable data.
    """
    if not data.strip():
        raise BadInput(f"{name}: the file is empty")
    by_bom = _by_bom(data, name)
    if by_bom is not None:
        return by_bom
    if b"\x00" in data[:8192]:
        raise BadInput(f"{name}: this looks like a binary file, not text or HTML")
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError:
        pass
    detected = _detected(data)
    if detected is None:
        raise BadInput(f"{name}: cannot tell how the text is encoded; save it as UTF-8")
    text, encoding = detected
    if _mostly_control(text):
        raise BadInput(f"{name}: this looks like a binary file, not text or HTML")
    return text, [f"{name}: not UTF-8; decoded as {encoding}"]


def _mostly_control(text: str) -> bool:
    sample = text[:4096]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\n\r\t\f")
    return controls > len(sample) * 0.05


def from_html(html: str, name: str) -> ArticleInput:
    """Main text and metadata (title, date, author, site) of an HTML page."""
    import trafilatura

    document = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False,
                                           include_tables=False)
    text = (getattr(document, "text", None) or "").strip() if document else ""
    if not text:
        raise BadInput(f"{name}: no article text found in this HTML page")
    title = getattr(document, "title", None)
    lines = text.split("\n")
    if title and lines and lines[0].strip() == title.strip():
        text = "\n".join(lines[1:]).strip()
    text = "\n\n".join(line.strip() for line in text.split("\n") if line.strip())
    published = getattr(document, "date", None)
    try:
        published_on = parse_date(published)
    except BadInput:
        published_on = None
    return ArticleInput(text=text, title=title, outlet=getattr(document, "sitename", None),
                        url=getattr(document, "url", None), published_on=published_on,
                        author=getattr(document, "author", None), source_name=name,
                        body_is_text=True)


def _sidecar(path: Path) -> dict[str, str]:
    """Metadata from `<name>.json` beside the article, if there is one."""
    meta = path.with_suffix(".json")
    if not meta.is_file():
        return {}
    try:
        data = json.loads(meta.read_text(encoding="utf-8"))
    except (ValueError, OSError):
        return {}
    return {k: v for k, v in data.items() if isinstance(v, str)} if isinstance(data, dict) else {}


def load_file(path: Path, settings: Settings) -> Loaded:
    """Read one `.txt`, `.md` or `.html` file; metadata from a `.json` sidecar if present."""
    if not path.exists():
        raise BadInput(f"{path}: no such file")
    if path.suffix.lower() not in SUFFIXES:
        raise BadInput(f"{path}: not a .txt, .md or .html file")
    size = path.stat().st_size
    if size > settings.max_article_bytes:
        raise BadInput(f"{path}: {size:,} bytes is over the {settings.max_article_bytes:,}-byte "
                       "limit (CLAIMS_MAX_ARTICLE_BYTES)")
    text, warnings = decode(path.read_bytes(), str(path))
    if path.suffix.lower() in HTML_SUFFIXES:
        article = from_html(text, path.name)
    else:
        article = ArticleInput(text=text, source_name=path.name)
    meta = _sidecar(path)
    article = replace(article, title=meta.get("title") or article.title,
                      outlet=meta.get("outlet") or article.outlet,
                      url=meta.get("url") or article.url,
                      author=meta.get("author") or article.author,
                      published_on=parse_date(meta.get("published")) or article.published_on)
    return Loaded(article, warnings)


def iter_article_paths(paths: list[Path]) -> Iterator[Path]:
    """Files named directly, and article files found recursively in folders, sorted."""
    for path in paths:
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.is_file()
                              and p.suffix.lower() in SUFFIXES)
        else:
            yield path


def is_url(value: str) -> bool:
    return value.lower().startswith(("http://", "https://"))


def load_url(url: str, settings: Settings, allow_hosts: tuple[str, ...] = ()) -> Loaded:
    """Fetch an article page safely (claims.fetch) and read it like an HTML file.

    `allow_hosts` adds internal hosts to CLAIMS_ALLOW_HOSTS (the admin's stored list).
    """
    from claims.fetch import fetch

    page = fetch(url, settings, allow_hosts=allow_hosts)
    if page.text is None:
        raise BadInput(f"{url}: the page is {page.content_type or 'of an unknown type'}, "
                       "not HTML or text")
    if "html" in (page.content_type or ""):
        article = from_html(page.text, url)
    else:
        article = ArticleInput(text=page.text, source_name=url)
    return Loaded(replace(article, url=article.url or page.final_url or url), [])
