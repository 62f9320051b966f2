"""What a published site carries besides its pages: head metadata, robots.txt and the feeds.

Every language is a site of its own under its root (`/`, `/en/`), and every page has the same
path under each root; so a page's alternates are its path under every root, and the site's
address (`site_url`, from CASEBOOK_SITE_URL) is all that makes them absolute.
"""

from __future__ import annotations

import html
import os
import posixpath
import re
import time
import unicodedata
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import astuple, dataclass
from datetime import UTC, datetime
from functools import partial
from typing import TYPE_CHECKING

from casebook.incremental.memo import Memo, recall
from casebook.model import DEFAULT_LANGUAGE, LANGUAGES, Case, Checklist, Content
from casebook.pages.datafiles import DataFile
from casebook.pages.writer import plain_text
from casebook.urls import case_path, checklist_path, measure_path, page_url, unit_path

if TYPE_CHECKING:
    from casebook.pages.cite import Reference

SITE_URL_VARIABLE = "CASEBOOK_SITE_URL"
FEED, ROBOTS, SITEMAP = "feed.xml", "robots.txt", "sitemap.xml"
# Search engines cut what they show at about 160 Latin characters or 80 Chinese ones, and page
# titles at about 60 and 30: widths counted with a Chinese character as two.
DESCRIPTION_WIDTH, TITLE_WIDTH = 160, 64
OG_LOCALES = {"zh": "zh_CN", "en": "en_US"}
_CJK_SPACE = re.compile(r"(?<=[\u3000-\u9fff\uff00-\uffef]) (?=[\u3000-\u9fff\uff00-\uffef])")


def site_root(url: str | None) -> str:
    """The site's address with one final slash; the default language lives there. "" for a
    site with no address (the offline copy): its links stay relative and its head names none."""
    return url.rstrip("/") + "/" if url else ""


def language_root(url: str | None, lang: str) -> str:
    return site_root(url) + ("" if lang == DEFAULT_LANGUAGE else f"{lang}/")


def width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def shorten(text: str, limit: int) -> str:
    """`text` cut to `limit` columns at a word or sentence end, with an ellipsis where cut."""
    # Lines of a folded YAML summary are joined by a space, which Chinese does not put between words.
    text = _CJK_SPACE.sub("", " ".join(text.split()))
    if width(text) <= limit:
        return text
    kept, used = [], 0
    for c in text:
        used += width(c)
        if used > limit - 1:
            break
        kept.append(c)
    cut = "".join(kept)
    # Latin text is cut at a space; Chinese has none between words, and any character will do.
    if " " in cut and not any(width(c) == 2 for c in cut[-8:]):
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:，；：、。.") + "…"


def html_title(title: str, site_name: str) -> str:
    """`<title>`: the page's title and the site's name while they fit, else the title alone."""
    title = " ".join(title.split())
    if not title or title == site_name:
        return site_name
    both = f"{title} - {site_name}"
    return both if width(both) <= TITLE_WIDTH else shorten(title, TITLE_WIDTH)


@dataclass(frozen=True, slots=True)
class PageFacts:
    """What the head of one page says about it, beyond what the generator knows."""

    description: str
    kind: str  # Open Graph type: "article" for a case or checklist, "website" for the others
    updated: str | None = None  # YYYY-MM-DD of its file's last commit (the sitemap's lastmod)


def page_facts(content: Content, lang: str, updated: Mapping[str, str | None] | None = None,
               memo: Memo | None = None) -> dict[str, PageFacts]:
    """Source path -> description of each case and checklist page, from its summary, and the day
    its file last changed (`updated`: content file -> day, as the pages show it). Descriptions
    kept in `memo` by their file's content: measured in columns character by character, they
    were seconds of every rebuild at 10,000 cases."""
    updated = updated or {}
    facts = {}
    pages: list[tuple[Case | Checklist, str]] = [*((c, case_path(c.id)) for c in content.cases),
                                                 *((c, checklist_path(c.id)) for c in content.checklists)]
    for item, path in pages:
        text = item.text(lang)
        # A checklist's text has no digest: worked out each time (there are few).
        kept_by = getattr(text, "digest", "")
        summary = text.summary
        description = recall(memo, ("description", kept_by, text.lang) if kept_by else None,
                             partial(_description, summary))
        facts[path] = PageFacts(description, "article", updated.get(str(text.path)))
    return facts


