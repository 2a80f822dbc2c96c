"""Reading and rewriting the user's files without losing anything.

Reading refuses anything but a regular file (a FIFO or a device would block or never end) and
records a stamp (size, mtime, inode) of what was read. Writing goes through symbolic links to the
real file, keeps its hard links, owner, group and mode, refuses a read-only file, and refuses to
overwrite a file that changed since it was read (a lost update). The new content goes to a
temporary file named ``.<name>.mtfix-<pid>-<random>.tmp`` beside the file and is renamed over it;
SIGINT, SIGTERM and SIGHUP remove it, and one left by ``kill -9`` is removed by the next write to
that file once its process is gone.
"""
from __future__ import annotations

import errno
import os
import re
import signal
import stat
import tempfile
import threading
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Iterator

from . import InputError


class WriteError(InputError):
    """A file mtfix will not write: the message is the one line the user sees."""


@dataclass(frozen=True)
class Stamp:
    size: int
    mtime_ns: int
    ino: int
    dev: int

    @classmethod
    def of(cls, st: os.stat_result) -> "Stamp":
        return cls(st.st_size, st.st_mtime_ns, st.st_ino, st.st_dev)


_KINDS = ((stat.S_ISFIFO, "a FIFO"), (stat.S_ISCHR, "a character device"),
          (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"), (stat.S_ISDIR, "a directory"))


def _kind(mode: int) -> str:
    return next((name for test, name in _KINDS if test(mode)), "not a regular file")


def read_file(path: str) -> tuple[bytes, Stamp]:
    """The bytes of a regular file and its stamp; anything else is one InputError line."""
    if os.path.isdir(path):
        raise InputError(f"{path}: is a directory (use -r to check the files in it)")
    try:
        # O_NONBLOCK: opening a FIFO must not wait for a writer before we can refuse it.
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except PermissionError:
        raise InputError(f"{path}: permission denied") from None
    except OSError as e:
        raise InputError(f"{path}: cannot read ({e.strerror})") from None
    with os.fdopen(fd, "rb") as fh:
        st = os.fstat(fh.fileno())
        if not stat.S_ISREG(st.st_mode):
            raise InputError(f"{path}: is {_kind(st.st_mode)}, not a regular file "
                             "(give a file, or '-' to read standard input)")
        try:
            data = fh.read()
        except OSError as e:
            raise InputError(f"{path}: cannot read ({e.strerror})") from None
    return data, Stamp.of(st)


def write_atomic(path: str, data: bytes, expect: Stamp | None = None) -> None:
    """Replace the contents of ``path`` with ``data``: a crash leaves the old or the new file.

    ``expect`` is the stamp of the file when it was read; if the file changed since, nothing is
    written and WriteError says so. Other refusals (read-only, not a regular file) are WriteError
    too; an OSError from the system (a read-only folder, a full disk) leaves the file unchanged.
    """
    real = os.path.realpath(path)       # through symbolic links: fix the file, keep the link
    try:
        st: os.stat_result | None = os.stat(real)
    except FileNotFoundError:
        st = None
    if st is not None:
        _check_writable(path, real, st, expect)
    directory, base = os.path.split(real)
    _remove_stale(directory)
    with _signals_raise():
        fd, tmp = tempfile.mkstemp(prefix=f".{base}.mtfix-{os.getpid()}-", suffix=".tmp", dir=directory)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
            if st is not None and (st.st_nlink > 1 or not _same_owner(tmp, st)):
                # A hard link (or an owner we may not give the new file) only survives if the
                # file itself is rewritten; the temporary file holds the new content until then.
                _rewrite_in_place(path, real, data, expect)
                os.unlink(tmp)
                return
            if st is not None:
                os.chmod(tmp, stat.S_IMODE(st.st_mode))
            if expect is not None:
                _check_unchanged(path, real, expect)    # as late as possible before the rename
            os.replace(tmp, real)
        except BaseException:
            try:
                os.unlink(tmp)
            except OSError:
                pass
            raise


def _check_writable(path: str, real: str, st: os.stat_result, expect: Stamp | None) -> None:
    if not stat.S_ISREG(st.st_mode):
        raise WriteError(f"{path}: is {_kind(st.st_mode)}, not a regular file; not written")
    if not st.st_mode & 0o222 or not os.access(real, os.W_OK):
        # Root may write anything: the mode bits say what the owner meant.
        raise WriteError(f"{path}: file is read-only; left unchanged (make it writable to fix it)")
    if expect is not None and Stamp.of(st) != expect:
        raise WriteError(_changed(path))


def _check_unchanged(path: str, real: str, expect: Stamp) -> None:
    try:
        now = Stamp.of(os.stat(real))
    except FileNotFoundError:
        raise WriteError(f"{path}: file was removed while mtfix was working; not written") from None
    if now != expect:
        raise WriteError(_changed(path))


def _changed(path: str) -> str:
    return f"{path}: file changed while mtfix was working; left as it is now (run mtfix again)"


def _same_owner(tmp: str, st: os.stat_result) -> bool:
    """Give the new file the old one's owner and group; False if that is not allowed."""
    mine = os.stat(tmp)
    if (mine.st_uid, mine.st_gid) == (st.st_uid, st.st_gid):
        return True
    try:
        os.chown(tmp, st.st_uid, st.st_gid)
        return True
    except PermissionError:
        return False


def _rewrite_in_place(path: str, real: str, data: bytes, expect: Stamp | None) -> None:
    """Rewrite the file itself (its hard links see the change). The space is reserved before a
    byte changes, every write is checked, and any failure puts the old bytes back: a full disk
    must never leave the file cut short."""
    fd = os.open(real, os.O_RDWR | getattr(os, "O_CLOEXEC", 0))
    try:
        if expect is not None and Stamp.of(os.fstat(fd)) != expect:
            raise WriteError(_changed(path))
        old = _read_all(fd)
        if len(data) > len(old):
            _reserve(fd, len(old), len(data))
        try:
            _write_all(fd, data)
            os.ftruncate(fd, len(data))
            os.fsync(fd)
            if os.fstat(fd).st_size != len(data):
                raise OSError(errno.EIO, os.strerror(errno.EIO))
        except BaseException:
            _write_all(fd, old)       # into space the file already held: cannot run short
            os.ftruncate(fd, len(old))
            os.fsync(fd)
            raise
    finally:
        os.close(fd)


def _read_all(fd: int) -> bytes:
    chunks, pos = [], 0
    while True:
        chunk = os.pread(fd, 1 << 20, pos)
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)
        pos += len(chunk)


def _reserve(fd: int, old_size: int, new_size: int) -> None:
    """Allocate the blocks the longer content needs; ENOSPC here leaves the file as it was."""
    try:
        os.posix_fallocate(fd, 0, new_size)
    except AttributeError:
        return      # no posix_fallocate (macOS): the checked writes below still restore
    except OSError as e:
        if e.errno in (errno.EOPNOTSUPP, errno.EINVAL, getattr(errno, "ENOTSUP", -1)):
            return  # a filesystem without fallocate: the checked writes still restore
        try:
            os.ftruncate(fd, old_size)
        except OSError:
            pass
        raise


def _write_all(fd: int, data: bytes) -> None:
    """Write all of ``data`` from offset 0; a short write that makes no progress is ENOSPC."""
    view, pos = memoryview(data), 0
    while pos < len(data):
        n = os.pwrite(fd, view[pos:], pos)
        if n <= 0:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        pos += n


_STALE = re.compile(r"\.(?P<base>.+)\.mtfix-(?P<pid>\d+)-[^.]+\.tmp\Z")


_SWEPT: set[str] = set()


def _remove_stale(directory: str) -> None:
    """Remove temporary files an earlier, killed mtfix left in this folder (once per folder and
    run: a listing per written file would be quadratic in a large folder)."""
    if directory in _SWEPT:
        return
    _SWEPT.add(directory)
    try:
        names = os.listdir(directory)
    except OSError:
        return
    for name in names:
        m = _STALE.match(name)
        if not m or _alive(int(m.group("pid"))):
            continue
        try:
            os.unlink(os.path.join(directory, name))
        except OSError:
            pass


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True     # exists, owned by someone else
    return True


class Terminated(SystemExit):
    """SIGTERM or SIGHUP during a write: unwinds (the temporary file goes) and exits 128+signal."""


@contextmanager
def _signals_raise() -> Iterator[None]:
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def handler(signum, frame):
        raise Terminated(128 + signum)

    old = {}
    for sig in (signal.SIGTERM, signal.SIGHUP):
        try:
            old[sig] = signal.signal(sig, handler)
        except (ValueError, OSError):
            pass
    try:
        yield
    finally:
        for sig, h in old.items():
            signal.signal(sig, h)
