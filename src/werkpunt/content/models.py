"""The Wagtail pages of the public site, and the glossary.

Page tree (one site)::

    HomePage                      /
    ├── InstrumentIndexPage       /regelingen/
    │   └── InstrumentPage        /regelingen/<slug>/
    ├── StoryIndexPage            /verhalen/
    │   └── StoryPage             /verhalen/<slug>/
    ├── NewsIndexPage             /nieuws/
    │   └── NewsPage              /nieuws/<slug>/
    └── StandardPage              /toegankelijkheid/, /privacy/, /contact/

The glossary (``GlossaryTerm``) is a snippet; ``/begrippen/`` and ``/zoeken/``
are plain views (``views.py``). Content is written in Dutch; the interface around
it follows the visitor's language. See ``docs/content.md``.
"""

# mypy: disable-error-code="import-untyped"
# mypy: allow-subclassing-any

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar
from urllib.parse import urlencode

from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, HelpPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index
from wagtail.snippets.models import register_snippet

from werkpunt.content import validators
from werkpunt.content.fields import InstrumentCodesField, ParameterNamesField

ORGANISATIONS = [
    ("UWV", "UWV"),
    ("gemeente", "Gemeente"),
    ("Belastingdienst", "Belastingdienst"),
    ("RVO", "RVO"),
    ("WSP", "Werkgeversservicepunt (WSP)"),
]
#: Full names, for structured data (schema.org ``provider``).
ORGANISATION_NAMES = {
    "UWV": "UWV",
    "gemeente": "Gemeenten in arbeidsmarktregio Drenthe",
    "Belastingdienst": "Belastingdienst",
    "RVO": "Rijksdienst voor Ondernemend Nederland (RVO)",
    "WSP": "Werkgeversservicepunt Drenthe",
}
MUNICIPALITIES = [
    ("emmen", "Emmen"),
    ("coevorden", "Coevorden"),
    ("hoogeveen", "Hoogeveen"),
    ("borger-odoorn", "Borger-Odoorn"),
    ("midden-drenthe", "Midden-Drenthe"),
    ("de-wolden", "De Wolden"),
]
STATUS_ACTIVE = "active"
STATUS_ENDED = "ended"
STATUSES = [(STATUS_ACTIVE, _("Loopt")), (STATUS_ENDED, _("Gestopt"))]

#: Rich text features. An instrument's parts sit under their own h2, so their
#: subheadings are h3. Every element the demo text format produces is allowed.
SECTION_FEATURES = ["h3", "bold", "italic", "ol", "ul", "link", "blockquote"]
BODY_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link", "blockquote"]
ANSWER_FEATURES = ["bold", "italic", "ol", "ul", "link"]

PLACEHOLDER_HELP = _(
    "Typ geen bedragen, getallen of datums uit de regels. Schrijf [[naam]] met de naam van een "
    "parameter uit Regels en bedragen, bijvoorbeeld [[lkv_oudere_per_uur]]. De pagina toont dan "
    "altijd de waarde van vandaag."
)


# --- Blocks that check placeholders -------------------------------------------------


class _PlaceholderCheck:
    def clean(self, value: Any) -> Any:
        value = super().clean(value)  # type: ignore[misc]
        source = value.source if hasattr(value, "source") else value
        validators.validate_instrument_text(source)
        return value


class PlaceholderTextBlock(_PlaceholderCheck, blocks.TextBlock):
    pass


class PlaceholderCharBlock(_PlaceholderCheck, blocks.CharBlock):
    pass


class PlaceholderRichTextBlock(_PlaceholderCheck, blocks.RichTextBlock):
    pass


def executor_block() -> Any:
    return blocks.StructBlock(
        [
            (
                "organisation",
                blocks.ChoiceBlock(choices=ORGANISATIONS, label=_("Organisatie")),
            ),
            ("role", PlaceholderTextBlock(label=_("Wat doet deze organisatie?"))),
            ("contact", PlaceholderTextBlock(label=_("Hoe regelt u het met hen?"))),
            (
                "url",
                blocks.URLBlock(required=False, label=_("Website (adres)")),
            ),
        ],
        label=_("Organisatie"),
        icon="group",
    )


