"""Pipeline stages. Each is a function `(doc, ctx) -> None` that labels blocks; none deletes text.

A `Stage` names one: its `name` is what explanations print for the blocks it removes, and
its `phase` says when it runs (`EARLY` once, in order; `LATE` in rounds until a round removes
nothing; `FINAL` once, on the result). A late stage marked `settles` reaches its own fixed point in one run: after it removes blocks
it runs again only once another stage has changed the body (the main-span cut judges its
run with the removed lines in place as fences; its own cut lines must not fence it again).
A stage marked `guess` removes by shape or position, not by a rule naming the text; with
`Config.favor="recall"` it does not run.

Every stage decides from the document as it finds it (its blocks, their labels and fields,
the metadata); what it keeps between rounds (`Document.state`) only spares it work whose
answer cannot change. So a late stage that ran on the same body and removed nothing would
remove nothing again, and the pipeline skips it.
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
    settles: bool = False
    #: removes by shape or position, not by a rule naming the text: `favor="recall"` skips it
    guess: bool = False
