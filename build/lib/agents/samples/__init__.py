"""The bundled sample pages (invented for the demo and the tests; see README.md here)."""

from __future__ import annotations

from importlib import resources
from typing import Any

import orjson


def raw_messages() -> list[bytes]:
    """The sample pages, one raw message per line, the malformed ones included."""
    data = resources.files(__name__).joinpath("pages.jsonl").read_bytes()
    return [line for line in data.splitlines() if line.strip()]


def pages_by_script() -> dict[str, list[dict[str, Any]]]:
    """The well-formed pages with a text, as ``{"ar": [...], "en": [...]}`` by their script."""
    pages: dict[str, list[dict[str, Any]]] = {"ar": [], "en": []}
    for line in raw_messages():
        try:
            page = orjson.loads(line)
        except orjson.JSONDecodeError:
            continue
        if isinstance(page, dict) and isinstance(page.get("text"), str):
            text = page["text"]
            arabic = sum("\u0600" <= c <= "\u06ff" for c in text) > len(text) / 4
            pages["ar" if arabic else "en"].append(page)
    return pages