def step_block() -> Any:
    return blocks.StructBlock(
        [
            ("step", PlaceholderTextBlock(label=_("Stap"))),
            (
                "deadline",
                PlaceholderCharBlock(
                    required=False,
                    label=_("Termijn"),
                    help_text=_(
                        "Bijvoorbeeld: binnen [[doelgroepverklaring_termijn_maanden]] maanden "
                        "na de eerste werkdag."
                    ),
                ),
            ),
            (
                "who",
                blocks.CharBlock(
                    label=_("Wie doet het?"),
                    help_text=_("Bijvoorbeeld: werkgever, werknemer, gemeente of UWV."),
                ),
            ),
        ],
        label=_("Stap"),
        icon="list-ol",
    )


def question_block() -> Any:
    return blocks.StructBlock(
        [
            ("question", PlaceholderCharBlock(label=_("Vraag"))),
            ("answer", PlaceholderRichTextBlock(features=ANSWER_FEATURES, label=_("Antwoord"))),
        ],
        label=_("Vraag en antwoord"),
        icon="help",
    )


def source_block() -> Any:
    return blocks.StructBlock(
        [
            ("title", blocks.CharBlock(label=_("Titel"))),
            ("url", blocks.URLBlock(label=_("Adres (URL)"))),
        ],
        label=_("Bron"),
        icon="link",
    )


# --- Pages -------------------------------------------------------------------------


class PublicPageMixin:
    """A live page looks the same for every anonymous visitor: the page cache may keep it."""

    def serve(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        from werkpunt.core.page_cache import mark_public

        return mark_public(super().serve(request, *args, **kwargs))  # type: ignore[misc]


class ContentPage(PublicPageMixin, Page):
    """What every page of the public site has: a short summary."""

    summary: models.TextField[Any, str] = models.TextField(
        _("samenvatting"),
        max_length=320,
        help_text=_(
            "Eén of twee zinnen. Staat in zoekresultaten, op kaarten en in Google. "
            "Schrijf op B1-niveau."
        ),
    )

    #: A short name of the kind of page, for search results.
    type_label: ClassVar[Any] = _("Pagina")
    #: schema.org type for the page itself.
    schema_type: ClassVar[str] = "WebPage"

    search_fields: ClassVar[list[Any]] = [
        *Page.search_fields,
        index.SearchField("summary"),
    ]
    content_panels: ClassVar[list[Any]] = [*Page.content_panels, FieldPanel("summary")]
    promote_panels: ClassVar[list[Any]] = [
        MultiFieldPanel(
            [FieldPanel("slug"), FieldPanel("seo_title")],
            heading=_("Adres en titel voor zoekmachines"),
        ),
    ]

    class Meta:
        abstract = True

    def meta_description(self) -> str:
        return " ".join(str(self.summary).split())

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        from werkpunt.content.rendering import Renderer

        context: dict[str, Any] = super().get_context(request, *args, **kwargs)
        renderer = Renderer.for_request(request)
        context["renderer"] = renderer
        context["description"] = renderer.text(self.meta_description())
        return context


class HomePage(PublicPageMixin, Page):
    """The root of the site: what the WSP does, search, most asked instruments, stories."""

    intro: models.TextField[Any, str] = models.TextField(
        _("introductie"),
        help_text=_("Eén zin: wat het Werkgeversservicepunt voor werkgevers doet."),
    )
    search_intro: models.TextField[Any, str] = models.TextField(
        _("tekst bij het zoekveld"),
        blank=True,
        help_text=_("Bijvoorbeeld: Zoek een regeling, een begrip of een verhaal."),
    )

    max_count = 1
    parent_page_types: ClassVar[list[str]] = ["wagtailcore.Page"]
    subpage_types: ClassVar[list[str]] = [
        "content.InstrumentIndexPage",
        "content.StoryIndexPage",
        "content.NewsIndexPage",
        "content.StandardPage",
    ]
    type_label: ClassVar[Any] = _("Startpagina")
    template = "content/home_page.html"

    search_fields: ClassVar[list[Any]] = [*Page.search_fields, index.SearchField("intro")]
    content_panels: ClassVar[list[Any]] = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("search_intro"),
        HelpPanel(
            content=_(
                "Op de startpagina staan ook vanzelf: de regelingen met ‘Veel gevraagd’ aan, "
                "en de drie nieuwste verhalen."
            )
        ),
    ]
    promote_panels: ClassVar[list[Any]] = [FieldPanel("seo_title")]

    class Meta:
        verbose_name = _("startpagina")
        verbose_name_plural = _("startpagina's")

    def meta_description(self) -> str:
        return " ".join(str(self.intro).split())

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        from werkpunt.content.rendering import Renderer

        context: dict[str, Any] = super().get_context(request, *args, **kwargs)
        renderer = Renderer.for_request(request)
        context["renderer"] = renderer
        context["description"] = renderer.text(self.meta_description())
        context["featured"] = list(
            InstrumentPage.objects.live()
            .public()
            .descendant_of(self)
            .filter(featured=True)
            .order_by("order", "title")
        )
        context["stories"] = list(
            StoryPage.objects.live().public().descendant_of(self).order_by("-date", "title")[:3]
        )
        context["instrument_index"] = (
            InstrumentIndexPage.objects.live().public().descendant_of(self).first()
        )
        context["story_index"] = StoryIndexPage.objects.live().public().descendant_of(self).first()
        return context


