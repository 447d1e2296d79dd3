"""Topic creation reads the broker's answer: a topic it would not create is a one-line error
naming the topic and the broker's error, and a topic that exists already is no error."""

from __future__ import annotations

import asyncio
from types import SimpleNamespace
from typing import Any, ClassVar

import pytest
from aiokafka.errors import PolicyViolationError, TopicAlreadyExistsError

from khabar.agents import kafka_io
from khabar.agents.console import UserError
from khabar.streams.settings import Settings


class Admin:
    """Stands in for aiokafka's admin client; answers create_topics with ``errors``."""

    errors: ClassVar[list[tuple[str, int, str]]] = []

    def __init__(self, **_: Any) -> None:
        pass

    async def start(self) -> None:
        pass

    async def close(self) -> None:
        pass

    async def list_topics(self) -> list[str]:
        return []

    async def create_topics(self, new: list[Any]) -> Any:
        return SimpleNamespace(topic_errors=self.errors)


@pytest.fixture
def admin(monkeypatch: pytest.MonkeyPatch) -> type[Admin]:
    monkeypatch.setattr(kafka_io, "AIOKafkaAdminClient", Admin)
    return Admin


def test_a_topic_the_broker_refuses_is_an_error_naming_it(admin: type[Admin]) -> None:
    admin.errors = [("khabar.raw", PolicyViolationError.errno, "max.message.bytes too large"),
                    ("khabar.dlq", 0, ""),
                    ("khabar.enriched", TopicAlreadyExistsError.errno, "exists")]
    with pytest.raises(UserError) as raised:
        asyncio.run(kafka_io.ensure_topics(Settings.from_env({}), ["khabar.raw", "khabar.dlq",
                                                                "khabar.enriched"], 4))
    assert str(raised.value) == "the broker did not create khabar.raw (PolicyViolationError)"


def test_created_and_existing_topics_are_no_error(admin: type[Admin]) -> None:
    admin.errors = [("khabar.raw", 0, ""),
                    ("khabar.dlq", TopicAlreadyExistsError.errno, "exists")]
    asyncio.run(kafka_io.ensure_topics(Settings.from_env({}), ["khabar.raw", "khabar.dlq"], 4))
