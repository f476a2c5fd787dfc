"""The demo content loader: builds the whole public site from YAML files.

``werkpunt demo`` (or ``werkpunt manage demo``) reads ``content/demo/``::

    home.yaml                 the home page (root page of the default site)
    glossary.yaml             the glossary terms
    instruments/<slug>.yaml   one instrument page per file
    stories/<slug>.yaml       stories of employers
    news/<slug>.yaml          news
    pages/<slug>.yaml         accessibility statement, privacy statement, contact

First every file is read and checked; any mistake stops the loader before it
changes anything, with the file and the field in the message. Then the pages are
created or updated and published, in one transaction. A page whose content
already equals its file is left alone (no new revision), so running the loader
twice changes nothing. Pages that are not in the files are never touched.

The schema and the text format are described in ``docs/content.md``.
"""

# mypy: disable-error-code="import-untyped"

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from django.core.exceptions import ValidationError
from django.db import transaction
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, Site

from werkpunt.content import validators
from werkpunt.content.models import (
    MUNICIPALITIES,
    ORGANISATIONS,
    STATUS_ACTIVE,
    STATUS_ENDED,
    GlossaryTerm,
    HomePage,
    InstrumentIndexPage,
    InstrumentPage,
    NewsIndexPage,
    NewsPage,
    StandardPage,
    StoryIndexPage,
    StoryPage,
)
from werkpunt.content.text import TextFormatError, body_to_html

DEMO_DIRECTORY = Path(__file__).resolve().parent / "demo"

#: The index pages are not in the files: their slug, title and summary are fixed.
INDEX_PAGES: dict[str, tuple[type[Any], str, str, str]] = {
    "instruments": (
        InstrumentIndexPage,
        "regelingen",
        "Regelingen",
        (
            "Alle regelingen voor werkgevers die iemand met extra steun aannemen. Per regeling: "
            "voor wie, wie het uitvoert, wat u moet doen en wat het oplevert."
        ),
    ),
    "stories": (
        StoryIndexPage,
        "verhalen",
        "Verhalen van werkgevers",
        "Werkgevers uit Drenthe vertellen hoe zij iemand een baan gaven, en wat hen daarbij hielp.",
    ),
    "news": (
        NewsIndexPage,
        "nieuws",
        "Nieuws",
        "Nieuws over regelingen, bijeenkomsten en het Werkgeversservicepunt Drenthe.",
    ),
}


class DemoError(Exception):
    """One or more mistakes in the demo files; each line names the file and the field."""

    def __init__(self, errors: list[str]) -> None:
        super().__init__("\n".join(errors))
        self.errors = errors


# --- Reading and checking ------------------------------------------------------------


class _UniqueKeyLoader(yaml.SafeLoader):
    """``yaml.SafeLoader`` that refuses a key given twice (a copy-paste mistake)."""


def _construct_mapping(loader: _UniqueKeyLoader, node: yaml.MappingNode) -> dict[Any, Any]:
    mapping: dict[Any, Any] = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node)
        if key in mapping:
            raise yaml.constructor.ConstructorError(
                None, None, f"het veld {key!r} staat er twee keer in", key_node.start_mark
            )
        mapping[key] = loader.construct_object(value_node, deep=True)
    return mapping


_UniqueKeyLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG,
    _construct_mapping,
)

_MISSING = object()


