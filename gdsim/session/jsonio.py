"""Strict JSON files: bounded reads of regular files only, strict parsing, atomic writes.

Reading refuses, with a message and never a traceback: anything but a regular file (a folder, a
named pipe, a device: checked before a byte is read, so a FIFO never hangs), a file larger than the
limit (read at most the limit, so a stream that grows while read is cut), text that is not UTF-8,
NaN or Infinity, duplicate keys, integers too long to read, lone surrogates (``"\\ud800"``) and
nesting deeper than the parser allows. Numbers beyond the range of a float (``10**400`` or ``1e400``
written out) are refused by the declaration of the setting that holds them.

Writing (:func:`write_atomic`, the one writer of the command line and the window) goes through a
temporary file in the target's folder, synced, then renamed over the target, then the folder
synced. The target must be a regular file or not exist yet; a symbolic link to a regular file is
followed (the file it points to is replaced, the link stays); a link to anything else, or to
nothing, is refused. An existing file keeps its mode; a new one gets the umask's. Temporary files
left by an earlier write to the same target that was killed are removed. Every failure is an
:class:`InputError` (code ``file.*``) naming the file, and the old file is left as it was.
"""

from __future__ import annotations

import contextlib
import errno
import json
import math
import os
import re
import stat
import sys
import tempfile
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import numpy as np

from gdsim.core.errors import InputError
from gdsim.core.params import check_text, describe, has_surrogate
from gdsim.session.limits import HINT, LIMITS

#: The largest magnitude a number may have: the largest float.
FLOAT_MAX = sys.float_info.max
_INT_FLOAT_MAX = int(FLOAT_MAX)
#: Temporary files of a write to ``name``: ``.name.<random>.tmp``.
TEMPORARY_SUFFIX = ".tmp"
#: A temporary file of the target older than this is left over from a killed write (a live write
#: of the largest file takes seconds), and is removed by the next write to that target.
STALE_SECONDS = 60
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")


def jsonable(value: Any) -> Any:
    """``value`` with arrays as lists, tuples as lists and every non-finite number as None."""
    if isinstance(value, np.ndarray):
        if value.dtype.kind == "f":
            out = value.astype(object)
            out[~np.isfinite(value)] = None
            return out.tolist()
        return value.tolist()
    if isinstance(value, Mapping):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    if isinstance(value, np.generic):
        return jsonable(value.item())
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def dumps(value: Any) -> str:
    """Strict JSON text for ``value``: objects one key a line, arrays of numbers on one line."""
    return _format(jsonable(value), "")


def _format(value: Any, indent: str) -> str:
    if isinstance(value, dict) and value:
        inner = indent + " "
        items = ",\n".join(f"{inner}{json.dumps(k, ensure_ascii=False)}: {_format(v, inner)}"
                           for k, v in value.items())
        return "{\n" + items + "\n" + indent + "}"
    if isinstance(value, list) and any(isinstance(v, dict) for v in value):
        inner = indent + " "
        return "[\n" + ",\n".join(inner + _format(v, inner) for v in value) + "\n" + indent + "]"
    return json.dumps(value, allow_nan=False, ensure_ascii=False, separators=(", ", ": "))


# --- reading ------------------------------------------------------------------------------------


class _Flagged:
    """A value the parser's hooks could not accept; found with its key path after parsing."""

    def __init__(self, code: str, message: str, params: Mapping[str, Any]) -> None:
        self.code, self.message, self.params = code, message, dict(params)


class _Duplicated(dict):
    """An object that named a key twice (kept so the error can say where)."""

    key: str = ""


