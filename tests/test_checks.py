"""`invoke check` and every build read the content first: each mistake is one line, the
same from both, and a failed build leaves the previous site exactly as it was."""

import io
import re
import shutil
import subprocess
import sys
from textwrap import dedent

import feedparser
import pytest
from pelican.settings import read_settings

from authoring.check import check_site
from sitebuild import ROOT, BuildFailed, build_site, check_content
from tests.conftest import ESSAY, PROJECT_FOLDER, site_content
from tests.test_build import fingerprint
from tests.test_real_site import text
from tests.test_topics_site import VOCABULARY, essay

PAGE = """\
    Title: About
    Slug: about
    Summary: What this is.

    A page.
"""

# A mistake in the content, and the error lines it gives ({content}: the content folder).
MISTAKES = {
    "a bad date": (
        {"essays/kindness.md": ESSAY.replace("2024-05-01 10:00", "the first of May")},
        ["{content}/essays/kindness.md:2: Date: 'the first of May' is not a date: "
         "write it as YYYY-MM-DD HH:MM"]),
    "a missing title": (
        {"essays/kindness.md": ESSAY.replace("Title: A Small Kindness\n", "")},
        ['{content}/essays/kindness.md:1: no Title: add a "Title: …" line to the metadata '
         "at the top"]),
    "a file that is not UTF-8": (
        {"essays/kindness.md": (ESSAY + "Café au lait.\n").encode("latin-1")},
        ["{content}/essays/kindness.md:8: is not UTF-8: save it as UTF-8"]),
    "an empty file": (
        {"essays/kindness.md": ESSAY, "essays/empty.md": ""},
        ["{content}/essays/empty.md:1: is empty: start it with its metadata "
         "(docs/authoring.md shows how)"]),
    "two essays with one slug": (
        {"essays/kindness.md": ESSAY,
         "essays/other.md": ESSAY.replace("A Small Kindness", "Another Kindness")},
        ["{content}/essays/other.md:4: slug 'a-small-kindness' is also the slug of "
         "{content}/essays/kindness.md: give each essay its own Slug:"]),
    "an unknown role": (
        {"essays/kindness.md": ESSAY.replace("Summary:", "Roles: barsita\nSummary:")},
        ["{content}/essays/kindness.md:5: Roles: unknown role 'barsita': did you mean "
         "'Barista' or 'Bartender' or 'Barback'? (new topics are added to topics.toml)"]),
    "a vocabulary mistake": (
        {"essays/e1.md": essay(1),
         "topics.toml": VOCABULARY.replace('aliases = ["nurse"]', 'aliases = ["barista"]')},
        ["{content}/topics.toml:14: alias 'barista' of roles.nurse is already an alias of "
         "roles.barista: keep it in one topic only"]),
    "a <script> tag in an essay": (
        {"essays/kindness.md": ESSAY + "\nThe barista typed <script>alert(1)</script> in.\n"},
        ["{content}/essays/kindness.md:9: <script> would run in readers' browsers: "
         "to show it, put it in backticks (`<script>`)"]),
    "a link to an essay that does not exist": (
        {"essays/kindness.md": ESSAY + "\nSee [the other one](/essays/a-small-kindnes/).\n"},
        ["{content}/essays/kindness.md:9: link to /essays/a-small-kindnes/: no essay has the "
         "slug 'a-small-kindnes': did you mean '/essays/a-small-kindness/'?"]),
}


def error_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("error:")]


@pytest.fixture(scope="module")
def previous_site(tmp_path_factory):
    """A good site, built once: each failing build starts from a copy of it."""
    root = tmp_path_factory.mktemp("previous")
    return build_site(content=site_content(root / "content", {"essays/kindness.md": ESSAY}),
                      output=root / "output", overrides={"CACHE_PATH": str(root / "cache")})


