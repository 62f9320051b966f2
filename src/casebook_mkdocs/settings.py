"""The adapter's configuration: read once per build from MkDocs' configuration and the environment."""

from __future__ import annotations

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
HANDOFF = "CASEBOOK_LOADED"  # the default build's loaded content, for the other languages' builds


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


def read(config: MkDocsConfig, environ: Mapping[str, str] = os.environ) -> Settings:
    lang = environ.get(LANGUAGE) or DEFAULT_LANGUAGE
    wanted = environ.get(LANGUAGES_WANTED)
    languages = tuple(x for x in LANGUAGES if not wanted or x in wanted.split(","))
    if lang not in languages:
        raise ValueError(f"{LANGUAGE}={lang} is not among {LANGUAGES_WANTED}")
    base = Path(config.config_file_path).parent
    return Settings(
        lang=lang, languages=languages, base=base, content_dir=base / "content",
        docs_dir=Path(config.docs_dir), site_dir=Path(config.site_dir), config_file=config.config_file_path,
        directory_urls=config.use_directory_urls, strict=bool(config.strict), site_url=publish.site_root(config.site_url),
        repo_url=config.repo_url, edit_uri=config.edit_uri or "",
        fast_render=bool(config.extra.get("casebook_fast_render", True)),
        extra_pages=tuple(config.extra.get("casebook_pages", ())),
        keep_memo=environ.get(MEMO) != "0", handoff=environ.get(HANDOFF) or None,
    )
