"""A minimum fill time for public forms: the page carries the signed moment it was shown,
and a form sent sooner than PALAUTE_MIN_FILL_SECONDS after it is refused with a message,
keeping everything typed. Robots post at once; a person, even with autofill, takes a few
seconds. The kiosk's answers (JSON, sent later from a queue) do not go through this."""

from __future__ import annotations

import time

from django import forms
from django.conf import settings
from django.core import signing
from django.utils.translation import gettext_lazy as _

SALT = "palaute.site.form-started"
# A page left open longer than this is shown again with a fresh moment.
MAX_AGE = 24 * 60 * 60


def stamp(moment: float | None = None) -> str:
    return signing.dumps(round(moment if moment is not None else time.time(), 3), salt=SALT)


def started_at(value: str) -> float | None:
    """The signed moment, or None when missing, forged or too old."""
    try:
        moment = signing.loads(value, salt=SALT, max_age=MAX_AGE)
    except signing.BadSignature:
        return None
    return float(moment) if isinstance(moment, int | float) else None


class MinimumFillTime(forms.Form):
    """Adds the hidden field `started`. A missing, forged or too-old moment counts as a
    too-fast send; the page shown again carries a valid moment, so sending again a
    moment later works."""

    started = forms.CharField(required=False, max_length=200, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._started: float | None = None
        if not self.is_bound:
            self.initial["started"] = stamp()
            return
        self._started = started_at(self.data.get("started", ""))
        if self._started is None:
            self.data = self.data.copy()
            self.data["started"] = stamp()

    def clean(self):
        cleaned = super().clean()
        minimum = settings.PALAUTE_MIN_FILL_SECONDS
        if minimum > 0 and (self._started is None or time.time() - self._started < minimum):
            self.add_error(
                None,
                forms.ValidationError(
                    _(
                        "The form was sent very quickly, so it was not received yet. "
                        "Nothing you wrote is lost: check the form and send it again."
                    ),
                    code="too_fast",
                ),
            )
        return cleaned
