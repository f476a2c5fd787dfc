"""Every user-facing text has an English translation, and the compiled catalogue is current."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent


def load_messages_tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location("werkpunt_messages", ROOT / "bin" / "messages.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_every_text_is_translated_and_compiled() -> None:
    problems = load_messages_tool().problems()
    assert problems == []


def test_the_extractor_finds_texts_in_code_and_templates() -> None:
    found = load_messages_tool().messages_in_code()
    assert "Naar de inhoud" in found  # a template
    assert "Wat moet er gebeuren" in found  # Python code in the rules
    assert "{value} is geen getal." in found  # a text with a placeholder
