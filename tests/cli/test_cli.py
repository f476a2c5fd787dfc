"""The ``werkpunt`` command line: output, languages and exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from werkpunt.cli import EXIT_BAD_INPUT, main

SITUATION = {
    "birth_date": "1966-03-10",
    "start_date": "2025-09-01",
    "hours_per_week": 32,
    "hourly_wage": "15.20",
    "benefit": "ww",
    "benefit_weeks": 40,
    "municipality": "emmen",
    "as_of": "2026-11-28",
}


@pytest.fixture
def situation_file(tmp_path: Path) -> Path:
    path = tmp_path / "situation.json"
    path.write_text(json.dumps(SITUATION), encoding="utf-8")
    return path


def test_text_output_in_dutch(situation_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["financieel-cv", str(situation_file)]) == 0
    out = capsys.readouterr().out
    assert "LKV oudere werknemer: u ontvangt € 752,91" in out
    assert "Vraag de doelgroepverklaring aan" in out
    assert "30 november 2025" in out


def test_json_output(situation_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["financieel-cv", str(situation_file), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    year = next(y for y in data["years"] if y["year"] == 2025)
    lkv = next(i for i in year["instruments"] if i["code"] == "lkv_oudere_werknemer")
    assert lkv == {**lkv, "applies": True, "amount": "752.91", "provisional": False}
    assert lkv["sources"]
    assert [y["year"] for y in data["years"]] == [2025, 2026, 2027, 2028, 2029, 2030]
    action = next(a for a in data["actions"] if a["code"] == "doelgroepverklaring_aanvragen")
    assert action["due_date"] == "2025-11-30"
    assert action["actor"] == "werknemer"


def test_english_text(situation_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["financieel-cv", str(situation_file), "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "€752.91" in out
    assert "30 November 2025" in out


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        ('{"birth_date": "1966-13-10"}', "birth_date: 1966-13-10 is geen geldige datum"),
        (
            '{"birth_date": "1966-03-10", "start_date": "2025-01-01", "hours_per_week": 20, "hourly_wage": "-2", "benefit": "ww"}',
            "hourly_wage: Het getal mag niet kleiner zijn dan 0",
        ),
        (
            '{"birth_date": "1966-03-10", "start_date": "2025-01-01", "hours_per_week": 20, "hourly_wage": "12", "benefit": "pensioen"}',
            "benefit: pensioen kennen we niet",
        ),
        ('{"birth_date": "1966-03-10"', "geen geldige JSON"),
    ],
)
def test_bad_input_exits_2_with_dutch_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str, fragment: str
) -> None:
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    assert main(["financieel-cv", str(path)]) == EXIT_BAD_INPUT
    captured = capsys.readouterr()
    assert fragment in captured.err
    assert "Traceback" not in captured.err
    assert captured.out == ""


def test_missing_file_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["financieel-cv", "/nonexistent/situatie.json"]) == EXIT_BAD_INPUT
    assert "kan niet worden gelezen" in capsys.readouterr().err


def test_bad_as_of_exits_2(situation_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["financieel-cv", str(situation_file), "--as-of", "morgen"]) == EXIT_BAD_INPUT
    assert "--as-of" in capsys.readouterr().err


def test_rules_check_passes_and_lists_stale(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules", "check", "--today", "2026-11-28"]) == 0
    out = capsys.readouterr().out
    assert "zijn geldig" in out
    assert "wml_hour_21plus: geen waarde ingevoerd voor de wijzigingsdatum 2027-01-01" in out
    assert main(["rules", "check", "--today", "2026-11-28", "--strict"]) == 1


def test_rules_check_reports_a_broken_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "kapot.yaml").write_text(
        "description: x\nparameters:\n  a:\n    unit: eur\n", encoding="utf-8"
    )
    assert main(["rules", "check", "--directory", str(tmp_path)]) == 1
    assert "kapot.yaml: a: veld 'description' ontbreekt" in capsys.readouterr().err
