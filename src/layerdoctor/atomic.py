"""The one writer: every file layerdoctor writes (`--output`, `--fix`, its rollback, the cache).

A regular file is written all or nothing: a temporary file in the same folder, given the target's
mode and owner, renamed over it. What the path is, is kept:
  - a symlink is followed: the real file is written, the link stays a link;
  - a file with several hard links is rewritten in place, so every link sees the new bytes;
  - a device, FIFO or socket is written in place (`-o /dev/null`), or refused (`special="refuse"`);
  - a read-only file (no write bit, checked from the mode: root would bypass EACCES), or one in a
    read-only folder, is refused with a one-line reason, never rewritten;
  - with `expect`, the file must still hold exactly those bytes, else it is left as it is.
Every refusal is a WriteError (an OSError) whose str() is one line.
"""

from __future__ import annotations

import os
import stat
import tempfile


class WriteError(OSError):
    """The target was not written; str() is one line for the user."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else "cannot write"


def write_atomically(path: str, data: str | bytes, *, expect: bytes | None = None,
                     special: str = "in-place", private: bool = False) -> None:
    """Write `data` (str: UTF-8) to `path`. Raises OSError (WriteError for refusals); the target is
    then unchanged and no temporary file is left behind. `special`: "in-place" or "refuse".
    `private`: a file of layerdoctor's own (the cache): whatever is at `path`, a symlink included,
    is replaced by a new 0600 file, never followed (a planted link must not redirect the write)."""
    if isinstance(data, str):
        data = data.encode("utf-8", "surrogateescape")
    if private:
        _replace(os.path.abspath(path), data)
        return
    real = os.path.realpath(path)
    try:
        st = os.stat(real)
    except FileNotFoundError:
        st = None
    if st is not None and stat.S_ISDIR(st.st_mode):
        raise WriteError("is a folder")
    if st is not None and not stat.S_ISREG(st.st_mode):
        if special == "refuse":
            raise WriteError("not a regular file")
        _write_special(real, data)
        return
    if st is not None and (not st.st_mode & 0o222 or not os.access(real, os.W_OK)):
        raise WriteError("read-only file: not written")
    if expect is not None:
        _check_unchanged(real, expect)
    if st is not None and st.st_nlink > 1:
        _write_in_place(real, data, expect)
        return
    directory = os.path.dirname(real)
    try:
        dir_mode = os.stat(directory).st_mode
    except OSError as exc:
        raise WriteError(f"cannot write in {directory}: {exc.strerror or exc}") from None
    if not dir_mode & 0o222 or not os.access(directory, os.W_OK | os.X_OK):
        raise WriteError(f"read-only folder {directory}: not written")
    fd, temporary = tempfile.mkstemp(dir=directory, prefix=".layerdoctor-", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            if st is not None:
                os.fchmod(handle.fileno(), stat.S_IMODE(st.st_mode))
                if hasattr(os, "fchown") and (st.st_uid, st.st_gid) != os.fstat(handle.fileno())[4:6]:
                    try:
                        os.fchown(handle.fileno(), st.st_uid, st.st_gid)
                    except OSError:
                        pass  # not ours to give away: the mode is kept all the same
            else:
                os.fchmod(handle.fileno(), 0o666 & ~_umask())
        if expect is not None:
            _check_unchanged(real, expect)  # once more, just before the rename
        os.replace(temporary, real)
    except BaseException:
        if os.path.lexists(temporary):
            os.unlink(temporary)
        raise


def _replace(path: str, data: bytes) -> None:
    fd, temporary = tempfile.mkstemp(dir=os.path.dirname(path), prefix=".layerdoctor-", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(temporary, path)
    except BaseException:
        if os.path.lexists(temporary):
            os.unlink(temporary)
        raise


def read_bytes(path: str) -> bytes:
    """The bytes of a regular file (through symlinks); OSError for anything else."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
            raise WriteError("not a regular file")
        return handle.read()


def _check_unchanged(real: str, expect: bytes) -> None:
    try:
        current = read_bytes(real)
    except FileNotFoundError:
        raise WriteError("deleted since it was read: left as it is") from None
    if current != expect:
        raise WriteError("changed since it was read: left as it is")


def _write_in_place(real: str, data: bytes, expect: bytes | None) -> None:
    with open(real, "r+b") as handle:
        if expect is not None and handle.read() != expect:
            raise WriteError("changed since it was read: left as it is")
        handle.seek(0)
        handle.write(data)
        handle.truncate()


def _write_special(real: str, data: bytes) -> None:
    try:
        fd = os.open(real, os.O_WRONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        raise WriteError(f"cannot open {real} for writing: {exc.strerror or exc}") from None
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask
