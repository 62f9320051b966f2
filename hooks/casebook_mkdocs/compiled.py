"""The theme's templates compiled once for all the rebuilds of one `mkdocs serve`.

MkDocs makes a new Jinja environment for every build, and each compiled Material's templates and
the overrides again: about a second of every rebuild after an edit. Jinja's bytecode cache keeps
the compiled code by template and checks it against a checksum of the template's source, so a
template changed on disk is compiled again. Kept in this process's memory only, never on disk:
nothing read from a file becomes code."""

from __future__ import annotations

from jinja2.bccache import Bucket, BytecodeCache


class Compiled(BytecodeCache):
    def __init__(self) -> None:
        self.kept: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self.kept.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)  # dropped by Jinja if the source's checksum differs

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.kept[bucket.key] = bucket.bytecode_to_string()
