"""Every command the README's quick start and adapting sections name exists and parses.

A new user copies these lines into a fresh clone: make targets must exist, `analysis`
subcommands and their options must parse, and `analysis` must be reachable as written
(`.venv/bin/analysis`, or after activating an environment).
"""

from __future__ import annotations

import importlib
import re
import shlex
from pathlib import Path

import pytest

from analysis.cli import build_parser

SECTIONS = ("## Quick start", "## Adapting it to another region")
ACTIVATES = ("conda activate", "source .venv/bin/activate")


def _section(readme: str, head: str) -> str:
    start = readme.index(head)
    nxt = readme.find("\n## ", start + 1)
    return readme[start : nxt if nxt != -1 else None]


def _commands(text: str) -> list[tuple[str, str]]:
    """(command, how) for fenced lines ("typed", or "active" after an activation line) and
    inline `code` that looks like a command ("named").

    A fenced line is typed as is, so a bare `analysis` needs an activation line before it;
    inline code in prose names a command (checked to exist), it is not a line to paste.
    """
    out: list[tuple[str, str]] = []
    for lang, block in re.findall(r"```([a-z]*)\n(.*?)```", text, re.S):
        if lang not in ("", "bash", "sh"):  # a YAML or Python example is not typed
            continue
        active = False
        for line in block.splitlines():
            cmd = line.split("  #")[0].strip()
            if cmd:
                out.append((cmd, "active" if active else "typed"))
                active = active or cmd.startswith(ACTIVATES)
    prose = re.sub(r"```.*?```", "", text, flags=re.S)
    for code in re.findall(r"`([^`\n]+)`", prose):
        if re.match(r"(make |\.venv/bin/|analysis |python )", code):
            out.append((code, "named"))
    return out


def _targets(root: Path) -> set[str]:
    mk = (root / "Makefile").read_text(encoding="utf-8")
    return set(re.findall(r"^([a-z][a-z-]*):", mk, re.M))


def _all(root: Path) -> list[tuple[str, str]]:
    readme = (root / "README.md").read_text(encoding="utf-8")
    return [c for head in SECTIONS for c in _commands(_section(readme, head))]


def test_readme_sections_name_commands(root: Path) -> None:
    cmds = [c for c, _ in _all(root)]
    assert any(c.startswith("make reproduce") for c in cmds)
    assert any(c.startswith(".venv/bin/analysis") for c in cmds)


def test_every_make_target_named_exists(root: Path) -> None:
    targets = _targets(root)
    for cmd, _ in _all(root):
        if cmd.startswith("make "):
            assert cmd.split()[1] in targets, cmd


def _subcommands() -> set[str]:
    sub = next(a for a in build_parser()._actions if a.dest == "command")
    return set(sub.choices)


def test_every_analysis_command_parses_and_is_reachable(root: Path) -> None:
    parser, subcommands = build_parser(), _subcommands()
    checked = 0
    for cmd, how in _all(root):
        words = shlex.split(cmd.replace("<slug>", "kupang"))
        if words[0] not in ("analysis", ".venv/bin/analysis") or "..." in words:
            continue  # "call it as `.venv/bin/analysis ...`" is a pattern, not a command
        assert words[1] in subcommands, cmd
        if how == "named" and words[0] == "analysis":
            continue  # prose naming a subcommand, e.g. "a second `analysis reproduce`"
        assert words[0] == ".venv/bin/analysis" or how == "active", (
            f"`{cmd}`: bare `analysis` without activating an environment first"
        )
        try:
            parser.parse_args(words[1:])
        except SystemExit as e:  # argparse rejects an unknown subcommand or option
            pytest.fail(f"README command does not parse: {cmd} ({e})")
        checked += 1
    assert checked >= 4


def test_python_snippets_import_what_exists(root: Path) -> None:
    for cmd, _ in _all(root):
        for mod, name in re.findall(r"from (analysis[\w.]*) import (\w+)", cmd):
            assert hasattr(importlib.import_module(mod), name), cmd
        if cmd.startswith("conda env create"):
            assert (root / cmd.split("-f ")[1].split()[0]).is_file()


def test_the_checker_catches_a_missing_target_and_a_bare_command(root: Path) -> None:
    bad = "## Quick start\n\n```bash\nmake nonsense\nanalysis clean --region x\n```\n"
    cmds = _commands(_section(bad, "## Quick start"))
    assert ("make nonsense", "typed") in cmds and ("analysis clean --region x", "typed") in cmds
    assert ("analysis clean", "named") in _commands("see `analysis clean`")
    assert "nonsense" not in _targets(root)


def test_makefile_help_is_self_contained_and_consistent(root: Path) -> None:
    mk = (root / "Makefile").read_text(encoding="utf-8")
    helps = re.findall(r"^[a-z-]+:.*## (.*)$", mk, re.M)
    assert helps and not [h for h in helps if "DESIGN" in h or "design brief" in h.lower()]
    readme = (root / "README.md").read_text(encoding="utf-8")
    recon = re.search(r"^reconstruct:.*## (.*)$", mk, re.M).group(1)
    assert "same bytes" in recon and "same bytes" in _section(readme, "## Quick start")
