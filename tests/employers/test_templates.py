"""The templates and the stylesheet of the question form."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.test import RequestFactory

TEMPLATES = Path(__file__).resolve().parents[2] / "src" / "werkpunt" / "employers" / "templates"


def _static(name: str) -> str:
    found = finders.find(name)
    assert found, name
    return Path(str(found)).read_text()


def test_block_needs_no_database():
    # No django_db mark: any query would raise.
    request = RequestFactory().get("/regels/")

    html = render_to_string("employers/includes/question_block.html", request=request)

    assert 'name="csrfmiddlewaretoken"' not in html
    assert 'action="/vraag/"' in html


def test_block_renders_nothing_without_a_request():
    assert render_to_string("employers/includes/question_block.html").strip() == ""


def test_templates_use_only_components_that_exist_in_the_vendored_css():
    css = _static("vendor/utrecht/index.css")
    used: set[str] = set()
    for template in TEMPLATES.rglob("*.html"):
        used |= set(re.findall(r"\butrecht-[a-z0-9_-]+", template.read_text()))
    for module in Path(TEMPLATES.parent).glob("*.py"):
        used |= set(re.findall(r"\butrecht-[a-z0-9_-]+", module.read_text()))
    assert used
    assert sorted(name for name in used if f".{name}" not in css) == []


def test_templates_have_no_inline_style_or_script():
    for template in TEMPLATES.rglob("*.html"):
        html = template.read_text()
        assert "<script" not in html, template
        assert "<style" not in html, template
        assert not re.search(r"\sstyle=", html), template
        assert not re.search(r"\son[a-z]+=", html), template


def test_stylesheet_loads_nothing_from_elsewhere():
    css = _static("employers/question.css")
    assert "@import" not in css
    urls = re.findall(r"url\(\s*['\"]?([^'\")]+)", css)
    assert all(u.startswith("data:") for u in urls), urls


def _contrast(a: str, b: str) -> float:
    def luminance(colour: str) -> float:
        channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_error_colour_meets_wcag_aa_on_white():
    css = _static("employers/question.css")
    error = re.search(r"--werkpunt-color-error:\s*(#[0-9a-fA-F]{6})", css)
    assert error
    assert _contrast(error.group(1), "#ffffff") >= 4.5


@pytest.mark.parametrize("name", ["wsp_subject.txt", "confirmation_subject.txt"])
def test_mail_subjects_are_translatable(name):
    text = (TEMPLATES / "employers" / "email" / name).read_text()
    assert "{% load i18n %}" in text
