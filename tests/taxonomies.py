"""Taxonomy files for tests: the smallest valid one, and the bundled one plus a user-added
label."""

from __future__ import annotations

from pathlib import Path

from khabar.agents.classify.core import DEFAULT_TAXONOMY

#: The smallest valid taxonomy: one label, one term.
MINIMAL = """
[labels.x]
calibration.default = { center = 1.0, slope = 1.0 }
[labels.x.terms.en]
"word" = 1.0
"""

SPORTS = """
[labels.sports]
calibration.default = { center = 2.0, slope = 1.0 }
[labels.sports.terms.en]
"football" = 2.0
"goalkeeper" = 2.0
[labels.sports.terms.ar]
"كرة القدم" = 3.0
"""


def with_sports_label(directory: Path) -> Path:
    """Write the bundled taxonomy plus a ``sports`` label to ``directory``; return its path."""
    path = directory / "taxonomy.toml"
    path.write_text(DEFAULT_TAXONOMY.read_text(encoding="utf-8") + SPORTS, encoding="utf-8")
    return path