class InstrumentIndexPage(ContentPage):
    """``/regelingen/``: every instrument, the ones that ended at the bottom."""

    max_count = 1
    parent_page_types: ClassVar[list[str]] = ["content.HomePage"]
    subpage_types: ClassVar[list[str]] = ["content.InstrumentPage"]
    type_label: ClassVar[Any] = _("Overzicht")
    schema_type: ClassVar[str] = "CollectionPage"
    template = "content/instrument_index_page.html"

    class Meta:
        verbose_name = _("overzicht van regelingen")

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context(request, *args, **kwargs)
        instruments = list(
            InstrumentPage.objects.live().public().child_of(self).order_by("order", "title")
        )
        context["active"] = [i for i in instruments if i.status != STATUS_ENDED]
        context["ended"] = [i for i in instruments if i.status == STATUS_ENDED]
        return context


class InstrumentPage(ContentPage):
    """One instrument (regeling), in the five parts of the advice.

    Amounts are never typed: ``[[parameter]]`` placeholders in the text show the
    value in force today, and ``parameters`` lists the amounts for the table.
    """

    status: models.CharField[Any, str] = models.CharField(
        _("status"),
        max_length=10,
        choices=STATUSES,
        default=STATUS_ACTIVE,
        help_text=_("Gestopt: de pagina toont bovenaan dat de regeling gestopt is."),
    )
    featured: models.BooleanField[Any, bool] = models.BooleanField(
        _("veel gevraagd"),
        default=False,
        help_text=_("Toon deze regeling op de startpagina."),
    )
    order: models.PositiveIntegerField[Any, int] = models.PositiveIntegerField(
        _("volgorde"),
        default=100,
        help_text=_("Lager staat eerder in het overzicht."),
    )
    instrument_codes = InstrumentCodesField(
        _("codes in de rekenregels"),
        validators=[validators.validate_instrument_codes],
        help_text=_("Welke rekenregels van de financieel CV bij deze regeling horen. Mag leeg."),
    )
    parameters = ParameterNamesField(
        _("bedragen in de tabel"),
        validators=[validators.validate_parameter_names],
        help_text=_("Deze bedragen staan in de tabel ‘Bedragen’, met hun bron."),
    )
    voor_wie = RichTextField(
        _("voor wie"),
        features=SECTION_FEATURES,
        validators=[validators.validate_instrument_text],
        help_text=PLACEHOLDER_HELP,
    )
    wie_voert_uit = StreamField(
        [("organisation", executor_block())],
        verbose_name=_("wie voert het uit"),
        min_num=1,
    )
    hoe_werkt_het = RichTextField(
        _("hoe werkt het"),
        features=SECTION_FEATURES,
        validators=[validators.validate_instrument_text],
        help_text=PLACEHOLDER_HELP,
    )
    wat_moet_u_doen = StreamField(
        [("step", step_block())],
        verbose_name=_("wat moet u doen"),
        blank=True,
        help_text=_("De stappen, in volgorde. Ze staan ook in de tijdlijn."),
    )
    wat_levert_het_op = RichTextField(
        _("wat levert het op"),
        features=SECTION_FEATURES,
        validators=[validators.validate_instrument_text],
        help_text=PLACEHOLDER_HELP,
    )
    faq = StreamField(
        [("question", question_block())],
        verbose_name=_("veelgestelde vragen"),
        blank=True,
    )
    sources = StreamField(
        [("source", source_block())],
        verbose_name=_("bronnen"),
        min_num=1,
    )
    related = StreamField(
        [
            (
                "page",
                blocks.PageChooserBlock(page_type="content.InstrumentPage", label=_("Regeling")),
            )
        ],
        verbose_name=_("bekijk ook"),
        blank=True,
    )
    wizard_preset = models.JSONField(
        _("start van de financieel CV"),
        default=dict,
        blank=True,
        validators=[validators.validate_wizard_preset],
        help_text=_(
            'Velden die de financieel CV alvast invult, zoals {"benefit": "ww"}. '
            "Leeg: de knop opent de financieel CV zonder voorkeuze."
        ),
    )
    video_title: models.CharField[Any, str] = models.CharField(
        _("titel van de video"), max_length=200, blank=True
    )
    video_url: models.URLField[Any, str] = models.URLField(
        _("adres van de video"),
        blank=True,
        validators=[validators.validate_https_url],
        help_text=_("De pagina toont een link; de video laadt pas als de bezoeker erop klikt."),
    )
    video_transcript: models.TextField[Any, str] = models.TextField(
        _("uitgeschreven tekst van de video"),
        blank=True,
        help_text=_("Verplicht bij een video: voor wie de video niet kan zien of horen."),
    )

    parent_page_types: ClassVar[list[str]] = ["content.InstrumentIndexPage"]
    subpage_types: ClassVar[list[str]] = []
    type_label: ClassVar[Any] = _("Regeling")
    template = "content/instrument_page.html"

    search_fields: ClassVar[list[Any]] = [
        *ContentPage.search_fields,
        index.SearchField("voor_wie"),
        index.SearchField("hoe_werkt_het"),
        index.SearchField("wat_levert_het_op"),
        index.SearchField("wie_voert_uit"),
        index.SearchField("wat_moet_u_doen"),
        index.SearchField("faq"),
        index.FilterField("status"),
    ]
    content_panels: ClassVar[list[Any]] = [
        *ContentPage.content_panels,
        MultiFieldPanel(
            [FieldPanel("status"), FieldPanel("featured"), FieldPanel("order")],
            heading=_("Overzicht"),
        ),
        FieldPanel("voor_wie"),
        FieldPanel("wie_voert_uit"),
        FieldPanel("hoe_werkt_het"),
        FieldPanel("wat_moet_u_doen"),
        FieldPanel("wat_levert_het_op"),
        FieldPanel("parameters"),
        FieldPanel("faq"),
        FieldPanel("sources"),
        FieldPanel("related"),
        MultiFieldPanel(
            [FieldPanel("instrument_codes"), FieldPanel("wizard_preset")],
            heading=_("Financieel CV"),
        ),
        MultiFieldPanel(
            [FieldPanel("video_title"), FieldPanel("video_url"), FieldPanel("video_transcript")],
            heading=_("Video (niet verplicht)"),
        ),
    ]

    class Meta:
        verbose_name = _("regeling")
        verbose_name_plural = _("regelingen")

    @property
    def ended(self) -> bool:
        return bool(self.status == STATUS_ENDED)

    def clean(self) -> None:
        super().clean()
        errors: dict[str, list[str]] = {}
        summary_errors = validators.text_errors(str(self.summary or ""))
        if summary_errors:
            errors["summary"] = summary_errors
        if self.video_url and not (self.video_title and self.video_transcript):
            errors["video_transcript"] = [
                str(_("Geef bij een video ook een titel en de uitgeschreven tekst."))
            ]
        if (self.video_title or self.video_transcript) and not self.video_url:
            errors["video_url"] = [str(_("Vul het adres van de video in, of maak de velden leeg."))]
        if errors:
            raise ValidationError(errors)

    def wizard_query(self) -> str:
        """The query string that starts the financieel CV with this situation."""
        preset = self.wizard_preset if isinstance(self.wizard_preset, dict) else {}
        return urlencode(
            {
                key: ("true" if value else "false") if isinstance(value, bool) else str(value)
                for key, value in preset.items()
            }
        )

    def organisations(self) -> list[str]:
        return list(dict.fromkeys(block.value["organisation"] for block in self.wie_voert_uit))


