"""Classify stage: taxonomy-driven labels, evidence and countries (pure core)."""
