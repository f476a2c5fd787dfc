"""The body text format of the demo files, turned into safe HTML."""

from __future__ import annotations

import pytest

from werkpunt.content.text import TextFormatError, body_to_html


def test_paragraphs_are_separated_by_blank_lines_and_lines_are_joined():
    assert body_to_html("Eén zin.\nNog een zin.\n\nTweede alinea.") == (
        "<p>Eén zin. Nog een zin.</p><p>Tweede alinea.</p>"
    )


def test_bullets_form_a_list_also_right_after_a_paragraph():
    html = body_to_html("De regels zijn:\n- eerste;\n- tweede.\nDaarna tekst.")

    assert html == (
        "<p>De regels zijn:</p><ul><li>eerste;</li><li>tweede.</li></ul><p>Daarna tekst.</p>"
    )


def test_an_indented_line_continues_a_bullet():
    assert body_to_html("- een lange\n  regel\n- kort") == (
        "<ul><li>een lange regel</li><li>kort</li></ul>"
    )


def test_subheadings_take_the_requested_level():
    assert body_to_html("## Let op\nTekst.") == "<h2>Let op</h2><p>Tekst.</p>"
    assert body_to_html("## Let op", heading_level=3) == "<h3>Let op</h3>"


def test_quote_lines_form_a_quote():
    html = body_to_html("Intro.\n> Het ging\n> heel goed.\n>\n> — Jan\n\nDaarna.")

    assert html == (
        "<p>Intro.</p><blockquote>Het ging heel goed.</blockquote>"
        "<blockquote>— Jan</blockquote><p>Daarna.</p>"
    )


def test_links_become_anchors():
    html = body_to_html(
        "Zie [de site van UWV](https://www.uwv.nl/werkgevers) of [bel](tel:0800-1234), "
        "[mail](mailto:wsp@example.nl) en [de regels](/regels/#wml_hour_21plus)."
    )

    assert '<a href="https://www.uwv.nl/werkgevers">de site van UWV</a>' in html
    assert '<a href="tel:0800-1234">bel</a>' in html
    assert '<a href="mailto:wsp@example.nl">mail</a>' in html
    assert '<a href="/regels/#wml_hour_21plus">de regels</a>' in html


def test_everything_else_is_escaped():
    html = body_to_html('<script>alert("x")</script> & [a <b>](https://example.nl/?a=1&b=2)')

    assert "<script>" not in html
    assert "&lt;script&gt;" in html
    assert "&amp;" in html
    assert '<a href="https://example.nl/?a=1&amp;b=2">a &lt;b&gt;</a>' in html


@pytest.mark.parametrize(
    "url", ["javascript:alert(1)", "//evil.example/x", "data:text/html,x", "ftp://x.nl"]
)
def test_unsafe_links_are_refused_with_the_line(url):
    with pytest.raises(TextFormatError) as error:
        body_to_html(f"Eerste regel.\n\nKlik [hier]({url}).")

    assert error.value.line == 3
    assert "regel 3" in str(error.value)


def test_placeholders_pass_through_unchanged():
    assert (
        body_to_html("U krijgt [[lkv_oudere_per_uur]].")
        == "<p>U krijgt [[lkv_oudere_per_uur]].</p>"
    )


def test_a_malformed_heading_is_an_error():
    with pytest.raises(TextFormatError, match="tussenkop"):
        body_to_html("##Let op")
    with pytest.raises(TextFormatError, match="tussenkop"):
        body_to_html("### Te diep")
