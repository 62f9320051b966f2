"""Task-list boxes carry their item's text as their name."""

from __future__ import annotations

from bs4 import BeautifulSoup

from casebook.pages.a11y import label_task_boxes

ITEM = ('<li class="task-list-item"><label class="task-list-control"><input type="checkbox">'
        '<span class="task-list-indicator"></span></label> {text}{rest}</li>')


def names(html: str) -> list[str | None]:
    return [box.get("aria-label") for box in BeautifulSoup(label_task_boxes(html), "html.parser").select("input")]


def test_a_box_is_named_by_its_item_up_to_the_line_with_its_details():
    html = "<ul>" + ITEM.format(text='Run <code>casebook check</code> &amp; "fix"', rest="") + ITEM.format(
        text="Plan the month", rest='<br>\n<span class="cb-item__meta"><a href="#">Leadership</a></span>') + "</ul>"
    assert names(html) == ['Run casebook check & "fix"', "Plan the month"]


def test_pages_without_task_lists_are_left_as_they_are():
    html = '<p><input type="checkbox"> not a task list</p>'
    assert label_task_boxes(html) is html
