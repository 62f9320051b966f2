"""The theme files copied from Material (and MkDocs) into docs/overrides/ follow the installed
version: when an upgrade changes what one of them was copied from, this fails and names the
copy to bring up to date. Each copy's upstream is recorded by a hash of its text."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest

material = pytest.importorskip("material")
mkdocs = pytest.importorskip("mkdocs")

MATERIAL = Path(material.__file__).parent / "templates"
MKDOCS = Path(mkdocs.__file__).parent / "templates"
ROOT = Path(__file__).resolve().parents[2]

# Upstream text (file, or one block of it) -> our copy, and the sha256 of the upstream text that
# the copy follows (Material 9.8.1, MkDocs 1.6.1).
COPIES = [
    (MATERIAL / "partials/header.html", None, "docs/overrides/partials/header.html",
     "8cf3fb15bcf969ff596649616fd99366b3c31c08d57a86d05308efc16d8fa75f"),
    (MATERIAL / "base.html", "site_nav", "docs/overrides/main.html",
     "08b0b8418133d46ea078a7737f096bed62048ed4be5f9c1ba790b3cd3f498cbc"),
    (MATERIAL / "base.html", "site_meta", "docs/overrides/main.html",
     "e306b9472bf91403943802f57b9a77a72eabbd2612dfcf341a7c228d6aa8223f"),
    (MATERIAL / "partials/top.html", None, "docs/overrides/partials/top.html",
     "98f6f9ac2ebf6ef943b62c0b0781a373cc03ca7e0959cfc60d9c3c7060157227"),
    (MATERIAL / "partials/toc-item.html", None, "docs/overrides/partials/toc-item.html",
     "418f31ce2e6d559934f610084a5c8493f9618b96268909601552ac48aa0c15c2"),
    (MATERIAL / "partials/alternate.html", None, "docs/overrides/partials/alternate.html",
     "572b1d4dae611aa5fd65107edec95e44331b6141abf86834ea4dc6c1ddd7241b"),
    (MATERIAL / "partials/javascripts/base.html", None, "docs/javascripts/material/base.js",
     "d6113712bc4deb30b4bd810ee0dfc28b6f04d2f88cc0016c0f1766eac7b762b6"),
    (MATERIAL / "partials/javascripts/content.html", None, "docs/javascripts/material/content.js",
     "3722e156f0f6339de39fbbfc178b6e401d1a4fb890f189ac5b80c2504bda7dcf"),
    (MATERIAL / "partials/javascripts/palette.html", None, "docs/javascripts/material/palette.js",
     "8790389765ea6036effddba548b15093bb05bdc75624eaeaf8b13f3c24be4ab5"),
    (MKDOCS / "sitemap.xml", None, "docs/overrides/sitemap.xml",
     "0950766d642ac999c74b68150a39a961a5103bda5e2d9d7747f4c06522c11b18"),
]


def _upstream(path: Path, block: str | None) -> str:
    text = path.read_text("utf-8")
    if block is None:
        return text
    m = re.search(r"\{%-?\s*block " + block + r"\s*-?%\}.*?\{%-?\s*endblock\s*-?%\}", text, re.S)
    assert m, f"{path}: no block {block} any more; docs/overrides/main.html overrides it"
    return m.group(0)


@pytest.mark.parametrize("path, block, copy, recorded", COPIES, ids=[c[2] for c in COPIES])
def test_each_copied_theme_file_follows_the_installed_theme(path, block, copy, recorded):
    assert (ROOT / copy).exists(), copy
    assert path.exists(), f"{path} is gone from the installed theme; {copy} was copied from it"
    now = hashlib.sha256(_upstream(path, block).encode("utf-8")).hexdigest()
    where = f"{path.relative_to(path.parents[2])}" + (f" (block {block})" if block else "")
    assert now == recorded, (
        f"{where} is not what {copy} was copied from: the installed theme changed it. Compare the two, "
        f"carry the change over to {copy}, then record its new hash {now} in {Path(__file__).name}")