def _description(summary: str) -> str:
    return shorten(plain_text(summary), DESCRIPTION_WIDTH)


def _cite_files(ref: Reference, id: str) -> tuple[tuple[str, str], ...]:
    from casebook.pages import cite

    return tuple((path, data.decode("utf-8")) for path, data in cite.files_of(ref, id))


def page_meta(facts: PageFacts | None, title: str, site_name: str, description: str, lang: str) -> dict[str, str]:
    """The entries of a page's meta that the theme puts in its head; `description`: the site's,
    for pages with none of their own. `title` as the generator gives it: HTML text, entities and
    all (MkDocs takes it from the page's rendered `# heading`). HTML-escaped: the theme prints
    meta values as they are, and a summary may hold quotes."""
    title = html.unescape(title)
    values = {
        "description": facts.description if facts else shorten(description, DESCRIPTION_WIDTH),
        "casebook_title": html_title(title, site_name),
        "casebook_og_title": " ".join(title.split()) or site_name,
        "casebook_og_type": facts.kind if facts else "website",
        "casebook_og_locale": OG_LOCALES[lang],
    }
    return {key: html.escape(value, quote=True) for key, value in values.items()}


def alternates(url: str | None, page: str) -> dict[str, str]:
    """Language -> the address of a page (its URL under a language's root) in that language."""
    return {lang: language_root(url, lang) + page for lang in LANGUAGES}


def robots(url: str | None) -> str:
    """robots.txt: everything may be crawled; the sitemaps of every language are named."""
    maps = "".join(f"Sitemap: {language_root(url, lang)}{SITEMAP}\n" for lang in LANGUAGES)
    return f"User-agent: *\nAllow: /\n\n{maps}"


def feed_of(page: str) -> str:
    """The feed of a unit type's or category's page, beside it: `units/hospital/index.md` ->
    `units/hospital/feed.xml` (under the language's root)."""
    return posixpath.join(posixpath.dirname(page), FEED)


def index_feeds(content: Content) -> dict[str, str]:
    """Page -> its own feed, for every unit type's and category's page."""
    pages = [*(unit_path(u.id) for u in content.taxonomy.unit_types),
             *(measure_path(m.id) for m in content.taxonomy.measures)]
    return {page: feed_of(page) for page in pages}


def data_files(content: Content, lang: str, site_name: str, updated: Mapping[str, str | None],
               url: str | None, directory_urls: bool = True, today: str | None = None,
               memo: Memo | None = None) -> Iterator[DataFile]:
    """The feed of this language's cases and one per unit type and category, the citation files
    of every case (kept in `memo` by the reference they write: three files a case, which every
    rebuild of `mkdocs serve` wrote out again), and robots.txt at the site root (default language)."""
    from casebook.pages import cite, datapackage, feed
    from casebook.strings import strings

    # SOURCE_DATE_EPOCH, where set, makes two builds of one commit the same (as MkDocs reads it).
    now = datetime.fromtimestamp(int(os.environ.get("SOURCE_DATE_EPOCH") or time.time()), UTC)
    day = today or now.strftime("%Y-%m-%d")
    root = language_root(url, lang)
    entries = {
        case.id: feed.Entry(
            id=case.id,
            title=case.text(lang).title,
            summary=plain_text(case.text(lang).summary),
            link=root + page_url(case_path(case.id), directory_urls),
            # A file not yet committed has no date in git: it is new, as of this build.
            updated=updated.get(str(case.text(lang).path)) or day,
        )
        for case in content.cases
    }
    def carried(shown: Sequence[feed.Entry]) -> tuple[str, ...]:  # what a feed carries: the newest
        return tuple(e.id for e in feed.newest(shown))

    yield DataFile(FEED, feed.atom(site_name, root, FEED, lang, list(entries.values())),
                   carried(list(entries.values())),
                   index=True)
    tax, s = content.taxonomy, strings()[lang]
    feeds = index_feeds(content)
    for unit in tax.unit_types:
        ids = tuple(c.id for c in content.cases if c.unit_type == unit.id)
        page = unit_path(unit.id)
        title = s["index_feed_title"].format(site=site_name, index=tax.unit_label(unit.id, lang))
        shown = [entries[i] for i in ids]
        yield DataFile(feeds[page], feed.atom(title, root, feeds[page], lang, shown, f"unit:{unit.id}",
                                              page_url(page, directory_urls)), carried(shown), index=True)
    for measure in tax.measures:
        ids = tuple(c.id for c in content.cases if measure.id in c.measures)
        page = measure_path(measure.id)
        title = s["index_feed_title"].format(site=site_name, index=tax.measure_label(measure.id, lang))
        shown = [entries[i] for i in ids]
        yield DataFile(feeds[page], feed.atom(title, root, feeds[page], lang, shown, f"measure:{measure.id}",
                                              page_url(page, directory_urls)), carried(shown), index=True)
    for case, ref in cite.references(content, lang, root, updated, day, directory_urls):
        for path, text in recall(memo, ("cite-files", case.id, *astuple(ref)), partial(_cite_files, ref, case.id)):
            yield DataFile(path, text.encode("utf-8"))
    newest = max((d for d in updated.values() if d), default=day)
    yield DataFile(datapackage.DATAPACKAGE, datapackage.datapackage(s, datapackage.version_of(newest)).encode())
    if lang == DEFAULT_LANGUAGE:
        yield DataFile(ROBOTS, robots(url).encode())


