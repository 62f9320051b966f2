"""The Markdown and HTML pieces that the pages of one language share: links, labels, cards."""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Callable

from casebook.corpus.typeset import is_wide
from casebook.derive.indices import Indices
from casebook.incremental.memo import Memo, digest, recall
from casebook.model import Case, Content, Label
from casebook.pages import render
from casebook.pages.page import Mark
from casebook.strings import strings
from casebook.urls import (
    CASES_CSV,
    CASES_JSON,
    DATA,
    GLOSSARY,
    case_path,
    checklist_path,
    measure_path,
    page_url,
    relative,
    relative_url,
    unit_path,
)


def missing_translation_notice(lang: str, written_in: str) -> str:
    """The Markdown of the notice on a page of `lang` that shows a text written in another language."""
    s = strings()[lang]
    notice = s["missing_translation"].format(language=s["lang_names"][written_in])
    return f'!!! warning cb-missing-translation ""\n    {notice}\n'


def plain_text(markdown: str) -> str:
    """Text with Markdown emphasis and links reduced to their words, for HTML-built snippets."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)(\{[^}]*\})?", r"\1", markdown)
    return re.sub(r"(\*\*|__|\*|`)", "", text).strip()


# The end of a sentence: Chinese 。！？ (outside brackets and quotes, which hold sentences of their
# own), or an English full stop, question or exclamation mark before a space and a capital,
# unless it ends a short abbreviation ("No. 3", "St. Mary").
_CLOSERS = {"（": "）", "“": "”", "《": "》", "(": ")", "「": "」"}
_EN_END = re.compile(r"(?<![A-Z])(?<!\b(?:No|St|Dr|Mr|Ms|vs|Co|Jr))(?<!\be\.g)(?<!\bi\.e)"
                     r"[.!?][\"”’)]?(?=\s+[A-Z0-9“\"(])")


# A first sentence longer than this (in characters: Chinese, then English) is cut after a clause.
_LONGEST = {True: 80, False: 200}
_CLAUSE_ENDS = ("；", "：", "; ", ": ", " — ", "，", ", ")


def short_line(summary: str) -> str:
    """The short line of a card, where people scan a list: the summary's first sentence, cut
    after a clause with "…" where that sentence is long."""
    line = first_sentence(summary)
    longest = _LONGEST[any(is_wide(c) for c in line[:20])]
    if len(line) <= longest:
        return line
    for end in _CLAUSE_ENDS:
        at = line.rfind(end, 0, longest)
        # Not inside brackets, which would be left open.
        while at > longest // 3 and any(line.count(o, 0, at) > line.count(c, 0, at) for o, c in _CLOSERS.items()
                                          if o not in "“"):
            at = line.rfind(end, 0, at)
        if at > longest // 3:
            return line[:at].rstrip(" ,;:") + "…"
    return line[:longest].rstrip() + "…"


def first_sentence(text: str) -> str:
    """The first sentence of a text; the whole text where it is one sentence."""
    text = text.strip()
    depth: list[str] = []
    for i, char in enumerate(text):
        if char in _CLOSERS:
            depth.append(_CLOSERS[char])
        elif depth and char == depth[-1]:
            depth.pop()
        elif char in "。！？" and not depth:
            return text[:i + 1]
        elif char in ".!?" and not depth and (m := _EN_END.match(text, i)):
            return text[:m.end()]
    return text


_NAME_ENDS = ("：", ": ")


def short_title(title: str) -> str:
    """What names a case in a list of many: its title up to the colon that follows the unit's
    name ("贵阳市碧海社区：…" -> "贵阳市碧海社区"), or the whole title where it has none."""
    for end in _NAME_ENDS:
        at = title.find(end)
        if at > 0:
            return title[:at]
    return title


def escape(text: str) -> str:
    """Text safe inside a Markdown link label or table cell, and shown as text: markup in it is
    written as entities, which Markdown leaves as they are."""
    return (html.escape(text, quote=False).replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]")
            .replace("|", "\\|").replace("\n", " "))


def widget(widgets: dict[str, str], html: str) -> str:
    """A marker paragraph in the Markdown; the HTML goes in its place after sanitising
    (`SitePage.fragments`)."""
    marker = Mark.WIDGET.at(len(widgets))
    widgets[marker] = html
    return f"\n{marker}\n\n"


class Fragments:
    """The finished HTML of one page that goes in place of marker paragraphs after its Markdown
    is rendered and sanitised, with the cases of each list of cards (`SitePage.fragments` and
    `.cards`). Each page's function makes its own and hands it to its `SitePage`, so nothing
    written for one page is left over for the next."""

    def __init__(self) -> None:
        self.html: dict[str, str] = {}
        self.cards: dict[str, tuple[str, ...]] = {}  # marker -> the cases of its cards

    def put(self, html: str, cases: tuple[str, ...] | None = None) -> str:
        """The marker paragraph to write in the Markdown where `html` goes."""
        marker = Mark.FRAGMENT.at(len(self.html))
        self.html[marker] = html
        if cases is not None:
            self.cards[marker] = cases
        return f"\n{marker}\n\n"

    def page_args(self) -> dict:
        """As `SitePage` arguments."""
        return {"fragments": self.html, "cards": self.cards}


class Writer:
    """Markdown pieces shared by the pages of one language."""

    def __init__(self, content: Content, indices: Indices, lang: str, directory_urls: bool = True,
                 headings: render.HeadingStyle | None = None, memo: Memo | None = None):
        self.content, self.indices, self.lang = content, indices, lang
        self.directory_urls = directory_urls
        self.headings = headings
        self._cards: dict[tuple[str, str], str] = {}  # (root, case) -> the card's lines above its tags
        self._chips: dict[tuple[str, str], str] = {}  # (root, page) -> a unit type's or category's chip
        self.s = strings()[lang]
        self.tax = content.taxonomy
        self.memo = memo
        # What every card depends on besides its case: the taxonomy's labels and the language.
        self._card_context = digest(repr((lang, directory_urls, self.tax))) if memo is not None else ""

    def link(self, here: str, text: str, to: str, cls: str | None = None) -> str:
        attrs = f"{{ .{cls} }}" if cls else ""
        return f"[{escape(text)}]({relative(here, to)}){attrs}"

    def label(self, label: Label) -> str:
        return label(self.lang)

    def unit_link(self, here: str, unit: str) -> str:
        return self.link(here, self.tax.unit_label(unit, self.lang), unit_path(unit), "cb-unit")

    def chips(self, here: str, measures) -> str:
        return " ".join(self.link(here, self.tax.measure_label(m, self.lang), measure_path(m), "cb-chip")
                        for m in measures)

    def region(self, case: Case) -> str:
        """The place, as an address is written in the language: 贵州省贵阳市, Guiyang, Guizhou."""
        parts = case.text(self.lang).region.parts()
        return "".join(parts) if self.lang == "zh" else ", ".join(reversed(parts))

    def where(self, case: Case) -> str:
        parts = [self.region(case)]
        if case.year:
            parts.append(str(case.year))
        return " · ".join(p for p in parts if p)

    def card(self, here: str, case: Case, unit_shown: bool = False, measure_shown: str | None = None) -> str:
        """A case in a list: title, place and year, the summary's first sentence, unit type and
        categories (the whole summary is on the case's page). `unit_shown`, `measure_shown`:
        what the list's page is about, which its cards do not repeat (a unit type's page, a
        category's, one unit type in one category).

        Written as HTML with finished addresses, not Markdown: an index page lists up to every
        case, and Markdown made these pages cost as much as all the case pages together. Its
        links go through the site root ("../../cases/x/"), so that a case's card is the same on
        every page of one depth and is written once for all of them, its tags apart."""
        root = self.root(here)
        key = (root, case.id)
        if key not in self._cards:
            text = case.text(self.lang)
            # Kept between builds by all that the card shows: the text's file, and the fields
            # of the case that come from its other language's file.
            kept = text.digest and ("card-body", self._card_context, root, case.id, text.digest, case.year)
            self._cards[key] = recall(self.memo, kept, lambda: self._card(root, case))
        tags = ([] if unit_shown else [self._chip(root, "cb-unit", unit_path(case.unit_type),
                                                  self.tax.unit_label(case.unit_type, self.lang))])
        tags += [self._chip(root, "cb-chip", measure_path(m), self.tax.measure_label(m, self.lang))
                 for m in case.measures if m != measure_shown]
        line = f'<p class="cb-card__tags">{" ".join(tags)}</p>\n' if tags else ""
        return f'<div class="cb-card">\n{self._cards[key]}{line}</div>'

    def root(self, here: str) -> str:
        """The relative address of the site root from a page."""
        return "../" * page_url(here, self.directory_urls).count("/")

    def _chip(self, root: str, cls: str, to: str, label: str) -> str:
        key = (root, to)
        if key not in self._chips:
            self._chips[key] = (f'<a class="{cls}" href="{html.escape(root + page_url(to, self.directory_urls))}">'
                                f'{html.escape(label)}</a>')
        return self._chips[key]

    def _card(self, root: str, case: Case) -> str:
        """A card's lines above its tags."""
        text = case.text(self.lang)
        href = html.escape(root + page_url(case_path(case.id), self.directory_urls))
        return (
            f'<p class="cb-card__head"><a class="cb-card__title" href="{href}">{html.escape(text.title)}</a></p>\n'
            f'<p class="cb-card__where">{html.escape(self.where(case) or self.s["where_unknown"])}</p>\n'
            f'<p class="cb-card__line">{html.escape(short_line(plain_text(text.summary)))}</p>\n'
        )

    def url(self, here: str, to: str) -> str:
        return relative_url(here, to, self.directory_urls)

    def cards(self, here: str, cases: tuple[Case, ...], fragments: Fragments, unit_shown: bool = False,
              measure_shown: str | None = None) -> str:
        """A marker paragraph; the cards themselves go into the page's `fragments`."""
        if not cases:
            return self.s["no_cases"] + "\n"
        html = ('<div class="cb-cards">\n' + "\n".join(self.card(here, c, unit_shown, measure_shown) for c in cases)
                + "\n</div>")
        return fragments.put(html, tuple(c.id for c in cases))

    def notice(self, fallback_from: str | None) -> str:
        return missing_translation_notice(self.lang, fallback_from) + "\n" if fallback_from else ""

    def resolve(self, here: str) -> Callable[[str, str], str]:
        def resolve(scheme: str, target: str) -> str:
            if scheme == "case":
                return relative(here, case_path(target))
            if scheme == "checklist":
                return relative(here, checklist_path(target))
            return relative(here, GLOSSARY) + f"#{target}"
        return resolve

    def resolve_url(self, here: str) -> Callable[[str, str], str]:
        """As `resolve`, to finished addresses, for HTML that no generator rewrites."""
        def resolve(scheme: str, target: str) -> str:
            if scheme == "glossary":
                return self.url(here, GLOSSARY) + f"#{target}"
            return self.url(here, case_path(target) if scheme == "case" else checklist_path(target))
        return resolve

    def data_links(self, here: str) -> str:
        """The line under the browse and statistics pages that leads to the open data."""
        s = self.s
        files = " · ".join(f"[{posixpath.basename(p)}]({relative(here, p)})" for p in (CASES_CSV, CASES_JSON))
        return (f"{s['data_links']}{s['colon']}{files} · "
                f"[{s['data_fields_link']}]({relative(here, DATA)}#case-fields)\n"
                "{: .cb-data-links }\n")
