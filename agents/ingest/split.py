"""Page splitting: find further full articles embedded in one scraped page.

A site that prints «إقرأ أيضاً:» after an article's source and keywords lines, followed by a
headline and several paragraphs, has pasted a second article into the page. A related headline
that is followed by the first article's own continuation is only a link. The rule is
conservative, because cutting a normal article in two is worse than missing a split:

* the headline sits after a "read also" marker (on its line, or on the line before);
* between the last body paragraph before it and the marker there is at least one end-of-article
  line (source, keywords, copyright): the first article has visibly ended;
* at least ``MIN_PARAGRAPHS`` body paragraphs with ``MIN_CHARS`` characters follow it.
"""

from __future__ import annotations

from dataclasses import dataclass

from khabar.agents.ingest.boilerplate import Kind, Page, render

MIN_PARAGRAPHS = 2
MIN_CHARS = 300


@dataclass(frozen=True, slots=True)
class Part:
    """One article of a page: its clean text and the headline that opened it (if embedded)."""

    text: str
    headline: str | None


def split(page: Page) -> list[Part]:
    """Cut ``page`` into articles, main article first. Parts with no text are left out."""
    lines, kinds = page.lines, page.kinds
    n = len(lines)
    # Body paragraphs (count, chars) in the run that starts after each line: one backward pass.
    run_count = [0] * (n + 1)
    run_chars = [0] * (n + 1)
    for i in range(n - 1, -1, -1):
        nxt = i + 1
        if nxt < n and kinds[nxt] is Kind.BODY:
            run_count[i], run_chars[i] = run_count[nxt] + 1, run_chars[nxt] + len(lines[nxt])
        elif nxt < n and kinds[nxt] is Kind.BLANK:
            run_count[i], run_chars[i] = run_count[nxt], run_chars[nxt]
    starts: list[int] = []
    ended = False  # an end-of-article line was seen since the last body paragraph
    seen_body = False
    for i, kind in enumerate(kinds):
        if kind is Kind.BLANK:
            continue
        if (
            kind is Kind.LINK
            and ended
            and seen_body
            and i in page.headlines
            and run_count[i] >= MIN_PARAGRAPHS
            and run_chars[i] >= MIN_CHARS
        ):
            starts.append(i)
            ended = False
        elif kind is Kind.BODY:
            seen_body, ended = True, False
        elif kind is Kind.FOOTER:
            ended = True
    bounds = [0, *starts, n]
    parts: list[Part] = []
    for k in range(len(bounds) - 1):
        start, end = bounds[k], bounds[k + 1]
        headline = page.headlines.get(start, lines[start]) if k else None
        text = render(lines, kinds, start + 1 if k else start, end, first=headline)
        if text:
            parts.append(Part(text, headline))
    return parts
