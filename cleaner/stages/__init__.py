"""Pipeline stages. Each is a function `(doc, ctx) -> None` that labels blocks; none deletes text."""

from __future__ import annotations

from dataclasses import dataclass

from cleaner.config import Config
from cleaner.deadline import NO_DEADLINE, Deadline
from cleaner.rulebook import RuleBook


@dataclass(frozen=True, slots=True)
class Context:
    """What a stage may read besides the document: the settings, the compiled rules, and the
    document's deadline (long loops call `deadline.check()` every `CHECK_EVERY` blocks)."""

    config: Config
    book: RuleBook
    deadline: Deadline = NO_DEADLINE
