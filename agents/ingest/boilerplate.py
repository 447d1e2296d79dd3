"""Line classifier that tells article body from site furniture in a plain-text page.

One forward pass labels every line from its own shape (marker phrases, length, bullets) and a
little state (a "read also" marker makes the next headline-like line a link; a related-list
heading makes the following run of headline-like lines links). Two cheap passes over the
labels then handle the page's edges: a site menu and masthead lines above the headline, and
bullet lists in the page's tail. Everything is linear in the number of lines.

A line is only ever dropped whole; kept lines are returned verbatim (stripped), so the clean
text is never longer than the page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import IntEnum

from khabar.agents.ingest import markers as mk
from khabar.agents.ingest.normalize import fold, fold_lines


class Kind(IntEnum):
    """What a line is."""

    BLANK = 0
    BODY = 1
    CHROME = 2  # navigation, share bars, datelines, ads, comments prompts
    FOOTER = 3  # source, keywords, copyright: the end of an article
    MARKER = 4  # a bare "read also" marker; the headline follows on the next line
    LINK = 5  # a related headline (after a marker, or inline with it)
    LIST = 6  # a related-list heading or one of its items


DROPPED = frozenset({Kind.CHROME, Kind.FOOTER, Kind.MARKER, Kind.LINK, Kind.LIST})

_LEAD = re.compile(r"^[\s•·▪▫◦●○■□►▶➤✓✔*#|>»›\-–—]+")
_EDGE_PUNCT = " \t:：-–—|»›>.()[]…!"
_WORDS = re.compile(r"[^\W_]+")
_MAX_LIST_ITEMS = 30
_HEADLINE_MAX_WORDS = 25
_HEADLINE_MAX_CHARS = 220
_KEY_CHARS = 320
# Labels of lines up to this long are cached across pages: a site prints the same furniture on
# every page. Longer lines are body text. Within a page each distinct line is labelled once
# (adversarial pages repeat one line many times).
_CACHED_CHARS = 512
_CACHED_LINES = 4096


@dataclass(frozen=True, slots=True)
class Page:
    """A page cut into stripped lines, with a label and, for links, the headline text."""

    lines: tuple[str, ...]
    kinds: tuple[Kind, ...]
    headlines: dict[int, str]  # "read also" LINK line index -> the related headline it carries


def headline_like(line: str, words: int) -> bool:
    """A short line that does not end like a sentence (headlines carry no final period)."""
    return (
        1 < words <= _HEADLINE_MAX_WORDS
        and len(line) <= _HEADLINE_MAX_CHARS
        and not (mk.SENTENCE_END.search(line))
    )


_FUSED_PHRASES = (mk.MORE_FROM, mk.COPYRIGHT, mk.NEWSLETTER, mk.SHARE, mk.READ_ALSO_ANYWHERE)


# A page's phrases, each behind only the gates that occur in the page (see Phrase.within).
Phrases = dict[mk.Phrase, mk.Phrase]


def _fused(key: str, phrases: Phrases) -> bool:
    """True when one line carries two or more distinct kinds of boilerplate phrase.

    The anchored checks come first; the phrase searches stop as soon as the answer is known.
    """
    found = 1 if mk.SOURCE.match(key) or mk.TAGS.match(key) else 0
    left = len(_FUSED_PHRASES)
    for phrase in map(phrases.__getitem__, _FUSED_PHRASES):
        left -= 1
        if phrase.search(key):
            found += 1
            if found >= 2:
                return True
        elif found + left < 2:
            return False
    return False


def _strip_marker(line: str, key: str, end: int) -> str:
    """The text after a marker phrase that ends at ``end`` in the folded ``key``."""
    skip = len(key[:end].split())
    parts = line.split(maxsplit=skip)
    rest = parts[skip] if len(parts) > skip else ""
    return rest.strip(_EDGE_PUNCT + " ")


def _key_text(line: str) -> str:
    """What a line's matching key is folded from.

    Markers sit at the start of a line, and lines that carry boilerplate are short: the first
    _KEY_CHARS characters are enough, and keep long body paragraphs cheap.
    """
    return _LEAD.sub("", line[:_KEY_CHARS], count=1)


def _classify_key(line: str, key: str, words: int, phrases: Phrases) -> tuple[Kind, str | None]:
    """Label one line from its own content (``key``: its folded :func:`_key_text`); for
    markers also return the inline headline."""
    if words <= 150 and _fused(key, phrases):
        return Kind.FOOTER, None
    m = mk.READ_ALSO.match(key)
    if m:
        tail = key[m.end() :]
        rest = tail.strip(_EDGE_PUNCT)
        if not rest:
            return Kind.MARKER, None
        english = key[: m.end()].isascii()
        if words <= 30 and (not english or tail[:1] in ":：|»›>-–—" or tail[:2] in (" -", " |")):
            return Kind.LINK, _strip_marker(line, key, m.end())
    if mk.TAGS.match(key):
        return Kind.FOOTER, None
    if words > 40:  # a paragraph: only the checks above apply to it
        return Kind.BODY, None
    if phrases[mk.COPYRIGHT].search(key) or (words <= 15 and mk.SOURCE.match(key)):
        return Kind.FOOTER, None
    if words <= 25 and mk.LINK_LINE.match(key):
        return Kind.FOOTER, None
    if words <= 30 and phrases[mk.NEWSLETTER].search(key):
        return Kind.CHROME, None
    if words <= 15:
        return _classify_short(key, words)
    return Kind.BODY, None


def _classify_short(key: str, words: int) -> tuple[Kind, str | None]:
    """The checks that only apply to short lines (headings, bars, bylines)."""
    core = key.strip(_EDGE_PUNCT)
    if words <= 8 and mk.LIST_HEAD.fullmatch(core):
        return Kind.LIST, None
    if words <= 12 and mk.SHARE_START.match(key):
        return Kind.CHROME, None
    if mk.DATELINE.match(key) and mk.DATE.search(key):
        return Kind.CHROME, None
    if mk.BREADCRUMB_HOME.match(key) or len(mk.BREADCRUMB_SEP.findall(key)) >= 2:
        return Kind.CHROME, None
    if words <= 4 and mk.NAV.fullmatch(core):
        return Kind.CHROME, None
    if words <= 10 and mk.COMMENTS.match(key):
        return Kind.CHROME, None
    tokens = _WORDS.findall(key)
    if len(tokens) >= 2 and all(t in mk.SOCIAL for t in tokens):
        return Kind.CHROME, None
    return Kind.BODY, None


Label = tuple[Kind, str | None, int]  # kind, inline headline, words
_cache: dict[str, Label] = {}


def _labels(lines: tuple[str, ...]) -> dict[str, Label]:
    """The label of every distinct non-blank line: from the cache, else classified, with the
    keys of all the lines to classify folded in one pass (:func:`fold_lines`) and the phrase
    gates tested once on all of them."""
    labels: dict[str, Label] = {}
    todo: list[str] = []
    for line in dict.fromkeys(lines):
        if line:
            hit = _cache.get(line)
            if hit is None:
                todo.append(line)
            else:
                labels[line] = hit
    if len(_cache) + len(todo) > _CACHED_LINES:
        _cache.clear()
    keys = fold_lines([_key_text(line) for line in todo])
    joined = "\n".join(keys)
    phrases = {phrase: phrase.within(joined) for phrase in _FUSED_PHRASES}
    for line, key in zip(todo, keys, strict=True):
        words = len(line.split())
        labels[line] = label = (*_classify_key(line, key, words, phrases), words)
        if len(line) <= _CACHED_CHARS:
            _cache[line] = label
    return labels


def classify(text: str) -> Page:
    """Cut ``text`` into lines and label each one."""
    lines = tuple(line.strip() for line in text.split("\n"))
    labels = _labels(lines)
    kinds: list[Kind] = []
    headlines: dict[int, str] = {}
    plain_left = 0  # unbulleted headline-like lines still taken as links
    listing = False  # inside a related list (bulleted items always taken)
    after_marker = False  # the list was opened by a "read also" marker
    for i, line in enumerate(lines):
        if not line:
            kinds.append(Kind.BLANK)
            continue
        kind, headline, words = labels[line]
        if kind is Kind.LINK:  # inline "read also: headline"
            headlines[i] = headline or ""
        elif kind is Kind.BODY and listing:
            bulleted = bool(mk.BULLET.match(line))
            short = words <= _HEADLINE_MAX_WORDS and len(line) <= _HEADLINE_MAX_CHARS
            if (bulleted and short) or (plain_left > 0 and headline_like(line, words)):
                kind = Kind.LINK
                plain_left -= 1
                if after_marker:
                    headlines[i] = mk.BULLET.sub("", line, count=1) if bulleted else line
        if kind is Kind.MARKER:
            listing, plain_left, after_marker = True, 1, True
        elif kind is Kind.LIST:
            listing, plain_left, after_marker = True, _MAX_LIST_ITEMS, False
        elif kind is Kind.BODY:
            listing, plain_left, after_marker = False, 0, False
        kinds.append(kind)
    _drop_masthead(lines, kinds)
    _drop_head_menu(lines, kinds)
    _drop_tail_list(lines, kinds)
    return Page(lines, tuple(kinds), headlines)


def _drop_masthead(lines: tuple[str, ...], kinds: list[Kind]) -> None:
    """Short lines above a breadcrumb, and short "Section / Subsection" lines, at the top.

    Only the first few non-blank lines are looked at: that is where a site prints its name,
    its section path and its "follow us" prompt, and never where a body paragraph sits.
    """
    top = [i for i, k in enumerate(kinds) if k is not Kind.BLANK][:6]
    for n, i in enumerate(top):
        words = len(lines[i].split())
        if kinds[i] is Kind.BODY and words > 25:
            return
        if kinds[i] is Kind.BODY and " / " in lines[i] and words <= 6:
            if all(len(part.split()) <= 3 for part in lines[i].split(" / ")):
                kinds[i] = Kind.CHROME
        elif kinds[i] is Kind.CHROME and (
            mk.BREADCRUMB_HOME.match(fold(lines[i])) or mk.BREADCRUMB_SEP.search(lines[i])
        ):
            for j in top[:n]:
                if kinds[j] is Kind.BODY and len(lines[j].split()) <= 8:
                    kinds[j] = Kind.CHROME


_HEAD_LINES = 12  # non-blank lines at the top where a site prints its menu
_MENU_ITEM_WORDS = 3
_SENTENCE_LAST = frozenset(".،,:;؛\"'”»)")  # what a line that SENTENCE_END matches ends with
_MENU_RUN = 3  # this many one- or two-word lines in a row make a menu printed one per line


def _drop_head_menu(lines: tuple[str, ...], kinds: list[Kind]) -> None:
    """Site navigation at the top of the page, so that the headline and the first paragraph
    come first (the classifier reads them as the lead). Three shapes, looked for only before
    the first sentence: a line of short items between separators («أخبار | سياسة | رياضة»),
    a line made of section names («الرئيسية أخبار محليات اقتصاد»), and a run of one- or
    two-word lines.
    """
    run: list[int] = []  # one- or two-word lines in a row
    items = 0  # and with them the one- or two-word lines already dropped as chrome (menu, search)
    seen = 0
    for i, kind in enumerate(kinds):
        if kind is Kind.BLANK:
            continue
        seen += 1
        if seen > _HEAD_LINES:
            break
        if kind is not Kind.BODY:
            items += kind is Kind.CHROME and len(lines[i].split()) <= 2
            continue
        line = lines[i]
        if len(line) > _HEADLINE_MAX_CHARS:
            break  # the article has begun
        words = len(line.split())
        if words > _HEADLINE_MAX_WORDS or (line[-1] in _SENTENCE_LAST
                                           and mk.SENTENCE_END.search(line)):
            break
        if _menu_line(line, words):
            kinds[i] = Kind.CHROME
        elif words <= 2:
            run.append(i)
            items += 1
            continue
        _drop_run(run, items, kinds)
        run, items = [], 0
    _drop_run(run, items, kinds)


def _drop_run(run: list[int], items: int, kinds: list[Kind]) -> None:
    """The short lines of ``run`` are menu items when the run holds enough items."""
    if items >= _MENU_RUN:
        for i in run:
            kinds[i] = Kind.CHROME


def _menu_line(line: str, words: int) -> bool:
    """A line of menu items: separated short items, or nothing but section names."""
    items = mk.MENU_SEP.split(line) if mk.MENU_SEP_CHAR.search(line) else []
    items = [item for item in items if item.strip(_EDGE_PUNCT)] if len(items) >= 3 else []
    if len(items) >= 3 and all(len(item.split()) <= _MENU_ITEM_WORDS for item in items):
        if len(items) >= 4:
            return True
        found, names = _sections(line)  # three items: at least half of the words are sections
        return 2 * found >= names
    if words < 3 or not _section(fold(line.split(maxsplit=1)[0])):
        return False  # a menu of names starts with one
    found, names = _sections(line)
    return found >= 0.8 * names


def _sections(line: str) -> tuple[int, int]:
    """How many of the line's words are section names, and how many words it has."""
    names = _WORDS.findall(fold(line))
    return sum(_section(w) for w in names), len(names)


