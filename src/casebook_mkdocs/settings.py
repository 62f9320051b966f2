"""The adapter's configuration: read once per build from MkDocs' configuration and the environment."""

from __future__ import annotations

import difflib
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping

from mkdocs.config.defaults import MkDocsConfig

from casebook.model import DEFAULT_LANGUAGE, LANGUAGES
from casebook.pages import publish

LANGUAGE = "CASEBOOK_LANGUAGE"  # the language a build makes; unset: the default language
LANGUAGES_WANTED = "CASEBOOK_LANGUAGES"  # "zh": build that language alone (for profiling)
MEMO = "CASEBOOK_MEMO"  # "0": keep nothing between builds (the benchmark's cold builds)
HANDOFF = "CASEBOOK_LOADED"  # "stdin": the default build's loaded content comes through standard input


@dataclass(frozen=True, slots=True)
class Settings:
    lang: str
    languages: tuple[str, ...]  # every language this build and its children make
    base: Path  # the folder of mkdocs.yml
    content_dir: Path
    docs_dir: Path
    site_dir: Path
    config_file: str
    directory_urls: bool
    strict: bool
    site_url: str  # the site's root address with a final slash (the default language's); "" for none
    repo_url: str | None
    edit_uri: str
    fast_render: bool  # extra.casebook_fast_render: the core renders case pages where it can
    extra_pages: tuple[str, ...]  # extra.casebook_pages: hand-written pages at the end of the navigation
    site_limit_mb: int  # extra.casebook_site_limit_mb: a larger site is warned of (0: never)
    keep_memo: bool
    handoff: str | None  # the file the default language's build left for this one

    @property
    def is_default(self) -> bool:
        return self.lang == DEFAULT_LANGUAGE

    @property
    def cache_file(self) -> Path:
        """Where this language's builds keep what they worked out: in .cache/ beside mkdocs.yml,
        where Material keeps its plugins' caches (and where CI can keep them between runs)."""
        return self.base / ".cache" / "casebook" / f"{self.lang}.sqlite"

    def edit_url(self, source: str | None) -> str | None:
        if not source or not self.repo_url:
            return None
        return f"{self.repo_url.rstrip('/')}/{self.edit_uri.strip('/')}/{source}"


# The settings of mkdocs.yml's `extra:` that the casebook reads, with their types; the adapter
# itself writes other casebook_* keys there for the templates (casebook_404, ...).
OPTIONS = {"casebook_fast_render": bool, "casebook_pages": list, "casebook_site_limit_mb": int}
WRITTEN = ("casebook_404", "casebook_roots", "casebook_alternate", "casebook_updated")


def read(config: MkDocsConfig, environ: Mapping[str, str] = os.environ) -> Settings:
    """The settings, checked once: a wrong value is a ValueError that names the setting, what it
    holds and what it may hold."""
    lang = environ.get(LANGUAGE) or DEFAULT_LANGUAGE
    wanted = environ.get(LANGUAGES_WANTED)
    if lang not in LANGUAGES:
        raise ValueError(f"{LANGUAGE}={lang}: not a language of the casebook ({', '.join(LANGUAGES)})")
    unknown = [x for x in (wanted or "").split(",") if x and x not in LANGUAGES]
    if unknown:
        raise ValueError(f"{LANGUAGES_WANTED}={wanted}: {', '.join(unknown)} is not a language of the casebook "
                         f"({', '.join(LANGUAGES)}, separated by commas)")
    languages = tuple(x for x in LANGUAGES if not wanted or x in wanted.split(","))
    if lang not in languages:
        raise ValueError(f"{LANGUAGE}={lang} is not among {LANGUAGES_WANTED}={wanted}")
    if environ.get(HANDOFF) not in (None, "", "stdin"):
        # Set by the default language's build for its children only: the hand-off comes through
        # their standard input, never from a file that could be swapped.
        raise ValueError(f"{HANDOFF}={environ.get(HANDOFF)}: set only by the casebook's own builds (stdin)")
    memo = environ.get(MEMO)
    if memo not in (None, "", "0", "1"):
        raise ValueError(f"{MEMO}={memo}: 0 (keep nothing between builds) or 1 (the default)")
    extra = _extra(config.extra or {})
    base = Path(config.config_file_path).parent
    return Settings(
        lang=lang, languages=languages, base=base, content_dir=base / "content",
        docs_dir=Path(config.docs_dir), site_dir=Path(config.site_dir), config_file=config.config_file_path,
        directory_urls=config.use_directory_urls, strict=bool(config.strict), site_url=publish.site_root(config.site_url),
        repo_url=config.repo_url, edit_uri=config.edit_uri or "",
        fast_render=extra.get("casebook_fast_render", True),
        extra_pages=tuple(extra.get("casebook_pages", ())),
        site_limit_mb=extra.get("casebook_site_limit_mb", publish.HOST_LIMIT_MB),
        keep_memo=memo != "0", handoff=environ.get(HANDOFF) or None,
    )


def _extra(extra: Mapping) -> dict:
    """The casebook's settings in `extra:`, each of its type."""
    out = {}
    for key, value in extra.items():
        if not str(key).startswith("casebook_") or key in WRITTEN:
            continue
        kind = OPTIONS.get(key)
        if kind is None:
            close = difflib.get_close_matches(key, OPTIONS, n=1)
            hint = f"; did you mean {close[0]}?" if close else f"; the casebook reads {', '.join(OPTIONS)}"
            raise ValueError(f"mkdocs.yml: extra.{key}: not a setting of the casebook{hint}")
        if kind is bool and not isinstance(value, bool):
            raise ValueError(f"mkdocs.yml: extra.{key}: true or false, not {value!r}")
        if kind is int and not (isinstance(value, int) and not isinstance(value, bool) and value >= 0):
            raise ValueError(f"mkdocs.yml: extra.{key}: a whole number of megabytes, 0 or more, not {value!r}")
        if kind is list and not (isinstance(value, list) and all(isinstance(v, str) and v.endswith(".md") for v in value)):
            raise ValueError(f"mkdocs.yml: extra.{key}: a list of pages in docs/ such as about.md, not {value!r}")
        out[key] = value
    return out
