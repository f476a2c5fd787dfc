"""Server-drawn SVG charts: geometry here, markup in ``templates/financieel_cv/includes/``.

A chart never stands alone: the page has the same numbers in a table, and the
SVG has ``role="img"`` with a ``<title>`` and a ``<desc>`` that lists them.
"""

from __future__ import annotations

from dataclasses import dataclass

from werkpunt.financieel_cv.formatting import money


@dataclass(frozen=True, slots=True)
class Tick:
    y: float
    label: str

    @property
    def label_y(self) -> float:
        return round(self.y + 4.5, 1)


@dataclass(frozen=True, slots=True)
class Bar:
    """One horizontal bar: a row with the label on the left and the value after the bar."""

    y: float
    x: float
    width: float
    height: float
    label: str
    value_label: str
    provisional: bool

    @property
    def label_y(self) -> float:
        return round(self.y + self.height / 2 + (0 if self.provisional else 5), 1)

    @property
    def sublabel_y(self) -> float:
        return round(self.y + self.height / 2 + 16, 1)

    @property
    def value_x(self) -> float:
        return round(self.x + self.width + 6, 1)

    @property
    def value_y(self) -> float:
        return round(self.y + self.height / 2 + 5, 1)


@dataclass(frozen=True, slots=True)
class BarChart:
    width: int
    height: int
    left: int
    baseline: float
    bars: tuple[Bar, ...]

    @property
    def label_x(self) -> int:
        return self.left - 10


@dataclass(frozen=True, slots=True)
class Point:
    x: float
    y: float

    @property
    def corner_x(self) -> float:
        """The left edge of a 10-unit square marker centred on the point."""
        return round(self.x - 5, 1)

    @property
    def corner_y(self) -> float:
        return round(self.y - 5, 1)


@dataclass(frozen=True, slots=True)
class Series:
    key: str
    label: str
    points: tuple[Point, ...]
    path: str


@dataclass(frozen=True, slots=True)
class XLabel:
    x: float
    label: str
    sublabel: str


@dataclass(frozen=True, slots=True)
class LineChart:
    width: int
    height: int
    left: int
    right: int
    top: int
    baseline: float
    series: tuple[Series, ...]
    ticks: tuple[Tick, ...]
    x_labels: tuple[XLabel, ...]

    @property
    def tick_x(self) -> int:
        return self.left - 8

    @property
    def label_y(self) -> float:
        return self.baseline + 20

    @property
    def sublabel_y(self) -> float:
        return self.baseline + 38


def nice_step(maximum: int, *, ticks: int = 4) -> int:
    """A round step (1, 2, 2.5 or 5 × 10ⁿ cents) so that about ``ticks`` steps reach ``maximum``."""
    if maximum <= 0:
        return 100_00
    raw = maximum / ticks
    power = 1
    while power * 10 <= raw:
        power *= 10
    for factor in (1, 2, 2.5, 5, 10):
        step = int(factor * power)
        if step >= raw:
            return max(step, 100)
    return 10 * power  # pragma: no cover - the loop always returns


def _ticks(top_value: int, step: int, scale: float, baseline: float, lang: str) -> tuple[Tick, ...]:
    count = top_value // step
    return tuple(
        Tick(round(baseline - i * step * scale, 1), money(i * step, lang, whole=True))
        for i in range(count + 1)
    )


def bar_chart(values: list[tuple[str, int, bool]], lang: str) -> BarChart:
    """Horizontal bars for (label, cents, provisional), one row each; negative amounts
    are drawn as zero. Horizontal, so the labels stay readable on a phone."""
    left, value_room, row, bar_height, top = 96, 96, 46, 28, 8
    width = 420
    plot = width - left - value_room
    maximum = max((max(cents, 0) for _, cents, _ in values), default=0)
    scale = plot / maximum if maximum > 0 else 0.0
    bars = []
    for index, (label, cents, provisional) in enumerate(values):
        y = top + index * row + (row - bar_height) / 2
        bars.append(
            Bar(
                y=round(y, 1),
                x=left,
                width=round(max(cents, 0) * scale, 1),
                height=bar_height,
                label=label,
                value_label=money(cents, lang, whole=True),
                provisional=provisional,
            )
        )
    height = top * 2 + row * max(len(values), 1)
    return BarChart(
        width=width,
        height=height,
        left=left,
        baseline=float(height - top),
        bars=tuple(bars),
    )


def line_chart(
    x_labels: list[tuple[str, str]],
    series: list[tuple[str, str, list[int]]],
    lang: str,
) -> LineChart:
    """Lines over the x labels; ``series`` is (key, label, cents per x)."""
    left, right, top, bottom = 76, 32, 20, 56
    slot = 76
    count = max(len(x_labels), 1)
    width = left + right + slot * max(count - 1, 1)
    height = 320
    plot = height - top - bottom
    maximum = max((max(values, default=0) for _, _, values in series), default=0)
    step = nice_step(maximum)
    top_value = max(step, -(-maximum // step) * step)
    scale = plot / top_value
    baseline = float(height - bottom)

    def x_at(index: int) -> float:
        return left + (index * slot if count > 1 else slot / 2)

    drawn = []
    for key, label, values in series:
        points = tuple(
            Point(round(x_at(i), 1), round(baseline - max(v, 0) * scale, 1))
            for i, v in enumerate(values)
        )
        path = " ".join(f"{'M' if i == 0 else 'L'} {p.x:g} {p.y:g}" for i, p in enumerate(points))
        drawn.append(Series(key, label, points, path))
    return LineChart(
        width=width,
        height=height,
        left=left,
        right=width - right,
        top=top,
        baseline=baseline,
        series=tuple(drawn),
        ticks=_ticks(top_value, step, scale, baseline, lang),
        x_labels=tuple(
            XLabel(round(x_at(i), 1), label, sub) for i, (label, sub) in enumerate(x_labels)
        ),
    )
