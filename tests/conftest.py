"""Session fixtures: the embedded broker, started once for the tiers that need it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from khabar.streams.embedded import EmbeddedBroker


@pytest.fixture(scope="session")
def broker() -> Iterator[EmbeddedBroker]:
    """One Tansu broker on a free loopback port for the whole session."""
    with EmbeddedBroker() as running:
        yield running
