"""The pipeline is visible in the layout: stages import only the stages before them."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
import tomllib
from collections.abc import Iterator
from pathlib import Path

import reportedly

PACKAGE = Path(reportedly.__file__).parent
# the analysis stages in pipeline order; shared records and helpers sit below them all
# the longest a module may be, in lines: past it, split it where that helps a reader
MAX_MODULE_LINES = 600
# the longest a function may be, in lines (its docstring included), and its highest
# McCabe complexity as ruff's C901 counts it: past them, split it into named steps
MAX_FUNCTION_LINES = 100
MAX_COMPLEXITY = 15
# The functions still over a limit while they are being split (issue 22), and which
# limits: the list may only shrink. A function not on it may not pass a limit, and one
# on it that is within its limits now fails the test until it is taken off.
OVER_THE_LIMITS: dict[tuple[str, str], set[str]] = {}
STAGES = ("ingest", "repair", "nlp", "attribution", "claims", "signals")
SHARED = {"records", "signal_records", "errors", "offsets", "_version", "config", "marks"}


def unit_of(path: Path) -> str:
    """The top-level module or package of reportedly that a file belongs to."""
    parts = path.relative_to(PACKAGE).with_suffix("").parts
    return "(root)" if parts == ("__init__",) else parts[0]


def is_type_checking(node: ast.AST) -> bool:
    return isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)


def runtime_nodes(tree: ast.AST) -> Iterator[ast.AST]:
    """Every node that runs: module level and inside functions, less `if TYPE_CHECKING:`."""
    for child in ast.iter_child_nodes(tree):
        if not is_type_checking(child):
            yield child
            yield from runtime_nodes(child)


def imported_units(
    path: Path, *, module_level_only: bool, runtime_only: bool = False
) -> Iterator[str]:
    """The units of reportedly that a file imports (relative imports; ours are all relative):
    at import time (``module_level_only``), ever (``runtime_only``: type-checking imports
    aside), or anywhere (the type checker's imports included)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    folder = list(path.relative_to(PACKAGE).parent.parts)
    if module_level_only:
        nodes: list[ast.AST] = list(tree.body)
    elif runtime_only:
        nodes = list(runtime_nodes(tree))
    else:
        nodes = list(ast.walk(tree))
    for node in nodes:
        if isinstance(node, ast.If) and module_level_only:
            continue  # `if TYPE_CHECKING:` imports are for the type checker only
        if not isinstance(node, ast.ImportFrom) or node.level == 0:
            continue
        base = folder[: len(folder) - (node.level - 1)]
        target = [*base, *(node.module or "").split(".")] if node.module else base
        target = [part for part in target if part]
        if target:
            yield target[0]
        else:  # `from .. import x`: a module of the root, or a name the root exports
            for alias in node.names:
                is_module = (PACKAGE / alias.name).is_dir() or (
                    PACKAGE / f"{alias.name}.py"
                ).exists()
                yield alias.name if is_module else "(root)"


def graph(*, module_level_only: bool, runtime_only: bool = False) -> dict[str, set[str]]:
    edges: dict[str, set[str]] = {}
    for path in PACKAGE.rglob("*.py"):
        unit = unit_of(path)
        imported = imported_units(
            path, module_level_only=module_level_only, runtime_only=runtime_only
        )
        for target in imported:
            if target != unit:
                edges.setdefault(unit, set()).add(target)
    return edges


def test_stages_import_only_earlier_stages_and_shared_modules() -> None:
    edges = graph(module_level_only=False)
    for position, stage in enumerate(STAGES):
        allowed = SHARED | set(STAGES[:position])
        assert edges.get(stage, set()) <= allowed, (stage, edges[stage] - allowed)


def test_only_the_interfaces_use_the_package_root() -> None:
    """The root exports the API (lazily, from the pipeline); nothing under it imports it."""
    edges = graph(module_level_only=False)
    users = {unit for unit, targets in edges.items() if "(root)" in targets}
    assert users <= {"cli", "web", "__main__"}, users


def assert_no_cycle(edges: dict[str, set[str]]) -> None:
    state: dict[str, str] = {}

    def visit(unit: str, path: list[str]) -> None:
        state[unit] = "open"
        for target in sorted(edges.get(unit, ())):
            assert state.get(target) != "open", " -> ".join([*path, unit, target])
            if target not in state:
                visit(target, [*path, unit])
        state[unit] = "done"

    for unit in sorted(edges):
        if unit not in state:
            visit(unit, [])


def test_no_import_cycle_between_packages_at_import_time() -> None:
    assert_no_cycle(graph(module_level_only=True))


# Imports deferred into functions (so that a command loads only what it uses) may not
# make a cycle either; any that did would be kept here, by name, so that no other could
# come (none is: language detection lives under languages/, the readers under ingest/).
KNOWN_DEFERRED_EDGES: set[tuple[str, str]] = set()


def test_no_import_cycle_between_packages_counting_imports_in_functions() -> None:
    edges = graph(module_level_only=False, runtime_only=True)
    for unit, target in KNOWN_DEFERRED_EDGES:
        assert target in edges.get(unit, set()), f"{unit} -> {target} is gone: drop it here"
        edges[unit].discard(target)
    assert_no_cycle(edges)


def test_the_cycle_check_reads_imports_inside_functions(tmp_path: Path) -> None:
    module = tmp_path / "module.py"
    module.write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from ..records import A\n"
        "def f():\n    from ..pipeline import analyze\n",
        encoding="utf-8",
    )
    found = set(runtime_nodes(ast.parse(module.read_text(encoding="utf-8"))))
    modules = {node.module for node in found if isinstance(node, ast.ImportFrom)}
    assert modules == {"typing", "pipeline"}


