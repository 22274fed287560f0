"""Renamed and merged topics, renamed essays: every old URL still leads to the new page,
every former topic feed still serves the feed, no feed entry id changes, and a URL lost by
accident is named, with its fix, before it is published."""

import io
import re
import shutil
import subprocess
import sys

import feedparser
import pytest
from invoke import Context
from invoke.exceptions import Exit
from pelican.settings import read_settings

from authoring.check import check_site
from sitebuild import ROOT, BuildFailed, build_site, check_content
from tests.conftest import Site, site_content
from tests.test_build import fingerprint

DOMAIN = "http://127.0.0.1:8000"

BEFORE = {
    "topics.toml": """\
        [roles.barista]
        name = "Barista"
        aliases = ["barista"]
        description = "Makes coffee."

        [roles.waiter]
        name = "Waiter"
        aliases = ["waiter"]
        description = "Waits on tables."

        [roles.server]
        name = "Server"
        aliases = ["server"]
        description = "Serves at table."

        [roles.nurse]
        name = "Nurse"
        aliases = ["nurse"]
        description = "Cares."
        """,
}
BODIES = ["The barista smiled.", "The waiter brought soup.", "The server poured water.",
          "The nurse listened."]


def essay(number: int, slug: str, former: str = "") -> str:
    former = f"Former_slugs: {former}\n" if former else ""
    return (f"Title: Essay {number}\nDate: 2024-01-{number:02d} 10:00\nSlug: {slug}\n{former}"
            f"Summary: Number {number}.\n\n{BODIES[number - 1]}\n")


def about(slug: str, former: str = "") -> str:
    former = f"Former_slugs: {former}\n" if former else ""
    return f"Title: About\nSlug: {slug}\n{former}Summary: What this is.\n\nA page.\n"


BEFORE |= {f"essays/e{n}.md": essay(n, f"essay-{n}") for n in range(1, 5)}
BEFORE["pages/about.md"] = about("about")

# Barista is renamed, waiter and server are merged, two essays are renamed (essay 3 twice)
# and the About page once.
AFTER = BEFORE | {
    "topics.toml": """\
        [roles.coffee-maker]
        name = "Coffee maker"
        aliases = ["barista"]
        description = "Makes coffee."
        former = ["barista"]

        [roles.table-server]
        name = "Table server"
        aliases = ["waiter", "server"]
        description = "Serves at table."
        former = ["waiter", "server"]

        [roles.nurse]
        name = "Nurse"
        aliases = ["nurse"]
        description = "Cares."
        """,
    "essays/e2.md": essay(2, "soup-at-last", "essay-2"),
    "essays/e3.md": essay(3, "water-poured", "essay-3, water"),
    "pages/about.md": about("about-us", "about"),
}
MOVED = {
    "/roles/barista/": "/roles/coffee-maker/",
    "/roles/waiter/": "/roles/table-server/",
    "/roles/server/": "/roles/table-server/",
    "/essays/essay-2/": "/essays/soup-at-last/",
    "/essays/essay-3/": "/essays/water-poured/",
    "/essays/water/": "/essays/water-poured/",
    "/about/": "/about-us/",
}


def build(root, files, settings="pelicanconf.py", **options) -> Site:
    return Site(build_site(settings, content=site_content(root / "content", files),
                           output=root / "output", overrides={"CACHE_PATH": str(root / "cache")},
                           **options))


def parse(path):
    feed = feedparser.parse(path.read_bytes())
    assert not feed.bozo, f"{path}: {feed.get('bozo_exception')}"
    return feed


def entry_ids(site, url):
    return {entry.link.removeprefix(DOMAIN): entry.id for entry in parse(site.file(url)).entries}


@pytest.fixture(scope="module")
def renamed(tmp_path_factory):
    """The site before (a copy) and after the renames, built into the same folder."""
    root = tmp_path_factory.mktemp("renamed")
    before = Site(shutil.copytree(build(root, BEFORE).output, root / "before"))
    return before, build(root, AFTER)


@pytest.mark.parametrize("old, new", MOVED.items())
def test_every_old_url_serves_a_redirect_to_the_new_page(renamed, old, new):
    _, after = renamed
    page = after.page(old)
    refresh = page.find("meta", attrs={"http-equiv": "refresh"})["content"]
    assert re.fullmatch(r"0; url=(\S+)", refresh)[1] == new
    assert page.find("link", rel="canonical")["href"] == DOMAIN + new
    assert page.find("meta", attrs={"name": "robots"})["content"] == "noindex"
    assert page.select_one("main a")["href"] == new
    assert after.page(new).find("h1").get_text() in page.select_one("main a").get_text()
    assert len(after.file(old).read_bytes()) < 2048  # small: its CSP <meta> is most of it


