"""The architecture, checked on the source: one workflow kernel, dependencies one way, no
private names across modules. Every project app is covered without editing this file: the
apps come from INSTALLED_APPS, the state fields from the `Workflow`s in each `workflow.py`.

Each check is a function over source text, also run here against small trees that break the
rule on purpose, so a check that cannot fail is caught too.
"""

import ast
import importlib
import re
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings

from genk.core.workflow import Workflow

ROOT = Path(settings.BASE_DIR)
DOMAIN_PACKAGES = ("initiatives", "participation", "volunteers", "worldcitizenship")
FOUNDATION_PACKAGES = ("genk", "neighbourhoods")
SKIPPED_PARTS = {"migrations", "tests", "__pycache__"}
# Modules that create rows in a chosen state to fill a database: data, not transitions.
DATA_MODULES = {"demo.py", "seed.py", "factories.py"}


def project_apps():
    """(label, path) of every installed app whose code lives in this repository."""
    found = []
    for config in apps.get_app_configs():
        path = Path(config.path).resolve()
        if ROOT.resolve() in path.parents and ".venv" not in path.parts:
            found.append((config.label, path))
    return found


def python_files(folder: Path):
    for path in sorted(folder.rglob("*.py")):
        if SKIPPED_PARTS.isdisjoint(path.relative_to(folder).parts):
            yield path


def workflows_of(module) -> list[Workflow]:
    return [value for value in vars(module).values() if isinstance(value, Workflow)]


# The checks (source text in, violations out).


def state_writes(source: str, fields: set[str]) -> list[str]:
    """Lines that write one of `fields` by assignment (`obj.status = …`, `setattr(obj, "status", …)`)
    or by a queryset update (`.update(status=…)`)."""
    found = []
    tree = ast.parse(source)
    for node in ast.walk(tree):
        targets = []
        if isinstance(node, ast.Assign):
            targets = node.targets
        elif isinstance(node, ast.AugAssign | ast.AnnAssign):
            targets = [node.target]
        for target in targets:
            if isinstance(target, ast.Attribute) and target.attr in fields:
                found.append(f"{node.lineno}: assigns .{target.attr}")
        if isinstance(node, ast.Call):
            func = node.func
            if isinstance(func, ast.Attribute) and func.attr == "update":
                for keyword in node.keywords:
                    if keyword.arg in fields:
                        found.append(f"{node.lineno}: .update({keyword.arg}=…)")
            if isinstance(func, ast.Name) and func.id == "setattr" and len(node.args) >= 2:
                name = node.args[1]
                if isinstance(name, ast.Constant) and name.value in fields:
                    found.append(f"{node.lineno}: setattr(…, {name.value!r})")
    return found


def imported_packages(source: str) -> set[str]:
    """The top-level packages a module imports (absolute imports only)."""
    found = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module.split(".")[0])
    return found


def private_imports(source: str, *, project_packages=FOUNDATION_PACKAGES + DOMAIN_PACKAGES) -> list[str]:
    """`from x import _name` where x is another module of this project (relative or absolute)."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.ImportFrom):
            continue
        ours = node.level > 0 or (node.module or "").split(".")[0] in project_packages
        if not ours:
            continue
        for alias in node.names:
            if alias.name.startswith("_") and not alias.name.startswith("__"):
                found.append(f"{node.lineno}: from {'.' * node.level}{node.module or ''} import {alias.name}")
    return found


def readme_misses(readme: str, workflow: Workflow) -> list[str]:
    """Transitions and states of `workflow` that its app's README does not name (in `backticks`)."""
    named = set(re.findall(r"`([^`\n]+)`", readme))
    words = set()
    for text in named:
        words.update(re.split(r"[\s,/→>|()-]+", text))
    missing = [f"transition {t.name}" for t in workflow if t.name not in named and t.name not in words]
    states = {s for t in workflow for s in t.sources} | {t.target for t in workflow if t.target}
    missing += [f"state {s}" for s in sorted(states) if s not in named and s not in words]
    return missing


# The checks run on the project.