class _Reader:
    """Reads the fields of one YAML mapping and collects Dutch error messages."""

    def __init__(self, file: str, data: Any, errors: list[str], where: str = "") -> None:
        self.file = file
        self.where = where
        self.errors = errors
        self.data: Mapping[str, Any] = data if isinstance(data, Mapping) else {}
        if not isinstance(data, Mapping):
            self.error("", "verwacht velden (naam: waarde)")

    def path(self, key: str) -> str:
        return ".".join(part for part in (self.where, key) if part) or "(bestand)"

    def error(self, key: str, message: str) -> None:
        self.errors.append(f"{self.file}: {self.path(key)}: {message}")

    def only(self, required: set[str], optional: set[str] | None = None) -> None:
        optional = optional or set()
        for key in sorted(required - set(self.data)):
            self.error(key, "dit veld ontbreekt")
        for key in sorted(set(self.data) - required - optional, key=str):
            self.error(
                str(key),
                f"dit veld kennen we niet. Toegestaan: {', '.join(sorted(required | optional))}",
            )

    def text(self, key: str, *, required: bool = True, max_length: int = 0) -> str:
        value = self.data.get(key, _MISSING)
        if value is _MISSING or value is None:
            return ""  # a missing required field is reported by only()
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            self.error(key, "verwacht tekst")
            return ""
        text = str(value).strip()
        if required and not text:
            self.error(key, "mag niet leeg zijn")
        if max_length and len(text) > max_length:
            self.error(key, f"is te lang ({len(text)} tekens, ten hoogste {max_length})")
        return text

    def slug(self, key: str = "slug") -> str:
        text = self.text(key)
        if text and not validators.SLUG.match(text):
            self.error(key, f"{text!r} mag alleen kleine letters, cijfers en streepjes hebben")
        return text

    def boolean(self, key: str, *, default: bool = False) -> bool:
        value = self.data.get(key, default)
        if not isinstance(value, bool):
            self.error(key, "verwacht true of false")
            return default
        return value

    def integer(self, key: str, *, default: int) -> int:
        value = self.data.get(key, default)
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            self.error(key, "verwacht een heel getal, 0 of meer")
            return default
        return int(value)

    def date(self, key: str) -> dt.date | None:
        value = self.data.get(key)
        if value is None:
            return None
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        try:
            return dt.date.fromisoformat(str(value))
        except ValueError:
            self.error(key, f"{value!r} is geen datum. Schrijf de datum als 2026-10-01")
            return None

    def items(self, key: str, *, required: bool = True) -> list[Any]:
        value = self.data.get(key, _MISSING)
        if value is _MISSING or value is None:
            return []
        if not isinstance(value, list):
            self.error(key, "verwacht een lijst (regels die beginnen met - )")
            return []
        if required and not value:
            self.error(key, "de lijst mag niet leeg zijn")
        return value

    def strings(self, key: str) -> list[str]:
        values = self.items(key, required=False)
        if not all(isinstance(v, str) and v.strip() for v in values):
            self.error(key, "verwacht een lijst met namen, zoals [a, b]")
            return []
        return [str(v).strip() for v in values]

    def child(self, key: str, index: int, data: Any) -> _Reader:
        return _Reader(self.file, data, self.errors, f"{self.path(key)}[{index + 1}]")

    def body(self, key: str, *, heading_level: int = 2, instrument: bool = False) -> str:
        """Body text in the demo format, as HTML; placeholders checked on instruments."""
        text = self.text(key)
        if not text:
            return ""
        if instrument:
            for message in validators.text_errors(text):
                self.error(key, message)
        try:
            return body_to_html(text, heading_level=heading_level)
        except TextFormatError as error:
            self.error(key, f"{error} (regel binnen dit veld)")
            return ""

    def url(self, key: str, *, required: bool = True, https: bool = False) -> str:
        text = self.text(key, required=required)
        if text and not text.startswith(("https://", "http://")):
            self.error(key, f"{text!r} is geen webadres (begint met https://)")
        elif text and https and not text.startswith("https://"):
            self.error(key, "gebruik een adres dat begint met https://")
        return text

    def instrument_text(self, key: str, *, required: bool = True, max_length: int = 0) -> str:
        text = self.text(key, required=required, max_length=max_length)
        for message in validators.text_errors(text):
            self.error(key, message)
        return text


@dataclass
class PageSpec:
    """A page as the files describe it: where it goes and its field values."""

    file: str
    kind: str
    slug: str
    values: dict[str, Any]
    #: Slugs of instrument pages, resolved to page ids after all pages exist.
    links: dict[str, list[str]] = field(default_factory=dict)


@dataclass
class DemoContent:
    home: dict[str, Any] | None = None
    glossary: list[dict[str, Any]] = field(default_factory=list)
    pages: list[PageSpec] = field(default_factory=list)
    files: int = 0


def _read_yaml(path: Path, root: Path, errors: list[str]) -> tuple[str, Any]:
    name = path.relative_to(root).as_posix()
    try:
        return name, yaml.load(path.read_text(encoding="utf-8"), Loader=_UniqueKeyLoader)  # noqa: S506 - SafeLoader subclass
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" (regel {mark.line + 1})" if mark is not None else ""
        problem = getattr(error, "problem", None) or str(error)
        errors.append(f"{name}: geen geldige YAML{where}: {problem}")
    except OSError as error:
        errors.append(f"{name}: kan het bestand niet lezen: {error.strerror}")
    return name, None


