"""The "own words" rule, as `casebook check` applies it to every case whose source is present.

A case restates its source report: it may not copy a run of `copied.MIN_HAN` Chinese characters
from it (an error), nor a sentence that follows the source with a few words swapped, where runs
of `copied.NEAR_RUN` characters cover most of the sentence (a warning). A case whose front matter
has `wording_reuse` (a unit's own report, whose editors allow its wording) is not checked. Runs
kept on purpose (a document's title, a name, a slogan, a list of figures) are reviewed exceptions,
listed with a reason in `content/review/copied-runs.yml`.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from casebook.corpus import assets, copied
from casebook.corpus.frontmatter import FrontMatterError, as_written, line_of, load_yaml
from casebook.model import Message, Problem, say

COPIED = "copied-run"
NEAR_COPY = "near-copy"
EXCEPTIONS = Path("review") / "copied-runs.yml"  # in the content folder
MAX_BYTES = 5_000_000  # the reviewed list grows with the content: a few hundred bytes an entry
KINDS = ("document_title", "name", "slogan", "figures", "to_rewrite")
FIELDS = ("title", "summary", "body")

# (file, field, character offset in the field's text) -> the file's line there
Place = Callable[[str, str, int], int | None]


@dataclass(frozen=True, slots=True)
class Reviewed:
    case: str
    run: str
    kind: str
    reason: str
    index: int  # in the list: its line is looked up only for a message


def read_exceptions(content_dir: Path, shown: str) -> tuple[tuple[Reviewed, ...], list[Problem]]:
    """The reviewed exceptions, and what is wrong with the list (`shown`: its path in messages)."""
    path = content_dir / EXCEPTIONS
    if not os.path.lexists(path):  # a link is refused below, whatever it points to
        return (), []
    try:
        text = assets.read_regular(path, MAX_BYTES).decode("utf-8-sig")
        data = load_yaml(text, what=shown, max_chars=MAX_BYTES)
    except assets.Unreadable as e:
        return (), [Problem(shown, None, None, e.message)]
    except UnicodeDecodeError:
        return (), [Problem(shown, None, None, say("not_utf8"))]
    except FrontMatterError as e:
        return (), [Problem(shown, e.line, None, e.message)]
    items = data.get("exceptions") if isinstance(data, dict) else None
    if not isinstance(items, list):
        return (), [Problem(shown, None, "exceptions", say("exceptions_list"))]
    out, problems = [], []
    for i, item in enumerate(items):
        line = None if isinstance(item, dict) and item.get("kind") in KINDS else line_of(text, ["exceptions", i])
        if not isinstance(item, dict) or not all(isinstance(item.get(k), str) and item[k].strip()
                                                 for k in ("case", "run", "kind", "reason")):
            problems.append(Problem(shown, line, f"exceptions[{i}]", say("exception_fields")))
            continue
        if item["kind"] not in KINDS:
            problems.append(Problem(shown, line, f"exceptions[{i}].kind",
                                    say("exception_kind", given=as_written(item["kind"]), allowed=", ".join(KINDS))))
            continue
        out.append(Reviewed(item["case"], item["run"], item["kind"], item["reason"], i))
    return tuple(out), problems


@dataclass(frozen=True, slots=True)
class Finding:
    field: str
    start: int  # in the field's text
    text: str
    code: str
    han: int
    covered: int = 0


def findings(fields: Sequence[tuple[str, str]], index: copied.Automaton, exceptions: Sequence[str],
             folded: Sequence[copied.Folded] | None = None) -> list[Finding]:
    """Copied runs and near-copied sentences of a case's Chinese fields against its report's index
    (`folded`: the fields folded already, where the caller has them)."""
    out = []
    for i, (name, text) in enumerate(fields):
        done = folded[i] if folded else copied.fold(text)
        runs = copied.shared_runs(text, index, exceptions, folded=done)
        out += [Finding(name, r.start, r.text, COPIED, r.han) for r in runs]
        for n in copied.near_copies(text, index, exceptions, folded=done):
            if not any(r.start < n.end and n.start < r.end for r in runs):  # said once, as a copied run
                out.append(Finding(name, n.start, n.text.strip(), NEAR_COPY, n.han, n.covered))
    return out


@dataclass(frozen=True, slots=True)
class Rule:
    """What the check needs besides the cases and their sources."""

    reuse: frozenset[str]  # ids of the cases whose front matter has wording_reuse
    exceptions: tuple[Reviewed, ...]
    listed_in: str  # the exceptions' file, as messages name it
    place: Place
    path: Path | None = None  # the exceptions' file


def problems(path: str, found: Sequence[Finding], cited: str | Message, place: Place, listed_in: str) -> list[Problem]:
    out = []
    for f in found:
        line = place(path, f.field, f.start)
        if f.code == COPIED:
            out.append(Problem(path, line, f.field, say("copied_run", n=f.han, cited=cited, text=f.text,
                                                          listed_in=listed_in), code=COPIED))
        else:
            out.append(Problem(path, line, f.field, say("near_copy", cited=cited, covered=f.covered, n=f.han,
                                                          run=copied.NEAR_RUN, text=f.text, listed_in=listed_in),
                               "warning", NEAR_COPY))
    return out


def stale(exceptions: Sequence[Reviewed], folded: Mapping[str, str], shown: str, path: Path) -> list[Problem]:
    """Exceptions whose run the case no longer writes (`folded`: each checked case's Chinese
    prose, folded; `path`: the exceptions' file, read again for the lines of what is reported)."""
    out = []
    for e in exceptions:
        prose = folded.get(e.case)
        if prose is not None and copied.fold(e.run).text not in prose:
            line = line_of(path.read_text("utf-8-sig"), ["exceptions", e.index])
            out.append(Problem(shown, line, "run", say("stale_exception", case=e.case, run=e.run),
                               "warning", COPIED))
    return out
