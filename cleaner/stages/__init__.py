"""Pipeline stages. Each is a function `(doc, ctx) -> None` that labels blocks; none deletes text.

A `Stage` names one: its `name` is what explanations print for the blocks it removes, and
its `phase` says when it runs (`EARLY` once, in order; `LATE` in rounds until a round removes
nothing; `FINAL` once, on the result).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING

from cleaner.config import Config
from cleaner.deadline import NO_DEADLINE, Deadline
from cleaner.rules import RuleBook

if TYPE_CHECKING:
    from cleaner.model import Document


@dataclass(frozen=True, slots=True)
class Context:
    """What a stage may read besides the document: the settings, the compiled rules, and the
    document's deadline (long loops call `deadline.check()` every `CHECK_EVERY` blocks)."""

    config: Config
    book: RuleBook
    deadline: Deadline = NO_DEADLINE


class Phase(str, Enum):
    EARLY = "early"
    LATE = "late"
    FINAL = "final"


@dataclass(frozen=True, slots=True)
class Stage:
    name: str
    run: Callable[[Document, Context], None]
    phase: Phase
