"""The code's layout stays true: imports go schemas <- core <- jobs <- interfaces, never upward, never to
another module's private name, never in a circle; a job uses another job only through its package."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "rfp_assistant"
PACKAGE = "rfp_assistant"
# Lower layers never import higher ones. evals score the jobs; interfaces drive everything.
LAYERS = {"base": 0, "schemas": 1, "core": 2, "jobs": 3, "evals": 4, "interfaces": 5}
UI_FRAMEWORKS = ("gradio", "typer")


def _module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _layer(module: str) -> str:
    parts = module.split(".")
    if len(parts) < 2 or parts[1] in ("config", "errors", "resources"):
        return "base"
    return "interfaces" if parts[1] == "__main__" else parts[1]


def _imports(path: Path, module: str) -> list[tuple[str, str | None, int]]:
    """(imported module, imported name or None, line) for every import in the file, relative ones resolved."""
    is_package = path.name == "__init__.py"
    found = []
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            found += [(alias.name, None, node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            target = node.module or ""
            if node.level:
                base = module.split(".") if is_package else module.split(".")[:-1]
                base = base[: len(base) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            found += [(target, alias.name, node.lineno) for alias in node.names]
    return found


def layout_violations(root: Path) -> list[str]:
    """Every import in the tree under `root` that breaks a layout rule, as 'file:line: reason'."""
    modules = {_module_name(p, root): p for p in root.rglob("*.py")}
    problems: list[str] = []
    graph: dict[str, set[str]] = {m: set() for m in modules}
    for module, path in modules.items():
        where = lambda line: f"{path.relative_to(root.parent)}:{line}"  # noqa: E731
        for target, name, line in _imports(path, module):
            if target.split(".")[0] in UI_FRAMEWORKS and _layer(module) != "interfaces":
                problems.append(f"{where(line)}: {module} imports {target}; only interfaces/ may use UI frameworks")
            if not (target == PACKAGE or target.startswith(PACKAGE + ".")):
                continue
            full = f"{target}.{name}" if name and f"{target}.{name}" in modules else target
            graph[module].add(full)
            mine, theirs = _layer(module), _layer(full)
            if LAYERS[theirs] > LAYERS[mine]:
                problems.append(f"{where(line)}: {module} ({mine}) imports {full} ({theirs}), an upper layer")
            if name and name.startswith("_") and not name.startswith("__") and f"{target}.{name}" not in modules:
                problems.append(f"{where(line)}: {module} imports the private name {name} from {target}")
            if mine == theirs == "jobs":
                own, other = module.split(".")[2], full.split(".")
                if len(other) > 2 and other[2] != own and len(other) > 3:
                    problems.append(f"{where(line)}: {module} reaches into {full}; use the rfp_assistant.jobs."
                                    f"{other[2]} package's public names")
    problems += [f"import circle: {' -> '.join(c)}" for c in _cycles(graph)]
    return problems


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """One example path per circle among module-level imports (Tarjan's strongly connected components)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    circles: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in graph.get(node, ()):
            if nxt not in graph:
                continue
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            # A package importing its own submodules (re-exports) is not a circle.
            members = [m for m in component if not any(o != m and o.startswith(m + ".") for o in component)]
            if len(members) > 1:
                circles.append(sorted(component))

    for node in graph:
        if node not in index:
            visit(node)
    return circles


def test_the_package_follows_the_layout():
    problems = layout_violations(SRC)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize(("path", "source", "expected"), [
    ("core/text/leak.py", "from rfp_assistant.jobs.answering import answer_question\n", "an upper layer"),
    ("schemas/leak.py", "from rfp_assistant.core.documents import Page\n", "an upper layer"),
    ("core/values/leak.py", "from rfp_assistant.core.values.common import _private\n", "private name"),
    ("core/values/leak.py", "import gradio\n", "UI frameworks"),
    ("jobs/drafting/leak.py", "from rfp_assistant.jobs.readiness.rules import load_checklist\n", "public names"),
])
def test_the_layout_check_catches_a_wrong_import(tmp_path, path, source, expected):
    tree = tmp_path / PACKAGE
    for original in SRC.rglob("*.py"):
        copy = tree / original.relative_to(SRC)
        copy.parent.mkdir(parents=True, exist_ok=True)
        copy.write_text(original.read_text())
    (tree / path).write_text(source)
    assert any(expected in problem for problem in layout_violations(tree))


def test_the_layout_check_catches_a_circle(tmp_path):
    tree = tmp_path / PACKAGE
    (tree / "core").mkdir(parents=True)
    (tree / "core" / "a.py").write_text("from rfp_assistant.core.b import y\nx = 1\n")
    (tree / "core" / "b.py").write_text("from rfp_assistant.core.a import x\ny = 1\n")
    assert any("import circle" in problem for problem in layout_violations(tree))
