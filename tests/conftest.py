"""Shared fixtures. Tests that need ../shared skip cleanly when it is absent."""

from __future__ import annotations

import socket
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from expectations import SHARED

needs_shared = pytest.mark.skipif(not (SHARED / "seeds").is_dir(), reason="../shared is not beside the repository")


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Cleaning must never touch the network: any socket creation fails the test."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("cleaner tried to open a network socket")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
