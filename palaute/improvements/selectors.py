"""Reads on unit meetings and development actions."""

from __future__ import annotations

from palaute.feedback.models import Feedback


def for_feedback(*, feedback: Feedback, user) -> dict:
    """What the feedback's detail page shows of meetings and actions."""
    return {"actions": [], "meeting_items": []}