@pytest.fixture
def check_then_build(tmp_path, previous_site, capfd):
    """Check ``files``, then build them over a copy of a good site: both must fail, and
    leave the site and the content as they were.  Returns the error lines of each."""

    def run(files):
        content = site_content(tmp_path / "content", files)
        output = shutil.copytree(previous_site, tmp_path / "output")
        before = fingerprint(output), fingerprint(content)
        overrides = {"CACHE_PATH": str(tmp_path / "cache")}
        capfd.readouterr()
        assert check_content(content=content, overrides=overrides) is False
        checked = capfd.readouterr().err
        with pytest.raises(BuildFailed, match="still holds the previous site"):
            build_site(content=content, output=output, overrides=overrides)
        built = capfd.readouterr().err
        assert (fingerprint(output), fingerprint(content)) == before
        assert "Traceback" not in checked + built
        return error_lines(checked), error_lines(built)

    return run


@pytest.mark.parametrize("files, expected", MISTAKES.values(), ids=MISTAKES)
def test_check_and_build_stop_on_each_mistake_with_the_same_line(
        check_then_build, tmp_path, files, expected):
    checked, built = check_then_build(files)
    lines = [f"error: {line.format(content=tmp_path / 'content')}" for line in expected]
    assert checked == lines
    assert built == lines


def test_a_toml_syntax_error_names_its_line(check_then_build, tmp_path):
    broken = VOCABULARY.replace('aliases = ["nurse"]', 'aliases = ["nurse"')
    checked, built = check_then_build({"essays/e1.md": essay(1), "topics.toml": broken})
    assert checked == built
    [line] = built
    assert re.fullmatch(rf"error: {re.escape(str(tmp_path))}/content/topics.toml:15: "
                        r"TOML syntax error: \w.*; fix the syntax on this line", line), line


@pytest.fixture
def problems(tmp_path):
    """What the checks report for ``files``, one line each, errors first."""

    def check(files, **options):
        content = site_content(tmp_path / "content", files)
        settings = read_settings(str(ROOT / "pelicanconf.py"), override={"PATH": str(content)})
        printed = io.StringIO()
        check_site(settings, **options).print(printed, warnings=True)
        return printed.getvalue().replace(f"{content}/", "").splitlines()[:-1]  # no summary

    return check


def errors_of(lines):
    return [line for line in lines if line.startswith("error:")]


@pytest.mark.parametrize("files, expected", [
    ({"essays/kindness.md": ESSAY.replace("Date: 2024-05-01 10:00\n", "")},
     'essays/kindness.md:1: no Date: add a "Date: YYYY-MM-DD HH:MM" line to the metadata '
     "at the top"),
    ({"essays/kindness.md": ESSAY.replace("Summary:", "Status: Draft\nSummary:")},
     'essays/kindness.md:5: Status: unknown status \'Draft\': write "Status: draft", or '
     "delete the line to publish"),
    ({"essays/kindness.md": ESSAY.replace("Slug: a-small-kindness", "Slug: A Small Kindness")},
     "essays/kindness.md:4: Slug: 'A Small Kindness' is not a slug: use lowercase words "
     "joined by hyphens, like 'a-small-kindness'"),
    ({"essays/kindness.md": ESSAY.replace("One door, held open.", "TODO: say it")},
     "essays/kindness.md:5: Summary: still a placeholder: write one sentence for the home "
     "page and the feeds"),
    ({"essays/kindness.md": ESSAY, "pages/roles.md": PAGE.replace("about", "roles")},
     "pages/roles.md:2: slug 'roles' is the site's own /roles/: choose another Slug:"),
    ({"essays/kindness.md": ESSAY.replace("Summary:", "Examples: barista\nSummary:")},
     "essays/kindness.md:5: Examples: 'barista' is a role, not an example: move it to Roles:"),
    ({"essays/kindness.md": ESSAY + "\n[A note]({filename}notes.md)\n"},
     "essays/kindness.md:9: link to {filename}notes.md: there is no file essays/notes.md"),
    ({"essays/kindness.md": ESSAY + "\n[About](/abuot/)\n", "pages/about.md": PAGE},
     "essays/kindness.md:9: link to /abuot/: no page has the slug 'abuot': did you mean "
     "'/about/'?"),
    ({"essays/kindness.md": ESSAY + "\n[Nurses](/roles/nurse/)\n"},
     "essays/kindness.md:9: link to /roles/nurse/: no published essay mentions 'Nurse' yet, "
     "so it has no page"),
    ({"essays/kindness.md": ESSAY + "\n[Doors](/roles/holding-the-door/)\n"},
     "essays/kindness.md:9: link to /roles/holding-the-door/: 'Holding the door' is an "
     "example: link to /examples/holding-the-door/"),
    ({"essays/kindness.md": ESSAY + "\n[Doors](/examples/holding-a-door/)\n"},
     "essays/kindness.md:9: link to /examples/holding-a-door/: no example has the key "
     "'holding-a-door': did you mean '/examples/holding-the-door/'?"),
    ({"essays/kindness.md": ESSAY + "\n[Soon](/essays/soon/)\n",
      "essays/soon.md": essay(2).replace("essay-2", "soon").replace("Summary", "Status: draft\n"
                                                                               "Summary")},
     "essays/kindness.md:9: link to /essays/soon/: that essay is a draft, and drafts are not "
     "published"),
])
def test_more_mistakes_each_give_one_error(problems, files, expected):
    assert errors_of(problems(files)) == [f"error: {expected}"]


