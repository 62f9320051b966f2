"""Write N synthetic cases into a scratch copy of the project, for benchmarks.

Every generated case is valid content: its front matter is drawn from the real taxonomy and the
real cases' places and groups, and its text is assembled from the real cases' paragraphs, to
the lengths of a long case (about 3,000 Chinese characters and 1,500 English words).

    python benchmarks/generate.py 1000 /tmp/casebook-1000
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
import string
from pathlib import Path

import yaml

from casebook.corpus import loader
from casebook.corpus.schema import CASE_SECTIONS
from casebook.model import Case

ROOT = Path(__file__).resolve().parent.parent
ZH_CHARS, EN_WORDS = 3000, 1500


def _letters(n: int) -> str:
    letters = ""
    while n:
        n, r = divmod(n - 1, 26)
        letters = string.ascii_lowercase[r] + letters
    return letters


# The English title ends with the id, and the English style check warns of "wan" (which a
# strict build counts): from the 15,588th case on, the ids skip it.
_WAN = 23 * 26 * 26 + 1 * 26 + 14


def case_id(i: int) -> str:
    """ids may not contain digits: write the number in letters."""
    n = i + 1
    return f"generated-{_letters(n + (n >= _WAN))}"


def scratch_project(target: Path) -> Path:
    """The project's site set-up with the real taxonomy, glossary and synonyms but no cases."""
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    for name in ("docs",):
        shutil.copytree(ROOT / name, target / name, ignore=shutil.ignore_patterns("__pycache__"))
    # No warning of the site's size, which passes 1 GB at about 10,000 cases: the benchmark
    # measures the size itself, and its builds are strict (a warning stops them).
    config = (ROOT / "mkdocs.yml").read_text("utf-8")
    option = "      fast_render: true\n"
    assert option in config, "mkdocs.yml: the casebook plugin's fast_render option, after which site_limit_mb goes"
    (target / "mkdocs.yml").write_text(config.replace(option, option + "      site_limit_mb: 0\n", 1), "utf-8")
    (target / "src" / "casebook").mkdir(parents=True)
    content = target / "content"
    (content / "cases").mkdir(parents=True)
    (content / "checklists").mkdir()
    for name in ("taxonomy.yml", "glossary.yml", "synonyms.yml"):
        shutil.copy(ROOT / "content" / name, content / name)
    return target


def _paragraphs(cases: list[Case], lang: str) -> list[str]:
    out = []
    for case in cases:
        for block in re.split(r"\n\s*\n", case.texts[lang].body):
            block = block.strip()
            if block and not block.startswith("#"):
                out.append(re.sub(r"\]\((case|checklist|glossary):[^)]*\)", "]", block)
                           .replace("[", "").replace("]", ""))
    return out


def _length(text: str, lang: str) -> int:
    return len(re.findall(r"[\u4e00-\u9fff]", text)) if lang == "zh" else len(text.split())


def _body(rng: random.Random, paragraphs: list[str], lang: str) -> str:
    goal = ZH_CHARS if lang == "zh" else EN_WORDS
    sections = CASE_SECTIONS[lang]
    # The length of the parts joined by newlines is the sum of their lengths (Han characters, or
    # words split at whitespace): counted as each part is added, not again over the whole text
    # (which made 100,000 cases take most of an hour).
    parts, size = [], 0
    for k, heading in enumerate(sections):
        parts.append(f"## {heading}\n")
        length = size + _length(parts[-1], lang)
        share = goal * (1 if k != 1 else 2) // (len(sections) + 1)
        while length < size + share:
            paragraph = rng.choice(paragraphs)
            # Two lists one after the other would be one loose list; the real cases have none.
            while _is_list(paragraph) and _is_list(parts[-1]):
                paragraph = rng.choice(paragraphs)
            parts.append(paragraph + "\n")
            length += _length(parts[-1], lang)
        size = length
    return "\n".join(parts)


def _is_list(block: str) -> bool:
    return block.lstrip().startswith(("- ", "* ", "+ "))


def generate(n: int, target: Path, seed: int = 1) -> Path:
    real = loader.load(ROOT / "content").content
    tax = real.taxonomy
    rng = random.Random(seed)
    project = scratch_project(target)
    paragraphs = {lang: _paragraphs(list(real.cases), lang) for lang in ("zh", "en")}
    for i in range(n):
        model = rng.choice(real.cases)
        cid = case_id(i)
        unit = rng.choice(tax.unit_types).id
        measures = rng.sample([m.id for m in tax.measures], rng.randint(1, 4))
        year = rng.choice([None, rng.randint(2005, 2023)])
        for lang in ("zh", "en"):
            text = model.texts[lang]
            meta = {
                "id": cid,
                "title": f"{text.title} ({cid})" if lang == "en" else f"{text.title}（{cid}）",
                "unit_type": unit,
                "measures": measures,
                "region": {k: v for k, v in vars_region(text.region).items() if v},
                "ethnic_groups": list(text.ethnic_groups),
                "source": {"file": model.source.file, "report": model.source.report},
                "summary": text.summary,
            }
            if year:
                meta["year"] = year
            front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False)
            body = _body(rng, paragraphs[lang], lang)
            (project / "content" / "cases" / f"{cid}.{lang}.md").write_text(f"---\n{front}---\n\n{body}", "utf-8")
    return project


def vars_region(region) -> dict:
    return {k: getattr(region, k) for k in ("province", "prefecture", "county", "locality")}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, help="how many cases")
    parser.add_argument("target", type=Path, help="scratch folder (replaced)")
    args = parser.parse_args()
    project = generate(args.n, args.target)
    print(f"{args.n} cases in both languages written to {project}/content/cases")


if __name__ == "__main__":
    main()