class StoryIndexPage(ContentPage):
    """``/verhalen/``: stories of employers, newest first."""

    max_count = 1
    parent_page_types: ClassVar[list[str]] = ["content.HomePage"]
    subpage_types: ClassVar[list[str]] = ["content.StoryPage"]
    type_label: ClassVar[Any] = _("Overzicht")
    schema_type: ClassVar[str] = "CollectionPage"
    template = "content/story_index_page.html"

    class Meta:
        verbose_name = _("overzicht van verhalen")

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context(request, *args, **kwargs)
        context["stories"] = list(
            StoryPage.objects.live().public().child_of(self).order_by("-date", "title")
        )
        return context


class StoryPage(ContentPage):
    """The story of an employer who hired someone, with the instruments they used."""

    employer: models.CharField[Any, str] = models.CharField(_("werkgever"), max_length=200)
    place: models.CharField[Any, str] = models.CharField(_("plaats"), max_length=100)
    municipality: models.CharField[Any, str] = models.CharField(
        _("gemeente"), max_length=20, choices=MUNICIPALITIES
    )
    date: models.DateField[Any, dt.date] = models.DateField(_("datum"))
    body = RichTextField(_("tekst"), features=BODY_FEATURES)
    instruments = StreamField(
        [
            (
                "page",
                blocks.PageChooserBlock(page_type="content.InstrumentPage", label=_("Regeling")),
            )
        ],
        verbose_name=_("gebruikte regelingen"),
        blank=True,
    )

    parent_page_types: ClassVar[list[str]] = ["content.StoryIndexPage"]
    subpage_types: ClassVar[list[str]] = []
    type_label: ClassVar[Any] = _("Verhaal")
    schema_type: ClassVar[str] = "Article"
    template = "content/story_page.html"

    search_fields: ClassVar[list[Any]] = [
        *ContentPage.search_fields,
        index.SearchField("body"),
        index.SearchField("employer"),
        index.SearchField("place"),
    ]
    content_panels: ClassVar[list[Any]] = [
        *ContentPage.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("employer"),
                FieldPanel("place"),
                FieldPanel("municipality"),
                FieldPanel("date"),
            ],
            heading=_("Over de werkgever"),
        ),
        FieldPanel("body"),
        FieldPanel("instruments"),
    ]

    class Meta:
        verbose_name = _("verhaal")
        verbose_name_plural = _("verhalen")

    def municipality_name(self) -> str:
        return str(dict(MUNICIPALITIES).get(self.municipality, self.municipality))


