"""Addresses of generated pages, in both URL styles (folders online, files in the offline copy)."""

import pytest

from casebook.urls import page_url, relative_url


@pytest.mark.parametrize("path, folders, files", [
    ("index.md", "", "index.html"),
    ("cases/a.md", "cases/a/", "cases/a.html"),
    ("units/hospital/index.md", "units/hospital/", "units/hospital/index.html"),
    ("units/hospital/exchange.md", "units/hospital/exchange/", "units/hospital/exchange.html"),
])
def test_page_url(path, folders, files):
    assert page_url(path, True) == folders
    assert page_url(path, False) == files


@pytest.mark.parametrize("here, to, folders, files", [
    ("units/hospital/index.md", "cases/a.md", "../../cases/a/", "../../cases/a.html"),
    ("units/hospital/exchange.md", "cases/a.md", "../../../cases/a/", "../../cases/a.html"),
    ("measures/m/index.md", "units/u/index.md", "../../units/u/", "../../units/u/index.html"),
    ("cases/a.md", "index.md", "../../", "../index.html"),
    ("index.md", "cases/a.md", "cases/a/", "cases/a.html"),
])
def test_relative_url(here, to, folders, files):
    assert relative_url(here, to, True) == folders
    assert relative_url(here, to, False) == files
