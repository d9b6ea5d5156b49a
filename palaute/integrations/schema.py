"""The documented error answers of the JSON APIs an integration calls with its API key
(the report and invitation APIs; Open311 has its own, the standard's list)."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiResponse, inline_serializer
from rest_framework import serializers

DETAIL = inline_serializer("ApiErrorDetail", {"detail": serializers.CharField()})
FIELD_ERRORS = {
    "type": "object",
    "description": "Messages by field; non_field_errors for the request as a whole.",
    "additionalProperties": {"type": "array", "items": {"type": "string"}},
}


def detail(description: str) -> OpenApiResponse:
    return OpenApiResponse(DETAIL, description=description)


# DRF's answers for a missing key, a key that does not cover the target, an unknown
# target, a body of another type and a used-up hourly limit.
KEY_ERRORS = {
    401: detail("No valid API key (or back-office session)"),
    403: detail("The key does not cover the organisation"),
    404: detail("Unknown code"),
    429: detail("The hourly rate limit of the key is used up"),
}
