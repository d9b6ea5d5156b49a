"""Open311's two formats: JSON, and XML with the element names the standard gives."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from xml.etree import ElementTree as ET

from rest_framework.renderers import BaseRenderer, JSONRenderer

# Lists inside an object: the element name of their items.
XML_LIST_ITEMS = {
    "endpoints": "endpoint",
    "formats": "format",
    "locales": "locale",
    "attributes": "attribute",
    "values": "value",
    "media_urls": "media_url",
    "request_history": "history",
}


# Characters XML 1.0 cannot hold; text from older channels may still have them.
NOT_XML = re.compile("[^\x09\x0a\x0d\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


class Open311JSONRenderer(JSONRenderer):
    charset = "utf-8"


def _text(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, Decimal | float | int):
        return str(value)
    return str(value)


def _build(parent: ET.Element, name: str, value) -> None:
    element = ET.SubElement(parent, name)
    if value is None:
        return
    if isinstance(value, dict):
        for key, item in value.items():
            _build(element, key, item)
    elif isinstance(value, list | tuple):
        item_name = XML_LIST_ITEMS.get(name, "item")
        for item in value:
            _build(element, item_name, item)
    else:
        element.text = NOT_XML.sub("", _text(value))


class Open311XMLRenderer(BaseRenderer):
    """The view names the root and item elements (`xml_root`, `xml_item`); errors are
    always <errors><error>."""

    media_type = "text/xml"
    format = "xml"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None) -> bytes:
        context = renderer_context or {}
        view = context.get("view")
        response = context.get("response")
        if response is not None and response.status_code >= 400:
            root_name, item_name = "errors", "error"
        else:
            root_name = getattr(view, "xml_root", "response")
            item_name = getattr(view, "xml_item", "item")
        root = ET.Element(root_name)
        if isinstance(data, list):
            for item in data:
                _build(root, item_name, item)
        elif isinstance(data, dict):
            for key, value in data.items():
                _build(root, key, value)
        body = ET.tostring(root, encoding="unicode")
        return f'<?xml version="1.0" encoding="UTF-8"?>\n{body}'.encode()
