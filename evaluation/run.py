"""Build the labelled essays into real sites and score their tags: ``invoke eval-tagging``.

    python -m evaluation.run [--topics PATH] [--report PATH] [--set NAME=VALUE ...]

Each set of labels.toml (``SETS``: ``corpus``: evaluation/essays/, ``holdout``:
evaluation/holdout/, ``holdout2``: evaluation/holdout2/, ``holdout3``: evaluation/holdout3/,
``site``: content/essays/) is copied into a temporary content folder with the vocabulary and
built with the project's settings and plugins; the report compares its topic pages with the
labels.
"""

from __future__ import annotations

import argparse
import ast
import shutil
import sys
import tempfile
from pathlib import Path

from sitebuild import BuildFailed, build_site  # first: it puts plugins/ on the path

from evaluation.labels import ROOT, SETS, LabelledEssay, LabelsError, load_labels, metadata
from evaluation.report import SetResult, render, summary
from evaluation.scoring import Resolved, score_essay
from evaluation.site_output import read_listings
from service_topics.errors import TopicsError
from service_topics.settings import DEFAULTS
from service_topics.vocabulary import Vocabulary, load_vocabulary

REPORT = Path(__file__).resolve().parent / "REPORT.md"
VOCABULARY = ROOT / "content" / "topics.toml"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--topics", type=Path, default=VOCABULARY,
                        help="the vocabulary to evaluate (default content/topics.toml)")
    parser.add_argument("--report", type=Path, default=REPORT,
                        help="where to write the Markdown report (default evaluation/REPORT.md)")
    parser.add_argument("--set", dest="settings", type=setting, action="append", default=[],
                        metavar="NAME=VALUE",
                        help="a setting of the plugin to build with, as Python: "
                             "TOPICS_SALIENCE_THRESHOLD=3")
    args = parser.parse_args(argv)
    try:
        vocabulary = load_vocabulary(args.topics)
        labelled = load_labels()
        settings = dict(args.settings)
        with tempfile.TemporaryDirectory(prefix="eval-tagging-") as work:
            results = [evaluate(name, essays, args.topics, vocabulary, Path(work) / name,
                                settings)
                       for name, essays in labelled.items()]
    except (LabelsError, TopicsError, BuildFailed) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    text = render(results, f"`{_shown(args.topics)}`")
    args.report.write_text(text, encoding="utf-8")
    print(text + f"\n{summary(results)}\nreport written to {_shown(args.report)}")
    return 0


def setting(text: str) -> tuple[str, object]:
    """``NAME=VALUE`` as one of the plugin's settings and a Python literal."""
    name, _, value = text.partition("=")
    if not name.isupper() or not value:
        raise argparse.ArgumentTypeError(f"{text!r}: write a setting as NAME=VALUE, "
                                         "like TOPICS_SALIENCE_THRESHOLD=3")
    if name not in DEFAULTS:
        raise argparse.ArgumentTypeError(f"{text!r}: {name} is no setting of the topics plugin; "
                                         "its settings are in plugins/service_topics/settings.py")
    try:
        return name, ast.literal_eval(value)
    except (ValueError, SyntaxError):
        raise argparse.ArgumentTypeError(f"{text!r}: the value is no Python literal; "
                                         "quote a string: NAME='text'") from None


def evaluate(name: str, essays: list[LabelledEssay], topics: Path, vocabulary: Vocabulary,
             work: Path, settings: dict) -> SetResult:
    """Build ``essays`` with ``topics`` and ``settings`` into ``work`` and score every one."""
    content = work / "content"
    (content / "essays").mkdir(parents=True)
    for essay in essays:
        shutil.copy(essay.path, content / "essays" / essay.path.name)
    shutil.copy(topics, content / "topics.toml")
    output = build_site(content=content, output=work / "output",
                        overrides={**settings, "CACHE_PATH": str(work / "cache")})
    listings = read_listings(output)
    return SetResult(name, _shown(SETS[name]),
                     {essay.slug: metadata(essay.path)["title"] for essay in essays},
                     [score_essay(essay, listings, _resolver(vocabulary)) for essay in essays])


def _resolver(vocabulary: Vocabulary):
    def resolve(name: str) -> Resolved | None:
        topic = vocabulary.lookup(name)
        return topic and Resolved(topic.kind, topic.key, topic.name,
                                  tuple(broader.key for broader in
                                        vocabulary.broader_chain(topic.key)))
    return resolve


def _shown(path: Path) -> str:
    path = path.resolve()
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)


if __name__ == "__main__":
    sys.exit(main())
