"""Make the Werkpunt home page the root of the default site.

Wagtail's first migrations create a "Welcome to your new Wagtail site!" page of
the base type at ``/home/`` and a default site on it. This replaces that page (if
it is still the untouched welcome page) with a ``HomePage``, so ``/`` works right
after ``migrate``. ``werkpunt demo`` fills in the texts and the rest of the site.
"""

from typing import Any

from django.db import migrations

TITLE = "Werkgeversservicepunt Drenthe"
INTRO = (
    "Het Werkgeversservicepunt Drenthe helpt werkgevers die een baan willen geven aan iemand "
    "die extra steun nodig heeft."
)


def create_homepage(apps: Any, schema_editor: Any) -> None:
    content_type_model = apps.get_model("contenttypes", "ContentType")
    page_model = apps.get_model("wagtailcore", "Page")
    site_model = apps.get_model("wagtailcore", "Site")
    home_model = apps.get_model("content", "HomePage")
    locale_model = apps.get_model("wagtailcore", "Locale")

    if home_model.objects.exists():
        return
    root = page_model.objects.filter(depth=1).order_by("path").first()
    if root is None:
        return  # no page tree (an unusual database); `werkpunt demo` builds it
    page_type = content_type_model.objects.filter(app_label="wagtailcore", model="page").first()
    welcome = page_model.objects.filter(
        depth=2, slug="home", content_type=page_type, numchild=0
    ).first()
    if welcome is not None:
        site_model.objects.filter(root_page=welcome).delete()
        path = welcome.path
        welcome.delete()
    else:
        taken = set(page_model.objects.filter(depth=2).values_list("path", flat=True))
        number = 1
        while f"{root.path}{number:04d}" in taken:
            number += 1
        path = f"{root.path}{number:04d}"
    home_type, _created = content_type_model.objects.get_or_create(
        app_label="content", model="homepage"
    )
    slug = "home" if not page_model.objects.filter(depth=2, slug="home").exists() else "werkpunt"
    locale = locale_model.objects.order_by("pk").first()
    home = home_model.objects.create(
        title=TITLE,
        draft_title=TITLE,
        slug=slug,
        content_type=home_type,
        path=path,
        depth=2,
        numchild=0,
        url_path=f"/{slug}/",
        intro=INTRO,
        search_intro="",
        live=True,
        locale=locale,
    )
    root.numchild = page_model.objects.filter(depth=2, path__startswith=root.path).count()
    root.save(update_fields=["numchild"])
    site = site_model.objects.filter(is_default_site=True).first()
    if site is None:
        site_model.objects.create(
            hostname="localhost", port=80, root_page=home, is_default_site=True
        )
    else:
        site.root_page = home
        site.save(update_fields=["root_page"])


def remove_homepage(apps: Any, schema_editor: Any) -> None:
    """Going back leaves the page in place: it may hold an editor's work."""


class Migration(migrations.Migration):
    dependencies = [
        ("content", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.RunPython(create_homepage, remove_homepage),
    ]
