#!/usr/bin/env python3
"""Run a site task in the project's own virtual environment, creating it first.

    python3 dev.py serve      install what the site needs, build it, serve it
    python3 dev.py test       install what the tests need, run the whole suite
    python3 dev.py TASK ...   any other invoke task (``python3 dev.py --list``)

Needs only Python 3.11+.  The environment lives in .venv/ and is brought up to
date whenever a requirements file changes.  For the tests, npm's packages
(axe-core, the Nu Html Checker) go into node_modules/ the same way; the
browser tests also need Chromium at /usr/bin/chromium and Java (see README).
"""

import hashlib
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
REQUIREMENTS = {"site": "requirements.txt", "test": "requirements-test.txt"}


def digest(*names: str) -> str:
    return hashlib.sha256(b"".join((ROOT / name).read_bytes() for name in names)).hexdigest()


def ensure_environment(needs: str) -> None:
    """Create .venv and install the pinned requirements if they changed."""
    requirements = ROOT / REQUIREMENTS[needs]
    stamp = VENV / f".installed-{needs}"
    wanted = digest(*REQUIREMENTS.values())
    if stamp.exists() and stamp.read_text() == wanted:
        return
    if not BIN.exists():
        print("Creating .venv/ ...", file=sys.stderr)
        venv.create(VENV, with_pip=True)
    print(f"Installing {requirements.name} into .venv/ ...", file=sys.stderr)
    subprocess.run(
        [BIN / "python", "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
         "-r", requirements],
        check=True,
    )
    stamp.write_text(wanted)


def ensure_node_packages() -> None:
    """Install package-lock.json's exact packages into node_modules/ if it changed."""
    stamp = ROOT / "node_modules" / ".installed"
    wanted = digest("package-lock.json")
    if stamp.exists() and stamp.read_text() == wanted:
        return
    npm = shutil.which("npm")
    if not npm:
        print("npm not found: the accessibility and HTML-validity tests will be skipped",
              file=sys.stderr)
        return
    print("Installing package-lock.json into node_modules/ ...", file=sys.stderr)
    subprocess.run([npm, "ci", "--no-audit", "--no-fund", "--loglevel=error"], cwd=ROOT,
                   check=True)
    stamp.write_text(wanted)


def main(argv: list[str]) -> int:
    if sys.version_info < (3, 11):
        sys.exit("Python 3.11 or newer is needed.")
    testing = argv[:1] == ["test"]
    ensure_environment("test" if testing else "site")
    if testing:
        ensure_node_packages()
    return subprocess.run([BIN / "invoke", *argv], cwd=ROOT).returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:] or ["--list"]))