def _app_workflows():
    found = []
    for label, path in project_apps():
        if (path / "workflow.py").exists() and path != ROOT / "genk" / "core":
            module = importlib.import_module(apps.get_app_config(label).name + ".workflow")
            found.append((label, path, workflows_of(module)))
    return found


def test_every_app_with_a_workflow_module_declares_its_table_on_the_kernel():
    found = _app_workflows()
    assert found, "no app has a workflow.py"
    for label, _path, workflows in found:
        assert workflows, f"{label}/workflow.py declares no genk.core.workflow.Workflow"


def test_state_fields_are_written_only_in_workflow_py():
    problems = []
    for _label, path, workflows in _app_workflows():
        fields = {w.state_field for w in workflows}
        models = {w.model for w in workflows}
        for file in python_files(path):
            if file.name in {"workflow.py", *DATA_MODULES} or file.parent.name == "workflow":
                continue
            # A nested app (subsidies in initiatives) is checked with its own workflow.
            if any(p != path and (p / "workflow.py").exists() and p in file.parents for _l, p, _w in _app_workflows()):
                continue
            for line in state_writes(file.read_text(), fields):
                problems.append(f"{file.relative_to(ROOT)}:{line} ({', '.join(m.__name__ for m in models)})")
    assert not problems, "status written outside workflow.py:\n" + "\n".join(problems)


def test_each_workflow_table_matches_its_readme():
    problems = []
    for label, path, workflows in _app_workflows():
        readme = (path / "README.md").read_text() if (path / "README.md").exists() else ""
        for workflow in workflows:
            problems += [f"{label} README: {m}" for m in readme_misses(readme, workflow)]
    assert not problems, "\n".join(problems)


def test_genk_and_neighbourhoods_import_no_domain_app():
    problems = []
    for package in FOUNDATION_PACKAGES:
        for file in python_files(ROOT / package):
            bad = imported_packages(file.read_text()) & set(DOMAIN_PACKAGES)
            if bad:
                problems.append(f"{file.relative_to(ROOT)} imports {sorted(bad)}")
    assert not problems, "\n".join(problems)


def test_no_module_imports_a_private_name_from_another():
    problems = []
    for package in FOUNDATION_PACKAGES + DOMAIN_PACKAGES:
        for file in python_files(ROOT / package):
            problems += [f"{file.relative_to(ROOT)}:{line}" for line in private_imports(file.read_text())]
    assert not problems, "\n".join(problems)


# The checks fail when a rule is broken on purpose.


def test_state_writes_finds_each_way_of_writing_a_status():
    source = (
        "def f(obj, qs):\n"
        "    obj.status = 'x'\n"
        "    qs.update(status='y', title='t')\n"
        "    setattr(obj, 'status', 'z')\n"
        "    obj.title = 'fine'\n"
        "    qs.update(title='fine')\n"
        "    if obj.status == 'x':\n"
        "        pass\n"
    )
    assert state_writes(source, {"status"}) == [
        "2: assigns .status",
        "3: .update(status=…)",
        "4: setattr(…, 'status')",
    ]


def test_imported_packages_and_private_imports_catch_what_they_should():
    source = (
        "import initiatives.models\n"
        "from participation.budgets.views import _results, public_view\n"
        "from .forms import _helper\n"
        "from django.utils import _os\n"
        "from . import __version__\n"
    )
    assert imported_packages(source) == {"initiatives", "participation", "django"}
    assert private_imports(source) == [
        "2: from participation.budgets.views import _results",
        "3: from .forms import _helper",
    ]


def test_readme_misses_names_what_the_readme_leaves_out():
    from genk.core.workflow import Transition

    workflow = Workflow(
        apps.get_model("initiatives", "Initiative"),
        [Transition("approve", {"requested"}, "approved", None), Transition("cancel", {"approved"}, "cancelled", None)],
        audit_prefix="x",
    )
    readme = "| `approve` | `requested` → `approved` |\n"
    assert readme_misses(readme, workflow) == ["transition cancel", "state cancelled"]
    assert readme_misses(readme + "| `cancel` | `approved` → `cancelled` |", workflow) == []


@pytest.mark.parametrize("package", DOMAIN_PACKAGES)
def test_every_domain_package_is_a_project_app_or_holds_them(package):
    assert (ROOT / package).is_dir()