def test_every_former_feed_url_serves_the_new_feed(renamed):
    _, after = renamed
    for old, new in MOVED.items():
        if old.startswith("/roles/"):
            assert after.file(f"{old}atom.xml").read_bytes() == \
                after.file(f"{new}atom.xml").read_bytes()
            assert parse(after.file(f"{old}atom.xml")).entries
    merged = entry_ids(after, "/roles/waiter/atom.xml")
    assert set(merged) == {"/essays/soup-at-last/", "/essays/water-poured/"}


def test_no_feed_entry_id_changes_across_renames(renamed):
    before, after = renamed
    renamed_to = {old: new for old, new in MOVED.items() if old.startswith("/essays/")}
    for url in ("/feeds/all.atom.xml", "/feeds/all.rss.xml"):
        old_ids = entry_ids(before, url)
        assert {renamed_to.get(link, link): id for link, id in old_ids.items()} == \
            entry_ids(after, url)
    assert entry_ids(after, "/feeds/all.atom.xml")["/essays/water-poured/"] == \
        "tag:everybody-serves.example,2025:/essays/essay-3/"  # the oldest former slug's
    for old, new in [("/roles/barista/", "/roles/coffee-maker/"),
                     ("/roles/nurse/", "/roles/nurse/")]:
        assert set(entry_ids(before, f"{old}atom.xml").values()) == \
            set(entry_ids(after, f"{new}atom.xml").values())
    merged = {*entry_ids(before, "/roles/waiter/atom.xml").values(),
              *entry_ids(before, "/roles/server/atom.xml").values()}
    assert set(entry_ids(after, "/roles/table-server/atom.xml").values()) == merged


def test_redirects_are_left_out_of_the_sitemap(renamed):
    _, after = renamed
    listed = set(re.findall(r"<loc>([^<]+)</loc>",
                            after.file("/sitemap.xml").read_text(encoding="utf-8")))
    assert {DOMAIN + new for new in MOVED.values()} <= listed
    assert not {DOMAIN + old for old in MOVED} & listed


def test_a_rename_loses_no_url_so_nothing_is_reported(tmp_path, capfd):
    build(tmp_path, BEFORE)
    capfd.readouterr()
    build(tmp_path, AFTER, publishing=True)
    assert "404" not in capfd.readouterr().err


TOPIC_AFTER = AFTER["topics.toml"]
SLUG_OF_4 = "Slug: essay-4\n"


