"""Strict JSON: no NaN or Infinity tokens (non-finite numbers become null), atomic writes, clear errors."""

from __future__ import annotations

import json
import math
import os
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import numpy as np

from gdsim.core.errors import InputError

#: Files larger than this are refused before they are read.
MAX_FILE_BYTES = 512 * 1024 * 1024


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


def write_atomic(path: str | Path, text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file and a rename: never a half-written file."""
    path = Path(path)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent or ".")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _refuse_constant(token: str) -> None:
    raise ValueError(f"{token} is not allowed in strict JSON; write null for a missing number")


def loads(text: str) -> Any:
    """Parse strict JSON; InputError with line and column for anything else."""
    try:
        return json.loads(text, parse_constant=_refuse_constant)
    except json.JSONDecodeError as error:
        raise InputError("", f"not valid JSON at line {error.lineno}, column {error.colno}: {error.msg}", "file.json",
                         {"line": error.lineno, "column": error.colno, "reason": error.msg}) from None
    except ValueError as error:
        raise InputError("", str(error)) from None


def read_json(path: str | Path) -> Any:
    """Read and parse a JSON file; InputError for a missing, unreadable, huge or malformed file."""
    path = Path(path)
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise InputError("", f"{path} is larger than {MAX_FILE_BYTES // 2**20} MiB", "file.too_large",
                             {"path": str(path), "mib": MAX_FILE_BYTES // 2**20})
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError("", f"no such file: {path}", "file.missing", {"path": str(path)}) from None
    except IsADirectoryError:
        raise InputError("", f"{path} is a folder, not a file", "file.folder", {"path": str(path)}) from None
    except UnicodeDecodeError:
        raise InputError("", f"{path} is not a text (UTF-8) file", "file.not_text", {"path": str(path)}) from None
    except OSError as error:
        raise InputError("", f"cannot read {path}: {error.strerror}", "file.unreadable",
                         {"path": str(path), "reason": error.strerror}) from None
    return loads(text)