class NewsIndexPage(ContentPage):
    """``/nieuws/``: news, newest first."""

    max_count = 1
    parent_page_types: ClassVar[list[str]] = ["content.HomePage"]
    subpage_types: ClassVar[list[str]] = ["content.NewsPage"]
    type_label: ClassVar[Any] = _("Overzicht")
    schema_type: ClassVar[str] = "CollectionPage"
    template = "content/news_index_page.html"

    class Meta:
        verbose_name = _("overzicht van nieuws")

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context(request, *args, **kwargs)
        context["items"] = list(
            NewsPage.objects.live().public().child_of(self).order_by("-date", "title")
        )
        return context


class NewsPage(ContentPage):
    date: models.DateField[Any, dt.date] = models.DateField(_("datum"))
    body = RichTextField(_("tekst"), features=BODY_FEATURES)

    parent_page_types: ClassVar[list[str]] = ["content.NewsIndexPage"]
    subpage_types: ClassVar[list[str]] = []
    type_label: ClassVar[Any] = _("Nieuws")
    schema_type: ClassVar[str] = "NewsArticle"
    template = "content/news_page.html"

    search_fields: ClassVar[list[Any]] = [*ContentPage.search_fields, index.SearchField("body")]
    content_panels: ClassVar[list[Any]] = [
        *ContentPage.content_panels,
        FieldPanel("date"),
        FieldPanel("body"),
    ]

    class Meta:
        verbose_name = _("nieuwsbericht")
        verbose_name_plural = _("nieuwsberichten")


