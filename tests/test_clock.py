"""The time is set one way in tests: the `clock` fixture (tests/conftest.py).

Patching `timezone.now` in one module, `time.time` in another and
`time.monotonic` in a third moves only the calls a test's author thought
of: a new `timezone.now()` anywhere else keeps the real time, and the test
goes on passing for the wrong reason. These tests refuse such patches in
tests/, and the one import in the project's code that the clock cannot
reach.
"""

from __future__ import annotations

import ast
from pathlib import Path

TESTS = Path(__file__).resolve().parent
PROJECT = TESTS.parent
# Where the clock itself is made: the one place that may touch time's functions.
CLOCK_HOME = TESTS / "support" / "clock.py"
# The project's own code (not tests/, bench/ or the virtualenv).
APPS = ("articles", "newsletter", "newsroom", "pagecache", "reader")

# What a clock patch names: the modules, or the functions that read the time.
CLOCK_MODULES = {"time", "timezone", "datetime", "date"}
CLOCK_FUNCTIONS = {"now", "utcnow", "today", "time", "time_ns", "monotonic", "monotonic_ns"}
CLOCK_NAMES = CLOCK_MODULES | CLOCK_FUNCTIONS
TIME_LIBRARIES = {"freezegun", "time_machine"}
USE_THE_FIXTURE = (
    "set the time with the `clock` fixture (tests/conftest.py): "
    "clock.move_to(when) or clock.shift(timedelta(...)); "
    "it moves timezone.now(), time.time() and time.monotonic() everywhere at once."
)


def _names(node: ast.AST) -> set[str]:
    """Every name, attribute and dotted-string part in `node`."""
    found: set[str] = set()
    for part in ast.walk(node):
        if isinstance(part, ast.Name):
            found.add(part.id)
        elif isinstance(part, ast.Attribute):
            found.add(part.attr)
        elif isinstance(part, ast.Constant) and isinstance(part.value, str):
            found.update(part.value.split("."))
    return found


def _patched(call: ast.Call) -> list[ast.expr] | None:
    """What a setattr/patch call replaces (its target and name), or None if it is no patch."""
    func = call.func
    name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
    owner = func.value if isinstance(func, ast.Attribute) else None
    if name == "setattr" or (name == "object" and owner is not None and _names(owner) & {"patch"}):
        # monkeypatch.setattr(obj, "name", value) or ("module.name", value);
        # mock.patch.object(obj, "name").
        if call.args and isinstance(call.args[0], ast.Constant):
            return call.args[:1]
        return call.args[:2]
    if name == "patch":
        # mock.patch("module.name")
        return call.args[:1]
    return None


def clock_patches(source: str, filename: str = "<test>") -> list[str]:
    """Each hand patch of the clock in `source`, as "file:line: code"."""
    tree = ast.parse(source, filename)
    found = []
    for node in ast.walk(tree):
        bad = False
        if isinstance(node, ast.Call):
            replaced = _patched(node)
            bad = replaced is not None and any(_names(arg) & CLOCK_NAMES for arg in replaced)
        elif isinstance(node, ast.Assign | ast.AugAssign):
            # time.monotonic = ..., timezone.now = ..., memo.time = ...
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            bad = any(
                isinstance(t, ast.Attribute)
                and (t.attr in CLOCK_NAMES or bool(_names(t.value) & CLOCK_MODULES))
                for t in targets
            )
        elif isinstance(node, ast.Import | ast.ImportFrom):
            modules = (
                [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module]
            )
            bad = any((m or "").split(".")[0] in TIME_LIBRARIES for m in modules)
        elif isinstance(node, ast.arg | ast.Attribute):
            # time-machine's own pytest fixture or marker, a second way to set the time.
            bad = (node.arg if isinstance(node, ast.arg) else node.attr) == "time_machine"
        if bad:
            found.append((node.lineno, ast.get_source_segment(source, node)))
    return [f"{filename}:{line}: {code}" for line, code in sorted(found)]


def test_tests_set_the_time_only_with_the_clock_fixture():
    found = []
    for path in sorted(TESTS.rglob("*.py")):
        if path != CLOCK_HOME:
            found += clock_patches(path.read_text(), str(path.relative_to(PROJECT)))
    assert not found, (
        f"{len(found)} hand patch(es) of the clock in tests/; {USE_THE_FIXTURE}\n"
        + "\n".join(found)
    )


def test_the_guard_finds_the_old_patches_and_nothing_else():
    old = """
monkeypatch.setattr(timezone, "now", lambda: later)
monkeypatch.setattr(article_models.timezone, "now", lambda: later)
monkeypatch.setattr(state.time, "time", lambda: later.timestamp())
monkeypatch.setattr(memo, "time", SimpleNamespace(monotonic=lambda: later))
monkeypatch.setattr("django.utils.timezone.now", lambda: later)
mock.patch("pagecache.memo.time.monotonic", return_value=0)
time.monotonic = lambda: 0
memo.time = SimpleNamespace(monotonic=lambda: 0)
import freezegun
def test_x(time_machine): ...
@pytest.mark.time_machine("2030-01-01")
def test_z(): ...
"""
    fine = """
monkeypatch.setattr(search_module, "SEARCH_CANDIDATES", 3)
monkeypatch.setattr(pagination, "estimated_rows", lambda model, using: timezone.now())
monkeypatch.setattr(cache, "get", lambda *a, **k: real_get(*a, **k))
monkeypatch.setenv("TIME_ZONE", "America/Los_Angeles")
story.publish_at = timezone.now()
def test_y(clock): clock.shift(timedelta(days=1))
"""
    assert [line.split(":")[1] for line in clock_patches(old)] == [str(n) for n in range(2, 13)]
    assert clock_patches(fine) == []


def test_the_projects_code_reads_monotonic_where_the_clock_moves_it():
    # The clock replaces time.monotonic on the time module (time-machine does
    # not move it): a name bound by `from time import monotonic` would keep
    # the real clock, and a test of its code would silently not move it.
    found = []
    for app in APPS:
        for path in sorted((PROJECT / app).rglob("*.py")):
            for node in ast.walk(ast.parse(path.read_text(), str(path))):
                if isinstance(node, ast.ImportFrom) and node.module == "time":
                    names = {a.name for a in node.names}
                    if names & {"monotonic", "monotonic_ns", "*"}:
                        found.append(f"{path.relative_to(PROJECT)}:{node.lineno}")
    assert not found, (
        "write `import time` and call `time.monotonic()`, so that the tests' clock "
        "fixture moves it: " + ", ".join(found)
    )
