"""The 56 officially recognised ethnic groups, from the package's data file."""

from __future__ import annotations

from functools import cache
from importlib import resources

import yaml


@cache
def ethnic_groups() -> tuple[str, ...]:
    return tuple(yaml.safe_load(resources.files("casebook.intake").joinpath("ethnic_groups.yml").read_text("utf-8")))
