"""The shape of the package (docs/ARCHITECTURE.md): subpackages by stage, each importing only
the stages below it; output modules that learn of each other's files from the plan, never by
importing each other; one worker pool, one cache helper, one YAML checker base, one
`Localized`, one module for the site-folder layout; objects complete when built; small
functions; and an ARCHITECTURE.md that lists every module exactly once."""

from __future__ import annotations

import ast
import re
from collections import defaultdict
from pathlib import Path

import pytest

from conftest import REPO

PACKAGE = REPO / "reportsite"
LAYERS = ("core", "load", "render", "outputs", "build", "commands")  # from the bottom up
# A module of outputs/ that is a part of one output: only that output (and its other parts)
# imports it.
PARTS = {"printer": "pdf", "pdftags": "printer", "jatsbody": "jats", "jatsrefs": "jats",
         "stemming": "search", "searchpage": "search", "epubxhtml": "epub",
         "epubfonts": "epub"}
SHARED_OUTPUTS = {"plan"}  # what every output may import: the plan of the build's files


def modules() -> dict[str, Path]:
    """Every module of the package by dotted name (the theme is data, not code)."""
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        if "theme" in path.relative_to(PACKAGE).parts:
            continue
        parts = path.relative_to(REPO).with_suffix("").parts
        found[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return found


def imports(path: Path) -> list[tuple[str, int]]:
    """The reportsite modules a module imports, anywhere in it (lazy imports included),
    with their lines."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0 \
                and node.module.split(".")[0] == "reportsite":
            for alias in node.names:  # "from reportsite.outputs import printer" names a module
                sub = f"{node.module}.{alias.name}"
                found.append((sub if sub in modules() else node.module, node.lineno))
        elif isinstance(node, ast.Import):
            found += [(a.name, node.lineno) for a in node.names if a.name.startswith("reportsite")]
        elif isinstance(node, ast.ImportFrom) and node.level:
            found.append(("relative", node.lineno))
    return found


def layer(module: str) -> int:
    """A module's stage: its subpackage's place in LAYERS; cli.py above them all; the
    package's own __init__ (the version, the command's name) below them all."""
    parts = module.split(".")
    if module == "reportsite":
        return -1
    if parts[1] in LAYERS:
        return LAYERS.index(parts[1])
    assert module == "reportsite.cli", f"{module}: every module lives in a stage's folder"
    return len(LAYERS)


def test_every_module_lives_in_a_stage_folder():
    loose = [path.name for path in PACKAGE.glob("*.py") if path.name not in ("__init__.py",
                                                                             "cli.py")]
    assert loose == []
    assert sorted({m.split(".")[1] for m in modules() if m.count(".") >= 1} - {"cli"}) == \
        sorted(LAYERS)


def test_imports_go_down_the_stages_only():
    wrong = []
    for module, path in modules().items():
        for target, line in imports(path):
            if target == "relative":
                wrong.append(f"{module}:{line}: a relative import (write reportsite.<stage>...)")
            elif layer(target) > layer(module):
                wrong.append(f"{module}:{line} imports {target}, a later stage")
    assert wrong == []


def test_outputs_do_not_import_each_other_but_through_the_plan():
    wrong = []
    for module, path in modules().items():
        if not module.startswith("reportsite.outputs."):
            continue
        name = module.rsplit(".", 1)[1]
        for target, line in imports(path):
            if not target.startswith("reportsite.outputs."):
                continue
            other = target.rsplit(".", 1)[1]
            # its own part, or another part of the output it is a part of
            if other in SHARED_OUTPUTS or PARTS.get(other) in (name, PARTS.get(name)):
                continue
            wrong.append(f"{module}:{line} imports {target}")
    assert wrong == []


def test_the_check_of_the_stages_fails_on_a_wrong_import(tmp_path):
    """The rule above is not vacuous: an output importing another, or a loader importing a
    renderer, is caught."""
    assert layer("reportsite.load.site") < layer("reportsite.render.pages")
    path = tmp_path / "x.py"
    path.write_text("from reportsite.outputs.pdf import add_pdfs\n")
    assert imports(path) == [("reportsite.outputs.pdf", 1)]
    assert PARTS.get("pdf") != "jats" and "pdf" not in SHARED_OUTPUTS


def test_no_import_cycle():
    graph = {module: {target for target, _ in imports(path) if target in modules()}
             for module, path in modules().items()}

    def cycle_from(start: str) -> list[str] | None:
        stack = [(start, [start])]
        seen = set()
        while stack:
            node, trail = stack.pop()
            for dep in graph[node]:
                if dep == start:
                    return trail + [start]
                if dep not in seen:
                    seen.add(dep)
                    stack.append((dep, trail + [dep]))
        return None
    assert [cycle for m in graph if (cycle := cycle_from(m))] == []


def test_import_chains_within_a_stage_are_short():
    """A chain of imports crosses the stages downwards; within one stage it is at most four
    modules long (output modules once chained jats -> pdf -> pages -> jsonld -> ...)."""
    graph = {module: {target for target, _ in imports(path) if target in modules()}
             for module, path in modules().items()}
    depth: dict[str, int] = {}

    def within(module: str) -> int:
        if module not in depth:
            depth[module] = 1 + max((within(dep) for dep in graph[module]
                                     if layer(dep) == layer(module)), default=0)
        return depth[module]
    assert {m: within(m) for m in graph if within(m) > 4} == {}


def test_one_worker_pool():
    users = [m for m, path in modules().items() if "multiprocessing" in path.read_text()]
    assert users == ["reportsite.core.pool"]


def test_no_module_level_state_for_workers():
    """The pool is the one place that keeps a function for forked workers."""
    found = []
    for module, path in modules().items():
        for node in ast.parse(path.read_text()).body:
            if isinstance(node, (ast.Assign, ast.AnnAssign)):
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                value = node.value
                if isinstance(value, ast.List) and not value.elts:
                    found += [f"{module}.{t.id}" for t in targets if isinstance(t, ast.Name)]
    assert found == ["reportsite.core.pool._WORK"]


def _targets(node: ast.AST) -> list[ast.expr]:
    """What an assignment assigns to, tuples unpacked."""
    targets = node.targets if isinstance(node, ast.Assign) else [node.target]
    return [e for t in targets for e in (t.elts if isinstance(t, ast.Tuple) else [t])]


def _assigned_attributes(cls: ast.ClassDef) -> set[str]:
    """The attributes a class's methods assign on self."""
    return {target.attr for node in ast.walk(cls) if isinstance(node, (ast.Assign, ast.AugAssign))
            for target in _targets(node)
            if isinstance(target, ast.Attribute) and isinstance(target.value, ast.Name)
            and target.value.id == "self"}