def test_the_package_version_is_the_one_in_pyproject() -> None:
    pyproject = tomllib.loads((PACKAGE.parents[1] / "pyproject.toml").read_text(encoding="utf-8"))
    assert reportedly.__version__ == pyproject["project"]["version"]


def test_no_module_is_longer_than_the_limit() -> None:
    lengths = {
        str(path.relative_to(PACKAGE)): len(path.read_text(encoding="utf-8").splitlines())
        for path in PACKAGE.rglob("*.py")
    }
    assert lengths, PACKAGE
    too_long = {name: n for name, n in lengths.items() if n > MAX_MODULE_LINES}
    assert not too_long, too_long


def functions(path: Path) -> Iterator[tuple[str, ast.FunctionDef | ast.AsyncFunctionDef]]:
    """Every function of a file, methods and nested ones too, by qualified name."""

    def walk(node: ast.AST, prefix: str) -> Iterator[tuple[str, ast.AST]]:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                name = prefix + child.name
                if not isinstance(child, ast.ClassDef):
                    yield name, child
                yield from walk(child, name + ".")
            else:
                yield from walk(child, prefix)

    for name, node in walk(ast.parse(path.read_text(encoding="utf-8")), ""):
        assert isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        yield name, node


def too_complex() -> set[tuple[str, int]]:
    """(file, line of the def) of each function over MAX_COMPLEXITY, by ruff's C901 (the
    project's own linter, so that the figure is the one `ruff check` gives)."""
    command = [sys.executable, "-m", "ruff", "check", "--isolated", "--no-cache", "--exit-zero"]
    options = ["--select", "C901", "--config", f"lint.mccabe.max-complexity={MAX_COMPLEXITY}"]
    found = subprocess.run(
        [*command, *options, "--output-format", "json", str(PACKAGE)],
        capture_output=True,
        text=True,
        check=True,
    )
    package = PACKAGE.resolve()
    return {
        (str(Path(item["filename"]).resolve().relative_to(package)), item["location"]["row"])
        for item in json.loads(found.stdout)
    }


def test_no_function_is_longer_or_more_complex_than_the_limits() -> None:
    complex_at = too_complex()
    over: dict[tuple[str, str], set[str]] = {}
    count = 0
    for path in sorted(PACKAGE.rglob("*.py")):
        module = str(path.relative_to(PACKAGE))
        for name, node in functions(path):
            count += 1
            limits = over.setdefault((module, name), set())
            if (node.end_lineno or node.lineno) - node.lineno + 1 > MAX_FUNCTION_LINES:
                limits.add("lines")
            if (module, node.lineno) in complex_at:
                limits.add("complexity")
    assert count > 1000, count  # the walk found the package's functions
    over = {function: limits for function, limits in over.items() if limits}
    passed = {f: limits - OVER_THE_LIMITS.get(f, set()) for f, limits in over.items()}
    assert not {f: limits for f, limits in passed.items() if limits}, (
        f"split these (at most {MAX_FUNCTION_LINES} lines, complexity {MAX_COMPLEXITY})"
    )
    assert over == OVER_THE_LIMITS, "within the limits now: take them off OVER_THE_LIMITS"


def test_no_module_imports_another_modules_private_names() -> None:
    """A name with a leading underscore is its module's own: another module that needs it
    gets a public name (the leading-underscore modules themselves may be imported)."""
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.ImportFrom) or node.level == 0:
                continue
            private = [
                alias.name
                for alias in node.names
                if alias.name.startswith("_")
                and not alias.name.startswith("__")
                and not (PACKAGE / path.parent / f"{alias.name}.py").exists()
            ]
            if private:
                offenders.append(f"{path.relative_to(PACKAGE)}:{node.lineno} {private}")
    assert offenders == []