class _Parse:
    """Hooks for one parse: they flag what strict JSON for gdsim refuses, without knowing where."""

    def __init__(self) -> None:
        self.flagged = False

    def integer(self, text: str) -> int | _Flagged:
        digits = len(text.lstrip("-"))
        if digits < 309:
            return int(text)
        if digits == 309 and abs(value := int(text)) <= _INT_FLOAT_MAX:
            return value
        self.flagged = True
        return _Flagged("number.beyond_float", f"is a number of {digits} digits, beyond the largest a float can "
                        f"hold (about 1.8e308)", {"digits": digits})

    def pairs(self, pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        out = dict(pairs)
        if len(out) == len(pairs):
            return out
        seen: set[str] = set()
        for key, _value in pairs:
            if key in seen:
                break
            seen.add(key)
        self.flagged = True
        duplicated = _Duplicated(out)
        duplicated.key = key
        return duplicated


def _refuse_constant(token: str) -> None:
    raise InputError("", f"{token} is not allowed in strict JSON; write null for a missing number",
                     "file.constant", {"token": token})


def _child(path: str, key: Any) -> str:
    if isinstance(key, int):
        return f"{path}[{key}]"
    return f"{path}.{key}" if path else str(key)


def _first_refused(data: Any, surrogates: bool) -> InputError | None:
    """The first value the hooks flagged, a duplicated key or a lone surrogate, with its key path."""
    stack: list[tuple[Any, str]] = [(data, "")]
    while stack:
        value, path = stack.pop()
        if isinstance(value, _Flagged):
            return InputError(path, value.message, value.code, value.params)
        if isinstance(value, str):
            if surrogates and has_surrogate(value):
                return _surrogate_error(path, value)
        elif isinstance(value, dict):
            if isinstance(value, _Duplicated):
                return InputError(_child(path, value.key), "is given twice in the same object: keep one",
                                  "key.duplicate", {"key": value.key})
            for key, item in reversed(value.items()):
                if surrogates and has_surrogate(key):
                    return _surrogate_error(path, key)
                stack.append((item, _child(path, key)))
        elif isinstance(value, list):
            stack.extend((item, _child(path, i)) for i, item in reversed(list(enumerate(value))))
    return None


def _surrogate_error(path: str, text: str) -> InputError:
    try:
        check_text(text, path)
    except InputError as error:
        return error
    raise AssertionError("not a lone surrogate")


def loads(text: str) -> Any:
    """Parse strict JSON; InputError with the line and column, or the key path, for anything else.

    Numbers beyond the range of a float are refused where they are used (by their declaration,
    :class:`~gdsim.core.params.Param`), except integers too long for Python to read at all, which
    are refused here with their key path.
    """
    hooks = _Parse()
    try:
        try:
            data = json.loads(text, parse_constant=_refuse_constant, object_pairs_hook=hooks.pairs)
        except InputError:
            raise
        except json.JSONDecodeError:
            raise
        except ValueError:  # an integer of thousands of digits: read them all as flagged values
            data = json.loads(text, parse_constant=_refuse_constant, object_pairs_hook=hooks.pairs,
                              parse_int=hooks.integer)
    except json.JSONDecodeError as error:
        raise InputError("", f"not valid JSON at line {error.lineno}, column {error.colno}: {error.msg}", "file.json",
                         {"line": error.lineno, "column": error.colno, "reason": error.msg}) from None
    except RecursionError:
        raise InputError("", "nested too deeply (lists or objects inside each other hundreds of times)",
                         "file.too_deep") from None
    surrogates = _SURROGATE_ESCAPE.search(text) is not None
    if hooks.flagged or surrogates:
        refused = _first_refused(data, surrogates)
        if refused is not None:
            raise refused
    return data


def _kind_of(mode: int) -> str:
    """What a file that is not a regular file is, in words."""
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISLNK(mode):
        return "a symbolic link"
    return "not a regular file"


def _read_error(path: Path, error: OSError) -> InputError:
    if isinstance(error, FileNotFoundError):
        return InputError("", f"no such file: {path}", "file.missing", {"path": str(path)})
    if isinstance(error, IsADirectoryError):
        return InputError("", f"{path} is a folder, not a file", "file.folder", {"path": str(path)})
    reason = error.strerror or str(error)
    return InputError("", f"cannot read {path}: {reason}", "file.unreadable", {"path": str(path), "reason": reason})


def read_bounded(path: str | Path, max_bytes: int | None = LIMITS.file_bytes) -> bytes:
    """The bytes of the regular file ``path``, refusing anything else and anything larger than ``max_bytes``.

    The file is opened without blocking (a named pipe never hangs) and checked with ``fstat`` before
    a byte is read; at most ``max_bytes`` + 1 bytes are ever read (None: no limit).

    Raises
    ------
    InputError
        ``file.missing``, ``file.folder``, ``file.not_regular``, ``file.too_large`` or ``file.unreadable``.
    """
    path = Path(path)
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as error:
        raise _read_error(path, error) from None
    try:
        status = os.fstat(descriptor)
        mode = status.st_mode
        if stat.S_ISDIR(mode):
            raise InputError("", f"{path} is a folder, not a file", "file.folder", {"path": str(path)})
        if not stat.S_ISREG(mode):
            what = _kind_of(mode)
            raise InputError("", f"{path} is {what}, not a regular file", "file.not_regular",
                             {"path": str(path), "what": what})
        if max_bytes is not None and status.st_size > max_bytes:
            raise _too_large(path, max_bytes)
        os.set_blocking(descriptor, True)
        chunks, total = [], 0
        while max_bytes is None or total <= max_bytes:
            chunk = os.read(descriptor, 1 << 20 if max_bytes is None else min(1 << 20, max_bytes + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        if max_bytes is not None and total > max_bytes:
            raise _too_large(path, max_bytes)
        return b"".join(chunks)
    except OSError as error:
        raise _read_error(path, error) from None
    finally:
        os.close(descriptor)


def _too_large(path: Path, max_bytes: int) -> InputError:
    mib = max_bytes / 2**20
    return InputError("", f"{path} is larger than the {mib:g} MiB a file may have ({HINT})", "file.too_large",
                      {"path": str(path), "mib": mib})


def read_json(path: str | Path, max_bytes: int | None = LIMITS.file_bytes) -> Any:
    """Read and parse a JSON file (see :func:`read_bounded` and :func:`loads`).

    Raises
    ------
    InputError
        For a missing, unreadable, special, huge, non-UTF-8 or malformed file.
    """
    path = Path(path)
    return parse_bytes(read_bounded(path, max_bytes), path)


def parse_bytes(raw: bytes, path: str | Path = "the file") -> Any:
    """Decode ``raw`` (UTF-8, a byte-order mark allowed) and parse it with :func:`loads`; ``path``
    names the file in messages."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise InputError("", f"{path} is not a text (UTF-8) file", "file.not_text", {"path": str(path)}) from None
    return loads(text.removeprefix("\ufeff"))


# --- writing ------------------------------------------------------------------------------------


def _write_error(path: Path, error: OSError) -> InputError:
    reason = error.strerror or str(error) or type(error).__name__
    if error.errno == errno.ENAMETOOLONG:
        reason = "the file name is too long"
    return InputError("", f"cannot write {path}: {reason}; nothing was written", "file.unwritable",
                      {"path": str(path), "reason": reason})


def writable_target(path: str | Path, probe: bool = False) -> Path:
    """The file a write to ``path`` replaces or creates, checked without touching it.

    A symbolic link to a regular file gives the file it points to. Call it with ``probe`` before
    long work (the command line does, before simulating) so a bad target is refused at once: the
    probe creates and removes an empty temporary file beside the target, which finds what no
    permission bit tells (a read-only file system, /proc, no inodes left).

    Raises
    ------
    InputError
        ``file.not_regular`` for an existing target that is not a regular file (or a link to one, or a
        link to nothing); ``file.unwritable`` for an empty name, a missing or read-only folder, or a name
        too long for the folder once the temporary suffix is added.
    """
    raw = Path(path)
    if not str(path) or raw.name in ("", ".", ".."):
        raise InputError("", f"{str(path)!r} names no file; nothing was written", "file.unwritable",
                         {"path": str(path), "reason": "no file name"})
    target = raw
    try:
        if raw.is_symlink():
            target = raw.resolve()
            if not target.exists():
                raise InputError("", f"{raw} is a symbolic link to {target}, which does not exist; nothing was "
                                     "written", "file.not_regular",
                                 {"path": str(raw), "what": "a dangling link", "writing": True})
        mode = target.stat().st_mode
    except FileNotFoundError:
        mode = None
    except OSError as error:
        raise _write_error(raw, error) from None
    if mode is not None and not stat.S_ISREG(mode):
        what = _kind_of(mode)
        via = f" (through the link {raw})" if target != raw else ""
        raise InputError("", f"{target}{via} is {what}, not a regular file; nothing was written",
                         "file.not_regular", {"path": str(target), "what": what, "writing": True})
    folder = target.parent
    if not folder.is_dir():
        raise InputError("", f"cannot write {raw}: the folder {folder} does not exist; nothing was written",
                         "file.unwritable", {"path": str(raw), "reason": "no such folder"})
    if not os.access(folder, os.W_OK | os.X_OK):
        raise InputError("", f"cannot write {raw}: the folder {folder} is not writable; nothing was written",
                         "file.unwritable", {"path": str(raw), "reason": "read-only folder"})
    try:
        name_max = os.pathconf(folder, "PC_NAME_MAX")
    except (OSError, ValueError):
        name_max = 255
    if len(_temporary_name(target.name, "x" * 8).encode("utf-8", "surrogateescape")) > name_max:
        raise InputError("", f"cannot write {raw}: the file name is too long (at most {name_max - 14} bytes); "
                             "nothing was written", "file.unwritable", {"path": str(raw), "reason": "name too long"})
    if probe:
        try:
            handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=TEMPORARY_SUFFIX, dir=folder)
            os.close(handle)
            os.unlink(temporary)
        except OSError as error:
            raise _write_error(raw, error) from None
    return target


def _temporary_name(name: str, middle: str) -> str:
    return f".{name}.{middle}{TEMPORARY_SUFFIX}"


def _remove_stale_temporaries(target: Path) -> None:
    """Remove temporary files an earlier, killed write to ``target`` left behind (older than
    :data:`STALE_SECONDS`, so a write to the same target still under way keeps its own)."""
    prefix = f".{target.name}."
    try:
        entries = list(os.scandir(target.parent))
    except OSError:
        return
    now = time.time()
    for entry in entries:
        if (entry.name.startswith(prefix) and entry.name.endswith(TEMPORARY_SUFFIX)
                and len(entry.name) == len(prefix) + 8 + len(TEMPORARY_SUFFIX)):
            with contextlib.suppress(OSError):
                if entry.is_file(follow_symlinks=False) and now - entry.stat().st_mtime > STALE_SECONDS:
                    os.unlink(entry.path)


def _new_file_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def _sync_folder(folder: Path) -> None:
    try:
        descriptor = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass  # some file systems cannot sync a folder; the rename itself is atomic
    finally:
        os.close(descriptor)


def write_atomic(path: str | Path, text: str) -> Path:
    """Write ``text`` to ``path`` through a temporary file and a rename: never a half-written file.

    See the module docstring for what a target may be. Returns the file written (the file a link
    points to, for a link).

    Raises
    ------
    InputError
        The target was refused (:func:`writable_target`), the text holds a lone surrogate, or the
        write failed (a full disk, ...); the old file, if any, is as it was.
    """
    target = writable_target(path)
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError as error:
        bad = text[error.start:error.end]
        raise InputError("", f"cannot write {path}: the text holds a lone surrogate ({describe(bad)}); nothing "
                             "was written", "text.surrogate", {"value": describe(bad)}) from None
    try:
        mode = stat.S_IMODE(target.stat().st_mode)
    except FileNotFoundError:
        mode = _new_file_mode()
    except OSError as error:
        raise _write_error(Path(path), error) from None
    _remove_stale_temporaries(target)
    temporary: str | None = None
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=TEMPORARY_SUFFIX, dir=target.parent)
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fchmod(stream.fileno(), mode)
            os.fsync(stream.fileno())
        os.replace(temporary, target)
        temporary = None
    except OSError as error:
        raise _write_error(Path(path), error) from None
    finally:
        if temporary is not None:
            Path(temporary).unlink(missing_ok=True)
    _sync_folder(target.parent)
    return target