def test_links_that_lead_somewhere_and_code_are_fine(problems):
    body = dedent("""\
        See [about](/about/), [roles](/roles/), [a role](/examples/holding-the-door/),
        [its feed](/examples/holding-the-door/atom.xml), [archives](/archives/),
        [the feed](/feeds/all.atom.xml), [page two](/page/2/), [elsewhere](https://x.org/y),
        [the other]({filename}other.md), <a href="/essays/other/#part">this</a> and
        `[not a link](/essays/nowhere/)` or `<script>`.[^1]

        [^1]: /essays/nowhere/ is not a link either.

        ```html
        <script src="/essays/nowhere/"></script>
        ```
        """)
    files = {"essays/kindness.md": f"{ESSAY}\n{body}", "pages/about.md": PAGE,
             "essays/other.md": essay(2).replace("essay-2", "other")}
    assert errors_of(problems(files)) == []


def test_errors_alone_are_the_same_errors(problems):
    files = {"essays/kindness.md": ESSAY + "\n[Nurses](/roles/nurse/)\n",
             "essays/bad.md": ESSAY.replace("2024-05-01 10:00", "soon")}
    assert errors_of(problems(files, warnings=False)) == errors_of(problems(files))


def test_warnings_name_what_to_confirm_what_no_essay_uses_and_fields_to_fix(problems):
    files = {
        "essays/e1.md": essay(1, "The barista smiled.").replace("Summary", "Sumary"),
        "essays/e2.md": essay(2, "Nobody here.").replace("Slug: essay-2\n", ""),
        "essays/e3.md": essay(3).replace("Summary: Number 3.", "Summary: TODO")
                                .replace("Slug", "Status: draft\nSlug"),
        "topics.toml": VOCABULARY.replace('aliases = ["nurse"]', 'aliases = ["nurse", "rn"]'),
    }
    assert problems(files) == [
        "warning: essays/e1.md:1: no Summary: add one sentence for the home page and the feeds",
        "warning: essays/e1.md:1: Roles: found in the text: Barista; declare them in Roles: "
        "to confirm, or list them in Not-Topics: to drop them",
        "warning: essays/e1.md:4: unknown field 'Sumary': did you mean 'Summary'?",
        'warning: essays/e2.md:1: no Slug: the URL comes from the title and changes with it; '
        'add "Slug: essay-2"',
        "warning: essays/e3.md:1: Roles: found in the text: Barista; declare them in Roles: "
        "to confirm, or list them in Not-Topics: to drop them",
        "warning: essays/e3.md:5: Summary: still a placeholder: write one sentence for the "
        "home page and the feeds",
        "warning: topics.toml: 1 topic has no published essay yet, so no page: "
        "`invoke check --unused` lists them",
        "warning: topics.toml:14: alias 'rn' of roles.nurse is one or two letters long: too "
        "common to tell essays apart; use a longer phrase",
    ]


