"""The adapter's configuration: read once per build from MkDocs' configuration, the plugin's
options and the environment."""

from __future__ import annotations

import difflib
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.base import ValidationError
from mkdocs.config.defaults import MkDocsConfig

from casebook.model import DEFAULT_LANGUAGE, LANGUAGES
from casebook.pages import publish

LANGUAGE = "CASEBOOK_LANGUAGE"  # the language a build makes; unset: the default language
LANGUAGES_WANTED = "CASEBOOK_LANGUAGES"  # "zh": build that language alone (for profiling)
MEMO = "CASEBOOK_MEMO"  # "0": keep nothing between builds (the benchmark's cold builds)
# The default of the plugin's side_by_side_up_to: 100,000 cases side by side peak at 7,159 MiB for the
# whole process tree, within issue 28's 8 GiB, in 23 minutes instead of 30 (docs/benchmark.*.md).
SIDE_BY_SIDE_UP_TO = 100_000
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
    fast_render: bool  # the plugin's fast_render: the core renders case pages where it can
    extra_pages: tuple[str, ...]  # the plugin's pages: hand-written pages at the end of the navigation
    site_limit_mb: int  # the plugin's site_limit_mb: a larger site is warned of (0: never)
    side_by_side_up_to: int  # the plugin's side_by_side_up_to: more cases, and the languages are built in turn
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


class _Checked(c.Type):
    """An option of the plugin that says what it may hold when it holds something else."""

    def __init__(self, type_: type, default: object, ok: Callable[[object], bool], wanted: str) -> None:
        super().__init__(type_, default=default)
        self.ok, self.wanted = ok, wanted

    def run_validation(self, value: object) -> object:
        if not self.ok(value):
            raise ValidationError(f"{self.wanted}, not {value!r}")
        return value


def _pages(value: object) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) and v.endswith(".md") for v in value)


class CasebookConfig(base.Config):
    """The options of the casebook plugin in mkdocs.yml (`plugins: - casebook: ...`), typed and
    checked by MkDocs as it reads the file."""

    # The core renders case pages with markdown-it.rs wherever it gives Python-Markdown's HTML.
    fast_render = _Checked(bool, True, lambda v: isinstance(v, bool), "true or false")
    # Hand-written pages in docs/ (besides the home page) listed at the end of the navigation.
    pages = _Checked(list, [], _pages, "a list of pages in docs/ such as about.md")
    # A site larger than this is warned of (0: never).
    site_limit_mb = _Checked(int, publish.HOST_LIMIT_MB,
                             lambda v: isinstance(v, int) and not isinstance(v, bool) and v >= 0,
                             "a whole number of megabytes, 0 or more")
    # Up to this many cases the languages are built side by side (one process each, on as many
    # cores); with more, one after the other: the Chinese build holds about 70 KB a case at its
    # peak and the English one 40 KB (20,000 cases), which side by side add up (0: always one
    # after the other).
    side_by_side_up_to = _Checked(int, SIDE_BY_SIDE_UP_TO,
                                  lambda v: isinstance(v, int) and not isinstance(v, bool) and v >= 0,
                                  "a whole number of cases, 0 or more")


def unknown_options(options: Mapping) -> list[tuple[str, str]]:
    """(option, message) for each option in mkdocs.yml that the plugin does not have, with the
    one it may have meant: MkDocs would only warn and go on without it."""
    known = [name for name, _ in base.get_schema(CasebookConfig)]
    out = []
    for key in options:
        if key in known or key == "enabled":
            continue
        close = difflib.get_close_matches(str(key), known, n=1)
        hint = f"did you mean {close[0]}?" if close else f"the plugin reads {', '.join(known)}"
        out.append((str(key), f"not an option of the casebook plugin; {hint}"))
    return out


# The keys of mkdocs.yml's `extra:` that the adapter writes for the templates (casebook_404, ...);
# any other casebook_* key there is a setting from before the plugin, which is read no more.
WRITTEN = ("casebook_404", "casebook_roots", "casebook_alternate", "casebook_updated")


def read(config: MkDocsConfig, options: CasebookConfig, environ: Mapping[str, str] = os.environ) -> Settings:
    """The settings, checked once: a wrong value is a ValueError that names the setting, what it
    holds and what it may hold (the plugin's options are checked by MkDocs, `CasebookConfig`)."""
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
    _refuse_old_extra(config.extra or {})
    base_dir = Path(config.config_file_path).parent
    return Settings(
        lang=lang, languages=languages, base=base_dir, content_dir=base_dir / "content",
        docs_dir=Path(config.docs_dir), site_dir=Path(config.site_dir), config_file=config.config_file_path,
        directory_urls=config.use_directory_urls, strict=bool(config.strict),
        site_url=publish.site_root(config.site_url),
        repo_url=config.repo_url, edit_uri=config.edit_uri or "",
        fast_render=options.fast_render, extra_pages=tuple(options.pages), site_limit_mb=options.site_limit_mb,
        side_by_side_up_to=options.side_by_side_up_to,
        keep_memo=memo != "0", handoff=environ.get(HANDOFF) or None,
    )


def _refuse_old_extra(extra: Mapping) -> None:
    """A casebook setting left in `extra:`, where it was read before the plugin: said, never ignored."""
    known = [name for name, _ in base.get_schema(CasebookConfig)]
    for key in extra:
        if not str(key).startswith("casebook_") or key in WRITTEN:
            continue
        name = str(key).removeprefix("casebook_")
        close = difflib.get_close_matches(name, known, n=1)
        hint = (f"set it as the casebook plugin's option {close[0]} (plugins: - casebook: {close[0]}: ...)"
                if close else f"the casebook plugin's options are {', '.join(known)}")
        raise ValueError(f"mkdocs.yml: extra.{key}: not read from extra: any more; {hint}")
