"""The templates and stylesheets of the dashboard and the register of law signals."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders

SRC = Path(__file__).resolve().parents[2] / "src" / "werkpunt"
TEMPLATE_DIRS = [SRC / "dashboard" / "templates", SRC / "signals" / "templates"]


def _static(name: str) -> str:
    found = finders.find(name)
    assert found, name
    return Path(str(found)).read_text()


def _templates():
    return [t for folder in TEMPLATE_DIRS for t in folder.rglob("*.html")]


def test_templates_use_only_components_that_exist_in_the_vendored_css():
    css = _static("vendor/utrecht/index.css")
    used: set[str] = set()
    for template in _templates():
        used |= set(re.findall(r"\butrecht-[a-z0-9_-]+[a-z0-9]", template.read_text()))
    assert used
    assert sorted(name for name in used if f".{name}" not in css) == []


@pytest.mark.parametrize("template", _templates(), ids=lambda p: p.name)
def test_templates_have_no_inline_style_or_script(template):
    html = template.read_text()
    assert "<script" not in html
    assert "<style" not in html
    assert not re.search(r"\sstyle=", html)
    assert not re.search(r"\son[a-z]+=", html)


@pytest.mark.parametrize("name", ["dashboard/dashboard.css", "law_signals/signals.css"])
def test_stylesheets_load_nothing_from_elsewhere(name):
    css = _static(name)
    assert "@import" not in css
    assert not re.findall(r"url\(", css)
    assert not re.search(r"#[0-9a-fA-F]{3,6}\b", css), "colours come from the theme tokens"
