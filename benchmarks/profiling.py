"""Profile a full build with cProfile and pick out the topics plugin's functions."""

from __future__ import annotations

import pstats
import subprocess
from dataclasses import dataclass
from pathlib import Path

from benchmarks.builds import ROOT, BuildError, Variant, command

PLUGIN_FOLDER = "service_topics"
PLUGIN_ENTRY_POINTS = {("generator.py", "generate_context"), ("generator.py", "generate_output")}
# The stages of the whole build, each a function whose cumulative time is the stage's
# (path ending, function name); stages may nest (tagging is in the topics' context).
STAGES = [
    ("the whole build", "sitebuild.py", "run_pelican"),
    ("author checks", "authoring/check.py", "check_site"),
    ("Pelican reading every file (Markdown, typogrify)", "pelican/generators.py",
     "generate_context"),
    ("topics: tagging, linking, ranking, the index", "service_topics/generator.py",
     "generate_context"),
    ("  of which finding candidates (tagging.candidates)", "service_topics/tagging.py",
     "candidates"),
    ("topics: topic pages, their feeds, map, OPML", "service_topics/generator.py",
     "generate_output"),
    ("every page rendered from a template (Jinja)", "jinja2/environment.py", "render"),
    ("every feed written", "pelican/writers.py", "write_feed"),
    ("  of which links made absolute (feed_polish)", "feed_polish/__init__.py",
     "make_links_absolute"),
]


@dataclass(frozen=True)
class FunctionCost:
    name: str  # module.py:line(function)
    calls: int
    own_seconds: float
    cumulative_seconds: float


@dataclass(frozen=True)
class PluginProfile:
    essays: int
    profiled_seconds: float  # the whole build, as cProfile counted it
    plugin_seconds: float  # cumulative time of the plugin's generate_context + generate_output
    top: list[FunctionCost]  # the plugin's functions by cumulative time
    stages: tuple[FunctionCost, ...] = ()  # the whole build's STAGES, named by their label

    @property
    def plugin_share(self) -> float:
        return self.plugin_seconds / self.profiled_seconds


def profile_build(variant: Variant, corpus: Path, work: Path, essays: int,
                  top: int = 15) -> PluginProfile:
    """Build ``corpus`` under cProfile (``python -m cProfile -m sitebuild ...``)."""
    stats_file, output = work / f"profile-{essays}.pstats", work / f"profile-{essays}-output"
    argv = command(variant, corpus, output, work / "cache")
    argv[1:1] = ["-m", "cProfile", "-o", str(stats_file)]
    log = work / f"profile-{essays}.log"
    with log.open("wb") as sink:
        subprocess.run(argv, cwd=ROOT, stdout=sink, stderr=subprocess.STDOUT, check=True)
    if not (output / "index.html").exists():  # cProfile exits 0 whatever the build did
        raise BuildError(f"profiled build failed; see {log}")
    return plugin_costs(pstats.Stats(str(stats_file)), essays, top)


def plugin_costs(stats: pstats.Stats, essays: int, top: int) -> PluginProfile:
    """The plugin's share of ``stats`` and its ``top`` functions by cumulative time."""
    costs, plugin_seconds = [], 0.0
    for (filename, line, function), (_, calls, own, cumulative, _) in stats.stats.items():
        path = Path(filename)
        if PLUGIN_FOLDER not in path.parts:
            continue
        costs.append(FunctionCost(f"{path.name}:{line}({function})", calls, own, cumulative))
        if (path.name, function) in PLUGIN_ENTRY_POINTS:
            plugin_seconds += cumulative
    costs.sort(key=lambda cost: -cost.cumulative_seconds)
    return PluginProfile(essays, stats.total_tt, plugin_seconds, costs[:top],
                         tuple(_stages(stats)))


def _stages(stats: pstats.Stats) -> list[FunctionCost]:
    """The cumulative time of each of STAGES (summed over the functions that match)."""
    found = []
    for label, ending, function in STAGES:
        matching = [(calls, own, cumulative)
                    for (filename, _, name), (_, calls, own, cumulative, _) in stats.stats.items()
                    if name == function and Path(filename).as_posix().endswith(ending)]
        found.append(FunctionCost(label, sum(m[0] for m in matching),
                                  sum(m[1] for m in matching), sum(m[2] for m in matching)))
    return found

