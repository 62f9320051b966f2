"""Hand-written pages (`<name>.<lang>.md` in docs/): which file each language shows.

And the notice on a page that shows another language's text while its own is missing."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from casebook.corpus.typeset import typeset_markdown
from casebook.model import LANGUAGES
from casebook.pages.writer import missing_translation_notice
from casebook.urls import language_file


@dataclass(frozen=True, slots=True)
class Handwritten:
    path: str  # the page's source path in every language: "about.md"
    file: str  # the file it is made from: "about.zh.md"
    written_in: str  # that file's language


def choose(names: Iterable[str], lang: str) -> tuple[Handwritten, ...]:
    """Each page once, from its file in `lang` or, where that is missing, from the file of the
    first language that has one. `names`: files named `<name>.<lang>.md`."""
    variants: dict[str, dict[str, str]] = {}
    for name in names:
        stem, written_in = language_file(name)
        variants.setdefault(stem, {})[written_in] = name
    chosen = []
    for stem, by_lang in variants.items():
        written_in = lang if lang in by_lang else next(x for x in LANGUAGES if x in by_lang)
        chosen.append(Handwritten(f"{stem}.md", by_lang[written_in], written_in))
    return tuple(chosen)


def with_notice(markdown: str, lang: str, written_in: str) -> str:
    """A page of `lang` that shows a text written in another language, with the notice that says
    so under its title."""
    notice = missing_translation_notice(lang, written_in)
    head, _, rest = markdown.partition("\n")
    if head.startswith("# "):
        return f"{head}\n\n{notice}\n{rest}"
    return f"{notice}\n{markdown}"


def typeset(markdown: str, written_in: str) -> str:
    """A hand-written page set as the content is (corpus/typeset.py): no white space between two
    Chinese characters, Chinese quotation marks in Chinese."""
    return typeset_markdown(markdown, written_in)
