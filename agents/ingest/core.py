"""The ingest core: raw page in, clean articles out.

``parse_raw`` validates one message (see :mod:`agents.ingest.raw`); ``ingest`` takes the page's
text (or the main text that trafilatura finds in its HTML), removes boilerplate, splits off
further full articles embedded in the page, and adds the matching forms and the language.

Titles: the raw ``title`` for the main article (for HTML pages without one, the title that
trafilatura reads from the markup); the headline that opened it for an embedded article. The
main article's own first line is never promoted to a title: a page's first line is often, but
not surely, its headline, and null is better than a guess.
"""

from __future__ import annotations

from dataclasses import dataclass

from khabar.agents.ingest.boilerplate import classify
from khabar.agents.ingest.html import extract_html
from khabar.agents.ingest.language import UNDETERMINED, detect_language
from khabar.agents.ingest.normalize import normalize
from khabar.agents.ingest.raw import IngestError, RawPage, clean_chars, parse_raw
from khabar.agents.ingest.split import Part, split

__all__ = ["CleanArticle", "IngestError", "RawPage", "ingest", "parse_raw"]


@dataclass(frozen=True, slots=True)
class CleanArticle:
    """One article of a page, cleaned. ``id`` is the raw id, then ``<raw id>#2``, ``#3``…"""

    id: str
    source_id: str
    url: str | None
    source: str | None
    published_at: str | None
    published_at_raw: str | float | None
    title: str | None
    text: str
    norm_text: str
    norm_title: str
    lang: str


def _parts(page: RawPage) -> tuple[list[Part], str | None]:
    """The page's articles and the main article's title."""
    if page.text and page.text.strip():
        parts = split(classify(clean_chars(page.text)))
        if parts or not page.html:
            return parts, page.title
    extracted = extract_html(clean_chars(page.html or ""))
    return split(classify(extracted.text)), page.title or extracted.title


def _hint(lang: str | None) -> str:
    """The raw page's language hint as an ISO 639-1 code, or ``und``."""
    code = (lang or "").strip().lower()[:3].split("-")[0].split("_")[0]
    return code if len(code) == 2 and code.isalpha() and code.isascii() else UNDETERMINED


def ingest(page: RawPage) -> list[CleanArticle]:
    """Turn one raw page into its clean articles, main article first.

    Raises:
        IngestError: ``empty_text`` when nothing but boilerplate remains.
    """
    parts, main_title = _parts(page)
    normed = [(part, norm) for part in parts if (norm := normalize(part.text))]
    if not normed:
        raise IngestError("empty_text", "no article text remains after cleaning")
    articles = []
    for n, (part, norm_text) in enumerate(normed):
        title = ((main_title or part.headline) if n == 0 else part.headline) or None
        lang = detect_language(part.text)
        if lang == UNDETERMINED:
            lang = _hint(page.lang)
        articles.append(
            CleanArticle(
                id=page.id if n == 0 else f"{page.id}#{n + 1}",
                source_id=page.id,
                url=page.url,
                source=page.source,
                published_at=page.published_at,
                published_at_raw=page.published_at_raw,
                title=title,
                text=part.text,
                norm_text=norm_text,
                norm_title=normalize(title or ""),
                lang=lang,
            )
        )
    return articles
