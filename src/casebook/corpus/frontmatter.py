"""Reading a Markdown file with YAML front matter, and finding the line of a field in it."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import yaml

from casebook.model import Message, say

# The C loader is several times faster; fall back where libyaml is missing.
if TYPE_CHECKING:
    _BaseLoader = yaml.CSafeLoader
else:
    _BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

FieldPath = Sequence[str | int]


class FrontMatterError(Exception):
    """The file cannot be read as front matter plus body; `line` is 1-based in the file, `field`
    the front matter's field where there is one."""

    def __init__(self, message: Message, line: int | None = None, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.line = line
        self.field = field


# Bounds that every YAML text is held to before and after the parser reads it. The C parser
# composes nested values by recursion (50,000 nested lists overflow the stack: the process
# dies), and Python refuses to turn more than 4,300 digits into an integer (a traceback).
# Real front matter is a few kilobytes, nests four deep and holds years and counts.
MAX_YAML_CHARS = 64_000
MAX_DEPTH = 12
MAX_INTEGER = 10**15


@dataclass(frozen=True, slots=True)
class Document:
    meta: dict[str, Any]
    body: str
    body_line: int  # the file line on which the body starts
    yaml_text: str  # kept so that a field's line can be found when it is wrong

    def line_of(self, path: FieldPath) -> int | None:
        return line_of(self.yaml_text, path, first_line=2)


def decode(raw: bytes) -> str:
    """UTF-8 text with every byte-order mark dropped and line ends made `\\n`."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = raw[: e.start].count(b"\n") + 1
        raise FrontMatterError(say("not_utf8_legacy"), line) from None
    # Looked for in the bytes: a scan of the decoded text costs more.
    if b"\r" in raw:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    # A byte-order mark inside the text (files joined, or saved twice with one) is invisible
    # and means nothing, but it hides the heading or the '---' that it stands before.
    return text.replace("\ufeff", "") if b"\xef\xbb\xbf" in raw else text


_CLOSE = re.compile(r"^[ \t]*(?:---|\.\.\.)[ \t]*$", re.M)


def parse(text: str) -> Document:
    first, newline, rest = text.partition("\n")
    if first.strip() != "---":
        raise FrontMatterError(say("no_front_matter"), 1)
    # Found in the text, not by splitting the whole file into lines: the body is most of it.
    close = _CLOSE.search(rest) if newline else None
    if close is None:
        raise FrontMatterError(say("front_matter_not_closed"), 1) from None
    yaml_text = rest[: max(close.start() - 1, 0)]
    end = yaml_text.count("\n") + 1 + (1 if close.start() else 0)  # the closing line's index
    meta = load_yaml(yaml_text, first_line=2, what=FRONT_MATTER)
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise FrontMatterError(say("front_matter_not_mapping", type=type(meta).__name__), 2)
    body = rest[close.end() + 1:]
    return Document(meta=meta, body=body, body_line=end + 2, yaml_text=yaml_text)


# Characters no editor means to type: C0 and C1 controls but tab and line end, DEL, surrogates
# and the noncharacters of the first plane. They break XML (the feeds), terminals (the
# checker's own output) and MkDocs' reading of the generated pages' front matter.
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]")
# The controls a message names (NUL, backspace, form feed, carriage return, ESC, DEL: strings.yml's
# `control_<hex>`); any other is "a control character".
_NAMED = frozenset({0, 0x08, 0x0c, 0x0d, 0x1b, 0x7f})


def control_message(char: str) -> Message:
    name = say(f"control_{ord(char):02x}") if ord(char) in _NAMED else say("control_other")
    return say("control_char", code=f"{ord(char):04X}", name=name)


# How messages name the text read, where it is not named by its path.
THE_FILE = say("the_file")
FRONT_MATTER = say("the_front_matter")


def as_written(value: object) -> Message | str:
    """A value as the editor wrote it, in the language's quotes where it is a text (escaped as
    Python writes it, so that no control character reaches the terminal); anything else as
    Python writes it (2019, True, [1])."""
    return say("value_quoted", value=repr(value)[1:-1]) if isinstance(value, str) else repr(value)


def of_the_file(message: Message) -> Message:
    """A message about "the file" said without that subject, for a problem placed in the file
    already ("taxonomy.yml:3: is not valid YAML: ..."): its key's `_bare` form."""
    values = dict(message.values)
    if values.get("subject") == THE_FILE:
        return values["problem"]
    if values.get("what") != THE_FILE:
        return message
    return say(f"{message.key}_bare", **{k: v for k, v in values.items() if k != "what"})


