"""Pure functions on HTML: NL Design System classes, and marking glossary terms.

Both read HTML with the standard library's parser and write it out again: tags
and attributes as they were (attribute values re-escaped), text re-escaped. They
are meant for the HTML of rich text fields, which is well-formed and small.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from html import escape
from html.parser import HTMLParser

VOID_TAGS = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
)

#: Text inside these elements is never marked as a glossary term.
NO_TERMS_INSIDE = frozenset(
    {
        "a",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "code",
        "pre",
        "button",
        "label",
        "summary",
        "script",
        "style",
        "svg",
        "title",
        "textarea",
        "select",
        "option",
        "abbr",
        "dfn",
    }
)

NLDS_CLASSES = {
    "p": "utrecht-paragraph",
    "ul": "utrecht-unordered-list",
    "ol": "utrecht-ordered-list",
    "h2": "utrecht-heading-2",
    "h3": "utrecht-heading-3",
    "h4": "utrecht-heading-4",
    "a": "utrecht-link utrecht-link--html-a",
    "blockquote": "utrecht-blockquote",
    "table": "utrecht-table",
}
_LIST_ITEM_CLASSES = {"ul": "utrecht-unordered-list__item", "ol": "utrecht-ordered-list__item"}

Attrs = list[tuple[str, str | None]]


def _start_tag(tag: str, attrs: Attrs, *, close: bool = False) -> str:
    parts = [tag]
    for name, value in attrs:
        parts.append(name if value is None else f'{name}="{escape(value)}"')
    return "<" + " ".join(parts) + (" />" if close else ">")


class _Rewriter(HTMLParser):
    """Copies HTML, letting subclasses change start tags and text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.stack: list[str] = []

    def start(self, tag: str, attrs: Attrs) -> Attrs:
        return attrs

    def text(self, data: str) -> str:
        return escape(data, quote=False)

    def handle_starttag(self, tag: str, attrs: Attrs) -> None:
        attrs = self.start(tag, attrs)
        self.out.append(_start_tag(tag, attrs))
        if tag not in VOID_TAGS:
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: Attrs) -> None:
        attrs = self.start(tag, attrs)
        self.out.append(_start_tag(tag, attrs, close=tag not in VOID_TAGS))

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID_TAGS:
            return
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index] == tag:
                del self.stack[index:]
                break
        else:
            return  # a stray end tag: drop it
        self.out.append(f"</{tag}>")

    def handle_data(self, data: str) -> None:
        self.out.append(self.text(data))

    def handle_comment(self, data: str) -> None:
        pass  # comments are not content

    def handle_decl(self, decl: str) -> None:
        pass

    def rewrite(self, html: str) -> str:
        self.feed(html)
        self.close()
        for tag in reversed(self.stack):  # close what the input left open
            self.out.append(f"</{tag}>")
        return "".join(self.out)


def _with_class(attrs: Attrs, classes: str) -> Attrs:
    existing = next((value or "" for name, value in attrs if name == "class"), "")
    merged = " ".join(dict.fromkeys([*existing.split(), *classes.split()]))
    return [*((n, v) for n, v in attrs if n != "class"), ("class", merged)]


class _NldsClasses(_Rewriter):
    def start(self, tag: str, attrs: Attrs) -> Attrs:
        if tag == "li":
            parent = next((t for t in reversed(self.stack) if t in _LIST_ITEM_CLASSES), "")
            classes = _LIST_ITEM_CLASSES.get(parent, "")
        else:
            classes = NLDS_CLASSES.get(tag, "")
        return _with_class(attrs, classes) if classes else attrs


def add_nlds_classes(html: str) -> str:
    """Give rich text elements their NL Design System classes (``<p>`` → ``utrecht-paragraph``).

    Links get ``utrecht-link utrecht-link--html-a``, which carries the focus style.
    """
    return _NldsClasses().rewrite(html)


# --- Glossary terms ------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Term:
    """A glossary term with its other spellings."""

    slug: str
    term: str
    definition: str
    synonyms: tuple[str, ...] = ()

    @property
    def forms(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(f.strip() for f in (self.term, *self.synonyms) if f.strip()))


@dataclass(slots=True)
class Marker:
    """Marks the first occurrence of each term, across several pieces of HTML.

    Use one marker per page: a term marked in the first field is not marked again
    in a later one. ``used`` lists the marked terms in order, so the page can show
    their definitions (the targets of ``aria-describedby``).
    """

    terms: Sequence[Term]
    href: Callable[[Term], str]
    id_prefix: str = "begrip-"
    seen: set[str] = field(default_factory=set)
    used: list[Term] = field(default_factory=list)
    _pattern: re.Pattern[str] | None = field(default=None, init=False, repr=False)
    _by_form: dict[str, Term] = field(default_factory=dict, init=False, repr=False)

    def __post_init__(self) -> None:
        forms: list[str] = []
        for term in self.terms:
            for form in term.forms:
                key = _normalise(form)
                if key not in self._by_form:
                    self._by_form[key] = term
                    forms.append(form)
        if forms:
            alternatives = "|".join(
                r"\s+".join(re.escape(word) for word in form.split())
                for form in sorted(forms, key=len, reverse=True)
            )
            self._pattern = re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])", re.IGNORECASE)

    def element_id(self, term: Term) -> str:
        return f"{self.id_prefix}{term.slug}"

    def mark(self, html: str) -> str:
        """``html`` with the first occurrence of each not yet seen term linked."""
        if self._pattern is None or not html:
            return html
        return _TermRewriter(self).rewrite(html)

    def _mark_text(self, data: str) -> str:
        assert self._pattern is not None
        out: list[str] = []
        position = 0
        for match in self._pattern.finditer(data):
            term = self._by_form[_normalise(match.group(0))]
            if term.slug in self.seen:
                continue
            self.seen.add(term.slug)
            self.used.append(term)
            out.append(escape(data[position : match.start()], quote=False))
            out.append(
                f'<a class="utrecht-link utrecht-link--html-a werkpunt-term" '
                f'href="{escape(self.href(term))}" '
                f'aria-describedby="{escape(self.element_id(term))}">'
                f"{escape(match.group(0), quote=False)}</a>"
            )
            position = match.end()
        out.append(escape(data[position:], quote=False))
        return "".join(out)


def _normalise(form: str) -> str:
    return " ".join(form.casefold().split())


class _TermRewriter(_Rewriter):
    def __init__(self, marker: Marker) -> None:
        super().__init__()
        self.marker = marker

    def text(self, data: str) -> str:
        if any(tag in NO_TERMS_INSIDE for tag in self.stack):
            return escape(data, quote=False)
        return self.marker._mark_text(data)


def mark_terms(
    html: str,
    terms: Iterable[Term],
    *,
    href: Callable[[Term], str] = lambda term: f"/begrippen/#{term.slug}",
    seen: set[str] | None = None,
) -> tuple[str, list[Term]]:
    """Link the first occurrence of each glossary term (or a synonym) in ``html``.

    Case-insensitive, whole words only (a hyphen counts as part of a word, so
    "WSP-contactpersoon" does not match "WSP"), never inside links, headings, code
    or buttons. Terms in ``seen`` are skipped; marked slugs are added to it.
    Returns the new HTML and the marked terms, in order.
    """
    marker = Marker(list(terms), href, seen=seen if seen is not None else set())
    return marker.mark(html), marker.used
