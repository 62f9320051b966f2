"""The training kit in a real browser: a case's references copied with one click, and a
checklist's self-assessment kept, exported as a dated CSV and printed."""

from __future__ import annotations

import csv
import datetime
import io

import pytest

from support import real

pytestmark = pytest.mark.browser
CONTENT = real.loaded().content


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_reference_is_completed_with_the_address_and_today_and_copied(browser, site_url, lang):
    case = CONTENT.cases[0]
    root = site_url if lang == "zh" else site_url + "en/"
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    try:
        page.goto(f"{root}cases/{case.id}/")
        ref = page.locator(f"#cite-{lang}")
        text = ref.inner_text()
        # The published address (the site's address it was built for), not the path alone.
        published = page.locator(f'link[hreflang="{lang}"]').get_attribute("href")
        assert published.endswith(f"cases/{case.id}/") and published.startswith("http")
        assert published in text
        today = datetime.date.today()
        assert (f"[{today.isoformat()}]" if lang == "zh" else f"(accessed {today.day} {today:%B %Y})") in text
        page.locator(f'.cb-cite__copy[data-copy="cite-{lang}"]').click()
        copied = page.evaluate("navigator.clipboard.readText()")
        assert copied == " ".join(text.split())
        assert page.locator(f'.cb-cite__copy[data-copy="cite-{lang}"]').inner_text() in ("已复制", "Copied")
    finally:
        context.close()


def test_a_self_assessment_is_kept_exported_and_cleared(browser, site_url):
    checklist = CONTENT.checklists[0]
    text = checklist.text("en")
    context = browser.new_context(accept_downloads=True)
    page = context.new_page()
    try:
        page.goto(f"{site_url}en/checklists/{checklist.id}/")
        items = page.locator(".cb-checklist li.task-list-item")
        items.nth(0).get_by_label("Done").check()
        items.nth(1).get_by_label("Partly").check()
        items.nth(1).locator(".cb-assess__note").fill("=interpreters on Mondays only")
        assert items.nth(0).locator("input[type=checkbox]").is_checked()
        page.reload()  # answers stay in this browser
        assert items.nth(1).get_by_label("Partly").is_checked()
        assert items.nth(1).locator(".cb-assess__note").input_value() == "=interpreters on Mondays only"
        with page.expect_download() as download:
            page.locator(".cb-export").click()
        name = download.value.suggested_filename
        assert name == f"{checklist.id}-{datetime.date.today().isoformat()}.csv"
        rows = list(csv.reader(io.StringIO(download.value.path().read_text("utf-8-sig"))))
        assert rows[0] == ["date", "checklist", "item", "text", "answer", "note", "shown in cases"]
        assert len(rows) == 1 + len(text.items)
        assert rows[1][4] == "Done" and rows[2][4] == "Partly"
        assert rows[2][5] == "'=interpreters on Mondays only"  # opens as text, never as a formula
        assert rows[1][3] == " ".join(text.items[0].text.split())
        if text.items[0].cases:
            assert f"/cases/{text.items[0].cases[0]}/" in rows[1][6]
        # Printing shows the answers with the day, not the site around them.
        page.emulate_media(media="print")
        page.evaluate("window.print = function () {}")
        page.locator(".cb-print").dispatch_event("click")
        assert "self-assessment" in page.locator(".cb-assess__stamp").inner_text()
        page.emulate_media(media="screen")
        page.locator(".cb-reset").click()
        page.reload()
        assert not items.nth(1).get_by_label("Partly").is_checked()
        assert items.nth(1).locator(".cb-assess__note").input_value() == ""
    finally:
        context.close()
