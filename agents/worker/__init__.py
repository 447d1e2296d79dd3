"""The worker: thin Faust agents that move records between topics and tables.

Two hops. ``khabar.pages`` consumes the raw partitions and runs the per-page cores
(:class:`agents.pipeline.PageStage`, in the processes of :class:`agents.page_runner.PageRunner`
unless ``KHABAR_CORE_PROCESSES=0``), sending dead letters straight to the DLQ and
fingerprinted candidates to the single-partition ``<prefix>.dedup`` topic. ``khabar.dedup``
owns the dedup tables (RocksDB, changelog-backed), decides canonical or duplicate
(:class:`agents.pipeline.DedupStage`) and publishes. Every send happens before the event is
acknowledged, and faust flushes the producer before it commits offsets: at-least-once.

Modules: :mod:`~agents.worker.build` (the agents), :mod:`~agents.worker.dedup_tables`,
:mod:`~agents.worker.health` (liveness, readiness), :mod:`~agents.worker.lag`,
:mod:`~agents.worker.prometheus` (metrics) and :mod:`~agents.worker.exits` (hard exits).
"""

from khabar.agents.worker.build import Worker, build

__all__ = ["Worker", "build"]
