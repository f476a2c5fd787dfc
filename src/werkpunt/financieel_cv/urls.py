"""URLs of the financieel CV, under ``/financieel-cv/`` (English: ``/en/financieel-cv/``)."""

from typing import ClassVar

from django.urls import URLPattern, URLResolver, path, register_converter

from werkpunt.financieel_cv import views


class DownloadConverter:
    """The file names of the downloads; they carry no personal data."""

    regex = r"financieel-cv\.pdf|brief-aan-werkgever\.pdf|brief-aan-werkgever\.docx|werkpunt-termijnen\.ics"
    names: ClassVar[dict[str, str]] = {
        "financieel-cv.pdf": "pdf",
        "brief-aan-werkgever.pdf": "letter_pdf",
        "brief-aan-werkgever.docx": "letter_docx",
        "werkpunt-termijnen.ics": "ics",
    }

    def to_python(self, value: str) -> str:
        return self.names[value]

    def to_url(self, value: str) -> str:
        for name, kind in self.names.items():
            if kind == value:
                return name
        raise ValueError(value)


register_converter(DownloadConverter, "download")

app_name = "financieel_cv"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.start, name="start"),
    path("stap/<int:number>/", views.step, name="step"),
    path("wissen/", views.clear, name="clear"),
    path("uitkomst/", views.result, name="result"),
    path("uitkomst/<download:kind>", views.download, name="download"),
    path("bewaren/", views.save, name="save"),
    path("bewaard/<str:token>/", views.saved, name="saved"),
    path("bewaard/<str:token>/<download:kind>", views.saved_download, name="saved_download"),
    path("bewaard/<str:token>/verwijderen/", views.saved_delete, name="saved_delete"),
    path("bewaard/<str:token>/wijzigen/", views.saved_edit, name="saved_edit"),
    path(
        "loonkostensubsidie-verloop/",
        views.subsidy_explorer,
        name="subsidy_explorer",
    ),
]