# What the common hosts take (README, "Publishing"): GitHub Pages publishes at most 1 GB, GitLab
# Pages counts the uncompressed artifact (1 GB on gitlab.com). A site this close is warned of.
HOST_LIMIT_MB = 1000
NEAR_LIMIT = 0.8


def size_report(total_bytes: int, files: int, limit_mb: int = HOST_LIMIT_MB) -> tuple[str, str]:
    """("info" or "warning", what to say of a built site of `total_bytes` in `files` files):
    the size always; above `limit_mb` (0: none) a warning, which fails a strict build, since the
    host would refuse the site; near it a notice of how much is left."""
    mb = total_bytes / 1e6
    said = f"the site is {mb:,.0f} MB in {files:,} files"
    if limit_mb and mb > limit_mb:
        return "warning", (f"{said}: more than the {limit_mb:,} MB that GitHub Pages and gitlab.com publish. "
                           "Publish it with nginx (make publish; deploy/nginx/), or see README, "
                           "\"Past one machine\"; the casebook plugin's site_limit_mb in mkdocs.yml sets the limit "
                           "(0: none)")
    if limit_mb and mb > limit_mb * NEAR_LIMIT:
        return "info", (f"{said}: {limit_mb - mb:,.0f} MB below the {limit_mb:,} MB that GitHub Pages and "
                        "gitlab.com publish (README, \"Past one machine\")")
    return "info", said


_KEPT_AS_IS = re.compile(r"(<pre\b.*?</pre>|<textarea\b.*?</textarea>)", re.S | re.I)
# A line break with the blanks around it, and the blank lines after it: one line break.
_INDENT = re.compile(r"[ \t]*\n[ \t\r\n]*")  # ASCII blanks only: an ideographic space is text


# A line break between the end of one block and the start of the next (or the end of the one
# around it), which no browser shows: the elements are blocks in the theme and the site's styles.
_BLOCK = r"(?:p|div|ul|ol|li|dl|dt|dd|h[1-6]|table|thead|tbody|tr|th|td|nav|main|article|header|section)"
_BETWEEN_BLOCKS = re.compile(rf"(</{_BLOCK}>)\n(?=</?{_BLOCK}[\s>])")
# In the head nothing is shown: no line break between its elements.
_HEAD = re.compile(r"<head>.*?</head>", re.S)


def compact_html(page: str) -> str:
    """A page without the indentation and the blank lines its templates write (a tenth of a case
    page): each line's leading and trailing blanks and every empty line go, one line break
    stays where there were any, so that no text runs into the next and a browser shows the same
    (white space between tags collapses to one space); preformatted text is left as it is. The
    line break goes too between two blocks and between the elements of the head, where no
    browser shows one."""
    parts = _KEPT_AS_IS.split(page)
    parts[::2] = [_BETWEEN_BLOCKS.sub(r"\1", _INDENT.sub("\n", part)) for part in parts[::2]]
    return _HEAD.sub(lambda m: m.group().replace(">\n<", "><"), "".join(parts), count=1)