@pytest.mark.parametrize("files, expected", [
    ({"topics.toml": TOPIC_AFTER.replace('former = ["barista"]', 'former = ["nurse"]')},
     "topics.toml:5: roles.coffee-maker: former key 'nurse' is a topic of its own, "
     "roles.nurse: to merge it into roles.coffee-maker, delete [roles.nurse]; else remove it "
     "from 'former'"),
    ({"topics.toml": TOPIC_AFTER.replace('former = ["barista"]', 'former = ["waiter"]')},
     "topics.toml:11: roles.table-server: former key 'waiter' is also a former key of "
     "roles.coffee-maker: keep it in one topic only"),
    ({"topics.toml": TOPIC_AFTER.replace('former = ["barista"]', 'former = ["coffee-maker"]')},
     "topics.toml:5: roles.coffee-maker: 'former' names the topic's own key: remove it"),
    ({"topics.toml": TOPIC_AFTER.replace('former = ["waiter", "server"]',
                                         'former = ["waiter", "waiter"]')},
     "topics.toml:11: roles.table-server: 'former' names 'waiter' twice: remove one"),
    ({"topics.toml": TOPIC_AFTER.replace('former = ["barista"]', 'former = ["Barista"]')},
     "topics.toml:5: roles.coffee-maker: former key 'Barista' is not a key: write it as it "
     "was, like 'barista'"),
    ({"essays/e4.md": essay(4, "essay-4", "soup-at-last")},
     "essays/e4.md:4: Former_slugs: 'soup-at-last' is the slug of essays/e2.md, which is "
     "there now: remove it here"),
    ({"essays/e4.md": essay(4, "essay-4", "essay-2")},
     "essays/e4.md:4: Former_slugs: 'essay-2' is also a former slug of essays/e2.md: keep it "
     "in one essay only"),
    ({"essays/e4.md": essay(4, "essay-4", "essay-4")},
     "essays/e4.md:4: Former_slugs: 'essay-4' is this essay's own Slug: remove it"),
    ({"essays/e4.md": essay(4, "essay-4", "essay-four, essay-four")},
     "essays/e4.md:4: Former_slugs: 'essay-four' is listed twice: remove one"),
    ({"essays/e4.md": essay(4, "essay-4", "Essay Four")},
     "essays/e4.md:4: Former_slugs: 'Essay Four' is not a slug: write it as it was, like "
     "'essay-four'"),
    ({"pages/help.md": "Title: Help\nSlug: help\nFormer_slugs: about-us\n\nHelp.\n"},
     "pages/help.md:3: Former_slugs: 'about-us' is the slug of pages/about.md, which is "
     "there now: remove it here"),
    ({"pages/help.md": "Title: Help\nSlug: help\nFormer_slugs: archives\n\nHelp.\n"},
     "pages/help.md:3: Former_slugs: 'archives' is the site's own /archives/: remove it"),
    ({"essays/e4.md": essay(4, "essay-4") + "\nAs [before](/essays/essay-3/#part).\n"},
     "essays/e4.md:8: link to /essays/essay-3/#part: it has moved to /essays/water-poured/: "
     "link there"),
    ({"essays/e4.md": essay(4, "essay-4") + "\nSee [waiters](/roles/waiter/).\n"},
     "essays/e4.md:8: link to /roles/waiter/: it has moved to /roles/table-server/: link there"),
    ({"essays/e4.md": essay(4, "essay-4") + "\nSee [us](/about/).\n"},
     "essays/e4.md:8: link to /about/: it has moved to /about-us/: link there"),
])
def test_each_collision_or_link_to_a_former_url_is_an_error_naming_its_file_and_line(tmp_path, files, expected):
    content = site_content(tmp_path / "content", AFTER | files)
    settings = read_settings(str(ROOT / "pelicanconf.py"), override={"PATH": str(content)})
    printed = io.StringIO()
    check_site(settings, warnings=False).print(printed, warnings=False)
    assert printed.getvalue().replace(f"{content}/", "").splitlines() == [f"error: {expected}"]


def test_a_collision_stops_the_build_and_keeps_the_previous_site(tmp_path, capfd):
    site = build(tmp_path, BEFORE)
    before = fingerprint(site.output)
    capfd.readouterr()
    with pytest.raises(BuildFailed, match="still holds the previous site"):
        build(tmp_path, AFTER | {"essays/e4.md": essay(4, "essay-4", "essay-2")})
    assert capfd.readouterr().err.splitlines()[-1] == (
        f"error: {tmp_path}/content/essays/e4.md:4: Former_slugs: 'essay-2' is also a former "
        f"slug of {tmp_path}/content/essays/e2.md: keep it in one essay only")
    assert fingerprint(site.output) == before


# The renames without their former keys and slugs: every old URL would be lost.
CARELESS = AFTER | {
    "topics.toml": re.sub(r"former = .*\n", "", TOPIC_AFTER),
    "essays/e2.md": essay(2, "soup-at-last"),
    "essays/e3.md": essay(3, "water-poured"),
    "pages/about.md": about("about-us"),
}
LOST = [
    '/about/ was in the last site and would now be a 404: add "Former_slugs: about" to the '
    "page that replaces it",
    '/essays/essay-2/ was in the last site and would now be a 404: add "Former_slugs: '
    'essay-2" to the essay that replaces it',
    '/essays/essay-3/ was in the last site and would now be a 404: add "Former_slugs: '
    'essay-3" to the essay that replaces it',
    '/roles/barista/ was in the last site and would now be a 404: add former = ["barista"] '
    "to the role that replaces it in topics.toml",
    '/roles/server/ was in the last site and would now be a 404: add former = ["server"] to '
    "the role that replaces it in topics.toml",
    '/roles/waiter/ was in the last site and would now be a 404: add former = ["waiter"] to '
    "the role that replaces it in topics.toml",
]


