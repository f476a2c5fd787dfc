"""The ``werkpunt`` command line.

Subcommands::

    werkpunt financieel-cv situation.json [--json] [--lang en]
    werkpunt financieel-cv --batch situations.csv --out outcomes.csv [--errors errors.csv]
    werkpunt rules check [--today 2026-11-28] [--strict]
    werkpunt manage <django-admin arguments>

Bad input ends with exit code 2 and a Dutch message that names the field.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from werkpunt.rules.dates import today
from werkpunt.rules.i18n import gettext_for

EXIT_BAD_INPUT = 2


class InputError(Exception):
    """Input the user must fix; the message is shown as is."""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="werkpunt", description="Werkpunt, het digitale WSP van Drenthe."
    )
    sub = parser.add_subparsers(dest="command", required=True)

    cv = sub.add_parser("financieel-cv", help="bereken wat het aannemen van iemand oplevert")
    cv.add_argument("situation", nargs="?", help="JSON-bestand met de situatie (of - voor invoer)")
    cv.add_argument("--json", action="store_true", help="geef de uitkomst als JSON")
    cv.add_argument(
        "--lang", choices=["nl", "en"], default="nl", help="taal van de tekst (nl of en)"
    )
    cv.add_argument("--no-reasons", action="store_true", help="laat de redenen weg in de tekst")
    cv.add_argument(
        "--as-of", help="rekendatum (JJJJ-MM-DD); bepaalt hoe ver vooruit de jaren lopen"
    )
    cv.add_argument("--batch", help="CSV-bestand met één situatie per regel")
    cv.add_argument("--out", help="CSV-bestand voor de uitkomsten (bij --batch)")
    cv.add_argument(
        "--errors", help="CSV-bestand voor ongeldige regels (standaard: <out>.errors.csv)"
    )
    cv.add_argument("--no-progress", action="store_true", help="toon geen voortgangsbalk")

    rules = sub.add_parser("rules", help="de parameters van de regels")
    rules_sub = rules.add_subparsers(dest="rules_command", required=True)
    check = rules_sub.add_parser(
        "check", help="controleer alle parameterbestanden en toon wat verouderd is"
    )
    check.add_argument("--today", help="doe alsof het deze datum is (JJJJ-MM-DD)")
    check.add_argument("--strict", action="store_true", help="faal ook als er iets verouderd is")
    check.add_argument("--directory", help="een andere map met parameterbestanden")

    manage = sub.add_parser("manage", help="Django-beheeropdrachten", add_help=False)
    manage.add_argument("args", nargs=argparse.REMAINDER)
    return parser


def _parse_date(value: str | None, name: str) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError as error:
        raise InputError(
            f"{name}: {value!r} is geen geldige datum. Schrijf de datum als 2026-11-28."
        ) from error


def _read_json(path: str) -> Any:
    try:
        text = sys.stdin.read() if path == "-" else Path(path).read_text(encoding="utf-8")
    except OSError as error:
        raise InputError(
            f"Het bestand {path} kan niet worden gelezen: {error.strerror}."
        ) from error
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise InputError(
            f"{path}: geen geldige JSON (regel {error.lineno}, kolom {error.colno})."
        ) from error


def financieel_cv(args: argparse.Namespace) -> int:
    from werkpunt.rules import SituationError, evaluate, parse_situation, to_json, to_text

    as_of = _parse_date(args.as_of, "--as-of")
    if args.batch:
        if not args.out:
            raise InputError("--out: geef een bestand op voor de uitkomsten.")
        from werkpunt.rules.batch_csv import run_batch_csv

        summary = run_batch_csv(
            Path(args.batch),
            Path(args.out),
            Path(args.errors) if args.errors else None,
            as_of=as_of or today(),
            progress=not args.no_progress,
        )
        print(summary, file=sys.stderr)
        return 0
    if not args.situation:
        raise InputError(
            "Geef een JSON-bestand met de situatie op, of --batch met een CSV-bestand."
        )
    data = _read_json(args.situation)
    try:
        situation = parse_situation(data)
    except SituationError as error:
        print(gettext_for(args.lang, "De situatie klopt niet:"), file=sys.stderr)
        for line in error.render(args.lang):
            print(f"  - {line}", file=sys.stderr)
        return EXIT_BAD_INPUT
    outcome = evaluate(situation, as_of=as_of)
    if args.json:
        json.dump(to_json(outcome, args.lang), sys.stdout, ensure_ascii=False, indent=2)
        print()
    else:
        print(to_text(outcome, args.lang, reasons=not args.no_reasons))
    return 0


def rules_check(args: argparse.Namespace) -> int:
    from werkpunt.rules.params import PARAMETER_DIR, ParameterError, load_directory, staleness

    check_day = _parse_date(args.today, "--today") or today()
    directory = Path(args.directory) if args.directory else PARAMETER_DIR
    try:
        params = load_directory(directory)
    except ParameterError as error:
        print(f"Fout in een parameterbestand: {error}", file=sys.stderr)
        return 1
    files = {p.file for p in params.values()}
    print(f"{len(params)} parameters in {len(files)} bestanden zijn geldig.")
    findings = staleness(params, today=check_day)
    if not findings:
        print("Niets verouderd.")
        return 0
    print(f"Let op ({len(findings)}):")
    for finding in findings:
        print(f"  - {finding.file}: {finding.parameter}: {finding.message}")
    return 1 if args.strict else 0


def manage(args: Sequence[str]) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "werkpunt.conf.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["werkpunt manage", *args])
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["manage"]:
        return manage(argv[1:])
    if argv[:1] == ["demo"]:
        return manage(["demo", *argv[1:]])
    args = _parser().parse_args(argv)
    try:
        if args.command == "financieel-cv":
            return financieel_cv(args)
        if args.command == "rules":
            return rules_check(args)
    except InputError as error:
        print(str(error), file=sys.stderr)
        return EXIT_BAD_INPUT
    except BrokenPipeError:  # output piped into a command that stopped reading
        sys.stderr.close()
        return 0
    return EXIT_BAD_INPUT  # pragma: no cover - argparse requires a command


if __name__ == "__main__":
    sys.exit(main())
