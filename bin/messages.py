#!/usr/bin/env python3
"""Keep the gettext catalogue in step with the code.

Dutch is the source language. Every text is marked in code as ``t("…")``,
``gettext_for(lang, "…")``, ``_("…")``, ``gettext``/``gettext_lazy``/``pgettext`` or in
templates as ``{% translate "…" %}`` / ``{% blocktranslate %}…{% endblocktranslate %}``.

    python3 bin/messages.py extract   # add new message ids to the English catalogue
    python3 bin/messages.py compile   # write django.mo next to django.po
    python3 bin/messages.py check     # exit 1 when a text has no translation or the .mo is stale

The same functions are used by ``tests/test_translations.py``.
"""

from __future__ import annotations

import ast
import io
import re
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "src" / "werkpunt"
LANGUAGES = ("en",)
FUNCTIONS = {"t", "_", "gettext", "gettext_lazy", "gettext_noop", "N_"}
SECOND_ARG_FUNCTIONS = {"gettext_for"}
#: Plural forms: ``ngettext("één dag", "%(n)s dagen", n)`` gives the id ("één dag", "%(n)s dagen").
PLURAL_FUNCTIONS = {"ngettext", "ngettext_lazy"}

#: A message id: a text, or (singular, plural) for a text with plural forms.
MessageId = str | tuple[str, str]

_TRANSLATE = re.compile(
    r"""{%\s*(?:translate|trans)\s+(["'])(.+?)\1(?:\s+as\s+\w+)?\s*(?:noop\s*)?%}"""
)
_BLOCK = re.compile(
    r"{%\s*blocktrans(?:late)?((?:\s+\w+(?:=\S+)?)*)\s*%}(.*?){%\s*endblocktrans(?:late)?\s*%}",
    re.S,
)
_VAR = re.compile(r"{{\s*(\w+)\s*}}")


def _python_messages(path: Path) -> set[MessageId]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found: set[MessageId] = set()
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", "")
        if name in PLURAL_FUNCTIONS and len(node.args) >= 2:
            singular, plural = node.args[0], node.args[1]
            if all(
                isinstance(a, ast.Constant) and isinstance(a.value, str) for a in (singular, plural)
            ):
                found.add((singular.value, plural.value))  # type: ignore[attr-defined]
            continue
        index = 0 if name in FUNCTIONS else 1 if name in SECOND_ARG_FUNCTIONS else None
        if index is None or len(node.args) <= index:
            continue
        arg = node.args[index]
        if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
            found.add(arg.value)
        elif isinstance(arg, ast.Name) and arg.id.isupper():
            found.add(_module_constant(tree, arg.id))
    return {m for m in found if m}


def _module_constant(tree: ast.Module, name: str) -> str:
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == name for t in node.targets
        ):
            value = ast.literal_eval(node.value)
            if isinstance(value, str):
                return value
    return ""


_PLURAL_TAG = re.compile(r"{%\s*plural\s*%}")


def _template_messages(path: Path) -> set[MessageId]:
    text = path.read_text(encoding="utf-8")
    found: set[MessageId] = {m.group(2) for m in _TRANSLATE.finditer(text)}
    for match in _BLOCK.finditer(text):
        options, body = match.group(1), match.group(2)
        trimmed = "trimmed" in options.split()

        def clean(part: str, *, trimmed: bool = trimmed) -> str:
            if trimmed:
                part = " ".join(line.strip() for line in part.strip().splitlines() if line.strip())
            return _VAR.sub(lambda m: f"%({m.group(1)})s", part)

        parts = _PLURAL_TAG.split(body)
        if len(parts) == 2:
            found.add((clean(parts[0]), clean(parts[1])))
        else:
            found.add(clean(body))
    return found


def _sort_key(message: MessageId) -> str:
    return message if isinstance(message, str) else message[0]


def messages_in_code() -> set[MessageId]:
    found: set[MessageId] = set()
    for path in SOURCE.rglob("*.py"):
        found |= _python_messages(path)
    for path in SOURCE.rglob("*.html"):
        found |= _template_messages(path)
    for path in SOURCE.rglob("*.txt"):
        if "templates" in path.parts:
            found |= _template_messages(path)
    return found


def po_path(lang: str) -> Path:
    return SOURCE / "locale" / lang / "LC_MESSAGES" / "django.po"


def read_catalog(lang: str) -> Catalog:
    path = po_path(lang)
    if not path.exists():
        return Catalog(locale=lang, domain="django", project="Werkpunt")
    with path.open("rb") as handle:
        return read_po(handle, locale=lang)


def extract() -> None:
    wanted = messages_in_code()
    for lang in LANGUAGES:
        catalog = read_catalog(lang)
        for message in sorted(wanted, key=_sort_key):
            if isinstance(message, tuple):
                entry = catalog.get(message)
                if entry is None or entry.id != message:
                    if entry is not None:
                        catalog.delete(entry.id)
                    catalog.add(message, ("", ""))
            elif message not in catalog:
                catalog.add(message, "")
        for message in list(catalog):
            if message.id and message.id not in wanted:
                catalog.delete(message.id)
        path = po_path(lang)
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as handle:
            write_po(handle, catalog, width=0, sort_output=True, omit_header=False)
        missing = [m.id for m in catalog if m.id and not _translated(m.string)]
        print(f"{lang}: {len(wanted)} teksten, {len(missing)} nog zonder vertaling")


def _translated(string: object) -> bool:
    if isinstance(string, tuple | list):
        return all(string)
    return bool(string)


def _placeholders(text: str) -> set[str]:
    return set(re.findall(r"{\w+}|%\(\w+\)[sd]", text))


def compiled(lang: str) -> bytes:
    buffer = io.BytesIO()
    write_mo(buffer, read_catalog(lang), use_fuzzy=False)
    return buffer.getvalue()


def compile_all() -> None:
    for lang in LANGUAGES:
        po_path(lang).with_suffix(".mo").write_bytes(compiled(lang))
        print(f"{lang}: django.mo geschreven")


def problems() -> list[str]:
    found: list[str] = []
    wanted = messages_in_code()
    for lang in LANGUAGES:
        catalog = read_catalog(lang)
        for message in sorted(wanted, key=_sort_key):
            entry = catalog.get(message)
            if entry is None or entry.id != message or not _translated(entry.string):
                found.append(f"{lang}: geen vertaling voor {message!r}")
                continue
            sources = message if isinstance(message, tuple) else (message,)
            targets = entry.string if isinstance(entry.string, tuple | list) else (entry.string,)
            # English has two forms, like Dutch: each form keeps the placeholders of its source.
            for source, target in zip(sources, targets, strict=False):
                if _placeholders(source) != _placeholders(str(target)):
                    found.append(f"{lang}: andere plaatshouders in de vertaling van {message!r}")
                    break
        mo = po_path(lang).with_suffix(".mo")
        if not mo.exists() or mo.read_bytes() != compiled(lang):
            found.append(f"{lang}: django.mo is niet bijgewerkt (python3 bin/messages.py compile)")
    return found


def main() -> int:
    command = sys.argv[1] if len(sys.argv) > 1 else ""
    if command == "extract":
        extract()
    elif command == "compile":
        compile_all()
    elif command == "check":
        issues = problems()
        for issue in issues:
            print(issue)
        return 1 if issues else 0
    else:
        print(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
