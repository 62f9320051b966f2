"""How to cite a case: one reference record per case and language, written as the two references
a reader copies (GB/T 7714-2015 in Chinese, an author-date reference in English) and as the three
files reference managers import (BibTeX, RIS, CSL-JSON) beside the case page.

The record holds only what the casebook knows: the casebook as the corporate author (no person is
named, none is recorded), the case's title, its address, the day its file last changed, and the
source report as the case page describes it in words. Nothing is guessed.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from html import escape

from casebook.model import Case, Content, Taxonomy
from casebook.pages.citation import in_words
from casebook.urls import case_path, page_url

BIB, RIS, CSL = "cite.bib", "cite.ris", "cite.json"
FILES = (BIB, RIS, CSL)
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")
CSL_LANGUAGES = {"zh": "zh-CN", "en": "en-GB"}


@dataclass(frozen=True, slots=True)
class Reference:
    key: str  # the citation key: casebook-<case id>
    lang: str
    title: str
    casebook: str  # the site's name in this language: author and container
    url: str  # the case page's address (absolute where the site's address is known)
    updated: str  # YYYY-MM-DD: the day the case's file last changed
    # YYYY-MM-DD, the day of access where known: "" in the files, and on the page until the
    # reader's browser says it
    accessed: str
    source: str  # the source report in words, as the case page says it

    @property
    def year(self) -> str:
        return self.updated[:4]  # "" where the day is not known


def _one_line(text: str) -> str:
    return " ".join(text.split())


def reference(case: Case, lang: str, tax: Taxonomy, root: str, updated: str, accessed: str,
              directory_urls: bool = True) -> Reference:
    """The reference of a case in `lang`; `root` is the language's root address ("" offline)."""
    from casebook.strings import strings

    s = strings()[lang]
    text = case.text(lang)
    return Reference(
        key=f"casebook-{case.id}", lang=lang, title=_one_line(text.title), casebook=s["site_name"],
        url=root + page_url(case_path(case.id), directory_urls), updated=updated, accessed=accessed,
        source=_one_line(in_words(case, text, lang, tax, s)),
    )


def references(content: Content, lang: str, root: str, updated: Mapping[str, str | None], today: str,
               directory_urls: bool = True) -> Iterator[tuple[Case, Reference]]:
    """The reference of every case in `lang` for its files, dated the day its file last changed
    (`today` for one not yet committed). No day of access: that is the reader's, and a file
    that changed with every build's day would make no two builds alike."""
    for case in content.cases:
        day = updated.get(str(case.text(lang).path)) or today
        yield case, reference(case, lang, content.taxonomy, root, day, "", directory_urls)


Part = tuple[str, str]  # ("text" | "url" | "accessed", its text)


def gbt7714(ref: Reference) -> list[Part]:
    """GB/T 7714-2015, electronic resource on the web: 主要责任者. 题名[EB/OL]. (更新日期)[引用日期]. 获取和访问路径.
    A day not known (a case not yet committed; on the page, the day of access, which only the
    reader's browser knows) is left out, not guessed."""
    return [("text", f"{ref.casebook}. {ref.title}[EB/OL]. " + (f"({ref.updated})" if ref.updated else "")),
            ("accessed", f"[{ref.accessed}]" if ref.accessed else ""),
            ("text", ". " if ref.updated or ref.accessed else ""), ("url", ref.url), ("text", ".")]


def _english_day(day: str) -> str:
    y, m, d = day.split("-")
    return f"{int(d)} {MONTHS[int(m) - 1]} {y}"


def english(ref: Reference) -> list[Part]:
    """An author-date reference as English-language reports write one for a web page."""
    year = f" ({ref.year})" if ref.updated else ""
    updated = f" Updated {_english_day(ref.updated)}." if ref.updated else ""
    return [("text", f"{ref.casebook}{year}. {ref.title}.{updated} "), ("url", ref.url),
            ("accessed", f" (accessed {_english_day(ref.accessed)})" if ref.accessed else ""),
            ("text", f". Based on {ref.source[:1].lower()}{ref.source[1:]}")]


def parts(ref: Reference) -> list[Part]:
    """The reference a reader copies in this language, in parts."""
    return gbt7714(ref) if ref.lang == "zh" else english(ref)


def reference_text(ref: Reference) -> str:
    return "".join(text for _, text in parts(ref))


_BIB_SPECIAL = re.compile(r"([\\{}%&$#_^~])")
_BIB_ESCAPES = {"\\": r"\textbackslash{}", "^": r"\^{}", "~": r"\~{}"}


