"""pyproject.toml against the code: every third-party module src/clinqa imports comes from a
distribution it declares (core or an extra), and test-only packages stay out of the core list.
`make setup` installs from requirements/*.txt, so a missing declaration only shows for pip users."""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src" / "clinqa"

# Modules clinqa would import only when the user has installed them together with data that no
# package ships, so no extra can provide them (none today).
USER_INSTALLED: dict[str, str] = {}
# Optional modules whose distribution has another name, for a checkout where they are not
# installed (packages_distributions() only knows installed ones): module -> distribution.
NOT_INSTALLED_DIST = {"llama_cpp": "llama-cpp-python"}


def _norm(name: str) -> str:
    """A distribution name as pip compares them (PEP 503)."""
    return re.sub(r"[-_.]+", "-", name).lower()


def _name(requirement: str) -> str:
    return _norm(re.match(r"\s*([A-Za-z0-9][A-Za-z0-9._-]*)", requirement).group(1))


def _project() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def _imports() -> dict[str, set[str]]:
    """Top-level module -> files under src/clinqa that import it (absolute imports only, at
    module level or inside functions alike)."""
    found: dict[str, set[str]] = {}
    for path in sorted(SRC.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                found.setdefault(name.split(".")[0], set()).add(str(path.relative_to(SRC)))
    return found


def _third_party(imports: dict[str, set[str]]) -> dict[str, set[str]]:
    return {m: files for m, files in imports.items() if m != "clinqa" and m not in sys.stdlib_module_names}


def test_every_imported_module_is_declared():
    project = _project()
    extras = project.get("optional-dependencies", {})
    declared = {_name(r) for r in project["dependencies"]}
    declared |= {_name(r) for reqs in extras.values() for r in reqs if _name(r) != "clinqa"}
    dists = packages_distributions()
    missing = []
    for module, files in sorted(_third_party(_imports()).items()):
        if module in USER_INSTALLED:
            continue
        # a module that is not installed here is looked for under its own name
        provided_by = {_norm(d) for d in dists.get(module, [NOT_INSTALLED_DIST.get(module, module)])}
        if not provided_by & declared:
            missing.append(f"{module} (from {', '.join(sorted(provided_by))}; imported by {', '.join(sorted(files))})")
    assert missing == [], "imported but not declared in pyproject.toml:\n" + "\n".join(missing)


def test_the_extras_cover_serve_ray_and_training_and_all_holds_them():
    extras = _project()["optional-dependencies"]
    assert {"serve", "ray", "train", "all", "test"} <= set(extras)
    assert {"fastapi", "uvicorn"} <= {_name(r) for r in extras["serve"]}
    assert {"trl", "datasets", "accelerate"} <= {_name(r) for r in extras["train"]}
    assert {_name(r) for r in extras["ray"]} == {"ray"}
    # `all` names the other extras (pip resolves clinqa[...] to this project's own extras)
    named = {x.strip() for r in extras["all"] for x in re.findall(r"\[([^\]]*)\]", r)[0].split(",")}
    assert named >= {"serve", "ray", "train"}


def test_test_only_packages_are_not_core_dependencies():
    """fhir.resources validates what the FHIR exporters write; src builds FHIR JSON itself. If
    src ever imports it, it belongs in the core list (or an extra) again."""
    project = _project()
    core = {_name(r) for r in project["dependencies"]}
    if "fhir" not in _third_party(_imports()):
        assert "fhir-resources" not in core
        assert "fhir-resources" in {_name(r) for r in project["optional-dependencies"]["test"]}
    # and the tests' own tools never are
    assert not core & {"pytest", "hypothesis", "schemathesis", "playwright", "httpx", "rank-bm25"}