def lost_lines(stderr, severity):
    """The lost-URL lines of ``stderr``, each with where it was found, and without."""
    found = [line for line in stderr.splitlines() if "would now be a 404" in line]
    assert all(line.startswith(f"{severity}: ") for line in found), found
    return {line.split(": ", 2)[2]: line.split(": ", 2)[1] for line in found}


def test_check_and_build_warn_about_each_url_they_would_lose(tmp_path, capfd):
    site = build(tmp_path, BEFORE)
    capfd.readouterr()
    assert check_content(content=site_content(tmp_path / "content", CARELESS),
                         output=site.output, overrides={"CACHE_PATH": str(tmp_path / "cache")})
    lost = lost_lines(capfd.readouterr().err, "warning")
    assert sorted(lost) == LOST
    assert lost[LOST[1]] == f"{site.output}/essays/essay-2/index.html"  # the old page
    build(tmp_path, CARELESS)
    assert lost_lines(capfd.readouterr().err, "warning") == lost
    assert not site.file("/essays/essay-2/").exists()  # the warning was right


def test_the_published_urls_are_remembered_until_publishing_lets_them_go(tmp_path, capfd):
    record = tmp_path / "published-urls.txt"
    published = build(tmp_path, BEFORE, "publishconf.py", published=record, publishing=True)
    recorded = [line for line in record.read_text(encoding="utf-8").splitlines()
                if not line.startswith("#")]
    assert recorded == ["/about/", "/archives/", "/essays/essay-1/", "/essays/essay-2/",
                        "/essays/essay-3/", "/essays/essay-4/", "/examples/", "/map/", "/roles/",
                        "/roles/barista/", "/roles/nurse/", "/roles/server/", "/roles/waiter/",
                        "/search/"]
    before = fingerprint(published.output)
    capfd.readouterr()
    with pytest.raises(BuildFailed, match="the build would lose the URLs above; .* still "
                                          "holds the previous site: add the redirects, or "
                                          "confirm with --allow-lost-urls"):
        build(tmp_path, CARELESS, "publishconf.py", published=record, publishing=True)
    assert sorted(lost_lines(capfd.readouterr().err, "error")) == LOST
    assert fingerprint(published.output) == before
    assert not list(tmp_path.glob(".output.*"))

    for _ in range(2):  # the second development build no longer has the old site to compare
        build(tmp_path, CARELESS, published=record)
        lost = lost_lines(capfd.readouterr().err, "warning")
        assert sorted(lost) == LOST
        assert lost[LOST[1]] == f"{record}:6"
    assert check_content(content=tmp_path / "content", output=published.output,
                         published=record, overrides={"CACHE_PATH": str(tmp_path / "cache")})
    assert sorted(lost_lines(capfd.readouterr().err, "warning")) == LOST

    build(tmp_path, CARELESS, "publishconf.py", published=record, publishing=True,
          allow_lost_urls=True)
    assert published.file("/essays/soup-at-last/").is_file()
    assert "/essays/essay-2/" not in record.read_text(encoding="utf-8")
    build(tmp_path, CARELESS, "publishconf.py", published=record, publishing=True)


def test_invoke_publish_refuses_to_lose_a_url_without_allow_lost_urls(
        tmp_path, monkeypatch, capfd):
    import tasks

    record = tmp_path / "published-urls.txt"
    record.write_text("/essays/what-is-customer-service/\n/essays/no-longer-here/\n",
                      encoding="utf-8")
    monkeypatch.setattr(tasks, "PUBLISHED", record)
    monkeypatch.setenv("SITEURL", "https://blog.example.org")
    target = tmp_path / "site"
    with pytest.raises(Exit) as refused:
        tasks.publish(Context(), target=str(target))
    assert refused.value.code == 1 and "--allow-lost-urls" in refused.value.message
    assert lost_lines(capfd.readouterr().err, "error") == {
        '/essays/no-longer-here/ was in the last site and would now be a 404: add '
        '"Former_slugs: no-longer-here" to the essay that replaces it': f"{record}:2"}
    assert not target.exists()
    tasks.publish(Context(), target=str(target), allow_lost_urls=True)
    assert (target / "essays" / "what-is-customer-service" / "index.html").is_file()
    assert "/essays/no-longer-here/" not in record.read_text(encoding="utf-8")
    usage = subprocess.run([sys.executable, "-m", "invoke", "--help", "publish"], cwd=ROOT,
                           capture_output=True, text=True).stdout
    assert "--allow-lost-urls" in usage
