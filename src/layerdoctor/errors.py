"""Errors that end a command with one clear line and exit status 2 (never a traceback)."""


class UsageError(Exception):
    """Bad input from the user: a wrong option, a missing file, a target that cannot be loaded."""
