"""Batch from CSV to CSV: ``werkpunt financieel-cv --batch situations.csv --out outcomes.csv``.

Input: a header with situation field names (:data:`~werkpunt.rules.situation.KNOWN_FIELDS`)
and one situation per line; an empty cell is a missing value. ``,`` separates the
cells, or ``;`` when the header has semicolons and no commas (as Dutch spreadsheets
write it). Each line is validated with :func:`~werkpunt.rules.situation.parse_situation`;
invalid lines go to the error file with their data row number (1 = the first line
after the header) and the Dutch messages joined by ``"; "``. An ``as_of`` column is
validated but not used: the ``as_of`` of the call counts for every line.

Output: one line per situation-year: ``row, year, total, provisional`` and for every
instrument ``<code>_applies, <code>_amount`` (euros with two decimals, empty when
there is no amount). Booleans are ``true``/``false``, as in the JSON output.

The file is read and computed in chunks of :data:`CHUNK_ROWS` lines, so memory
stays bounded and the progress bar (on stderr) moves.
"""

from __future__ import annotations

import csv
import datetime as dt
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

import numpy as np
from tqdm import tqdm

from werkpunt.rules.batch import BatchOutcome, SituationArrays, evaluate_batch
from werkpunt.rules.engine import INSTRUMENT_CODES
from werkpunt.rules.situation import KNOWN_FIELDS, Situation, SituationError, parse_situation

#: Lines read, validated and computed at a time.
CHUNK_ROWS = 50_000

OUTPUT_HEADER = (
    "row",
    "year",
    "total",
    "provisional",
    *(f"{code}_{part}" for code in INSTRUMENT_CODES for part in ("applies", "amount")),
)
ERROR_HEADER = ("row", "reason")

_BOOLEANS = np.array(["false", "true"], dtype=object)


def _input_error(message: str) -> Exception:
    """The CLI's :class:`~werkpunt.cli.InputError` (imported here: the CLI imports us)."""
    from werkpunt.cli import InputError

    return InputError(message)


def default_errors_path(out_path: Path) -> Path:
    """``outcomes.csv`` → ``outcomes.errors.csv``."""
    return out_path.with_suffix(".errors.csv")


def _euros(cents: int) -> str:
    return f"{cents // 100}.{cents % 100:02d}"


def _money_column(amounts: np.ndarray[Any, np.dtype[np.int64]]) -> list[str]:
    """Euros with two decimals; an empty cell where the amount is ``-1`` (None)."""
    column = np.full(amounts.shape[0], "", dtype=object)
    present = np.flatnonzero(amounts >= 0)
    column[present] = [_euros(c) for c in amounts[present].tolist()]
    result: list[str] = column.tolist()
    return result


def _boolean_column(values: np.ndarray[Any, np.dtype[np.bool_]]) -> list[str]:
    result: list[str] = _BOOLEANS[values.astype(np.intp)].tolist()
    return result


def _output_rows(row_numbers: list[int], outcome: BatchOutcome) -> Iterable[tuple[Any, ...]]:
    columns: list[list[Any]] = [
        np.asarray(row_numbers, dtype=np.int64)[outcome.situation_index].tolist(),
        outcome.year.tolist(),
        _money_column(outcome.total_cents),
        _boolean_column(outcome.year_provisional),
    ]
    for code in INSTRUMENT_CODES:
        columns.append(_boolean_column(outcome.applies[code]))
        columns.append(_money_column(outcome.amount_cents[code]))
    return zip(*columns, strict=True)


def _read_header(handle: IO[str], path: Path) -> tuple[list[str], str]:
    """The column names and the delimiter; refuses a missing or unknown header."""
    first = handle.readline()
    if not first.strip():
        raise _input_error(
            f"{path}: het bestand heeft geen kopregel. De eerste regel moet de kolomnamen "
            "bevatten, zoals birth_date,start_date,hours_per_week,hourly_wage,benefit."
        )
    delimiter = ";" if ";" in first and "," not in first else ","
    names = [name.strip().lower() for name in next(csv.reader([first], delimiter=delimiter))]
    unknown = [name for name in names if name and name not in KNOWN_FIELDS]
    if unknown:
        shown = ", ".join(repr(name) for name in unknown[:5])
        raise _input_error(
            f"{path}: de kopregel bevat kolommen die we niet kennen: {shown}. De eerste regel "
            f"moet de kolomnamen bevatten; bekende kolommen zijn {', '.join(sorted(KNOWN_FIELDS))}."
        )
    doubles = sorted({name for name in names if name and names.count(name) > 1})
    if doubles:
        raise _input_error(
            f"{path}: deze kolommen staan twee keer in de kopregel: {', '.join(doubles)}."
        )
    return names, delimiter


