"""Readability of the instrument pages: Flesch-Douma on each page's summary and "voor wie".

Flesch-Douma, the Dutch form of Flesch reading ease::

    206.835 − 0.93 × (words / sentences) − 77 × (syllables / words)

Counted the way the content writer measured it (``src/werkpunt/content/demo/README.md``):

* syllables: groups of vowels (``a e i o u y``, also with accents) per word, at least one;
  so ``ij``, ``ui``, ``oe``, ``ou``, ``ei``, ``eu``, ``aa``, ``ee``, ``oo``, ``uu`` and ``ie``
  count once;
* words: runs of letters and digits, a hyphenated word is one word (``AOW-leeftijd``);
* sentences end on ``.``, ``!``, ``?``, ``:`` or ``;``, and every line (a list item, a
  heading) is at least one sentence;
* a placeholder ``[[name]]`` is one word of two syllables (like "getal").

About 60 is plain language (B1); every page must score at least 55 and the mean at least 60.
The scores are in ``docs/testing.md``.
"""

from __future__ import annotations

import re
from pathlib import Path
from statistics import mean

import pytest
import yaml

INSTRUMENTS = (
    Path(__file__).resolve().parents[2] / "src" / "werkpunt" / "content" / "demo" / "instruments"
)
MIN_PAGE_SCORE = 55.0
MIN_MEAN_SCORE = 60.0

VOWELS = "aeiouyàáâäèéêëìíîïòóôöùúûüý"
VOWEL_GROUP = re.compile(f"[{VOWELS}]+")
WORD = re.compile(r"[0-9A-Za-zÀ-ÖØ-öø-ÿ]+(?:[-'’][0-9A-Za-zÀ-ÖØ-öø-ÿ]+)*")
SENTENCE_END = re.compile(r"[.!?:;]+(?=\s|$)")
LINK = re.compile(r"\[([^\[\]\n]+)\]\([^()\s]+\)")
PLACEHOLDER = re.compile(r"\[\[[^\]]+\]\]")
PLACEHOLDER_WORD = "getal"  # one word, two syllables


def syllables(word: str) -> int:
    """Dutch syllables as vowel groups; at least one (also for a number)."""
    return max(1, len(VOWEL_GROUP.findall(word.lower())))


def plain_lines(text: str) -> list[str]:
    """The lines of the demo text format without its markup (links, bullets, headings)."""
    text = LINK.sub(r"\1", text)
    text = PLACEHOLDER.sub(PLACEHOLDER_WORD, text)
    lines = []
    for raw in text.splitlines():
        line = raw.strip().lstrip(">").strip()
        line = re.sub(r"^(?:##\s+|-\s+)", "", line)
        if line:
            lines.append(line)
    return lines


def count_sentences(lines: list[str]) -> int:
    total = 0
    for line in lines:
        ends = len(SENTENCE_END.findall(line))
        stripped = line.rstrip()
        # A line that does not end on a sentence mark still ends a sentence.
        total += ends + (0 if stripped and stripped[-1] in ".!?:;" else 1)
    return total


def flesch_douma(text: str) -> tuple[float, int, int, int]:
    """(score, words, sentences, syllables) for a text in the demo format."""
    lines = plain_lines(text)
    words = [word for line in lines for word in WORD.findall(line)]
    sentences = max(1, count_sentences(lines))
    syllable_count = sum(syllables(word) for word in words)
    if not words:
        return 0.0, 0, sentences, 0
    score = 206.835 - 0.93 * (len(words) / sentences) - 77 * (syllable_count / len(words))
    return score, len(words), sentences, syllable_count


def instrument_texts() -> dict[str, str]:
    texts = {}
    for path in sorted(INSTRUMENTS.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        texts[data.get("slug", path.stem)] = (
            f"{data.get('summary', '')}\n\n{data.get('voor_wie', '')}"
        )
    return texts


def scores() -> dict[str, float]:
    return {slug: round(flesch_douma(text)[0], 1) for slug, text in instrument_texts().items()}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("de", 1),
        ("uit", 1),
        ("ijs", 1),
        ("maandag", 2),
        ("werkgeversservicepunt", 7),
        ("loonkostensubsidie", 6),
        ("2026", 1),
    ],
)
def test_dutch_syllables_are_vowel_groups(text, expected):
    assert syllables(text) == expected


def test_flesch_douma_of_a_known_text():
    # 8 words, 2 sentences, 9 syllables: 206.835 − 0.93 × 4 − 77 × 9 / 8 = 116.49
    score, words, sentences, syllable_count = flesch_douma("Ik werk hier graag. De baas is aardig.")
    assert (words, sentences, syllable_count) == (8, 2, 9)
    assert score == pytest.approx(116.49)


def test_markup_is_not_counted():
    text = "Lees [de regels](https://example.org/regels).\n- Een lijstregel\n## Een kop"
    assert plain_lines(text) == ["Lees de regels.", "Een lijstregel", "Een kop"]
    assert count_sentences(plain_lines(text)) == 3
    assert flesch_douma("Het is [[lks_max_percentage_wml]] van het loon.")[1] == 6


def test_there_are_instrument_pages():
    assert len(instrument_texts()) >= 20


def test_every_instrument_summary_is_plain_dutch():
    found = scores()
    low = {slug: score for slug, score in found.items() if score < MIN_PAGE_SCORE}
    assert not low, f"Flesch-Douma onder {MIN_PAGE_SCORE}: {low}"
    average = mean(found.values())
    assert average >= MIN_MEAN_SCORE, f"gemiddelde Flesch-Douma {average:.1f} < {MIN_MEAN_SCORE}"


if __name__ == "__main__":  # pragma: no cover - prints the table for docs/testing.md
    rows = {slug: flesch_douma(text) for slug, text in instrument_texts().items()}
    for slug, (score, words, sentences, syllable_count) in rows.items():
        ratio = syllable_count / words
        print(f"| `{slug}` | {score:.1f} | {words} | {sentences} | {ratio:.2f} |")  # noqa: T201
    values = [row[0] for row in rows.values()]
    print(f"min {min(values):.1f}, gemiddeld {mean(values):.1f}")  # noqa: T201