def _check_slug_matches_file(reader: _Reader, slug: str, path: Path) -> None:
    if slug and slug != path.stem:
        reader.error("slug", f"{slug!r} moet gelijk zijn aan de bestandsnaam ({path.stem}.yaml)")


def _instrument(reader: _Reader, path: Path) -> PageSpec:
    reader.only(
        {
            "slug",
            "title",
            "summary",
            "status",
            "instrument_codes",
            "parameters",
            "voor_wie",
            "wie_voert_uit",
            "hoe_werkt_het",
            "wat_moet_u_doen",
            "wat_levert_het_op",
            "faq",
            "sources",
        },
        {"featured", "order", "wizard_preset", "related", "video"},
    )
    slug = reader.slug()
    _check_slug_matches_file(reader, slug, path)
    status = reader.text("status")
    if status and status not in {STATUS_ACTIVE, STATUS_ENDED}:
        reader.error("status", f"{status!r} kennen we niet. Kies active of ended")
    codes = reader.strings("instrument_codes")
    parameters = reader.strings("parameters")
    for name, check in (
        ("instrument_codes", validators.validate_instrument_codes),
        ("parameters", validators.validate_parameter_names),
    ):
        try:
            check(codes if name == "instrument_codes" else parameters)
        except ValidationError as error:
            for message in error.messages:
                reader.error(name, message)
    preset = reader.data.get("wizard_preset", {})
    for message in validators.wizard_preset_errors(preset):
        reader.error("wizard_preset", message)

    organisations = []
    known = dict(ORGANISATIONS)
    for index, item in enumerate(reader.items("wie_voert_uit")):
        row = reader.child("wie_voert_uit", index, item)
        row.only({"organisation", "role", "contact"}, {"url"})
        organisation = row.text("organisation")
        if organisation and organisation not in known:
            row.error(
                "organisation", f"{organisation!r} kennen we niet. Kies uit: {', '.join(known)}"
            )
        organisations.append(
            {
                "type": "organisation",
                "value": {
                    "organisation": organisation,
                    "role": row.instrument_text("role"),
                    "contact": row.instrument_text("contact"),
                    "url": row.url("url", required=False),
                },
            }
        )
    steps = []
    for index, item in enumerate(reader.items("wat_moet_u_doen", required=False)):
        row = reader.child("wat_moet_u_doen", index, item)
        row.only({"step", "who"}, {"deadline"})
        steps.append(
            {
                "type": "step",
                "value": {
                    "step": row.instrument_text("step"),
                    "deadline": row.instrument_text("deadline", required=False, max_length=255),
                    "who": row.text("who", max_length=255),
                },
            }
        )
    questions = []
    for index, item in enumerate(reader.items("faq", required=False)):
        row = reader.child("faq", index, item)
        row.only({"question", "answer"})
        answer = row.body("answer", instrument=True)
        if any(tag in answer for tag in ("<h2", "<h3", "<blockquote")):
            row.error("answer", "een antwoord heeft geen tussenkoppen (##) of citaten (>)")
        questions.append(
            {
                "type": "question",
                "value": {
                    "question": row.instrument_text("question", max_length=255),
                    "answer": answer,
                },
            }
        )
    sources = []
    for index, item in enumerate(reader.items("sources")):
        row = reader.child("sources", index, item)
        row.only({"title", "url"})
        sources.append(
            {
                "type": "source",
                "value": {"title": row.text("title", max_length=255), "url": row.url("url")},
            }
        )
    video = reader.data.get("video")
    video_values = {"video_title": "", "video_url": "", "video_transcript": ""}
    if video is not None:
        row = _Reader(reader.file, video, reader.errors, "video")
        row.only({"title", "url", "transcript"})
        video_values = {
            "video_title": row.text("title", max_length=200),
            "video_url": row.url("url", https=True),
            "video_transcript": row.text("transcript"),
        }
    values: dict[str, Any] = {
        "title": reader.text("title", max_length=255),
        "summary": reader.instrument_text("summary", max_length=320),
        "status": status,
        "featured": reader.boolean("featured"),
        "order": reader.integer("order", default=100),
        "instrument_codes": codes,
        "parameters": parameters,
        "wizard_preset": dict(preset) if isinstance(preset, Mapping) else {},
        "voor_wie": reader.body("voor_wie", heading_level=3, instrument=True),
        "wie_voert_uit": organisations,
        "hoe_werkt_het": reader.body("hoe_werkt_het", heading_level=3, instrument=True),
        "wat_moet_u_doen": steps,
        "wat_levert_het_op": reader.body("wat_levert_het_op", heading_level=3, instrument=True),
        "faq": questions,
        "sources": sources,
        **video_values,
    }
    return PageSpec(
        reader.file, "instruments", slug, values, {"related": reader.strings("related")}
    )