class _Refused(yaml.MarkedYAMLError):
    """A value out of bounds, raised by the constructors below with the value's place."""

    def __init__(self, message: Message, mark: yaml.Mark):
        super().__init__(problem=str(message), problem_mark=mark)  # YAML's own account, in English
        self.message = message


class _Loader(_BaseLoader):
    """The safe loader, with integers refused by their digits before Python turns thousands of
    them into a number (which it refuses with a traceback beyond 4,300)."""

    def construct_checked_int(self, node):
        if len(node.value) > 24:
            raise _Refused(say("number_digits", n=len(node.value)), node.start_mark)
        value = self.construct_yaml_int(node)
        if not -MAX_INTEGER < value < MAX_INTEGER:
            raise _Refused(say("number_too_big", value=str(value)), node.start_mark)
        return value


class _EscapesLoader(_Loader):
    """For texts with a backslash, where escapes such as "\\x80" make control characters out
    of plain ASCII: each text is checked as it is made (a cost the other texts are spared)."""

    def construct_checked_str(self, node):
        value = self.construct_yaml_str(node)
        bad = CONTROL.search(value)
        if bad:
            raise _Refused(control_message(bad.group()), node.start_mark)
        return value


_Loader.add_constructor("tag:yaml.org,2002:int", _Loader.construct_checked_int)
_EscapesLoader.add_constructor("tag:yaml.org,2002:str", _EscapesLoader.construct_checked_str)


def load_yaml(text: str, first_line: int = 1, what: str | Message = THE_FILE, max_chars: int = MAX_YAML_CHARS) -> Any:
    """`text` read as YAML within the bounds above; a FrontMatterError with the file's line
    (`first_line`: the file line of the text's first line) for anything out of them. `what`: the
    text's name in messages (a Message, or a path)."""
    if len(text) > max_chars:
        raise FrontMatterError(say("yaml_too_long", what=what, length=len(text), limit=max_chars), first_line)
    bad = CONTROL.search(text)
    if bad:
        line = text.count("\n", 0, bad.start())
        raise FrontMatterError(say("subject_problem", subject=_key_of(text, line) or what,
                                   problem=control_message(bad.group())), line + first_line)
    _refuse_deep_nesting(text, first_line, what)
    _refuse_aliases(text, first_line)
    try:
        return yaml.load(text, Loader=_EscapesLoader if "\\" in text else _Loader)
    except _Refused as e:
        assert e.problem_mark is not None  # each _Refused is raised with its node's place
        line = e.problem_mark.line
        raise FrontMatterError(say("subject_problem", subject=_key_of(text, line) or what, problem=e.message),
                               line + first_line) from None
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        line = mark.line + first_line if mark else first_line
        raise FrontMatterError(say("yaml_invalid", what=what, detail=yaml_problem(str(e.problem or e))), line) from None
    except yaml.YAMLError as e:
        raise FrontMatterError(say("yaml_invalid", what=what, detail=yaml_problem(str(e))), first_line) from None


# What the YAML parser says of a text it cannot read, by the start of its words (libyaml's, and
# the pure parser's where they differ): a text of strings.yml's `yaml` section, which says it in
# the editor's language with the usual cause. English says it as the parser does.
_YAML_PROBLEMS = (
    ("mapping values are not allowed", "mapping_values"),
    ("mapping keys are not allowed", "mapping_keys"),
    ("block sequence entries are not allowed", "sequence_entries"),
    ("did not find expected ',' or ']'", "unclosed_list"),
    ("expected ',' or ']'", "unclosed_list"),
    ("did not find expected ',' or '}'", "unclosed_mapping"),
    ("expected ',' or '}'", "unclosed_mapping"),
    ("did not find expected key", "expected_key"),
    ("expected <block end>", "expected_key"),
    ("did not find expected '-' indicator", "expected_dash"),
    ("could not find expected ':'", "expected_colon"),
    ("did not find expected node content", "expected_value"),
    ("expected the node content", "expected_value"),
    ("found a tab character", "tab"),
    ("found character that cannot start any token", "bad_start"),
    ("found character '\\t' that cannot start any token", "tab"),
    ("found character", "bad_start"),
    ("found unexpected end of stream", "unclosed_quote"),
    ("found unknown escape character", "escape"),
    ("found undefined tag handle", "tag"),
    ("could not determine a constructor for the tag", "tag"),
    ("found unhashable key", "unhashable_key"),
    ("did not find expected comment or line break", "after_value"),
    ("did not find expected whitespace or line break", "tag"),  # after a tag (or an anchor) such as !重要
    ("expected a single document", "one_document"),
    ("but found another document", "one_document"),
    ("found unexpected document indicator", "one_document"),
    ("found unexpected ':'", "unexpected_colon"),
)