def _records(
    handle: IO[str], path: Path, names: list[str], delimiter: str
) -> Iterator[tuple[int, Situation | str]]:
    """Per data line (numbered from 1): the situation, or the reason it is invalid."""
    reader = csv.reader(handle, delimiter=delimiter)
    number = 0
    try:
        for cells in reader:
            number += 1
            if not cells or all(not cell.strip() for cell in cells):
                continue  # an empty line
            if len(cells) > len(names) and any(cell.strip() for cell in cells[len(names) :]):
                yield (
                    number,
                    f"Deze regel heeft {len(cells)} cellen; de kopregel heeft er {len(names)}.",
                )
                continue
            filled = [(name, cell.strip()) for name, cell in zip(names, cells, strict=False)]
            if any(not name and cell for name, cell in filled):
                yield number, "Deze regel heeft een waarde in een kolom zonder naam."
                continue
            data = {name: cell for name, cell in filled if cell}
            try:
                yield number, parse_situation(data)
            except SituationError as error:
                yield number, "; ".join(error.render("nl"))
    except csv.Error as error:
        raise _input_error(
            f"{path}, regel {reader.line_num}: geen geldige CSV ({error})."
        ) from error
    except UnicodeDecodeError as error:
        raise _input_error(f"{path}: het bestand is geen UTF-8-tekst.") from error


def _count_lines(path: Path) -> int | None:
    try:
        with path.open("rb") as handle:
            return sum(block.count(b"\n") for block in iter(lambda: handle.read(1 << 20), b""))
    except OSError:
        return None


def _why(error: OSError) -> str:
    if isinstance(error, FileNotFoundError):
        return "het bestand of de map bestaat niet"
    if isinstance(error, PermissionError):
        return "u hebt geen toegang"
    if isinstance(error, IsADirectoryError):
        return "dit is een map, geen bestand"
    return f"{error.strerror or error}"


def _open(path: Path, mode: str) -> IO[str]:
    try:
        if mode == "r":
            return path.open("r", encoding="utf-8-sig", newline="")
        return path.open("w", encoding="utf-8", newline="")
    except OSError as error:
        verb = "gelezen" if mode == "r" else "geschreven"
        raise _input_error(f"Het bestand {path} kan niet worden {verb}: {_why(error)}.") from error


def _plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def run_batch_csv(
    in_path: Path,
    out_path: Path,
    errors_path: Path | None,
    *,
    as_of: dt.date,
    progress: bool,
) -> str:
    """Compute every valid line of ``in_path`` into ``out_path``; return a Dutch summary.

    Invalid lines go to ``errors_path`` (default :func:`default_errors_path`), which
    is always written, with only its header when every line is valid. A file that
    cannot be read or written, or a missing or unknown header, raises the CLI's
    ``InputError`` with a Dutch message.
    """
    errors_path = errors_path or default_errors_path(out_path)
    resolved = {p.resolve() for p in (in_path, out_path, errors_path)}
    if len(resolved) < 3:
        raise _input_error(
            "Kies verschillende bestanden voor de invoer, de uitkomsten en de fouten."
        )
    lines = _count_lines(in_path) if progress else None
    valid = invalid = year_rows = 0
    with _open(in_path, "r") as source:
        try:
            names, delimiter = _read_header(source, in_path)
        except UnicodeDecodeError as error:
            raise _input_error(f"{in_path}: het bestand is geen UTF-8-tekst.") from error
        with (
            _open(out_path, "w") as out_handle,
            _open(errors_path, "w") as error_handle,
            tqdm(
                total=None if lines is None else max(lines - 1, 0),
                unit=" regels",
                desc="Berekenen",
                file=sys.stderr,
                disable=not progress,
            ) as bar,
        ):
            out = csv.writer(out_handle, lineterminator="\n")
            errors = csv.writer(error_handle, lineterminator="\n")
            out.writerow(OUTPUT_HEADER)
            errors.writerow(ERROR_HEADER)
            situations: list[Situation] = []
            numbers: list[int] = []

            def flush() -> int:
                if not situations:
                    return 0
                outcome = evaluate_batch(SituationArrays.from_situations(situations), as_of=as_of)
                out.writerows(_output_rows(numbers, outcome))
                situations.clear()
                numbers.clear()
                return len(outcome)

            number = 0
            for number, item in _records(source, in_path, names, delimiter):
                if isinstance(item, str):
                    errors.writerow((number, item))
                    invalid += 1
                else:
                    situations.append(item)
                    numbers.append(number)
                    valid += 1
                if len(situations) >= CHUNK_ROWS:
                    year_rows += flush()
                if number - bar.n >= 1000:
                    bar.update(number - bar.n)
            year_rows += flush()
            bar.update(max(number - bar.n, 0))
    summary = f"{_plural(valid, 'situatie', 'situaties')} berekend"
    if invalid:
        summary += (
            f", {_plural(invalid, 'ongeldige regel', 'ongeldige regels')} (zie {errors_path})"
        )
    else:
        summary += ", geen ongeldige regels"
    return f"{summary}; {_plural(year_rows, 'jaarregel', 'jaarregels')} in {out_path}."


__all__ = ["CHUNK_ROWS", "OUTPUT_HEADER", "default_errors_path", "run_batch_csv"]