def _story(reader: _Reader, path: Path) -> PageSpec:
    reader.only(
        {"slug", "title", "summary", "employer", "place", "municipality", "date", "body"},
        {"instruments"},
    )
    slug = reader.slug()
    _check_slug_matches_file(reader, slug, path)
    municipality = reader.text("municipality")
    known = dict(MUNICIPALITIES)
    if municipality and municipality not in known:
        reader.error(
            "municipality", f"{municipality!r} kennen we niet. Kies uit: {', '.join(known)}"
        )
    values = {
        "title": reader.text("title", max_length=255),
        "summary": reader.text("summary", max_length=320),
        "employer": reader.text("employer", max_length=200),
        "place": reader.text("place", max_length=100),
        "municipality": municipality,
        "date": reader.date("date"),
        "body": reader.body("body"),
    }
    return PageSpec(
        reader.file, "stories", slug, values, {"instruments": reader.strings("instruments")}
    )


def _news(reader: _Reader, path: Path) -> PageSpec:
    reader.only({"slug", "title", "summary", "date", "body"})
    slug = reader.slug()
    _check_slug_matches_file(reader, slug, path)
    values = {
        "title": reader.text("title", max_length=255),
        "summary": reader.text("summary", max_length=320),
        "date": reader.date("date"),
        "body": reader.body("body"),
    }
    return PageSpec(reader.file, "news", slug, values)


def _standard(reader: _Reader, path: Path) -> PageSpec:
    reader.only({"slug", "title", "summary", "body"}, {"show_in_footer"})
    slug = reader.slug()
    _check_slug_matches_file(reader, slug, path)
    values = {
        "title": reader.text("title", max_length=255),
        "summary": reader.text("summary", max_length=320),
        "body": reader.body("body"),
        "show_in_footer": reader.boolean("show_in_footer"),
    }
    return PageSpec(reader.file, "pages", slug, values)


_PAGE_READERS: dict[str, Callable[[_Reader, Path], PageSpec]] = {
    "instruments": _instrument,
    "stories": _story,
    "news": _news,
    "pages": _standard,
}


