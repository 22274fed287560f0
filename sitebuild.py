"""Build the site with Pelican so that a failed build never loses the last good one.

Pelican writes into a staging folder beside the output folder; only when the
whole build has succeeded does the staging folder take the output's place.
Pelican runs in a child process (``python -m sitebuild PELICAN-ARGS``) with
``--fatal errors``: stock Pelican only logs a bad date, an unreadable file or a
failing plugin and exits 0, which would publish a silently wrong site.  A
mistake in the vocabulary or an essay's topics is reported as one
``file:line: message`` line, without a traceback.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT / "plugins"))


class BuildFailed(Exception):
    """Pelican stopped with an error; the previous output is untouched."""


def build_site(
    settings: str | Path = "pelicanconf.py",
    *,
    output: str | Path | None = None,
    content: str | Path | None = None,
    overrides: dict | None = None,
) -> Path:
    """Build into ``output`` (default: the settings' OUTPUT_PATH) and return it."""
    settings = ROOT / settings
    output = Path(output) if output else ROOT / "output"
    staging = output.with_name(f".{output.name}.building-{os.getpid()}")

    command = [sys.executable, "-m", "sitebuild", "-s", str(settings),
               "-o", str(staging), "--fatal", "errors"]
    if content:
        command.insert(3, str(content))
    if overrides:  # one -e with every KEY=VALUE: a second -e would replace the first
        command += ["-e", *(f"{key}={json.dumps(value)}" for key, value in overrides.items())]

    result = subprocess.run(command, cwd=ROOT)
    if result.returncode != 0:
        shutil.rmtree(staging, ignore_errors=True)
        raise BuildFailed(f"the build failed; {output} still holds the previous site")
    _replace(output, staging)
    return output


def _replace(output: Path, staging: Path) -> None:
    """Put the freshly built ``staging`` folder where ``output`` is."""
    previous = output.with_name(f".{output.name}.previous-{os.getpid()}")
    if output.exists():
        output.rename(previous)
    staging.rename(output)
    shutil.rmtree(previous, ignore_errors=True)


def run_pelican(argv: list[str]) -> int:
    """Pelican's command line, with author mistakes reported on one line."""
    import pelican
    from service_topics.errors import TopicsError

    args = pelican.parse_arguments(argv)
    pelican.init_logging(level=args.verbosity, fatal=args.fatal,
                         handler=pelican.LOG_HANDLERS[args.log_handler])
    try:
        site, _ = pelican.get_instance(args)
        site.run()
    except TopicsError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    except RuntimeError as error:
        if str(error) != "Warning or error encountered":
            raise
        return 1  # Pelican has logged the error itself
    return 0


if __name__ == "__main__":
    sys.exit(run_pelican(sys.argv[1:]))
