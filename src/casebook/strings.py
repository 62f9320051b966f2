"""The interface texts of generated pages, per language, from the package's `strings.yml`."""

from __future__ import annotations

import locale
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml

from casebook.plural import with_plurals


@cache
def strings() -> dict[str, dict]:
    """Interface texts of generated pages, per language (package data `strings.yml`)."""
    # libyaml's loader where PyYAML has it: a tenth of the time, in every build and command.
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    text = resources.files("casebook").joinpath("strings.yml").read_text("utf-8")
    return with_plurals(yaml.load(text, Loader=loader))


def join_list(lang: str, items: Iterable[str]) -> str:
    """Items of a list in running text, with the language's one list separator (`list_sep`)."""
    return strings()[lang]["list_sep"].join(items)


def message_text(lang: str, section: str, key: str, values: dict) -> str:
    """The text `key` of `section` (`cli`, `check`) in `lang`, filled in with `values`: a value
    with a `text(lang)` (a Message) is written in the same language, a tuple as a list in running
    text (`check.list_sep`: paths and ids, which have no commas), and `closest` (the allowed
    value nearest to what was given, or nothing) as the language's `did_you_mean`."""
    texts = strings()[lang]
    shown = {}
    for name, value in values.items():
        if hasattr(value, "text") and not isinstance(value, str):
            value = value.text(lang)
        elif isinstance(value, tuple):  # a list in running text, its items texts or Messages
            value = texts["check"]["list_sep"].join(v.text(lang) if hasattr(v, "text") and not isinstance(v, str)
                                                    else str(v) for v in value)
        elif name == "closest":
            value = texts["check"]["did_you_mean"].format(value=value) if value else ""
        shown[name] = value
    return texts[section][key].format(**shown)


@dataclass(frozen=True, slots=True)
class Said:
    """The texts of one `section` of strings.yml (`cli`, `import`, `draft`) in the editor's
    language `lang`, filled in: what a command says, made once per run and passed on."""

    lang: str
    section: str = "cli"

    def __call__(self, key: str, **values) -> str:
        return message_text(self.lang, self.section, key, values)


def editors_language(given: str | None = None, environ: Mapping[str, str] = os.environ) -> str:
    """The language the editor reads the command's messages in: `given` (`--lang`), else the
    system locale's, found as Python's gettext finds it (LANGUAGE, LC_ALL, LC_MESSAGES, LANG;
    where none is set, as on Windows, the process's locale): Chinese for a Chinese locale
    (zh_CN.UTF-8, zh_TW, "Chinese (Simplified)_China"), English for any other."""
    if given:
        return given
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(name)
        if value:
            return _language_of(value)
    if environ is os.environ:
        return _language_of(locale.getlocale()[0] or "")
    return "en"


def _language_of(locale_name: str) -> str:
    return "zh" if locale_name.lower().startswith(("zh", "chinese")) else "en"