def test_the_page_renderer_is_complete_when_built():
    """No code outside PageRenderer assigns one of its attributes (renderer.charts = ...
    hid an order dependency: a page rendered before it had no PDF link)."""
    tree = ast.parse((PACKAGE / "render" / "pages.py").read_text())
    cls = next(n for n in tree.body if isinstance(n, ast.ClassDef) and n.name == "PageRenderer")
    attributes = _assigned_attributes(cls)
    assert {"site", "envs", "charts", "downloads"} <= attributes
    outside = []
    for module, path in modules().items():
        tree = ast.parse(path.read_text())
        inside = {id(n) for c in ast.walk(tree) if isinstance(c, ast.ClassDef)
                  and c.name == "PageRenderer" for n in ast.walk(c)}
        for node in ast.walk(tree):
            if isinstance(node, (ast.Assign, ast.AugAssign)) and id(node) not in inside:
                for target in _targets(node):
                    if isinstance(target, ast.Attribute) and target.attr in attributes \
                            and not (isinstance(target.value, ast.Name)
                                     and target.value.id == "self"):
                        outside.append(f"{module}:{node.lineno} .{target.attr}")
    assert outside == []


# The functions that look results up first and make the missing ones together, so they do
# not fit get_or_make: every PDF is looked up before the pool prints the missing ones at
# once; every font is looked up before the pool unpacks the missing ones at once; the
# charts are looked up when the build starts and made only once a page needs them.
BATCHED = {("reportsite.outputs.pdf", "add_pdfs"), ("reportsite.outputs.printer", "unpack"),
           ("reportsite.render.charts", "make")}


def test_one_cache_helper():
    """A function that puts a result in the cache goes through get_or_make, unless it
    makes several at once (BATCHED, each with its reason)."""
    found = set()
    for module, path in modules().items():
        if module == "reportsite.core.cache":
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.FunctionDef):
                calls = {n.func.attr for n in ast.walk(node) if isinstance(n, ast.Call)
                         and isinstance(n.func, ast.Attribute)
                         and "cache" in ast.unparse(n.func.value)}
                if "put" in calls:
                    found.add((module, node.name))
    assert found == BATCHED


