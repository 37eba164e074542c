"""What binds a cache to this user on this machine: a secret key kept outside every site
folder, and the HMAC that every file the cache keeps carries.

A site folder received from someone else may come with its .cache/: its entries were
signed (if at all) with the sender's key, so none of them verifies here and each is simply
a miss. The key is 32 random bytes in the user's cache folder (XDG_CACHE_HOME, else
~/.cache: reportsite/key), made on first use, readable by this user only; a key file that
others could read or change is not used. Where no key can be kept (a read-only home), the
build uses a key of its own process: everything still works, nothing is reused between
builds.

An entry is MAGIC, the HMAC-SHA256 (hex) of its name and payload, a newline, then the
payload: the name (its path in the cache, "pages/<key>.html") is signed too, so a valid
entry moved under another name does not verify either.

This module is imported before anything heavy.
"""

from __future__ import annotations

import functools
import hashlib
import hmac
import os
import secrets
import stat
from pathlib import Path

MAGIC = b"reportsite-cache 2\n"
HEADER = len(MAGIC) + 64 + 1  # the bytes before an entry's payload
KEY_FILE = "key"


def user_folder() -> Path:
    """This user's folder for reportsite's own state, outside every site folder:
    $XDG_CACHE_HOME/reportsite, else ~/.cache/reportsite."""
    base = os.environ.get("XDG_CACHE_HOME", "")
    folder = Path(base) if os.path.isabs(base) else Path.home() / ".cache"
    return folder / "reportsite"


def signing_key() -> bytes:
    """The user's key (made on first use)."""
    return _key_at(user_folder() / KEY_FILE)[0]


def key_problem() -> str | None:
    """Why the key is this process's own (nothing is reused between builds), or None."""
    return _key_at(user_folder() / KEY_FILE)[1]


@functools.lru_cache(maxsize=None)
def _key_at(path: Path) -> tuple[bytes, str | None]:
    """The key kept at path, made there if missing; else a key for this process alone and
    the reason."""
    try:
        return _read_key(path) or _make_key(path), None
    except OSError as e:
        why = f"cannot keep the cache's key in {path} ({e.strerror or type(e).__name__})"
    except ValueError as e:
        why = f"not using {path}: {e}"
    return secrets.token_bytes(32), why


def _read_key(path: Path) -> bytes | None:
    """The key at path, or None if there is none; ValueError if others could read or change it."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except FileNotFoundError:
        return None
    with os.fdopen(fd, "rb") as f:
        info = os.fstat(f.fileno())
        if not stat.S_ISREG(info.st_mode) or info.st_uid != os.getuid() \
                or info.st_mode & 0o077:
            raise ValueError("it is not a file of this user's that only this user can read; "
                             "delete it (a new key is made)")
        key = f.read()
    if len(key) != 32:
        raise ValueError("it is not a key (32 bytes); delete it (a new key is made)")
    return key


def _make_key(path: Path) -> bytes:
    """Make a key at path; if another process made one meanwhile, that one."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    key = secrets.token_bytes(32)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(key)
        os.link(temporary, path)  # never replaces a key another build has just made
    except FileExistsError:
        return _read_key(path) or key
    finally:
        temporary.unlink(missing_ok=True)
    return key


def signature(name: str, payload: bytes | memoryview) -> bytes:
    """The hex HMAC-SHA256 of an entry's name and payload under the user's key."""
    mac = hmac.new(signing_key(), name.encode("utf-8") + b"\0", hashlib.sha256)
    mac.update(payload)
    return mac.hexdigest().encode("ascii")


def seal(name: str, payload: bytes) -> bytes:
    """An entry: the header (with the signature of name and payload), then the payload."""
    return MAGIC + signature(name, payload) + b"\n" + payload


def unseal(name: str, data: bytes) -> bytes | None:
    """The payload of an entry made by seal() under this name with this user's key, else None."""
    if len(data) < HEADER or not data.startswith(MAGIC) or data[HEADER - 1:HEADER] != b"\n":
        return None
    payload = memoryview(data)[HEADER:]
    if not hmac.compare_digest(data[len(MAGIC):HEADER - 1], signature(name, payload)):
        return None
    return bytes(payload)


def owner_mark() -> str:
    """What a cache folder made with this user's key records (folder/owner), so a build can
    tell a folder someone else made and say that it ignores it."""
    return hmac.new(signing_key(), b"reportsite cache owner", hashlib.sha256).hexdigest()[:32]
