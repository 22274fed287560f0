"""Three levels of broader topics on a small site: the index nests them, breadcrumbs follow them."""

from textwrap import dedent

from tests.test_real_site import text

VOCABULARY = """\
    [roles.health-care-worker]
    name = "Health care worker"
    aliases = ["health care worker"]
    description = "Cares for the sick."

    [roles.nurse]
    name = "Nurse"
    aliases = ["nurse"]
    description = "Nurses."
    broader = "health-care-worker"

    [roles.midwife]
    name = "Midwife"
    aliases = ["midwife"]
    description = "Delivers babies."
    broader = "nurse"
"""

ESSAY = dedent("""\
    Title: The Night Shift
    Date: 2024-02-01 10:00
    Slug: the-night-shift
    Summary: A birth at three in the morning.

    The midwife stayed with us all night.
    """)


def test_a_sector_with_no_essays_of_its_own_nests_two_levels_under_it(make_site):
    site = make_site({"essays/night.md": ESSAY, "topics.toml": VOCABULARY})
    index = site.page("/roles/").select_one(".topic-index")
    sector = index.find("li", recursive=False)
    assert text(sector.find("a")) == "Health care worker"
    assert text(sector.select_one(".count")) == "1 essay"
    nurse = sector.find("ul").find("li", recursive=False)
    assert text(nurse.find("a")) == "Nurse"
    assert [text(a) for a in nurse.select(":scope > ul a")] == ["Midwife"]
    assert [text(p) for p in site.page("/roles/health-care-worker/").select(".via")] == [
        "Mentions Midwife"]


def test_breadcrumbs_follow_the_whole_broader_chain(make_site):
    site = make_site({"essays/night.md": ESSAY, "topics.toml": VOCABULARY})
    crumbs = site.page("/roles/midwife/").select(".breadcrumbs li")
    assert [text(li) for li in crumbs] == ["Home", "Roles", "Health care worker", "Nurse",
                                           "Midwife"]
    assert [a["href"] for a in site.page("/roles/midwife/").select(".breadcrumbs a")] == [
        "/", "/roles/", "/roles/health-care-worker/", "/roles/nurse/"]
