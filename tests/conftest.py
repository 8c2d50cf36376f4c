"""Shared fixtures. Tests that need ../shared skip cleanly when it is absent."""

from __future__ import annotations

import socket
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from expectations import SHARED

needs_shared = pytest.mark.skipif(not (SHARED / "seeds").is_dir(), reason="../shared is not beside the repository")


_REAL_SOCKET = socket.socket


class _NoNetworkSocket(_REAL_SOCKET):
    """Local (Unix) sockets stay allowed: process pools use them. Internet ones fail the test."""

    def __init__(self, family: int = -1, *args: object, **kwargs: object) -> None:
        if family in (socket.AF_INET, socket.AF_INET6) or family == -1:
            raise AssertionError("cleaner tried to open a network socket")
        super().__init__(family, *args, **kwargs)  # type: ignore[arg-type]


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Cleaning must never touch the network: creating an internet socket fails the test."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("cleaner tried to open a network connection")

    monkeypatch.setattr(socket, "socket", _NoNetworkSocket)
    monkeypatch.setattr(socket, "create_connection", refuse)
