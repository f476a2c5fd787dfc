"""Every internal link on every page resolves (after loading the fixture content)."""

from __future__ import annotations

from collections import deque
from urllib.parse import urldefrag, urlsplit
from xml.etree import ElementTree as ET

import pytest
from bs4 import BeautifulSoup

from werkpunt.financieel_cv import urls as financieel_cv_urls

pytestmark = pytest.mark.django_db

#: Not pages for visitors, or served by the web server in production.
SKIP_PREFIXES = ("/cms/", "/beheer/", "/documenten/", "/static/", "/media/")


def _owned_elsewhere(path: str) -> bool:
    """The financieel CV wizard is built in another app; its links are checked once it exists."""
    wizard = path.startswith(("/financieel-cv/", "/en/financieel-cv/"))
    return wizard and not financieel_cv_urls.urlpatterns


def test_every_internal_link_on_every_page_gives_200(site, client):
    start = ["/", "/en/", "/sitemap.xml"]
    queue = deque(start)
    seen: set[str] = set(start)
    broken: list[str] = []
    anchors: list[tuple[str, str, str]] = []
    pages = 0
    while queue:
        url = queue.popleft()
        response = client.get(url, follow=True)  # the wizard may redirect to its first step
        if response.status_code != 200:
            broken.append(f"{url}: {response.status_code}")
            continue
        content_type = response["Content-Type"]
        if "xml" in content_type:
            namespace = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
            links = [
                (loc.text or "").split("127.0.0.1:8000", 1)[1]
                for loc in ET.fromstring(response.content).iter(f"{namespace}loc")
            ]
        elif "html" in content_type:
            pages += 1
            html = BeautifulSoup(response.content, "html.parser")
            ids = {element["id"] for element in html.find_all(id=True)}
            links = []
            for element in html.find_all(["a", "form"]):
                if element.name == "form" and element.get("method", "get").lower() != "get":
                    continue  # a form that posts is not a link
                target = element.get("href") or element.get("action") or ""
                parts = urlsplit(target)
                if parts.scheme or parts.netloc or not target:
                    continue  # another site, mailto:, tel:
                path, fragment = urldefrag(target)
                if fragment and not path:
                    if fragment not in ids:
                        broken.append(f"{url}: #{fragment} bestaat niet op de pagina")
                    continue
                if fragment:
                    anchors.append((url, path, fragment))
                links.append(path)
        else:
            continue
        for link in links:
            if link in seen or link.startswith(SKIP_PREFIXES) or _owned_elsewhere(link):
                continue
            seen.add(link)
            queue.append(link)

    for source, path, fragment in anchors:
        page = BeautifulSoup(client.get(path).content, "html.parser")
        if not page.find(id=fragment):
            broken.append(f"{source}: {path}#{fragment} bestaat niet")
    assert not broken, broken
    assert pages >= 30  # every page, in two languages
