"""Errors that end a command with one clear line and exit status 2 (never a traceback)."""

import contextlib
import contextvars


class UsageError(Exception):
    """Bad input from the user: a wrong option, a missing file, a target that cannot be loaded.

    str() is the one line; `details` are lines shown under it (the user's own frames when their
    code raised)."""

    def __init__(self, message: str = "", details: list[str] | None = None):
        super().__init__(message)
        self.details = list(details or [])


# Who reads the message: a Python caller knows keyword arguments, a shell user knows flags.
_ON_COMMAND_LINE = contextvars.ContextVar("layerdoctor_on_command_line", default=False)


def option(keyword: str, flag: str) -> str:
    """How a message names an option: `flag` under `command_line()`, else the keyword argument."""
    return flag if _ON_COMMAND_LINE.get() else keyword


@contextlib.contextmanager
def command_line():
    """Messages raised inside name command-line flags (`option`)."""
    token = _ON_COMMAND_LINE.set(True)
    try:
        yield
    finally:
        _ON_COMMAND_LINE.reset(token)