def test_one_yaml_checker_base_and_one_localized():
    bases = {}
    localized = []
    for module, path in modules().items():
        tree = ast.parse(path.read_text())
        for node in tree.body:
            if isinstance(node, ast.ClassDef) and node.name.endswith(("Reader", "Checker")):
                bases[f"{module}.{node.name}"] = [ast.unparse(b) for b in node.bases]
            if isinstance(node, (ast.Assign, ast.AnnAssign)):
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                if any(isinstance(t, ast.Name) and t.id == "Localized" for t in targets):
                    localized.append(module)
    assert localized == ["reportsite.core.yamlcheck"]
    assert bases == {"reportsite.core.yamlcheck.YamlChecker": [],
                     "reportsite.load.config._Reader": ["YamlChecker"],
                     "reportsite.load.descriptor.Checker": ["YamlChecker"],
                     "reportsite.load.records.RecordReader": ["YamlChecker"]}


def test_the_site_folder_layout_is_declared_once():
    """Only core/layout.py names the folders and files of a site folder."""
    from reportsite.core import layout
    names = {value for key, value in vars(layout).items()
             if key.isupper() and isinstance(value, str)} - {layout.THEME_SHOWN}
    found = []
    for module, path in modules().items():
        if module == "reportsite.core.layout":
            continue
        for node in ast.parse(path.read_text()).body:
            if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant) \
                    and node.value.value in names:
                found.append(f"{module}: {ast.unparse(node)}")
    assert found == []


def test_names_say_what_a_file_holds():
    """No module beside a folder of its name; no module named after a class that another
    module defines; no two modules with a public function of the same name."""
    beside = [p.relative_to(REPO).as_posix() for p in PACKAGE.rglob("*.py")
              if p.with_suffix("").is_dir()]
    assert beside == []
    classes, functions = defaultdict(list), defaultdict(list)
    for module, path in modules().items():
        for node in ast.parse(path.read_text()).body:
            if isinstance(node, ast.ClassDef):
                classes[node.name.lower()].append(module)
            elif isinstance(node, ast.FunctionDef) and not node.name.startswith("_"):
                functions[node.name].append(module)
    files = {module: path.stem for module, path in modules().items()
             if path.name != "__init__.py"}
    misnamed = [f"{module} (the class is in {classes[stem]})" for module, stem in files.items()
                if stem in classes and module not in classes[stem]]
    assert misnamed == []
    assert {name: where for name, where in functions.items() if len(where) > 1} == {}


def test_no_function_is_over_60_lines():
    long = []
    for module, path in modules().items():
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                length = node.end_lineno - node.lineno + 1
                if length > 60:
                    long.append(f"{module}:{node.lineno} {node.name} ({length} lines)")
    assert long == []


def test_the_pipeline_reads_in_one_screen():
    tree = ast.parse((PACKAGE / "build" / "pipeline.py").read_text())
    render_site = next(n for n in tree.body if isinstance(n, ast.FunctionDef)
                       and n.name == "render_site")
    assert render_site.end_lineno - render_site.lineno + 1 <= 60


# --- docs/ARCHITECTURE.md ------------------------------------------------------------------

ARCHITECTURE = (REPO / "docs" / "ARCHITECTURE.md").read_text(encoding="utf-8")


def _listed_modules() -> list[str]:
    """The modules the module table names: the first cell of each row, `stage/name.py`."""
    table = ARCHITECTURE.split("## Modules", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"^\| `([\w/]+\.py)` \|", table, re.M)


def test_the_module_table_lists_every_module_once():
    listed = _listed_modules()
    actual = sorted(path.relative_to(PACKAGE).as_posix() for path in modules().values()
                    if path.name != "__init__.py" or path.parent == PACKAGE)
    assert sorted(m for m in set(listed) if listed.count(m) > 1) == []
    assert sorted(listed) == actual


@pytest.mark.parametrize("command", ["build", "check", "zip", "serve"])
def test_help_texts_do_not_promise_git(command, capsys):
    """The zip's timestamps come from SOURCE_DATE_EPOCH or the edition's date: never git."""
    from reportsite.cli import main
    with pytest.raises(SystemExit):
        main([command, "--help"])
    assert "commit" not in capsys.readouterr().out
