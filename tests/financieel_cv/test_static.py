"""The app's templates use NL Design System classes that exist, and its CSS loads nothing."""

from __future__ import annotations

import re
from pathlib import Path

from django.contrib.staticfiles import finders

APP = Path(__file__).resolve().parents[2] / "src" / "werkpunt" / "financieel_cv"


def _static(name: str) -> str:
    found = finders.find(name)
    assert found, name
    return Path(str(found)).read_text()


def test_every_utrecht_class_in_the_templates_exists():
    css = _static("vendor/utrecht/index.css")
    used: set[str] = set()
    for template in (APP / "templates").rglob("*.html"):
        used |= set(re.findall(r"\butrecht-[a-z0-9_-]+", template.read_text()))
    assert used
    assert sorted(name for name in used if f".{name}" not in css) == []


def test_css_loads_nothing_from_elsewhere():
    for name in ("financieel_cv/financieel-cv.css", "financieel_cv/pdf.css"):
        css = _static(name)
        assert "@import" not in css
        assert re.findall(r"url\(", css) == []


def test_own_classes_do_not_clash_with_the_site_css():
    site = _static("werkpunt/site.css")
    own = set(
        re.findall(r"\.(werkpunt-cv-[a-z0-9_-]+)", _static("financieel_cv/financieel-cv.css"))
    )
    assert own
    assert [name for name in own if f".{name}" in site] == []
