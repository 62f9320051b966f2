"""The adapter's settings are read and checked once: a wrong value stops the build with a
message that names the setting and what it may hold (the plugin's options in mkdocs.yml, and the
environment)."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from casebook_mkdocs.plugin import CasebookPlugin
from casebook_mkdocs.settings import read


def _config(**extra):
    return SimpleNamespace(config_file_path="/p/mkdocs.yml", docs_dir="/p/docs", site_dir="/p/site",
                           use_directory_urls=True, strict=True, site_url="https://example.org/",
                           repo_url=None, edit_uri="", extra=extra)


def _options(**given):
    """The plugin's options as MkDocs reads them from mkdocs.yml: (errors, warnings, the options)."""
    plugin = CasebookPlugin()
    errors, warnings = plugin.load_config(given)
    return errors, warnings, plugin.config


def test_the_shipped_settings_are_read_as_typed_values():
    errors, warnings, options = _options(fast_render=False, pages=["about.md"])
    assert errors == [] and warnings == []
    s = read(_config(casebook_404={"x": 1}), options, {})
    assert s.fast_render is False and s.extra_pages == ("about.md",) and s.keep_memo and s.lang == "zh"
    _, _, defaults = _options()
    s = read(_config(), defaults, {})
    assert s.fast_render is True and s.extra_pages == () and s.site_limit_mb == 1000
    assert s.side_by_side_up_to == 100_000


@pytest.mark.parametrize("given, message", [
    ({"fast_render": "yes"}, ("fast_render", "true or false, not 'yes'")),
    ({"pages": "about.md"}, ("pages", "a list of pages in docs/ such as about.md, not 'about.md'")),
    ({"site_limit_mb": "1 GB"}, ("site_limit_mb", "a whole number of megabytes, 0 or more, not '1 GB'")),
    ({"side_by_side_up_to": -1}, ("side_by_side_up_to", "a whole number of cases, 0 or more, not -1")),
    ({"fast_rendering": True}, ("fast_rendering", "not an option of the casebook plugin; did you mean fast_render?")),
])
def test_a_wrong_option_is_named_with_what_it_may_hold(given, message):
    errors, warnings, _ = _options(**given)
    assert [(key, str(m)) for key, m in errors] == [message] and warnings == []


@pytest.mark.parametrize("extra, environ, message", [
    ({"casebook_fast_render": True}, {}, "extra.casebook_fast_render: not read from extra: any more; set it as the "
                                         "casebook plugin's option fast_render"),
    ({}, {"CASEBOOK_MEMO": "off"}, "CASEBOOK_MEMO=off: 0 (keep nothing between builds) or 1"),
    ({}, {"CASEBOOK_LANGUAGES": "zh,fr"}, "CASEBOOK_LANGUAGES=zh,fr: fr is not a language of the casebook"),
    ({}, {"CASEBOOK_LANGUAGE": "fr"}, "CASEBOOK_LANGUAGE=fr: not a language of the casebook (zh, en)"),
])
def test_a_wrong_setting_is_named_with_what_it_may_hold(extra, environ, message):
    with pytest.raises(ValueError) as error:
        read(_config(**extra), _options()[2], environ)
    assert message in str(error.value)


def test_the_build_says_how_big_the_site_is_and_warns_near_and_past_the_hosts_limit():
    from casebook.pages.publish import size_report

    assert size_report(136_000_000, 12_345) == ("info", "the site is 136 MB in 12,345 files")
    level, message = size_report(900_000_000, 80_000)
    assert level == "info" and "100 MB below the 1,000 MB that GitHub Pages and gitlab.com publish" in message
    level, message = size_report(1_149_000_000, 100_000)
    assert level == "warning" and "1,149 MB" in message and "make publish" in message
    assert size_report(5_000_000_000, 1, limit_mb=0)[0] == "info"
