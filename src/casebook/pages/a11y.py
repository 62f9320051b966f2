"""Accessible names the Markdown extensions leave out: each task-list box named by its item."""

from __future__ import annotations

import html
import re

# pymdownx.tasklist puts the box in an empty <label>, so a screen reader says only "check box";
# the item's text runs from the label to the first line break or the end of the item.
_TASK = re.compile(r'(<li class="task-list-item"><label class="task-list-control"><input type="checkbox")'
                   r'([^>]*>.*?</label>)(.*?)(?=<br|</li>|<ul|<ol|<p>)', re.S)
_TAG = re.compile(r"<[^>]+>")


def label_task_boxes(page_html: str) -> str:
    """The HTML with an aria-label on every task-list box: the text of its item."""
    if "task-list-control" not in page_html:
        return page_html

    def name(m: re.Match) -> str:
        text = " ".join(html.unescape(_TAG.sub("", m[3])).split())
        if not text:
            return m[0]
        return f'{m[1]} aria-label="{html.escape(text, quote=True)}"{m[2]}{m[3]}'

    return _TASK.sub(name, page_html)
