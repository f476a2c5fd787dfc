"""The board screen's tables: raw figures (``sources.board_figures``) → cells with the small-cell rule.

The same tables feed the page and the CSV download, so both hide the same cells.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

from django.utils.translation import gettext, gettext_lazy

from werkpunt.dashboard import kpis
from werkpunt.dashboard.aggregates import BoardRow
from werkpunt.dashboard.formatting import NOTHING, euros, hours, hours_number, percentage
from werkpunt.dashboard.kpis import Cell

#: Shown (and written to the CSV) instead of a hidden number.
SUPPRESSED_TEXT = "< 5"


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    kind: str  # "count", "money", "share", "hours"
    #: Whether the small-cell rule applies (only to figures about placements).
    protected: bool


def columns(moments: Sequence[str]) -> list[Column]:
    found = [
        Column("started", gettext("Gestart"), "count", True),
        Column("active", gettext("Nu aan het werk"), "count", True),
    ]
    for moment in moments:
        months = moment.rstrip("m")
        found += [
            Column(
                f"checks_{moment}",
                gettext("Controles na %(months)s maanden") % {"months": months},
                "count",
                True,
            ),
            Column(
                f"here_{moment}",
                gettext("Na %(months)s maanden nog bij de werkgever") % {"months": months},
                "count",
                True,
            ),
            Column(
                f"share_{moment}",
                gettext("Deel blijvend na %(months)s maanden") % {"months": months},
                "share",
                True,
            ),
        ]
    found += [
        Column("requests", gettext("Vragen"), "count", False),
        Column("median_hours", gettext("Mediaan terugbeltijd"), "hours", False),
        Column("on_time_share", gettext("Op tijd teruggebeld"), "share", False),
        Column("met_cents", gettext("Geld binnengehaald (termijn gehaald)"), "money", True),
        Column("missed_cents", gettext("Geld misgelopen (termijn gemist)"), "money", True),
    ]
    return found


def _cells(row: BoardRow, moments: Sequence[str]) -> dict[str, Cell]:
    # Request figures are about employers' questions, not about workers: ``base`` is
    # set high so the small-cell rule never hides them.
    never = 10**9
    cells = {
        "started": Cell(row.started, row.started),
        "active": Cell(row.active, row.active),
        "requests": Cell(row.requests, never),
        "median_hours": Cell(kpis.median_hours(row.hours), never),
        "on_time_share": Cell(kpis.share(row.on_time, row.on_time_base), never),
        "met_cents": Cell(row.met_cents, row.met_placements),
        "missed_cents": Cell(row.missed_cents, row.missed_placements),
    }
    for moment in moments:
        checks, here = row.checks.get(moment, 0), row.here.get(moment, 0)
        cells[f"checks_{moment}"] = Cell(checks, checks)
        cells[f"here_{moment}"] = Cell(here, here)
        cells[f"share_{moment}"] = Cell(kpis.share(here, checks), min(here, checks))
    return cells


@dataclass
class Table:
    """One table of the board screen: a row per municipality or partner, and the total."""

    key: str
    caption: str
    heading: str
    columns: list[Column]
    rows: list[tuple[str, dict[str, Cell]]]
    total: tuple[str, dict[str, Cell]]


def build_table(
    *,
    key: str,
    caption: str,
    heading: str,
    rows: Sequence[BoardRow],
    total: BoardRow,
    moments: Sequence[str],
) -> Table:
    """Cells for ``rows`` and ``total``, with small cells hidden (docs/dashboard.md)."""
    cols = columns(moments)
    body = [(row.label, _cells(row, moments)) for row in rows]
    foot = (total.label, _cells(total, moments))
    for column in cols:
        if not column.protected or column.kind == "share":
            continue
        kpis.suppress_small_cells([cells[column.key] for _label, cells in body])
        kpis.suppress_small_cells([foot[1][column.key]])
    # A share is shown only when both numbers behind it are shown.
    for _label, cells in [*body, foot]:
        for moment in moments:
            hidden = cells[f"here_{moment}"].suppressed or cells[f"checks_{moment}"].suppressed
            cells[f"share_{moment}"].suppressed = hidden
    return Table(key, caption, heading, cols, body, foot)


def cell_text(cell: Cell, kind: str, *, for_csv: bool = False) -> str:
    """What a cell shows: ``< 5`` when hidden, ``–`` when there is nothing to show."""
    if cell.suppressed:
        return SUPPRESSED_TEXT
    value = cell.value
    if value is None:
        return "" if for_csv else NOTHING
    if kind == "money":
        if for_csv:
            euros_part, rest = divmod(int(value), 100)
            return f"{euros_part},{rest:02d}"
        return euros(int(value))
    if kind == "share":
        assert isinstance(value, Fraction)
        return str(kpis.percent(value)) if for_csv else percentage(value)
    if kind == "hours":
        assert isinstance(value, Fraction)
        return hours_number(value) if for_csv else hours(value)
    return str(int(value))


#: Column headers of the CSV next to the column labels: what kind of row.
CSV_KIND_LABEL = gettext_lazy("Indeling")
CSV_NAME_LABEL = gettext_lazy("Naam")


def csv_rows(tables: Sequence[Table]) -> list[list[str]]:
    """Header plus one line per row of every table (the total once, at the end)."""
    if not tables:
        return []
    cols = tables[0].columns
    header = [str(CSV_KIND_LABEL), str(CSV_NAME_LABEL)]
    for column in cols:
        suffix = {
            "money": gettext(" (euro)"),
            "share": gettext(" (procent)"),
            "hours": gettext(" (uur)"),
        }.get(column.kind, "")
        header.append(f"{column.label}{suffix}")
    lines = [header]
    for table in tables:
        for label, cells in table.rows:
            lines.append(
                [table.heading, label]
                + [cell_text(cells[c.key], c.kind, for_csv=True) for c in cols]
            )
    label, cells = tables[0].total
    lines.append(
        [gettext("Totaal"), label] + [cell_text(cells[c.key], c.kind, for_csv=True) for c in cols]
    )
    return lines