def read_directory(directory: Path = DEMO_DIRECTORY) -> DemoContent:
    """Read and check every demo file; :class:`DemoError` lists every mistake found."""
    errors: list[str] = []
    content = DemoContent()
    if not directory.is_dir():
        raise DemoError([f"{directory}: deze map bestaat niet"])

    home_path = directory / "home.yaml"
    if home_path.exists():
        name, data = _read_yaml(home_path, directory, errors)
        content.files += 1
        if data is not None:
            reader = _Reader(name, data, errors)
            reader.only({"title", "intro", "search_intro"})
            content.home = {
                "title": reader.text("title", max_length=255),
                "intro": reader.text("intro"),
                "search_intro": reader.text("search_intro", required=False),
            }

    glossary_path = directory / "glossary.yaml"
    if glossary_path.exists():
        name, data = _read_yaml(glossary_path, directory, errors)
        content.files += 1
        if data is not None:
            reader = _Reader(name, data, errors)
            reader.only({"terms"})
            seen_slugs: set[str] = set()
            seen_terms: set[str] = set()
            for index, item in enumerate(reader.items("terms")):
                row = reader.child("terms", index, item)
                row.only({"term", "slug", "definition"}, {"synonyms"})
                term = {
                    "term": row.text("term", max_length=100),
                    "slug": row.slug(),
                    "definition": row.text("definition", max_length=300),
                    "synonyms": ", ".join(row.strings("synonyms")),
                }
                if len(term["synonyms"]) > 300:
                    row.error("synonyms", "samen te lang (ten hoogste 300 tekens)")
                if term["slug"] in seen_slugs:
                    row.error("slug", f"{term['slug']!r} staat er al eerder in")
                if term["term"].casefold() in seen_terms:
                    row.error("term", f"{term['term']!r} staat er al eerder in")
                seen_slugs.add(term["slug"])
                seen_terms.add(term["term"].casefold())
                content.glossary.append(term)

    for kind, read in _PAGE_READERS.items():
        folder = directory / kind
        if not folder.is_dir():
            continue
        slugs: set[str] = set()
        for path in sorted(folder.glob("*.yaml")):
            name, data = _read_yaml(path, directory, errors)
            content.files += 1
            if data is None:
                continue
            spec = read(_Reader(name, data, errors), path)
            if spec.slug in slugs:
                errors.append(f"{name}: slug: {spec.slug!r} staat ook in een ander bestand")
            slugs.add(spec.slug)
            content.pages.append(spec)

    instrument_slugs = {spec.slug for spec in content.pages if spec.kind == "instruments"}
    for spec in content.pages:
        for key, slugs_wanted in spec.links.items():
            for slug in slugs_wanted:
                if slug not in instrument_slugs:
                    errors.append(
                        f"{spec.file}: {key}: er is geen regeling met slug {slug!r} "
                        f"(bestand instruments/{slug}.yaml)"
                    )
                if spec.kind == "instruments" and slug == spec.slug:
                    errors.append(f"{spec.file}: {key}: een regeling verwijst naar zichzelf")
    if errors:
        raise DemoError(errors)
    return content


# --- Writing -------------------------------------------------------------------------


@dataclass
class Report:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated)

    def __str__(self) -> str:
        return (
            f"Demo-inhoud: {len(self.created)} nieuw, {len(self.updated)} bijgewerkt, "
            f"{len(self.unchanged)} ongewijzigd."
        )


def _current(page: Any, name: str) -> Any:
    model_field = page._meta.get_field(name)
    value = getattr(page, name)
    if isinstance(model_field, StreamField):
        return [
            {"type": item["type"], "value": item["value"]}
            for item in model_field.stream_block.get_prep_value(value)
        ]
    if isinstance(model_field, RichTextField):
        return str(value or "")
    return value


def _differs(page: Any, values: Mapping[str, Any]) -> bool:
    return any(_current(page, name) != wanted for name, wanted in values.items())


def _validation_messages(error: ValidationError) -> list[str]:
    if hasattr(error, "error_dict"):
        return [
            f"{name}: {message}"
            for name, errors in error.message_dict.items()
            for message in errors
        ]
    return list(error.messages)