class StandardPage(ContentPage):
    """A plain page: the accessibility statement, the privacy statement, contact."""

    body = RichTextField(_("tekst"), features=BODY_FEATURES)
    show_in_footer: models.BooleanField[Any, bool] = models.BooleanField(
        _("in de voettekst"),
        default=False,
        help_text=_("Toon een link naar deze pagina onderaan elke pagina."),
    )

    parent_page_types: ClassVar[list[str]] = ["content.HomePage"]
    subpage_types: ClassVar[list[str]] = []
    template = "content/standard_page.html"

    search_fields: ClassVar[list[Any]] = [*ContentPage.search_fields, index.SearchField("body")]
    content_panels: ClassVar[list[Any]] = [*ContentPage.content_panels, FieldPanel("body")]
    promote_panels: ClassVar[list[Any]] = [
        *ContentPage.promote_panels,
        FieldPanel("show_in_footer"),
    ]

    class Meta:
        verbose_name = _("gewone pagina")
        verbose_name_plural = _("gewone pagina's")


# --- Glossary ----------------------------------------------------------------------


@register_snippet
class GlossaryTerm(index.Indexed, models.Model):
    """A term from the rules explained in one B1 sentence; linked from page text."""

    term: models.CharField[Any, str] = models.CharField(_("begrip"), max_length=100, unique=True)
    slug = models.SlugField(
        _("anker"),
        max_length=100,
        unique=True,
        help_text=_("Het stukje na # in het adres: /begrippen/#loonwaarde."),
    )
    definition: models.CharField[Any, str] = models.CharField(
        _("uitleg"),
        max_length=300,
        help_text=_("Eén zin op B1-niveau."),
    )
    synonyms: models.CharField[Any, str] = models.CharField(
        _("andere schrijfwijzen"),
        max_length=300,
        blank=True,
        validators=[validators.validate_synonyms],
        help_text=_("Met komma's ertussen, bijvoorbeeld: loonwaardes, loonwaardemeting."),
    )

    panels: ClassVar[list[Any]] = [
        FieldPanel("term"),
        FieldPanel("slug"),
        FieldPanel("definition"),
        FieldPanel("synonyms"),
    ]
    search_fields: ClassVar[list[Any]] = [
        index.SearchField("term"),
        index.AutocompleteField("term"),
        index.SearchField("definition"),
        index.SearchField("synonyms"),
    ]

    class Meta:
        ordering: ClassVar[list[str]] = ["term"]
        verbose_name = _("begrip")
        verbose_name_plural = _("begrippen")

    def __str__(self) -> str:
        return str(self.term)

    def synonym_list(self) -> list[str]:
        return [form.strip() for form in str(self.synonyms).split(",") if form.strip()]
