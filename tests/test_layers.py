"""The package's shape: stages as folders, imports running one way, no shims, small modules.

A newcomer reads the flow from `src/analysis/`; these tests keep it readable. Each check
runs over the source with `ast` (nothing is imported), so a violation names file and line.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PKG = Path(__file__).resolve().parents[1] / "src" / "analysis"

# Lowest first: a module may import from its own layer or a lower one, never a higher one.
LAYERS: list[tuple[str, ...]] = [
    (
        "analysis",
        "__init__",
        "vocab",
        "kinds",
        "schemas",
        "errors",
        "paths",
        "outputs",
        "labels",
        "aliases",
    ),
    ("values",),
    ("privacy",),
    ("region",),
    ("read",),
    ("store",),
    ("clean",),
    ("claims",),
    ("report",),
    ("interop",),
    ("run",),
    ("cli", "commands", "bench", "__main__"),
]
MAX_LINES = 300
MAX_FUNCTION_LINES = 60
LONG_REASON = "# long:"  # a function over the limit says why, by its signature or docstring


def layer_of(module: str) -> int:
    """Layer index of a dotted module name under `analysis`."""
    parts = module.split(".")
    head = parts[1] if len(parts) > 1 else "analysis"
    for i, names in enumerate(LAYERS):
        if head in names:
            return i
    raise KeyError(f"{module}: no layer declared for {head!r}; add it to LAYERS")


def module_name(path: Path) -> str:
    rel = path.relative_to(PKG.parent).with_suffix("")
    parts = [p for p in rel.parts if p != "__init__"]
    return ".".join(parts)


def sources() -> list[Path]:
    return sorted(p for p in PKG.rglob("*.py") if "__pycache__" not in p.parts)


def imports(tree: ast.AST) -> list[tuple[int, str, list[str]]]:
    """(line, module, names) of every absolute `analysis` import, inside functions too."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            if node.module.split(".")[0] == "analysis":
                found.append((node.lineno, node.module, [a.name for a in node.names]))
        elif isinstance(node, ast.ImportFrom) and node.level:
            found.append((node.lineno, "." * node.level + (node.module or ""), []))
        elif isinstance(node, ast.Import):
            for a in node.names:
                if a.name.split(".")[0] == "analysis":
                    found.append((node.lineno, a.name, []))
    return found


def target(module: str, name: str) -> str:
    """The module an imported name comes from: `from analysis.x import y` may import module y."""
    sub = PKG.parent / (module.replace(".", "/") + "/" + name)
    if sub.with_suffix(".py").exists() or (sub / "__init__.py").exists():
        return f"{module}.{name}"
    return module


def upward_imports(path: Path, tree: ast.AST) -> list[str]:
    own = module_name(path)
    problems = []
    for line, module, names in imports(tree):
        if module.startswith("."):
            problems.append(f"{path.name}:{line}: relative import {module!r}; import absolutely")
            continue
        for dep in {target(module, n) for n in names} or {module}:
            if layer_of(dep) > layer_of(own):
                problems.append(f"{own}:{line} imports {dep} from a later stage")
    return problems


def private_imports(path: Path, tree: ast.AST) -> list[str]:
    own = module_name(path)
    return [
        f"{own}:{line} imports {n} from {module}"
        for line, module, names in imports(tree)
        for n in names
        if n.startswith("_") and n != "__version__" and module != own
    ]


def test_every_stage_is_declared_and_the_top_level_is_small() -> None:
    entries = [p for p in PKG.iterdir() if p.name != "__pycache__" and p.suffix != ".typed"]
    for p in entries:
        layer_of(f"analysis.{p.stem}")  # raises for an undeclared folder or module
    top_modules = [p for p in entries if p.suffix == ".py"]
    assert len(top_modules) <= 10, sorted(p.name for p in top_modules)


def test_imports_run_one_way_from_the_first_stage_to_the_command_line() -> None:
    problems = [m for p in sources() for m in upward_imports(p, ast.parse(p.read_text()))]
    assert not problems, "\n".join(problems)


def test_no_private_name_is_imported_from_another_module() -> None:
    problems = [m for p in sources() for m in private_imports(p, ast.parse(p.read_text()))]
    assert not problems, "\n".join(problems)


def test_package_inits_hold_a_docstring_and_no_re_exports() -> None:
    for init in PKG.rglob("__init__.py"):
        tree = ast.parse(init.read_text())
        assert ast.get_docstring(tree), f"{init}: say what the stage owns and may import"
        code = [n for n in tree.body[1:] if not isinstance(n, ast.ImportFrom | ast.Import)]
        assert not imports(tree), f"{init}: import from where a name lives, not from here"
        if init.parent != PKG:
            assert not code, f"{init}: a stage's __init__ holds only its docstring"


def test_no_import_cycles_between_modules() -> None:
    graph: dict[str, set[str]] = {}
    for p in sources():
        tree = ast.parse(p.read_text())
        # module-level imports only: a deferred import inside a function cannot deadlock
        top = ast.Module(body=[n for n in tree.body], type_ignores=[])
        deps = set()
        for node in top.body:
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                if node.module.startswith("analysis"):
                    deps |= {target(node.module, a.name) for a in node.names}
        graph[module_name(p)] = deps - {module_name(p)}
    seen: dict[str, int] = {}

    def visit(m: str, stack: list[str]) -> None:
        if seen.get(m) == 2:
            return
        if seen.get(m) == 1:
            raise AssertionError("import cycle: " + " -> ".join(stack[stack.index(m) :] + [m]))
        seen[m] = 1
        for d in sorted(graph.get(m, ())):
            visit(d, stack + [m])
        seen[m] = 2

    for m in sorted(graph):
        visit(m, [])


def test_modules_and_functions_stay_small() -> None:
    problems = []
    for p in sources():
        text = p.read_text()
        lines = text.splitlines()
        if len(lines) > MAX_LINES:
            problems.append(f"{module_name(p)}: {len(lines)} lines (limit {MAX_LINES})")
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                size = node.end_lineno - node.lineno + 1
                head = " ".join(lines[node.lineno - 1 : node.body[0].end_lineno + 1])
                if size > MAX_FUNCTION_LINES and LONG_REASON not in head:
                    problems.append(f"{module_name(p)}.{node.name}: {size} lines, no '# long:'")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize(
    "source, expected",
    [
        ("from analysis.run.pipeline import reproduce\n", "imports analysis.run.pipeline"),
        ("def f():\n    from analysis.report import plots\n", "imports analysis.report.plots"),
        ("from . import sibling\n", "relative import"),
    ],
)
def test_the_direction_check_catches_an_upward_import(source: str, expected: str) -> None:
    """The check itself can fail: a cleaner importing the runner or a plot is named."""
    path = PKG / "clean" / "outreach.py"
    assert any(expected in m for m in upward_imports(path, ast.parse(source)))


def test_the_private_name_check_catches_an_underscore_import() -> None:
    path = PKG / "clean" / "outreach.py"
    tree = ast.parse("from analysis.privacy.names import _tokens\n")
    assert private_imports(path, tree) == [
        "analysis.clean.outreach:1 imports _tokens from analysis.privacy.names"
    ]
