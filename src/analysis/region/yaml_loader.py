"""YAML loading for region configurations: a key written twice is an error, not silently
the last one (a student who pastes a block twice would otherwise lose the first)."""

from __future__ import annotations

from typing import Any

import yaml


class _UniqueKeys:
    """Refuses a key written twice in one mapping (the last would win)."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict:
        seen: dict[Any, int] = {}
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)  # type: ignore[attr-defined]
            line = key_node.start_mark.line + 1
            try:
                first = seen.get(key)
            except TypeError:  # an unhashable key: let SafeLoader report it
                continue
            if first is not None:
                raise yaml.constructor.ConstructorError(
                    None,
                    None,
                    f"key {key!r} is written twice (lines {first} and {line})",
                    key_node.start_mark,
                )
            seen[key] = line
        return super().construct_mapping(node, deep=deep)  # type: ignore[misc]


class UniqueKeyLoader(_UniqueKeys, yaml.SafeLoader):
    """SafeLoader that refuses a key written twice in one mapping."""


# libyaml's parser (when PyYAML was built with it) reads a config about ten times faster;
# the constructor, and so the duplicate-key rule and the values, are the same
_FAST: type = UniqueKeyLoader
if getattr(yaml, "__with_libyaml__", False):

    class _FastLoader(_UniqueKeys, yaml.CSafeLoader):
        """UniqueKeyLoader with libyaml's parser."""

    _FAST = _FastLoader


def load(text: str) -> Any:
    """Parse one YAML document safely; a key written twice raises a YAMLError. A broken
    document is parsed again by the pure-Python loader, whose messages name the problem
    more plainly (libyaml says "found character that cannot start any token" for a tab)."""
    try:
        return yaml.load(text, Loader=_FAST)  # noqa: S506 (a SafeLoader subclass)
    except yaml.YAMLError:
        return yaml.load(text, Loader=UniqueKeyLoader)  # noqa: S506 (a SafeLoader subclass)
