"""The infographic of an instrument page: an inline SVG drawn on the server.

A vertical timeline of the steps ("wat moet u doen"), each with its deadline and
who does it, followed by the money the instrument yields (from the rules
parameters). Vertical, so it stays readable on a phone; no JavaScript, no
external font or image, colours from CSS classes (``site.css``).

The SVG is ``role="img"`` with a ``<title>`` and ``<desc>``; its long text
alternative is the ordered list of steps on the page, which the SVG references
with ``aria-describedby``.
"""

from __future__ import annotations

import itertools
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

WIDTH = 400
_STEP_X = 52
_CIRCLE_X = 24
_RADIUS = 14
_LINE = 20  # line height of step text
# Characters per line, measured with a wide sans-serif (DejaVu Sans) so that no
# line runs past the right edge; bold text is wider.
_STEP_CHARS = 36
_DEADLINE_CHARS = 31
_MONEY_CHARS = 42


@dataclass(frozen=True, slots=True)
class Step:
    text: str
    deadline: str = ""
    who: str = ""


@dataclass(frozen=True, slots=True)
class Money:
    label: str
    amount: str
    provisional: bool = False


def _lines(text: str, width: int) -> list[str]:
    return textwrap.wrap(" ".join(text.split()), width=width, break_long_words=True) or [""]


def _text(x: int, y: int, line: str, css: str, *, anchor: str = "") -> str:
    anchor_attr = f' text-anchor="{anchor}"' if anchor else ""
    return f'<text x="{x}" y="{y}" class="{css}"{anchor_attr}>{escape(line, quote=False)}</text>'


def render_svg(
    *,
    title: str,
    steps: Sequence[Step],
    money: Sequence[Money],
    id_prefix: str = "infographic",
    described_by: str = "",
) -> str:
    """The SVG markup (escaped, safe to insert into a page).

    ``title`` is the accessible name; ``described_by`` is the id of the element
    with the full text alternative (the list of steps).
    """
    parts: list[str] = []
    y = 8
    step_tops: list[int] = []
    for number, step in enumerate(steps, 1):
        top = y
        step_tops.append(top)
        parts.append(
            f'<circle cx="{_CIRCLE_X}" cy="{top + _RADIUS}" r="{_RADIUS}" '
            'class="werkpunt-infographic__dot"/>'
        )
        parts.append(
            _text(
                _CIRCLE_X,
                top + _RADIUS + 5,
                str(number),
                "werkpunt-infographic__number",
                anchor="middle",
            )
        )
        line_y = top + 19
        for line in _lines(step.text, _STEP_CHARS):
            parts.append(_text(_STEP_X, line_y, line, "werkpunt-infographic__step"))
            line_y += _LINE
        if step.deadline:
            for line in _lines(f"Wanneer: {step.deadline}", _DEADLINE_CHARS):
                parts.append(_text(_STEP_X, line_y, line, "werkpunt-infographic__deadline"))
                line_y += _LINE
        if step.who:
            parts.append(_text(_STEP_X, line_y, f"Wie: {step.who}", "werkpunt-infographic__who"))
            line_y += _LINE
        y = max(line_y, top + 2 * _RADIUS + 8) + 14
    # The line between the dots, drawn first so the dots cover it.
    connectors = [
        f'<line x1="{_CIRCLE_X}" y1="{a + 2 * _RADIUS}" x2="{_CIRCLE_X}" y2="{b}" '
        'class="werkpunt-infographic__line"/>'
        for a, b in itertools.pairwise(step_tops)
    ]
    if money:
        box_top = y + 4
        inner: list[str] = []
        line_y = box_top + 30
        inner.append(_text(16, line_y, "Wat levert het op?", "werkpunt-infographic__money-title"))
        line_y += 32
        for item in money:
            amount = f"{item.amount} (voorlopig)" if item.provisional else item.amount
            inner.append(_text(16, line_y, amount, "werkpunt-infographic__amount"))
            line_y += 22
            for line in _lines(item.label, _MONEY_CHARS):
                inner.append(_text(16, line_y, line, "werkpunt-infographic__label"))
                line_y += 19
            line_y += 14
        box_height = line_y - box_top - 6
        parts.append(
            f'<rect x="1" y="{box_top}" width="{WIDTH - 2}" height="{box_height}" rx="8" '
            'class="werkpunt-infographic__box"/>'
        )
        parts.extend(inner)
        y = box_top + box_height + 8
    height = max(y, 40)
    count = len(steps)
    description = (
        f"Tijdlijn met {count} {'stap' if count == 1 else 'stappen'}"
        + (", met de termijnen" if any(s.deadline for s in steps) else "")
        + (" en wat het oplevert" if money else "")
        + ". De stappen staan ook als tekst onder dit beeld."
    )
    title_id, desc_id = f"{id_prefix}-title", f"{id_prefix}-desc"
    described = " ".join(filter(None, [desc_id, described_by]))
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="werkpunt-infographic" '
        f'viewBox="0 0 {WIDTH} {height}" role="img" aria-labelledby="{title_id}" '
        f'aria-describedby="{escape(described)}" focusable="false">'
        f'<title id="{title_id}">{escape(title, quote=False)}</title>'
        f'<desc id="{desc_id}">{escape(description, quote=False)}</desc>'
        + "".join(connectors)
        + "".join(parts)
        + "</svg>"
    )
