"""The vendored NL Design System CSS and the Werkpunt theme."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "bin" / "update-nlds.sh"


def _static(name: str) -> Path:
    found = finders.find(name)
    assert found, f"{name} niet gevonden door staticfiles"
    return Path(str(found))


@pytest.mark.parametrize(
    "name",
    [
        "vendor/utrecht/index.css",
        "vendor/utrecht/LICENSE.md",
        "vendor/utrecht/README.md",
        "werkpunt/theme.css",
        "werkpunt/site.css",
    ],
)
def test_static_files_are_found(name):
    assert _static(name).stat().st_size > 0


def test_vendored_version_matches_the_update_script():
    pinned = re.search(r'^PINNED_VERSION="([^"]+)"', SCRIPT.read_text(), re.M)
    assert pinned
    readme = _static("vendor/utrecht/README.md").read_text()
    assert "`@utrecht/component-library-css`" in readme
    assert f"Version: {pinned.group(1)} " in readme
    assert "EUPL" in _static("vendor/utrecht/LICENSE.md").read_text()[:200]


@pytest.mark.parametrize(
    "name", ["vendor/utrecht/index.css", "werkpunt/theme.css", "werkpunt/site.css"]
)
def test_css_loads_nothing_from_elsewhere(name):
    css = _static(name).read_text()
    assert "@import" not in css
    urls = re.findall(r"url\(\s*['\"]?([^'\")]+)", css)
    assert all(u.startswith("data:") for u in urls), urls


def test_vendored_css_has_the_components_the_templates_use():
    css = _static("vendor/utrecht/index.css").read_text()
    used = set()
    templates = [
        *(ROOT / "src" / "werkpunt" / "core" / "templates").rglob("*.html"),
        *(ROOT / "src" / "werkpunt" / "content" / "templates").rglob("*.html"),
    ]
    for template in templates:
        used |= set(re.findall(r"\butrecht-[a-z0-9_-]+", template.read_text()))
    # Classes that Python code adds to rich text and placeholders.
    for module in ("markup.py", "placeholders.py"):
        source = (ROOT / "src" / "werkpunt" / "content" / module).read_text()
        used |= set(re.findall(r"\butrecht-[a-z0-9_-]+", source))
    missing = sorted(name for name in used if f".{name}" not in css)
    assert not missing


def test_update_script_refuses_a_vague_version():
    result = subprocess.run(["bash", str(SCRIPT), "9"], capture_output=True, text=True, check=False)
    assert result.returncode == 2
    assert "exacte versie" in result.stderr


# --- Contrast ------------------------------------------------------------------


def _luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_contrast_formula():
    assert contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)


#: Text colour on background, as used by the templates (see docs/frontend.md).
TEXT_PAIRS = [
    ("text", "background"),
    ("text", "surface"),
    ("text", "footer"),
    ("link", "background"),
    ("link", "surface"),
    ("link", "footer"),
    ("link-visited", "background"),
    ("brand-dark", "background"),  # link hover
    ("brand", "background"),  # h1
    ("muted", "background"),
    ("muted", "footer"),
    ("notice-text", "notice-background"),
    ("#ffffff", "brand"),  # header text and primary button
    ("#ffffff", "brand-dark"),  # button hover
]


def test_theme_text_colours_meet_wcag_aa():
    theme = _static("werkpunt/theme.css").read_text()
    palette = dict(re.findall(r"--werkpunt-color-([a-z-]+):\s*(#[0-9a-fA-F]{6})\b", theme))
    too_low = []
    for fg, bg in TEXT_PAIRS:
        ratio = contrast(palette.get(fg, fg), palette.get(bg, bg))
        if ratio < 4.5:
            too_low.append(f"{fg} op {bg}: {ratio:.2f}")
    assert not too_low


def test_theme_focus_ring_is_visible_on_header_and_page():
    theme = _static("werkpunt/theme.css").read_text()
    palette = dict(re.findall(r"--werkpunt-color-([a-z-]+):\s*(#[0-9a-fA-F]{6})\b", theme))
    # The page: dark outline on white. The header: white outline on the brand colour.
    assert contrast(palette["text"], palette["background"]) >= 3
    assert contrast("#ffffff", palette["brand"]) >= 3