def yaml_problem(problem: str) -> Message | str:
    """The parser's `problem` as a Message of strings.yml's `yaml` section, the parser's own
    words where no text says it (never lost: English holds for what nobody foresaw)."""
    for start, key in _YAML_PROBLEMS:
        if problem.startswith(start):
            return say(f"yaml.{key}", problem=problem)
    return problem


def _key_of(text: str, line: int) -> str | None:
    """'title:' for a message about the value on that line, where it has a key."""
    start = 0
    for _ in range(line):
        start = text.index("\n", start) + 1
    key = text[start:text.find("\n", start) if "\n" in text[start:] else len(text)].split(":", 1)
    name = key[0].strip(" -")
    return f"{name}:" if len(key) == 2 and name and len(name) < 40 and CONTROL.search(name) is None else None


# Indentation and "- " / "? " / ": " at a line's start, as deep as only nesting makes them;
# four brackets opened with none closed between them.
_DEEP_BLOCK = re.compile(r"\n[ \t?:-]{16,}")
_DEEP_FLOW = re.compile(r"[\[{][^\[\]{}\n]*[\[{][^\[\]{}\n]*[\[{][^\[\]{}\n]*[\[{]")


def _refuse_deep_nesting(text: str, first_line: int, what: str | Message) -> None:
    # The events are walked only when the text could nest that deep: the walk costs as much
    # again as reading it, and real front matter never comes near.
    if not _DEEP_FLOW.search(text) and not _DEEP_BLOCK.search(text):
        return
    depth = 0
    try:
        for event in yaml.parse(text, Loader=_BaseLoader):
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    raise FrontMatterError(say("yaml_too_deep", what=what, limit=MAX_DEPTH),
                                           _line_of(event) + first_line)
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
    except yaml.YAMLError:
        return  # reported by the load that follows, with its line


def _line_of(event: yaml.Event) -> int:
    """The line (from 0) that a parsed event starts on: the parser marks each one."""
    assert event.start_mark is not None
    return event.start_mark.line


_MAYBE_ANCHOR = re.compile(r"[&*][^\s]")


def _refuse_aliases(yaml_text: str, first_line: int = 2) -> None:
    """Anchors and aliases (& and *) have no use in front matter, and nested aliases can make a
    few lines expand to billions of values (the "billion laughs"): refuse them outright."""
    if not _MAYBE_ANCHOR.search(yaml_text):
        return
    try:
        for event in yaml.parse(yaml_text, Loader=_Loader):
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                raise FrontMatterError(say("yaml_aliases"), _line_of(event) + first_line)
    except yaml.YAMLError:
        return  # reported by the parse that follows, with its line


def line_of(yaml_text: str, path: FieldPath, first_line: int = 1) -> int | None:
    """The line of the value at `path` (or of its nearest existing parent).

    Only called for fields that have a problem, so the slower node-composing parse is paid
    for by bad files alone.
    """
    try:
        node = yaml.compose(yaml_text, Loader=_Loader)
    except yaml.YAMLError:
        return None
    if node is None:
        return None
    line = node.start_mark.line
    for step in path:
        child = None
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if key.value == step:
                    child, line = value, key.start_mark.line
                    break
        elif isinstance(node, yaml.SequenceNode) and isinstance(step, int) and step < len(node.value):
            child = node.value[step]
            line = child.start_mark.line
        if child is None:
            break
        node = child
    return line + first_line
