#!/usr/bin/env python3
"""Run a site task in the project's own virtual environment, creating it first.

    python3 dev.py serve      install what the site needs, build it, serve it
    python3 dev.py test       install what the tests need, run the whole suite
    python3 dev.py TASK ...   any other invoke task (``python3 dev.py --list``)

Needs only Python 3.11+.  The environment lives in .venv/ and is brought up to
date whenever a requirements file changes.
"""

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
REQUIREMENTS = {"site": "requirements.txt", "test": "requirements-test.txt"}


def ensure_environment(needs: str) -> None:
    """Create .venv and install the pinned requirements if they changed."""
    requirements = ROOT / REQUIREMENTS[needs]
    stamp = VENV / f".installed-{needs}"
    digest = hashlib.sha256(
        b"".join((ROOT / name).read_bytes() for name in REQUIREMENTS.values())
    ).hexdigest()
    if stamp.exists() and stamp.read_text() == digest:
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
    stamp.write_text(digest)


def main(argv: list[str]) -> int:
    if sys.version_info < (3, 11):
        sys.exit("Python 3.11 or newer is needed.")
    ensure_environment("test" if argv[:1] == ["test"] else "site")
    return subprocess.run([BIN / "invoke", *argv], cwd=ROOT).returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:] or ["--list"]))
