"""Load and validate a region configuration (config/regions/<slug>.yml).

Students adapt the project by writing one of these files, so every mistake must come back
as one readable line naming the file and the key, never as a traceback deep in pandas.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import yaml

from analysis.paths import Paths
from analysis.privacy.places import Places
from analysis.region import yaml_loader
from analysis.region.checked import check_types_once
from analysis.region.codes import Codes, check_codes, codes_of
from analysis.region.spec import (
    DEFAULT_STAGE_PATHS,
    check_semantics,
    check_stages,
)


class ConfigError(ValueError):
    """A region configuration is unusable; the message names file and key."""


@dataclass
class Region:
    """A validated region configuration."""

    slug: str
    path: Path
    data: dict[str, Any] = field(repr=False)

    @property
    def start(self) -> dt.date:
        return _as_date(self.data["study_period"]["start"])

    @property
    def end(self) -> dt.date:
        return _as_date(self.data["study_period"]["end"])

    @property
    def districts(self) -> list[str]:
        """The region's own districts (those marked `outside:` are not among them)."""
        return [d["name"] for d in self.data["districts"] if not d.get("outside")]

    @property
    def outside_districts(self) -> dict[str, str]:
        """Recorded name -> city it belongs to, for districts outside the region."""
        return {_outside_name(d): d["outside"] for d in self.data["districts"] if d.get("outside")}

    @property
    def district_aliases(self) -> dict[str, str]:
        """Every accepted spelling -> the recorded name. A district outside the region is
        recorded with its city, e.g. 'Pancoran (outside: Kota Jakarta Selatan)', so no
        table or chart can count it as the region's own by accident."""
        out = {}
        for d in self.data["districts"]:
            name = _outside_name(d) if d.get("outside") else d["name"]
            for a in [d["name"], *d.get("aliases", [])]:
                out[a] = name
        return out

    @cached_property
    def codes(self) -> Codes:
        """Every code its tables may hold: the package's plus the config's (`codes:`,
        `aliases.labels`, `stages.order`); the one list schemas, claims and reports read."""
        return codes_of(self.data)

    @property
    def stage_paths(self) -> dict[str, list[str]]:
        """Allowed sequences of stages, by name, the usual one first."""
        paths = (self.data.get("stages") or {}).get("paths", DEFAULT_STAGE_PATHS)
        return {str(k): list(v) for k, v in paths.items()}

    @property
    def claims(self) -> list[dict[str, Any]]:
        return self.data["claims"]

    @property
    def skip_sheets(self) -> list[str]:
        return (self.data.get("raw") or {}).get(
            "skip_sheets", ["tentang", "about", "readme", "petunjuk", "instructions", "pilihan"]
        )

    @property
    def small_cell_threshold(self) -> int:
        return (self.data.get("privacy") or {}).get("small_cell_threshold", 3)

    @property
    def max_count(self) -> int:
        """Largest plausible count; above it a count cell is rejected without being printed."""
        return (self.data.get("privacy") or {}).get("max_count", 100_000)

    @property
    def k(self) -> int:
        """The k-anonymity a shareable table must reach on its quasi-identifiers (at least 3)."""
        return int((self.data.get("privacy") or {}).get("k", 3))

    def places(self) -> Places:
        """Place names a name hit must not fall inside: the official list, this region's
        districts and names, and `privacy.allowed_words` (words or phrases)."""
        own = [self.get(k, "") for k in ("name", "city", "province")]
        for d in self.data["districts"]:
            own += [d["name"], *d.get("aliases", []), str(d.get("outside") or "")]
        allowed = (self.data.get("privacy") or {}).get("allowed_words", []) or []
        return Places([o for o in own if o], allowed)

    def extra_aliases(self, kind: str) -> dict[str, Any]:
        return (self.data.get("aliases") or {}).get(kind, {}) or {}

    def get(self, key: str, default: Any = None) -> Any:
        return self.data.get(key, default)


def _outside_name(d: dict[str, Any]) -> str:
    return f"{d['name']} (outside: {d['outside']})"


def _as_date(v: Any) -> dt.date:
    return v.date() if isinstance(v, dt.datetime) else v


def _earlier_claims(data: dict[str, Any]) -> bool:
    """Claims in the format before the claims language (`metric:` with `params:`)."""
    claims = data.get("claims")
    return isinstance(claims, list) and any(
        isinstance(c, dict) and ("metric" in c or "params" in c) and "aggregate" not in c
        for c in claims
    )


def load_file(path: Path, claims: bool = True) -> Region:
    """Parse and validate one YAML file; raise ConfigError naming file and key. Without
    `claims`, the claims are left out (`analysis vocab` helps to mend a broken one)."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(f"{path}: region configuration not found") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: not UTF-8 text") from None
    return load_text(text, path, claims, record=True)


def load_text(text: str, path: Path, claims: bool = True, record: bool = False) -> Region:
    """Validate a config's text as if it were the file at `path` (new-region checks the text
    it is about to write, before writing anything). With `record` (the text was read from
    that file), a pass of its key-type check is recorded (`region.checked`)."""
    try:
        data = yaml_loader.load(text)
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        where = f" (line {mark.line + 1}, column {mark.column + 1})" if mark else ""
        raise ConfigError(f"{path}: not valid YAML{where}: {getattr(e, 'problem', e)}") from None
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: expected a mapping of keys at the top level")
    if not claims:
        data["claims"] = []
    if _earlier_claims(data):
        raise ConfigError(
            f"{path}: the claims are written in the earlier format (metric: and params:); "
            "write each as table, where, aggregate and expected, as in README.md, section "
            "'Claims' (`analysis vocab` lists the tables, columns and values)"
        )
    errors = check_types_once(data, text, path, claims, record)  # pydantic, unless passed
    if not errors:
        check_stages(data, errors)
        check_codes(data, errors)
    if not errors:
        check_semantics(data, errors, Region(slug=str(data["slug"]), path=path, data=data))
    if errors:
        raise ConfigError(f"{path}: " + "; ".join(errors))
    if data["slug"] != path.stem:
        raise ConfigError(
            f"{path}: key 'slug' is {data['slug']!r} but the file is named {path.stem!r}"
        )
    return Region(slug=data["slug"], path=path, data=data)


def load_region(slug: str, root: Path | None = None, claims: bool = True) -> Region:
    """Load config/regions/<slug>.yml under the project root."""
    return load_file(Paths.for_region(slug, root).config, claims)
