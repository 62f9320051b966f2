"""The adapter's settings are read and checked once: a wrong value stops the build with a
message that names the setting and what it may hold."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from casebook_mkdocs.settings import read


def _config(**extra):
    return SimpleNamespace(config_file_path="/p/mkdocs.yml", docs_dir="/p/docs", site_dir="/p/site",
                           use_directory_urls=True, strict=True, site_url="https://example.org/",
                           repo_url=None, edit_uri="", extra=extra)


def test_the_shipped_settings_are_read_as_typed_values():
    s = read(_config(casebook_fast_render=False, casebook_pages=["about.md"], casebook_404={"x": 1}), {})
    assert s.fast_render is False and s.extra_pages == ("about.md",) and s.keep_memo and s.lang == "zh"


@pytest.mark.parametrize("extra, environ, message", [
    ({"casebook_fast_render": "yes"}, {}, "extra.casebook_fast_render: true or false, not 'yes'"),
    ({"casebook_pages": "about.md"}, {}, "extra.casebook_pages: a list of pages in docs/ such as about.md"),
    ({"casebook_fast_rendering": True}, {}, "not a setting of the casebook; did you mean casebook_fast_render?"),
    ({}, {"CASEBOOK_MEMO": "off"}, "CASEBOOK_MEMO=off: 0 (keep nothing between builds) or 1"),
    ({}, {"CASEBOOK_LANGUAGES": "zh,fr"}, "CASEBOOK_LANGUAGES=zh,fr: fr is not a language of the casebook"),
    ({}, {"CASEBOOK_LANGUAGE": "fr"}, "CASEBOOK_LANGUAGE=fr: not a language of the casebook (zh, en)"),
])
def test_a_wrong_setting_is_named_with_what_it_may_hold(extra, environ, message):
    with pytest.raises(ValueError) as error:
        read(_config(**extra), environ)
    assert message in str(error.value)


def test_the_build_says_how_big_the_site_is_and_warns_near_and_past_the_hosts_limit():
    from casebook.pages.publish import size_report

    assert size_report(136_000_000, 12_345) == ("info", "the site is 136 MB in 12,345 files")
    level, message = size_report(900_000_000, 80_000)
    assert level == "info" and "100 MB below the 1,000 MB that GitHub Pages and gitlab.com publish" in message
    level, message = size_report(1_149_000_000, 100_000)
    assert level == "warning" and "1,149 MB" in message and "make publish" in message
    assert size_report(5_000_000_000, 1, limit_mb=0)[0] == "info"
    with pytest.raises(ValueError, match="casebook_site_limit_mb: a whole number of megabytes"):
        read(_config(casebook_site_limit_mb="1 GB"), {})
