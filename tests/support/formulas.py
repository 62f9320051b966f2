"""Case titles that a spreadsheet would run as formulas, for the tests of CSV formula injection
(tests/site/test_csv_injection.py: the files the build writes; tests/browser/test_csv_download.py:
the browse page's download)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from support.project import write_case

FORMULA = '=HYPERLINK("http://x","y")'
# As the title: line of a case file writes them (YAML quoting where a plain scalar cannot hold them).
# A leading tab or CR never reaches a cell from content (the loader strips titles): the unit test
# of csv_field covers those.
TITLES = {
    "formula": (FORMULA, FORMULA),
    "plus": ("+1+2", "+1+2"),
    "minus": ("-3-4", "-3-4"),
    "at": ("'@SUM(1)'", "@SUM(1)"),
    "plain": ("一个普通的标题", "一个普通的标题"),
    "inner": ("a=b, c-d", "a=b, c-d"),
}
# The formula case's title as the CSV's raw bytes hold it, quoted and opened as text.
QUOTED = '"\'=HYPERLINK(""http://x"",""y"")"'


def cases_csv(text: str) -> list[dict[str, str]]:
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text[1:], newline="")))


def write_formula_cases(content: Path) -> Path:
    for id, (yaml_title, _) in TITLES.items():
        # Chinese only: the English file appends to the title, which a quoted scalar cannot take.
        write_case(content, f"case-{id}", "zh", title=yaml_title)
    return content


def shown(title: str) -> str:
    """A title as a CSV cell holds it: opened as text where it starts as a formula would."""
    return "'" + title if title[0] in "=+-@\t\r" else title
