"""Run the Nu HTML Checker (vnu.jar from npm's `vnu-jar`, installed with scripts disabled)
over HTML files and return its errors.

The checker is the W3C's own validator, run locally with Java: nothing is fetched from the
network. It is started once for a whole folder of pages, because the JVM takes a few seconds
to start.
"""

import json
import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def java():
    """The `java` command, or None if no Java runtime is installed."""
    return shutil.which("java")


def check_folder(folder):
    """Validate every .html file under `folder`; return vnu's error messages as dicts with
    the file name, line, column, message and an extract of the markup."""
    if java() is None:
        raise RuntimeError(
            "The Nu HTML Checker needs Java: run `make java` (or apt-get install "
            "default-jre-headless)."
        )
    if not VNU_JAR.exists():
        raise RuntimeError(f"{VNU_JAR} is missing: run `make assets` to install vnu-jar from npm.")
    completed = subprocess.run(
        [
            java(),
            "-Xss1024k",
            "-jar",
            str(VNU_JAR),
            "--errors-only",
            "--format",
            "json",
            "--skip-non-html",
            str(folder),
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    # vnu writes its JSON report to stderr and exits 1 when it finds errors.
    report = json.loads(completed.stderr or '{"messages": []}')
    return [
        {
            "file": Path(message.get("url", "")).name,
            "line": message.get("lastLine"),
            "column": message.get("firstColumn"),
            "message": message.get("message"),
            "extract": (message.get("extract") or "").strip(),
        }
        for message in report["messages"]
        if message.get("type") in ("error", "non-document-error")
    ]


def format_errors(errors, limit=40):
    """A readable list of errors for an assertion message."""
    lines = [
        f"- {e['file']}:{e['line']}:{e['column']}: {e['message']}  [{e['extract']}]"
        for e in errors[:limit]
    ]
    if len(errors) > limit:
        lines.append(f"... and {len(errors) - limit} more")
    return "\n".join(lines)
