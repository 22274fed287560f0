"""What a benchmark run measured, and the targets of issue 7 it is checked against."""

from __future__ import annotations

import os
import platform
import statistics
import subprocess
import sys
from dataclasses import dataclass
from typing import Callable
from importlib.metadata import version

from benchmarks.builds import ROOT, Build, Variant
from benchmarks.editloop import EditLoopResult
from benchmarks.profiling import PluginProfile

OVERHEAD_LIMIT = 1.10  # A/B at 1,000 and 10,000 essays
OVERHEAD_SIZES = (1000, 10000)
GROWTH_LIMIT = 10.0  # A(10,000) / A(1,000)
MEMORY_LIMIT_KIB = 256 * 1024  # peak RSS of the 10,000-essay full build
STOCK_LIMIT = 1.25  # A/D at 1,000 essays: the full site against stock Pelican with tag pages
EDIT_LOOP_LIMITS = {1000: 1.5, 10000: 4.0}  # seconds from saving an essay to its page served


@dataclass
class SizeResult:
    essays: int
    runs: dict[str, list[Build]]  # by variant name, in the order they ran
    cache_cold: Build  # full site, content cache on, empty cache
    cache_rebuild: Build  # the same after editing one essay
    pagefind_seconds: float | None  # None: the build has no Pagefind step
    edit_loop: EditLoopResult | None = None  # measured at the sizes of EDIT_LOOP_LIMITS

    def median(self, variant: str, cpu: bool = False) -> float:
        return statistics.median(_time(build, cpu) for build in self.runs[variant])

    def peak_rss_kib(self, variant: str) -> int:
        return max(build.peak_rss_kib for build in self.runs[variant])

    def ratios(self, numerator: str = "A", denominator: str = "B",
               cpu: bool = False) -> list[float]:
        """The ratio of each pair of runs (the i-th of one variant to the i-th of the other)."""
        return [_time(a, cpu) / _time(b, cpu)
                for a, b in zip(self.runs[numerator], self.runs[denominator])]


def _time(build: Build, cpu: bool) -> float:
    return build.cpu_seconds if cpu else build.seconds


@dataclass
class Results:
    started: str
    command: str
    seed: int
    repeats: int
    machine: dict[str, str]
    variants: list[Variant]
    sizes: list[SizeResult]
    profile: PluginProfile | None

    def size(self, essays: int) -> SizeResult | None:
        return next((s for s in self.sizes if s.essays == essays), None)


@dataclass(frozen=True)
class Target:
    name: str
    limit: str
    verdict: str  # met or missed, on wall-clock time where time is measured
    cpu_verdict: str  # the same on CPU time; "—" where time is not what is measured


def targets(results: Results) -> list[Target]:
    """Each target of issue 7, met or missed and by how much."""
    small, large = results.size(1000), results.size(10000)
    found = []
    for essays in OVERHEAD_SIZES:
        size = results.size(essays)
        found.append(Target(f"plugin overhead A/B, {essays:,} essays", f"≤ {OVERHEAD_LIMIT:.2f}",
                            *_on_both_clocks(lambda cpu: statistics.median(size.ratios(cpu=cpu))
                                             if size else None, OVERHEAD_LIMIT, "{:.2f}")))
    size = results.size(1000)
    stock = size if size and "D" in size.runs else None
    found.append(Target("full site against stock Pelican with typogrify and tag pages, A/D, "
                        "1,000 essays", f"≤ {STOCK_LIMIT:.2f}",
                        *_on_both_clocks(lambda cpu: statistics.median(stock.ratios("A", "D", cpu))
                                         if stock else None, STOCK_LIMIT, "{:.2f}")))
    found.append(Target("growth A(10,000) / A(1,000)", f"≤ {GROWTH_LIMIT:.0f}",
                        *_on_both_clocks(lambda cpu: large.median("A", cpu) / small.median("A", cpu)
                                         if small and large else None, GROWTH_LIMIT, "{:.1f}")))
    for essays, limit in EDIT_LOOP_LIMITS.items():
        size = results.size(essays)
        loop = size.edit_loop if size else None
        found.append(Target(f"edit loop, save to served, {essays:,} essays (median of "
                            f"{len(loop.seconds) if loop else 10})", f"≤ {limit:.1f} s",
                            _verdict(loop.median if loop else None, limit, "{:.2f} s"), "—"))
    memory = large.peak_rss_kib("A") / 1024 if large else None
    found.append(Target("peak RSS, 10,000 essays, full site",
                        f"≤ {MEMORY_LIMIT_KIB // 1024} MiB",
                        _verdict(memory, MEMORY_LIMIT_KIB / 1024, "{:.0f} MiB"), "—"))
    return found


def _on_both_clocks(measure: Callable[[bool], float | None], limit: float,
                    form: str) -> tuple[str, str]:
    """Verdicts on ``measure(cpu=False)`` (wall clock) and ``measure(cpu=True)``."""
    return _verdict(measure(False), limit, form), _verdict(measure(True), limit, form)


def _verdict(value: float | None, limit: float, form: str) -> str:
    if value is None:
        return "not measured in this run"
    if value <= limit:
        return f"**met**: {form.format(value)}, {1 - value / limit:.0%} under the limit"
    return f"**missed** by {value / limit - 1:.0%}: {form.format(value)}"


def machine() -> dict[str, str]:
    """Where the figures came from."""
    cpu = next((line.split(":", 1)[1].strip() for line in _read("/proc/cpuinfo").splitlines()
                if line.startswith("model name")), platform.processor() or "unknown")
    memory = next((line.split()[1] for line in _read("/proc/meminfo").splitlines()
                   if line.startswith("MemTotal:")), None)
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT,
                            capture_output=True, text=True).stdout.strip()
    if commit and subprocess.run(["git", "diff", "--quiet", "HEAD"], cwd=ROOT).returncode:
        commit += " with uncommitted changes"
    return {
        "nproc": str(len(os.sched_getaffinity(0))),
        "CPU": cpu,
        "memory": f"{int(memory) / 1024 ** 2:.1f} GiB" if memory else "unknown",
        "OS": platform.platform(),
        "Python": sys.version.split()[0],
        "Pelican": version("pelican"),
        "commit": commit or "unknown",
    }


def _read(path: str) -> str:
    try:
        with open(path, encoding="utf-8") as file:
            return file.read()
    except OSError:
        return ""
