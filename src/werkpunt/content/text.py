"""The plain text format of the demo files, turned into safe HTML.

The format is small on purpose, so a content writer can write it without help:

- paragraphs are separated by a blank line; lines of one paragraph are joined;
- a line starting with ``- `` is a bullet; an indented line after a bullet continues it;
- a line starting with ``## `` is a subheading;
- lines starting with ``> `` are a quote (a line with only ``>`` starts a new quote paragraph);
- ``[text](url)`` is a link (``https://``, ``http://``, ``mailto:``, ``tel:``, ``/`` or ``#``).

Everything else is text: ``<``, ``&`` and quotes are escaped, so the output is
safe to store as Wagtail rich text and to show. The output uses only elements the
rich text editor knows (``p``, ``ul``/``li``, ``h2``/``h3``, ``blockquote``, ``a``),
so an editor can open and save it without losing anything.
"""

from __future__ import annotations

import re
from html import escape

LINK = re.compile(r"\[([^\[\]\n]+)\]\(([^()\s]+)\)")
SAFE_URL = re.compile(
    r"^(?:https?://[^\s/]+|mailto:\S+@\S+|tel:\+?[0-9-]+$|/(?!/)|#)", re.IGNORECASE
)


class TextFormatError(ValueError):
    """A line of body text that cannot be converted; the message names the line."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(f"regel {line}: {message}")
        self.line = line
        self.message = message


def inline_html(text: str, *, line: int = 1) -> str:
    """One line of text with ``[text](url)`` links, as escaped HTML."""
    parts: list[str] = []
    position = 0
    for match in LINK.finditer(text):
        label, url = match.group(1), match.group(2)
        if not SAFE_URL.match(url):
            raise TextFormatError(
                line,
                f"de link {url!r} kan niet. Gebruik een adres dat begint met https://, "
                "mailto:, tel: of /.",
            )
        parts.append(_plain(text[position : match.start()], line))
        parts.append(f'<a href="{escape(url)}">{escape(label.strip())}</a>')
        position = match.end()
    parts.append(_plain(text[position:], line))
    return "".join(parts)


def _plain(text: str, line: int) -> str:
    if "](" in text:
        raise TextFormatError(
            line,
            "deze link klopt niet. Schrijf [tekst](https://adres), zonder haakjes in het adres.",
        )
    return escape(text)


def body_to_html(text: str, *, heading_level: int = 2) -> str:
    """Convert body text in the demo format to HTML.

    ``heading_level`` is the level of a ``## `` subheading: 2 for a page body,
    3 for a part of a page that has its own ``h2`` (the parts of an instrument page).
    """
    if heading_level not in {2, 3, 4}:
        raise ValueError("heading_level is 2, 3 of 4")
    blocks: list[str] = []
    paragraph: list[str] = []
    items: list[str] = []
    quote: list[list[str]] = []

    def flush_paragraph() -> None:
        if paragraph:
            blocks.append(f"<p>{' '.join(paragraph)}</p>")
            paragraph.clear()

    def flush_items() -> None:
        if items:
            blocks.append("<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>")
            items.clear()

    def flush_quote() -> None:
        blocks.extend(f"<blockquote>{' '.join(lines)}</blockquote>" for lines in quote if lines)
        quote.clear()

    def flush() -> None:
        flush_paragraph()
        flush_items()
        flush_quote()

    for number, raw in enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"), 1):
        line = raw.strip()
        if not line:
            flush()
            continue
        if line.startswith("##"):
            heading = line.lstrip("#").strip()
            if not line.startswith("## ") or line.startswith("###") or not heading:
                raise TextFormatError(
                    number, "een tussenkop begint met ## en een spatie, gevolgd door de tekst"
                )
            flush()
            tag = f"h{heading_level}"
            blocks.append(f"<{tag}>{inline_html(heading, line=number)}</{tag}>")
        elif line.startswith("- ") or line == "-":
            content = line[1:].strip()
            if not content:
                raise TextFormatError(number, "een opsommingsteken zonder tekst")
            flush_paragraph()
            flush_quote()
            items.append(inline_html(content, line=number))
        elif line.startswith(">"):
            flush_paragraph()
            flush_items()
            content = line[1:].strip()
            if not quote:
                quote.append([])
            if content:
                quote[-1].append(inline_html(content, line=number))
            else:
                quote.append([])
        elif items and raw[:1] in {" ", "\t"}:
            items[-1] += " " + inline_html(line, line=number)
        else:
            flush_items()
            flush_quote()
            paragraph.append(inline_html(line, line=number))
    flush()
    return "".join(blocks)
