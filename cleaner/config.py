"""One frozen configuration object: every knob in one place, with documented defaults."""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from typing import Any

#: Inputs larger than this are refused with `InputTooLarge` (bytes of text or HTML).
MAX_INPUT_BYTES_DEFAULT = 50 * 1024 * 1024


@dataclass(frozen=True)
class Config:
    """How `Cleaner` behaves. Immutable, hashable and picklable.

    keep_near_duplicates: keep blocks that nearly repeat other blocks (key-point
        bullets restating paragraphs); exact repeats still go.
    rules: extra rule-pack files (TOML), applied before the packaged ones.
    language: report this language (ISO 639-1) instead of detecting it (rules do not depend on it).
    max_input_bytes: refuse larger inputs with a clear error.
    """

    keep_near_duplicates: bool = False
    rules: tuple[str, ...] = ()
    language: str | None = None
    max_input_bytes: int = MAX_INPUT_BYTES_DEFAULT

    @classmethod
    def from_options(cls, base: Config | None = None, **options: Any) -> Config:
        """Build a config from keyword options, with a clear error for unknown names."""
        known = {f.name for f in fields(cls)}
        unknown = set(options) - known
        if unknown:
            raise TypeError(f"unknown option(s) {sorted(unknown)}; known: {sorted(known)}")
        if "rules" in options:
            value = options["rules"]
            options["rules"] = (str(value),) if isinstance(value, str) or hasattr(value, "__fspath__") else tuple(
                str(v) for v in value
            )
        return replace(base or cls(), **options)
