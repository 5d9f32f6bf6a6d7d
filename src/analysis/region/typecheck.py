"""The key types of a region config, checked by pydantic against the declaration in SPEC.

SPEC (analysis.region.spec) stays a readable table of keys; `model` turns it into pydantic
models once (strict: no text read as a number, no number as text), and `check_types` turns
pydantic's errors back into the one-line messages a student reads, each naming the key
path as it is written in the file (`districts[0].population`, `raw.sheets.FILE.SHEET.table`).
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, PlainValidator, ValidationError, create_model

from analysis.region.spec import CLAIM_META, SPEC, MapOf


def _is(value: Any, types: tuple) -> bool:
    """A YAML value of one of these types (a bool is not a number; a datetime is a date)."""
    if isinstance(value, bool) and bool not in types:
        return False
    return isinstance(value, types) or (dt.date in types and isinstance(value, dt.datetime))


def _leaf(spec: Any) -> Any:
    types = spec if isinstance(spec, tuple) else (spec,)

    def check(value: Any) -> Any:
        if not _is(value, types):
            raise ValueError("wrong type")
        return value

    return Annotated[Any, PlainValidator(check)]


def _annotation(spec: Any, name: str) -> Any:
    if isinstance(spec, MapOf):
        key = Literal[spec.keys] if spec.keys else Any
        return dict[key, _annotation(spec.value, name)]
    if spec == "claim":
        return _model(CLAIM_META, name, extra="allow")
    if spec == "mapping":
        return dict[Any, Any]
    if isinstance(spec, list):
        return list[_annotation(spec[0], name)]
    if isinstance(spec, dict):
        return _model(spec, name)
    return _leaf(spec)


def _model(spec: dict[str, tuple[Any, bool]], name: str, extra: str = "forbid") -> type:
    fields = {
        key: (_annotation(sub, f"{name}_{key}"), ... if required else None)
        for key, (sub, required) in spec.items()
    }
    config = ConfigDict(extra=extra, strict=True, protected_namespaces=())
    return create_model(name, __config__=config, **fields)


@cache
def model() -> type[BaseModel]:
    """The pydantic model of a whole region config (built once, on first use)."""
    return _model(SPEC, "RegionConfig")


def _path(loc: list[Any]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else f".{part}"
    return out.lstrip(".")


def _spec_at(loc: list[Any]) -> tuple[Any, Any]:
    """(spec of the value at loc, spec of its parent); None where SPEC has no such key."""
    spec: Any = SPEC
    parent: Any = None
    for part in loc:
        parent = spec
        if spec == "claim":
            spec = CLAIM_META
        if isinstance(spec, dict):
            spec = spec[part][0] if part in spec else None
        elif isinstance(spec, list):
            spec = spec[0]
        elif isinstance(spec, MapOf):
            spec = spec.value
        else:
            return None, parent
    return spec, parent


def _tname(spec: Any) -> str:
    if isinstance(spec, tuple):
        return " or ".join(_tname(s) for s in spec)
    return {
        str: "text",
        int: "whole number",
        bool: "true/false",
        dt.date: "date (YYYY-MM-DD)",
        type(None): "empty",
    }.get(spec, getattr(spec, "__name__", str(spec)))


def _message(error: dict[str, Any]) -> str:
    loc = [p for p in error["loc"] if p != "[key]"]
    key, value = _path(loc), error["input"]
    spec, parent = _spec_at(loc)
    if error["type"] == "missing":
        return f"key '{key}' is missing"
    if error["type"] == "extra_forbidden":
        known = ", ".join(CLAIM_META if parent == "claim" else parent)
        return f"key '{key}' is unknown (known keys: {known})"
    if "[key]" in error["loc"]:
        return f"key '{key}' is unknown (known: {', '.join(parent.keys)})"
    if isinstance(spec, MapOf):
        got = "a list" if isinstance(value, list) else repr(value)
        return f"key '{key}': expected a mapping (key: value lines), got {got}"
    if isinstance(spec, dict) or spec in ("claim", "mapping"):
        return f"key '{key}': expected a mapping, got {type(value).__name__}"
    if isinstance(spec, list):
        return f"key '{key}': expected a list, got {type(value).__name__}"
    return f"key '{key}': expected {_tname(spec)}, got {value!r}"


def check_types(data: dict[str, Any]) -> list[str]:
    """One message per key whose value has the wrong type, is missing or is unknown."""
    try:
        model().model_validate(data)
    except ValidationError as e:
        return list(dict.fromkeys(_message(err) for err in e.errors(include_url=False)))
    return []
