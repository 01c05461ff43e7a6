"""Locations of the browser-side test tools, and why a test cannot run.

Chromium comes from Debian (`make test` installs it with apt-get when run
as root); axe-core and the Nu HTML checker from npm (`npm ci`); the checker
needs Java. On CI a missing tool fails the run instead of skipping it.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"
VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"

# Flags verified on this machine kind: no sandbox as root, and no background
# networking, which the closed network refuses.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def missing_tool_reason() -> str | None:
    """Return why browser tests cannot run here, or None when they can."""
    if not CHROMIUM.exists():
        return f"Chromium not found at {CHROMIUM} (make test installs it with apt-get as root)"
    if not AXE_JS.exists():
        return f"axe-core not found at {AXE_JS} (run npm ci)"
    return None


def vnu_missing_reason() -> str | None:
    """Return why the Nu HTML checker cannot run here, or None when it can."""
    if not VNU_JAR.exists():
        return f"the Nu HTML checker is not at {VNU_JAR} (run npm ci)"
    if shutil.which("java") is None:
        return "java is not installed (the Nu HTML checker needs it)"
    return None


def require(reason: str | None) -> None:
    """Skip the test for `reason`, or fail it on CI where every test must run."""
    if reason is None:
        return
    if os.environ.get("CI"):
        pytest.fail(f"{reason}; CI must run the browser tests", pytrace=False)
    pytest.skip(reason)


# axe rules for WCAG 2.2 AA; best practices are run separately.
WCAG_AA = {
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"],
    }
}


def axe_violations(page, options: dict | None = None) -> list[tuple[str, str, int, str, list]]:
    """Run axe-core in the page; return (rule, impact, node count, help, targets).

    axe is injected as an inline script, so the page's browser context needs
    `bypass_csp=True`.
    """
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE_JS))
    result = page.evaluate("options => axe.run(document, options)", options or WCAG_AA)
    return [
        (v["id"], v["impact"], len(v["nodes"]), v["help"], [n["target"] for n in v["nodes"]][:5])
        for v in result["violations"]
    ]


# Recorded in the page by an init script, which CSP does not govern.
_RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', event => {
  const where = `${event.sourceFile}:${event.lineNumber}`;
  window.__cspViolations.push(
    `${event.violatedDirective} blocked ${event.blockedURI || 'inline'} at ${where}`);
});
"""


def watch_csp_violations(page) -> list[str]:
    """Collect the page's Content-Security-Policy violations into the returned list.

    Chromium reports each one twice: as a `securitypolicyviolation` event
    (read back with `csp_violations()`) and as a console error, kept here.
    """
    seen: list[str] = []
    page.add_init_script(_RECORD_VIOLATIONS)
    page.on(
        "console",
        lambda message: (
            seen.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    return seen


def csp_violations(page, console: list[str]) -> list[str]:
    """Return the violations the page's current document and the console reported."""
    events = page.evaluate("window.__cspViolations || []")
    return [*events, *console]


def paste(editor, *, text: str, html: str | None = None) -> None:
    """Paste into `editor` (a locator) as a browser's clipboard gives it.

    `text` is the plain-text flavour; `html` the HTML one (the same text
    when not given), which is what the rich text editor reads first.
    """
    editor.evaluate(
        """(element, [text, html]) => {
            const data = new DataTransfer();
            data.setData('text/plain', text);
            data.setData('text/html', html);
            element.dispatchEvent(new ClipboardEvent('paste', {
                clipboardData: data, bubbles: true, cancelable: true,
            }));
        }""",
        [text, text if html is None else html],
    )
