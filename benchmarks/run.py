"""Benchmark the site build on synthetic corpora and write the report.

    python -m benchmarks.run            100, 1,000 and 10,000 essays, 3 runs each (about 30 min)
    python -m benchmarks.run --quick    100 and 1,000 essays, 2 runs each (a few minutes)

A full run writes benchmarks/REPORT.md and refreshes the summary in
benchmarks/README.md; a quick run writes benchmarks/.work/REPORT-quick.md.
"""

from __future__ import annotations

import argparse
import pickle
import re
import shlex
import socket
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

if __package__ in (None, ""):  # run as a script: python benchmarks/run.py
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.builds import Build, Variant, command, pagefind_seconds, run_build, variants
from benchmarks.corpus import DEFAULT_SEED, with_tags, write_corpus
from benchmarks.editloop import measure_edit_loop
from benchmarks.profiling import profile_build
from benchmarks.report import render, summary
from benchmarks.results import EDIT_LOOP_LIMITS, Results, SizeResult, machine

HERE = Path(__file__).resolve().parent
REPORT = HERE / "REPORT.md"
README = HERE / "README.md"
WORK = HERE / ".work"
FULL_SIZES, QUICK_SIZES = [100, 1000, 10000], [100, 1000]
FULL_REPEATS, QUICK_REPEATS = 3, 2
PROFILE_SIZE = 1000
SUMMARY = re.compile(r"(<!-- results:start -->\n).*?(<!-- results:end -->)", re.S)


def main(argv: list[str] | None = None) -> None:
    args = _arguments(argv)
    args.work.mkdir(parents=True, exist_ok=True)
    saved = args.work / f"{args.out.stem}.pickle"  # the measurements, to render them again
    if args.rerender:
        results = pickle.loads(saved.read_bytes())
    else:
        results = measure(args, shlex.join(argv if argv is not None else sys.argv[1:]))
        saved.write_bytes(pickle.dumps(results))
    args.out.write_text(render(results), encoding="utf-8")
    if args.out.resolve() == REPORT:
        README.write_text(SUMMARY.sub(lambda m: f"{m[1]}{summary(results)}\n{m[2]}",
                                      README.read_text(encoding="utf-8")), encoding="utf-8")
    _progress(f"report written to {args.out}")


def measure(args: argparse.Namespace, arguments: str) -> Results:
    """Every size, then the profile."""
    builds = variants()
    started = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    sizes = [measure_size(essays, builds, args.repeats, args.seed, args.work)
             for essays in args.sizes]
    _progress(f"profiling the full build at {PROFILE_SIZE:,} essays")
    profile = profile_build(builds[0], _corpus(PROFILE_SIZE, args.seed, args.work), args.work,
                            PROFILE_SIZE)
    return Results(started, f"python -m benchmarks.run {arguments}".strip(), args.seed,
                   args.repeats, machine(), builds, sizes, profile)


def measure_size(essays: int, builds: list[Variant], repeats: int, seed: int,
                 work: Path) -> SizeResult:
    """Warm up, then build every variant ``repeats`` times in turn; then the cache rebuild."""
    corpus = _corpus(essays, seed, work)
    tagged = with_tags(corpus, work / f"corpus-{essays}-tagged", seed) \
        if any(variant.tagged for variant in builds) else None
    _build(builds[0], essays, corpus, work, "warm-up")
    runs: dict[str, list[Build]] = {variant.name: [] for variant in builds}
    for round_number in range(1, repeats + 1):
        for variant in builds:
            runs[variant.name].append(
                _build(variant, essays, tagged if variant.tagged else corpus, work,
                       f"run {round_number}/{repeats}"))
    pagefind = pagefind_seconds(_output(work, essays, builds[0]))
    cold, rebuild = measure_cache_rebuild(builds[0], essays, corpus, work)
    edit_loop = None
    if essays in EDIT_LOOP_LIMITS:
        _progress(f"{essays:,} essays, edit loop: saving essays, waiting for them to be served")
        edit_loop = measure_edit_loop(corpus, work, _free_port())
        _progress(f"{essays:,} essays, edit loop: median {edit_loop.median:.2f} s")
    return SizeResult(essays, runs, cold, rebuild, pagefind, edit_loop)


def measure_cache_rebuild(variant: Variant, essays: int, corpus: Path,
                          work: Path) -> tuple[Build, Build]:
    """A cold build with the content cache on, and a rebuild after editing one essay."""
    cache = work / f"content-cache-{essays}"
    caching = {"CACHE_CONTENT": True, "LOAD_CONTENT_CACHE": True}
    cold = _build(variant, essays, corpus, work, "cache cold", cache, caching)
    edited = sorted((corpus / "essays").glob("*.md"))[essays // 2]
    original = edited.read_bytes()
    try:
        edited.write_bytes(original + b"\nOne more sentence, added to test the cache.\n")
        rebuild = _build(variant, essays, corpus, work, "cache rebuild", cache, caching)
    finally:
        edited.write_bytes(original)
    return cold, rebuild


def _build(variant: Variant, essays: int, corpus: Path, work: Path, what: str,
           cache: Path | None = None, overrides: dict | None = None) -> Build:
    output = _output(work, essays, variant)
    argv = command(variant, corpus, output, cache or work / "cache", overrides=overrides)
    build = run_build(argv, output, work / f"build-{essays}-{variant.name}.log")
    _progress(f"{essays:,} essays, {variant.name}, {what}: {build.seconds:.2f} s, "
              f"{build.peak_rss_kib / 1024:.0f} MiB")
    return build


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _corpus(essays: int, seed: int, work: Path) -> Path:
    """The corpus of ``essays`` essays, written afresh."""
    _progress(f"writing {essays:,} essays")
    return write_corpus(work / f"corpus-{essays}", essays, seed)


def _output(work: Path, essays: int, variant: Variant) -> Path:
    return work / f"output-{essays}-{variant.name}"


def _progress(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true",
                        help=f"sizes {QUICK_SIZES}, {QUICK_REPEATS} runs each (a few minutes)")
    parser.add_argument("--sizes", type=int, nargs="+", help=f"essay counts (default {FULL_SIZES})")
    parser.add_argument("--repeats", type=int,
                        help=f"timed runs per variant (default {FULL_REPEATS})")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="corpus seed")
    parser.add_argument("--out", type=Path, help="report file (default REPORT.md; quick: "
                        ".work/REPORT-quick.md)")
    parser.add_argument("--rerender", action="store_true",
                        help="render the report again from the last run's measurements")
    parser.add_argument("--work", type=Path, default=WORK,
                        help="folder for corpora, outputs and logs (default benchmarks/.work)")
    args = parser.parse_args(argv)
    args.sizes = args.sizes or (QUICK_SIZES if args.quick else FULL_SIZES)
    args.repeats = args.repeats or (QUICK_REPEATS if args.quick else FULL_REPEATS)
    args.out = args.out or (args.work / "REPORT-quick.md" if args.quick else REPORT)
    return args


if __name__ == "__main__":
    main()