def _section(word: str) -> bool:
    """A section name, with the conjunction و or the article ال it may carry."""
    return (word in mk.SECTIONS or word[1:] in mk.SECTIONS or word[2:] in mk.SECTIONS
            or word[3:] in mk.SECTIONS)


def _drop_tail_list(lines: tuple[str, ...], kinds: list[Kind]) -> None:
    """A run of two or more bulleted headlines at the very end of the page is a link list."""
    run: list[int] = []
    for i in range(len(lines) - 1, -1, -1):
        kind = kinds[i]
        if kind is Kind.BLANK or kind in DROPPED:
            continue
        words = len(lines[i].split())
        if mk.BULLET.match(lines[i]) and headline_like(lines[i], words):
            run.append(i)
            continue
        break
    if len(run) >= 2:
        for i in run:
            kinds[i] = Kind.LINK


def render(
    lines: tuple[str, ...],
    kinds: tuple[Kind, ...],
    start: int = 0,
    end: int | None = None,
    first: str | None = None,
) -> str:
    """Join the kept lines of ``lines[start:end]`` with the page's own paragraph breaks.

    ``first``, when given, is emitted as the first line (an embedded article's headline).
    """
    out: list[str] = [first] if first else []
    gap = False
    for i in range(start, len(lines) if end is None else end):
        line, kind = lines[i], kinds[i]
        if kind is Kind.BLANK:
            gap = True
        elif kind is Kind.BODY:
            if out:
                out.append("\n\n" if gap else "\n")
            out.append(line)
            gap = False
    return "".join(out)


def clean(text: str) -> str:
    """Return ``text`` with boilerplate lines removed (no page splitting)."""
    page = classify(text)
    return render(page.lines, page.kinds)
