"""The edit loop, as an author lives it: save an essay, wait for the new page to be served.

``measure_edit_loop`` starts the livereload server of ``invoke livereload`` on a
corpus (``python -m benchmarks.editloop CORPUS OUTPUT CACHE PORT``), waits for its
first build, then edits one essay at a time, appending a sentence no page has
yet, and polls the essay's URL over HTTP until the sentence is served; it waits
``READING`` seconds, as an author reads the new page, before the next save.  The
essays are restored at the end.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from benchmarks.builds import ROOT, SETTINGS

EDITS = 10
READING = 1.0  # seconds an author spends on the new page before the next save
FIRST_BUILD_TIMEOUT = 3600  # seconds: the first build is a cold one
EDIT_TIMEOUT = 600


@dataclass(frozen=True)
class EditLoopResult:
    seconds: list[float]  # save to served, each edit in turn
    load: float  # 1-minute load average as the edits started

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)


def measure_edit_loop(corpus: Path, work: Path, port: int, edits: int = EDITS) -> EditLoopResult:
    output, cache = work / "editloop-output", work / "editloop-cache"
    log = (work / "editloop.log").open("wb")
    server = subprocess.Popen([sys.executable, "-m", "benchmarks.editloop", str(corpus),
                               str(output), str(cache), str(port)],
                              cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
    try:
        essays = sorted((corpus / "essays").glob("*.md"))
        _wait_for(server, f"http://127.0.0.1:{port}/", b"</html>", FIRST_BUILD_TIMEOUT)
        load = os.getloadavg()[0]
        seconds, originals = [], {}
        try:
            for number in range(edits):
                essay = essays[(number * 7919) % len(essays)]
                originals[essay] = essay.read_bytes()
                sentence = f"Edit number {number} of the edit loop benchmark."
                started = time.perf_counter()
                essay.write_bytes(originals[essay] + f"\n{sentence}\n".encode())
                _wait_for(server, f"http://127.0.0.1:{port}/essays/{essay.stem}/",
                          sentence.encode(), EDIT_TIMEOUT)
                seconds.append(time.perf_counter() - started)
                time.sleep(READING)
        finally:
            for essay, original in originals.items():
                essay.write_bytes(original)
        return EditLoopResult(seconds, load)
    finally:
        server.terminate()
        server.wait(timeout=60)
        log.close()


def _wait_for(server: subprocess.Popen, url: str, text: bytes, timeout: float) -> None:
    """Poll ``url`` until its body holds ``text``."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            if text in urllib.request.urlopen(url, timeout=30).read():
                return
        except OSError:
            pass
        if server.poll() is not None:
            raise RuntimeError(f"the livereload server exited ({server.returncode})")
        if time.monotonic() > deadline:
            raise TimeoutError(f"{url} did not show the edit in {timeout} s")
        time.sleep(0.02)


def main(argv: list[str]) -> None:
    """Serve ``corpus`` as ``invoke livereload`` does, into ``output``."""
    from editloop import Worker, serve

    corpus, output, cache, port = argv
    worker = Worker(SETTINGS, output=Path(output), content=corpus,
                    overrides={"CACHE_PATH": cache})
    serve(worker, Path(output), [Path(corpus)], "127.0.0.1", int(port))


if __name__ == "__main__":
    main(sys.argv[1:])
