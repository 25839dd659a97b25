"""Find the file and line of user code: a class, an attribute assignment, a calling statement."""

from __future__ import annotations

import inspect
import os
import re
import sysconfig

_PACKAGE_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
_LIBRARY_DIRS = tuple(
    os.path.abspath(p) + os.sep
    for p in {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"], sysconfig.get_paths()["stdlib"]}
)


def is_user_file(path: str) -> bool:
    """Code the user wrote: not Keras/TF/site-packages, not the stdlib, not layerdoctor itself."""
    if not path or path.startswith("<"):
        return False
    path = os.path.abspath(path)
    if path.startswith(_PACKAGE_DIR + os.sep):
        return False
    return not path.startswith(_LIBRARY_DIRS)


def user_site(frame) -> tuple[str, int] | None:
    """The innermost frame of user code, starting at `frame` and walking outwards."""
    while frame is not None:
        if is_user_file(frame.f_code.co_filename):
            return frame.f_code.co_filename, frame.f_lineno
        frame = frame.f_back
    return None


def class_site(cls) -> tuple[str, int]:
    """Where a class is defined; falls back to its module when the source is not available."""
    try:
        path = inspect.getsourcefile(cls) or inspect.getfile(cls)
        _, line = inspect.getsourcelines(cls)
        return path, line
    except (TypeError, OSError):
        module = getattr(inspect.getmodule(cls), "__file__", None)
        return module or f"<{cls.__module__}>", 1


def attribute_site(cls, attribute: str | None) -> tuple[str, int]:
    """Where `self.<attribute> = ...` is first written in the class (or its user-defined bases)."""
    if attribute:
        pattern = re.compile(rf"\bself\.{re.escape(attribute)}\s*(=[^=]|,|\))")
        for klass in getattr(cls, "__mro__", (cls,)):
            try:
                path = inspect.getsourcefile(klass)
                lines, start = inspect.getsourcelines(klass)
            except (TypeError, OSError):
                continue
            if not path or not is_user_file(path):
                continue
            for offset, text in enumerate(lines):
                if pattern.search(text):
                    return path, start + offset
    return class_site(cls)


def function_site(fn) -> tuple[str, int] | None:
    code = getattr(fn, "__code__", None)
    if code is None:
        return None
    return code.co_filename, code.co_firstlineno


def deepest_user_frame(error: BaseException):
    """The innermost traceback frame in user code, with its line: (frame, line) or (None, None)."""
    found = (None, None)
    tb = error.__traceback__
    while tb is not None:
        if is_user_file(tb.tb_frame.f_code.co_filename):
            found = (tb.tb_frame, tb.tb_lineno)
        tb = tb.tb_next
    return found
