"""The infographic: an inline SVG with a name, a description and a text alternative."""

from __future__ import annotations

from xml.etree import ElementTree as ET

from werkpunt.content.infographic import Money, Step, render_svg

SVG = "{http://www.w3.org/2000/svg}"


def _svg(**kwargs):
    markup = render_svg(
        title=kwargs.pop("title", "Zo werkt het: LKV"),
        steps=kwargs.pop(
            "steps",
            [
                Step("Vraag de doelgroepverklaring aan.", "binnen 3 maanden", "werknemer"),
                Step("Zet het in de loonaangifte.", who="werkgever"),
            ],
        ),
        money=kwargs.pop("money", [Money("Per verloond uur", "€ 3,05 per uur")]),
        described_by="stappen",
        **kwargs,
    )
    return markup, ET.fromstring(markup)


def test_the_svg_is_an_image_with_title_description_and_text_alternative():
    _markup, svg = _svg()

    assert svg.tag == f"{SVG}svg"
    assert svg.get("role") == "img"
    title = svg.find(f"{SVG}title")
    desc = svg.find(f"{SVG}desc")
    assert title is not None
    assert title.text == "Zo werkt het: LKV"
    assert desc is not None
    assert "2 stappen" in (desc.text or "")
    assert svg.get("aria-labelledby") == title.get("id")
    assert svg.get("aria-describedby") == f"{desc.get('id')} stappen"
    assert svg.get("focusable") == "false"


def test_every_step_deadline_and_amount_is_drawn():
    _markup, svg = _svg()
    texts = " ".join(t.text or "" for t in svg.iter(f"{SVG}text"))

    assert len(list(svg.iter(f"{SVG}circle"))) == 2
    assert len(list(svg.iter(f"{SVG}line"))) == 1
    assert "Vraag de doelgroepverklaring aan." in texts
    assert "Wanneer: binnen 3 maanden" in texts
    assert "Wie: werkgever" in texts
    assert "€ 3,05 per uur" in texts
    assert "Per verloond uur" in texts


def test_a_provisional_amount_says_so():
    _markup, svg = _svg(money=[Money("Weekloon", "€ 460,40", provisional=True)])

    assert "€ 460,40 (voorlopig)" in [t.text for t in svg.iter(f"{SVG}text")]


def test_long_text_wraps_and_the_height_grows():
    _short, short = _svg(steps=[Step("Kort.")])
    _long, long = _svg(steps=[Step("Een heel lange stap " * 10)])

    assert len(list(long.iter(f"{SVG}text"))) > len(list(short.iter(f"{SVG}text")))
    assert int(long.get("viewBox").split()[3]) > int(short.get("viewBox").split()[3])


def test_text_is_escaped():
    markup, svg = _svg(title="A <b> & c", steps=[Step("<script>x</script>")])

    assert "<script>" not in markup
    assert svg.find(f"{SVG}title").text == "A <b> & c"


def test_no_script_and_nothing_from_elsewhere():
    markup, svg = _svg()

    assert "script" not in markup
    assert "href" not in markup
    assert all(e.get("style") is None for e in svg.iter())
