"""Palaute: feedback service for Finnish cities and wellbeing services counties."""

from .celery import app as celery_app

__all__ = ["celery_app"]
