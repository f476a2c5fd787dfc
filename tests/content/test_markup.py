"""Pure HTML functions: NL Design System classes and glossary marking."""

from __future__ import annotations

from bs4 import BeautifulSoup

from werkpunt.content.markup import Marker, Term, add_nlds_classes, mark_terms

LOONWAARDE = Term("loonwaarde", "loonwaarde", "Hoeveel werk iemand kan doen.", ("loonwaardes",))
VERKLARING = Term("doelgroepverklaring", "doelgroepverklaring", "Een bewijs van UWV.")
JOBCOACH = Term("jobcoach", "jobcoach", "Iemand die helpt op het werk.", ("job coach",))
TERMS = [LOONWAARDE, VERKLARING, JOBCOACH]


def _links(html: str) -> list[tuple[str, str]]:
    return [(a.get_text(), a["href"]) for a in BeautifulSoup(html, "html.parser").find_all("a")]


def test_nlds_classes_on_rich_text():
    html = add_nlds_classes(
        '<h2>Kop</h2><p>Tekst <a href="/x">link</a></p><ul><li>a</li></ul>'
        '<ol><li>b</li></ol><blockquote>c</blockquote><p class="eigen">d</p>'
    )

    assert html == (
        '<h2 class="utrecht-heading-2">Kop</h2><p class="utrecht-paragraph">Tekst '
        '<a href="/x" class="utrecht-link utrecht-link--html-a">link</a></p>'
        '<ul class="utrecht-unordered-list"><li class="utrecht-unordered-list__item">a</li></ul>'
        '<ol class="utrecht-ordered-list"><li class="utrecht-ordered-list__item">b</li></ol>'
        '<blockquote class="utrecht-blockquote">c</blockquote>'
        '<p class="eigen utrecht-paragraph">d</p>'
    )


def test_rewriting_keeps_text_escaped_and_attributes_quoted():
    html = add_nlds_classes(
        '<p>a &lt;b&gt; &amp; "c"<br>d</p><a href="/?a=1&amp;b=&quot;2&quot;">x</a>'
    )

    assert "a &lt;b&gt; &amp;" in html
    assert "<br>" in html
    assert 'href="/?a=1&amp;b=&quot;2&quot;"' in html


def test_only_the_first_occurrence_of_a_term_is_marked():
    html, used = mark_terms(
        "<p>De loonwaarde wordt gemeten. Daarna telt de loonwaarde mee.</p>", TERMS
    )

    assert _links(html) == [("loonwaarde", "/begrippen/#loonwaarde")]
    assert BeautifulSoup(html, "html.parser").get_text() == (
        "De loonwaarde wordt gemeten. Daarna telt de loonwaarde mee."
    )
    assert used == [LOONWAARDE]


def test_synonyms_count_as_the_term_and_case_does_not_matter():
    html, used = mark_terms("<p>Twee Loonwaardes. En een loonwaarde. Een Job Coach.</p>", TERMS)

    assert _links(html) == [
        ("Loonwaardes", "/begrippen/#loonwaarde"),
        ("Job Coach", "/begrippen/#jobcoach"),
    ]
    assert [t.slug for t in used] == ["loonwaarde", "jobcoach"]


def test_only_whole_words_are_marked():
    html, used = mark_terms(
        "<p>De loonwaardemeting, de WSP-jobcoach en jobcoaching tellen niet.</p>", TERMS
    )

    assert _links(html) == []
    assert used == []


def test_terms_inside_links_and_headings_are_not_marked():
    html, used = mark_terms(
        '<h3>De loonwaarde</h3><p><a href="/x">uw loonwaarde</a> en <strong>loonwaarde</strong>.</p>',
        TERMS,
    )

    links = _links(html)
    assert links == [("uw loonwaarde", "/x"), ("loonwaarde", "/begrippen/#loonwaarde")]
    assert "<h3>De loonwaarde</h3>" in html
    assert used == [LOONWAARDE]


def test_the_marked_term_has_an_accessible_description_and_no_title():
    html, _used = mark_terms("<p>Vraag de doelgroepverklaring aan.</p>", TERMS)
    link = BeautifulSoup(html, "html.parser").find("a")

    assert link["aria-describedby"] == "begrip-doelgroepverklaring"
    assert "werkpunt-term" in link["class"]
    assert "utrecht-link--html-a" in link["class"]  # the focus style
    assert "title" not in link.attrs
    assert link.get("tabindex") is None  # a link: reachable with Tab


def test_one_marker_marks_each_term_once_across_several_fields():
    marker = Marker(TERMS, href=lambda term: f"/en/begrippen/#{term.slug}")

    first = marker.mark("<p>De loonwaarde.</p>")
    second = marker.mark("<p>Loonwaarde en doelgroepverklaring.</p>")

    assert _links(first) == [("loonwaarde", "/en/begrippen/#loonwaarde")]
    assert _links(second) == [("doelgroepverklaring", "/en/begrippen/#doelgroepverklaring")]
    assert marker.used == [LOONWAARDE, VERKLARING]


def test_seen_terms_are_skipped():
    seen = {"loonwaarde"}
    html, used = mark_terms("<p>loonwaarde en jobcoach</p>", TERMS, seen=seen)

    assert _links(html) == [("jobcoach", "/begrippen/#jobcoach")]
    assert seen == {"loonwaarde", "jobcoach"}
    assert used == [JOBCOACH]


def test_text_around_a_term_stays_escaped():
    html, _used = mark_terms("<p>a &lt;loonwaarde&gt; &amp; b</p>", TERMS)

    assert html.startswith("<p>a &lt;<a ")
    assert "</a>&gt; &amp; b</p>" in html


def test_no_terms_leaves_the_html_as_is():
    assert mark_terms("<p>x</p>", []) == ("<p>x</p>", [])
