"""User-facing errors: the CLI prints them as one line and exits with status 2, no traceback."""

from __future__ import annotations


class KgError(Exception):
    """A problem with the user's input or setup, not a bug."""

    exit_code = 2


class InputError(KgError):
    """Unreadable or malformed input; the message names the file and place."""

    def __init__(self, source: str, message: str, place: str | None = None) -> None:
        where = f"{source}: {place}" if place else source
        super().__init__(f"{where}: {message}")
        self.source = source
        self.place = place


class StoreError(KgError):
    """The graph store cannot be reached or refused us (wrong password, server down)."""
