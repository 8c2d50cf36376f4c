"""The documented error types. `clean` raises nothing else."""

from __future__ import annotations


class CleanerError(Exception):
    """Base class of every error `cleaner` raises on purpose."""


class InputTooLarge(CleanerError):
    """The input is larger than `Config.max_input_bytes`."""


class UndecodableInput(CleanerError):
    """The input claims an encoding it does not hold (corrupt gzip data, for instance)."""


class DocumentTimeout(CleanerError):
    """Cleaning one document took longer than `Config.timeout` seconds."""
