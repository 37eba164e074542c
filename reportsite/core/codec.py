"""Exact, safe serialisation of the values the cache keeps: reading an entry never runs code.

No pickle: a value is JSON, with tags for what JSON lacks, and its byte strings kept apart
as raw bytes. Decoding builds only JSON values, tuples, frozensets, bytes, dicts and the
frozen dataclasses the caller names (by their class name, with exactly their fields); it
imports nothing and calls nothing else, so a planted or damaged entry is at worst a value
the caller rejects, never a program.

A payload is
  b"B" + the bytes                              a value that is bytes, as it is;
  b"J" + 8-byte length + the JSON + the blobs   anything else.
In the JSON, a dict with one key that starts with "$" is a tag (a plain dict never has such
a key: one whose keys are not all strings, or that has a key starting with "$", is written
as its pairs):
  {"$tuple": [...]}  {"$frozenset": [...]}  {"$bytes": [offset, length]} (into the blobs)
  {"$dict": [[key, value], ...]}  {"$obj": ["ClassName", [its fields' values in order]]}

This module is imported before anything heavy.
"""

from __future__ import annotations

import dataclasses
import json
from typing import Any, Iterable

RAW, TAGGED = b"B", b"J"


class Undecodable(ValueError):
    """A payload that is not what encode() writes, or names a type the caller did not allow."""


def encode(value: Any) -> bytes:
    """The payload of a value (see the module's docstring); TypeError for a value it cannot
    write exactly (a set, a Decimal, an object that is not a dataclass, ...)."""
    if type(value) is bytes:
        return RAW + value
    blobs: list[bytes] = []
    text = json.dumps(_tagged(value, blobs), ensure_ascii=False, separators=(",", ":"))
    data = text.encode("utf-8", "surrogatepass")
    return TAGGED + len(data).to_bytes(8, "big") + data + b"".join(blobs)


_PLAIN = frozenset({str, int, float, bool, type(None)})  # JSON writes these exactly
_FIELDS: dict[type, tuple[str, ...]] = {}  # a dataclass's field names, looked up once


def _tagged(value: Any, blobs: list[bytes]) -> Any:
    """value as plain JSON values, tagged where JSON has no exact form of it. (Plain items
    are taken as they are without a call: an index holds tens of thousands.)"""
    kind = type(value)
    if kind in _PLAIN:
        return value
    if kind is list:
        return [v if type(v) in _PLAIN else _tagged(v, blobs) for v in value]
    if kind is tuple:
        return {"$tuple": [v if type(v) in _PLAIN else _tagged(v, blobs) for v in value]}
    if kind is dict:
        if all(type(k) is str and k[:1] != "$" for k in value):
            return {k: v if type(v) in _PLAIN else _tagged(v, blobs) for k, v in value.items()}
        return {"$dict": [[_tagged(k, blobs), _tagged(v, blobs)] for k, v in value.items()]}
    if kind is frozenset:
        return {"$frozenset": sorted((_tagged(item, blobs) for item in value), key=repr)}
    if kind is bytes:
        start = sum(len(blob) for blob in blobs)
        blobs.append(value)
        return {"$bytes": [start, len(value)]}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        names = _FIELDS.get(kind)
        if names is None:
            names = _FIELDS[kind] = tuple(f.name for f in dataclasses.fields(kind))
        return {"$obj": [kind.__name__, [_tagged(getattr(value, n), blobs) for n in names]]}
    raise TypeError(f"the cache cannot keep a {kind.__name__} exactly")


def decode(payload: bytes, types: Iterable[type] = ()) -> Any:
    """The value encode() wrote; Undecodable if payload is anything else. types: the
    dataclasses it may hold."""
    if payload[:1] == RAW:
        return payload[1:]
    if payload[:1] != TAGGED or len(payload) < 9:
        raise Undecodable("not a cache payload")
    length = int.from_bytes(payload[1:9], "big")
    if 9 + length > len(payload):
        raise Undecodable("a payload cut short")
    blobs = memoryview(payload)[9 + length:]
    allowed = {cls.__name__: cls for cls in types}

    def untag(obj: dict) -> Any:
        if len(obj) != 1:
            return obj
        (tag, value), = obj.items()
        if not tag.startswith("$"):
            return obj
        return _untag(tag, value, blobs, allowed)

    try:
        return json.loads(payload[9:9 + length].decode("utf-8", "surrogatepass"),
                          object_hook=untag)
    except (ValueError, TypeError, KeyError, IndexError) as e:
        raise Undecodable(str(e)) from e


def _untag(tag: str, value: Any, blobs: memoryview, allowed: dict[str, type]) -> Any:
    """The value a tag stands for."""
    if tag == "$tuple":
        return tuple(value)
    if tag == "$frozenset":
        return frozenset(value)
    if tag == "$dict":
        return {key: item for key, item in value}
    if tag == "$bytes":
        start, length = value
        if start < 0 or length < 0 or start + length > len(blobs):
            raise Undecodable("a byte string beyond the payload")
        return bytes(blobs[start:start + length])
    if tag == "$obj":
        name, values = value
        cls = allowed.get(name)
        if cls is None or len(values) != len(dataclasses.fields(cls)):
            raise Undecodable(f"a {name} where none was expected")
        return cls(*values)
    raise Undecodable(f"unknown tag {tag}")
