"""Request bodies of the JSON APIs."""

from __future__ import annotations

import re

from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser

SURROGATE = re.compile(r"[\ud800-\udfff]")


def _has_surrogate(data) -> bool:
    if isinstance(data, str):
        return SURROGATE.search(data) is not None
    if isinstance(data, dict):
        return any(_has_surrogate(key) or _has_surrogate(value) for key, value in data.items())
    if isinstance(data, list):
        return any(_has_surrogate(item) for item in data)
    return False


class TextJSONParser(JSONParser):
    """JSON whose every string is text: a lone surrogate escape ("\\ud800") makes a string
    that can be neither stored nor written back in an answer, so the body is refused."""

    def parse(self, stream, media_type=None, parser_context=None):
        data = super().parse(stream, media_type, parser_context)
        if _has_surrogate(data):
            raise ParseError(
                "JSON parse error - a string holds a lone surrogate (\\ud800-\\udfff)."
            )
        return data