def test_an_alias_found_in_most_essays_or_a_common_word_is_too_common(problems):
    vocabulary = VOCABULARY.replace('aliases = ["nurse"]', 'aliases = ["nurse", "people"]')
    files = {f"essays/e{n}.md": essay(n, "A barista smiled." if n > 4 else "Hello.")
             for n in range(1, 11)}
    found = [line for line in problems({**files, "topics.toml": vocabulary})
             if "alias" in line]
    assert found == [
        "warning: topics.toml:3: alias 'barista' of roles.barista is found in 6 of the 10 "
        "published essays: too common to tell essays apart; use a longer phrase",
        "warning: topics.toml:14: alias 'people' of roles.nurse is one of the most common "
        "English words: too common to tell essays apart; use a longer phrase",
    ]


def test_drafts_are_checked_too(problems):
    draft = ESSAY.replace("Summary:", "Status: draft\nRoles: barsita\nSummary:")
    assert errors_of(problems({"essays/kindness.md": draft})) == [
        "error: essays/kindness.md:6: Roles: unknown role 'barsita': did you mean 'Barista' or "
        "'Bartender' or 'Barback'? (new topics are added to topics.toml)"]


@PROJECT_FOLDER
def test_invoke_check_on_the_real_content_finds_no_error_and_writes_nothing(tmp_path):
    content = fingerprint(ROOT / "content")
    result = subprocess.run([sys.executable, "-m", "invoke", "check"], cwd=ROOT,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    summary = result.stderr.splitlines()[-1]
    assert summary.startswith("checked 5 essays, 1 page and content/topics.toml: no errors, ")
    assert "too common" not in result.stderr
    assert fingerprint(ROOT / "content") == content


def test_check_exits_non_zero_on_an_error_and_writes_no_output(tmp_path, capfd):
    content = site_content(tmp_path / "content",
                           {"essays/kindness.md": ESSAY.replace("2024-05-01", "someday")})
    output = tmp_path / "output"
    assert not check_content(content=content, overrides={"OUTPUT_PATH": str(output)})
    assert not output.exists()
    assert ": 1 error, " in capfd.readouterr().err.splitlines()[-1]


def test_an_empty_essays_folder_builds_a_site_that_says_so(make_site):
    site = make_site({"essays/.gitkeep": "", "pages/about.md": PAGE})
    for url in ["/", "/archives/", "/roles/", "/examples/"]:
        assert text(site.page(url).select_one(".empty")).startswith("No essay"), url
    assert text(site.page("/about/").find("h1")) == "About"


def test_a_one_megabyte_essay_builds_and_is_tagged(make_site):
    sentence = "I held the door open for a stranger, and she thanked the bus driver. "
    big = ESSAY + "\n\n".join([sentence * 20] * (1_000_000 // (len(sentence) * 20)))
    assert len(big.encode()) > 1_000_000
    site = make_site({"essays/kindness.md": big})
    assert site.page("/essays/a-small-kindness/").find("h1")
    assert site.file("/roles/bus-driver/").is_file()


def test_markup_written_as_code_is_shown_escaped_in_evidence_and_feeds(make_site):
    body = "The barista typed `<script>alert(1)</script>` into the form."
    site = make_site({"essays/e1.md": essay(1, body), "topics.toml": VOCABULARY})
    page = site.page("/roles/barista/")
    assert not page.find("script", string=lambda s: s and "alert" in s)
    assert "The barista typed <script>alert(1)</script> into the form." in text(page)
    feed = feedparser.parse(site.file("/roles/barista/atom.xml").read_bytes())
    assert "&lt;script&gt;" in feed.entries[0].content[0].value