def _bib(text: str) -> str:
    """A BibTeX field value: the characters TeX reads as commands made literal, braces balanced."""
    return _BIB_SPECIAL.sub(lambda m: _BIB_ESCAPES.get(m.group(1), "\\" + m.group(1)), _one_line(text))


def bibtex(ref: Reference) -> str:
    fields = {
        "author": "{" + _bib(ref.casebook) + "}",  # double braces: a corporate author, not "Last, First"
        "title": _bib(ref.title),
        "howpublished": _bib(ref.casebook),
        "year": ref.year,
        "date": ref.updated,
        **({"urldate": ref.accessed} if ref.accessed else {}),
        "url": ref.url.replace("%", r"\%").replace("#", r"\#"),
        "language": {"zh": "chinese", "en": "english"}[ref.lang],
        "note": _bib(ref.source),
    }
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields.items())
    return f"@misc{{{ref.key},\n{body}\n}}\n"


def ris(ref: Reference) -> str:
    """RIS: one tag a line; ELEC is a web page."""
    y, m, d = ref.updated.split("-")
    lines = [("TY", "ELEC"), ("ID", ref.key), ("AU", ref.casebook), ("TI", ref.title), ("T2", ref.casebook),
             ("PY", y), ("DA", f"{y}/{m}/{d}"), *([("Y2", ref.accessed.replace("-", "/"))] if ref.accessed else []),
             ("UR", ref.url),
             ("LA", ref.lang), ("N1", ref.source), ("ER", "")]
    return "".join(f"{tag}  - {_one_line(value)}\r\n" for tag, value in lines)


def _date_parts(day: str) -> dict:
    return {"date-parts": [[int(part) for part in day.split("-")]]}


def csl(ref: Reference) -> str:
    item = {
        "id": ref.key, "type": "webpage", "title": ref.title, "author": [{"literal": ref.casebook}],
        "container-title": ref.casebook, "URL": ref.url, "issued": _date_parts(ref.updated),
        "language": CSL_LANGUAGES[ref.lang], "note": ref.source,
    }
    if ref.accessed:
        item["accessed"] = _date_parts(ref.accessed)
    # One line, as reference managers read it: indented, each of tens of thousands of these files
    # was a third blanks.
    return json.dumps([item], ensure_ascii=False, separators=(",", ":")) + "\n"


WRITERS = {BIB: bibtex, RIS: ris, CSL: csl}


def files_of(ref: Reference, case_id: str) -> Iterator[tuple[str, bytes]]:
    """The three files beside the case page: `cases/<id>/cite.*` under the language's root."""
    for name, write in WRITERS.items():
        yield f"cases/{case_id}/{name}", write(ref).encode("utf-8")


def block(refs: Sequence[Reference], lang: str, prefix: str = "") -> str:
    """"Cite this case" on the case page: each reference (the page's own), the labels of
    the copy button its script adds, and the three files beside the page. Every value escaped.
    The address and the day of access are the build's; casebook-cite.js puts the page's own
    address and the reader's day in their place, since a static page cannot know either.
    `prefix`: from the page to its folder of files ("" where the page is that folder's
    index.html)."""
    from casebook.strings import strings

    s = strings()[lang]
    # The copy button works only with a script: casebook-cite.js puts one after each reference,
    # labelled from here, rather than each page carrying a button that does nothing without it.
    out = [f'<h2 id="cite">{escape(s["cite_heading"])}</h2>\n'
           f'<div class="cb-cite" data-copy="{escape(s["cite_copy"])}" data-done="{escape(s["cite_copied"])}">\n']
    for ref in refs:
        label = s["cite_gbt"] if ref.lang == "zh" else s["cite_english"]
        body = "".join(escape(text) if kind == "text" else f'<span class="cb-cite__{kind}">{escape(text)}</span>'
                       for kind, text in parts(ref))
        parts_ = (f'<p class="cb-cite__label" id="cite-{ref.lang}-label">{escape(label)}</p>\n'
                  f'<p class="cb-cite__ref" id="cite-{ref.lang}" lang="{CSL_LANGUAGES[ref.lang]}">{body}</p>\n')
        out.append(parts_)
    links = " · ".join(f'<a href="{prefix}{name}" download>{escape(kind)}</a>'
                       for name, kind in ((BIB, "BibTeX"), (RIS, "RIS"), (CSL, "CSL-JSON")))
    out.append(f'<p class="cb-cite__files">{escape(s["cite_download"])}{links}</p>\n</div>\n')
    return "".join(out)