class _Writer:
    def __init__(self) -> None:
        self.report = Report()

    def _fail(self, where: str, error: ValidationError) -> DemoError:
        return DemoError([f"{where}: {message}" for message in _validation_messages(error)])

    def publish(self, page: Any, where: str) -> None:
        try:
            page.save_revision().publish()
        except ValidationError as error:
            raise self._fail(where, error) from error

    def upsert_page(
        self, parent: Any, model: type[Any], slug: str, values: Mapping[str, Any], where: str
    ) -> Any:
        existing = parent.get_children().filter(slug=slug).first()
        if existing is not None:
            page = existing.specific
            if not isinstance(page, model):
                raise DemoError(
                    [
                        (
                            f"{where}: onder {parent.url_path} staat al een pagina {slug!r} "
                            f"van een ander soort ({type(page).__name__})"
                        )
                    ]
                )
            if not _differs(page, values):
                if where not in self.report.created and where not in self.report.updated:
                    self.report.unchanged.append(where)
                return page
            for name, value in values.items():
                setattr(page, name, value)
            self.publish(page, where)
            if where not in self.report.created and where not in self.report.updated:
                self.report.updated.append(where)
            if where in self.report.unchanged:
                self.report.unchanged.remove(where)
            return page
        page = model(slug=slug, **values)
        try:
            parent.add_child(instance=page)
        except ValidationError as error:
            raise self._fail(where, error) from error
        self.publish(page, where)
        self.report.created.append(where)
        return page

    def ensure_home(self, values: Mapping[str, Any] | None) -> Any:
        home = HomePage.objects.first()
        if home is None:
            root = Page.get_first_root_node()
            welcome = (
                root.get_children()
                .filter(slug="home", content_type__app_label="wagtailcore", numchild=0)
                .first()
            )
            if welcome is not None:
                welcome.delete()
                root.refresh_from_db()
            defaults = values or {
                "title": "Werkgeversservicepunt Drenthe",
                "intro": "Het Werkgeversservicepunt Drenthe helpt werkgevers die een baan willen "
                "geven aan iemand die extra steun nodig heeft.",
                "search_intro": "",
            }
            home = HomePage(slug="home", **defaults)
            root.add_child(instance=home)
            self.publish(home, "home.yaml")
            self.report.created.append("home.yaml")
        elif values is not None:
            if _differs(home, values):
                for name, value in values.items():
                    setattr(home, name, value)
                self.publish(home, "home.yaml")
                self.report.updated.append("home.yaml")
            else:
                self.report.unchanged.append("home.yaml")
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True)
        elif site.root_page_id != home.pk:
            site.root_page = home
            site.save()
        return home

    def glossary(self, terms: list[dict[str, Any]]) -> None:
        for values in terms:
            where = f"glossary.yaml: {values['slug']}"
            term = GlossaryTerm.objects.filter(slug=values["slug"]).first()
            if term is None:
                term = GlossaryTerm(**values)
                self.report.created.append(where)
            elif any(getattr(term, name) != value for name, value in values.items()):
                for name, value in values.items():
                    setattr(term, name, value)
                self.report.updated.append(where)
            else:
                self.report.unchanged.append(where)
                continue
            try:
                term.full_clean()
            except ValidationError as error:
                raise self._fail(where, error) from error
            term.save()


_PAGE_MODELS: dict[str, type[Any]] = {
    "instruments": InstrumentPage,
    "stories": StoryPage,
    "news": NewsPage,
    "pages": StandardPage,
}


def apply(content: DemoContent) -> Report:
    """Create or update every page and term of ``content``; one transaction."""
    writer = _Writer()
    with transaction.atomic():
        home = writer.ensure_home(content.home)
        kinds = {spec.kind for spec in content.pages}
        parents: dict[str, Any] = {"pages": home}
        for kind, (model, slug, title, summary) in INDEX_PAGES.items():
            existing = home.get_children().filter(slug=slug).first()
            if existing is not None:
                parents[kind] = existing.specific
            elif kind in kinds:
                parents[kind] = writer.upsert_page(
                    home, model, slug, {"title": title, "summary": summary}, f"{slug}/ (overzicht)"
                )
        writer.glossary(content.glossary)
        # Pass 1: every page exists (links between pages need the other page's id).
        pages: dict[tuple[str, str], Any] = {}
        link_fields = {"related", "instruments"}
        for spec in content.pages:
            values = dict(spec.values)
            parent = parents[spec.kind]
            existing = parent.get_children().filter(slug=spec.slug).first()
            if existing is None:
                for name in spec.links:
                    values[name] = []
                pages[spec.kind, spec.slug] = writer.upsert_page(
                    parent, _PAGE_MODELS[spec.kind], spec.slug, values, spec.file
                )
        # Pass 2: the full content, links included.
        instrument_ids = {
            slug: page.pk for (kind, slug), page in pages.items() if kind == "instruments"
        }
        instruments_parent = parents.get("instruments")
        if instruments_parent is not None:
            for page in InstrumentPage.objects.child_of(instruments_parent):
                instrument_ids.setdefault(page.slug, page.pk)
        for spec in content.pages:
            values = dict(spec.values)
            for name, slugs in spec.links.items():
                assert name in link_fields
                values[name] = [{"type": "page", "value": instrument_ids[slug]} for slug in slugs]
            writer.upsert_page(
                parents[spec.kind], _PAGE_MODELS[spec.kind], spec.slug, values, spec.file
            )
    return writer.report


def load(directory: Path = DEMO_DIRECTORY) -> Report:
    """Read, check and apply the demo files in ``directory``."""
    return apply(read_directory(directory))
