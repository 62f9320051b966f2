"""Helpers that the tests share (fixtures stay in conftest.py): the project, its builds, Chromium, the seeds."""

from support.project import CASE, MKDOCS, ROOT, differing_files, heading_text, mkdocs_build, write_case

__all__ = ["CASE", "MKDOCS", "ROOT", "differing_files", "heading_text", "mkdocs_build", "write_case"]
