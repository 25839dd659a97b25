"""Errors that end a command with one clear line and exit status 2 (never a traceback)."""


class UsageError(Exception):
    """Bad input from the user: a wrong option, a missing file, a target that cannot be loaded.

    str() is the one line; `details` are lines shown under it (the user's own frames when their
    code raised)."""

    def __init__(self, message: str = "", details: list[str] | None = None):
        super().__init__(message)
        self.details = list(details or [])
