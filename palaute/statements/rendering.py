"""Markdown to HTML for the statements, cleaned with nh3: headings, paragraphs, lists,
links and emphasis survive; scripts, styles, images and any other markup do not."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import markdown
import nh3
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

ALLOWED_TAGS = {"h2", "h3", "h4", "h5", "h6", "p", "ul", "ol", "li", "a", "em", "strong", "br"}
ALLOWED_ATTRIBUTES = {"a": {"href", "hreflang"}}
URL_SCHEMES = {"http", "https", "mailto", "tel"}
# The parts an organisation must complete: "[TÄYDENNÄ: …]", "[FYLL I: …]", "[COMPLETE: …]".
PLACEHOLDER = re.compile(r"\[(?:TÄYDENNÄ|FYLL I|COMPLETE):[^\]\n]*\]")
HEADING = re.compile(r"h([1-6])")


class _HeadingLevels(Treeprocessor):
    """The page's own heading is the only level 1: "#" becomes level 2, and everything
    moves down `shift` more levels where the statement sits under another heading."""

    def __init__(self, md, shift: int) -> None:
        super().__init__(md)
        self.shift = shift

    def run(self, root: ET.Element) -> None:
        for element in root.iter():
            level = HEADING.fullmatch(element.tag)
            if level:
                element.tag = f"h{min(6, max(2, int(level.group(1))) + self.shift)}"


class _HeadingExtension(Extension):
    def __init__(self, shift: int) -> None:
        super().__init__()
        self.shift = shift

    def extendMarkdown(self, md) -> None:  # noqa: N802 - Markdown's API
        md.treeprocessors.register(_HeadingLevels(md, self.shift), "palaute_headings", 5)


def render(
    text: str, *, shift: int = 0, links: bool = True, mark_placeholders: bool = False
) -> SafeString:
    """Clean HTML of a statement's Markdown. Without links (the kiosk, which must not be
    left) link texts stay as plain text; with mark_placeholders (the back office's
    preview) the parts still to complete are highlighted."""
    if mark_placeholders:
        text = PLACEHOLDER.sub(lambda match: f"<mark>{escape(match.group(0))}</mark>", text)
    html = markdown.markdown(text or "", extensions=[_HeadingExtension(shift)])
    tags = set(ALLOWED_TAGS)
    if mark_placeholders:
        tags.add("mark")
    if not links:
        tags.discard("a")
    cleaned = nh3.clean(
        html,
        tags=tags,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel=None,
    )
    return mark_safe(cleaned)  # noqa: S308 - cleaned by nh3 above


def placeholders(text: str) -> list[str]:
    """The parts still to complete, each once, in order."""
    return list(dict.fromkeys(PLACEHOLDER.findall(text or "")))
