"""Salience: which mentions count, what they show, and which candidates become tags, in
unit tests of the reading rules and in small built sites."""

import io

import feedparser
import pytest
from pelican.settings import read_settings

from authoring.check import check_site
from service_topics.salience import Evidence, Salience, commonness, weights_of
from service_topics.tagging import candidates, relatives_of
from service_topics.vocabulary import Topic, Vocabulary
from sitebuild import ROOT
from tests.conftest import site_content
from tests.test_real_site import text

TOPICS = [
    Topic("roles", "barista", "Barista", ("barista",), "Coffee."),
    Topic("roles", "waiter", "Waiter", ("waiter", "waitress"), "Tables."),
    Topic("roles", "nurse", "Nurse", ("nurse",), "Cares."),
    Topic("roles", "cashier", "Cashier", ("cashier",), "Tills."),
    Topic("roles", "stranger", "Stranger", ("stranger",), "Anyone."),
    Topic("roles", "friend", "Friend", ("friend", "guy"), "Pals."),
    Topic("roles", "sibling", "Sibling", ("brother", "sister"), "Family."),
    Topic("roles", "relative", "Relative", ("aunt", "uncle"), "Family."),
    Topic("roles", "mail-carrier", "Mail carrier", ("mailman",), "Letters."),
    Topic("roles", "help-desk", "Help desk", ("help desk",), "Tickets."),
    Topic("roles", "child", "Child", ("son", "kid"), "Kids."),
    Topic("roles", "clerk", "Clerk", ("clerk",), "Desks."),
    Topic("roles", "teacher", "Teacher", ("teacher",), "Classes."),
    Topic("roles", "co-worker", "Co-worker", ("co-worker",), "Colleagues."),
    Topic("roles", "bus-driver", "Bus driver", ("bus driver",), "Buses."),
    Topic("examples", "holding-the-door", "Holding the door", ("hold the door",), "Doors."),
    Topic("examples", "thanking-the-bus-driver", "Thanking the bus driver",
          ("thank the bus driver",), "Thanks."),
]
VOCABULARY = Vocabulary.of(TOPICS)
MATCHERS = VOCABULARY.matchers
RELATIVES = frozenset({"sibling", "relative", "child"})


def evidence(html, title="", summary=""):
    """Each candidate's evidence, by topic key."""
    return {c.key: c.evidence
            for c in candidates(html, title, summary, VOCABULARY, MATCHERS, 240, RELATIVES)}


@pytest.mark.parametrize("sentence, key", [
    ("She was no waitress, but she took our order anyway.", "waiter"),
    ("I am not a nurse.", "nurse"),
    ("He was never a cashier in his life.", "cashier"),
    ("And this might not be a total stranger.", "stranger"),
    ("It was not the friendliest nurse I ever met.", "nurse"),
    ("I never held the door for anyone.", "holding-the-door"),
])
def test_a_negated_mention_never_counts(sentence, key):
    assert key not in evidence(f"<p>{sentence}</p>")


@pytest.mark.parametrize("sentence, key", [
    ("She is not just a nurse.", "nurse"),
    ("There is no doubt the nurse came back.", "nurse"),
    ("I didn't thank the bus driver that day.", "bus-driver"),
])
def test_a_negation_that_does_not_open_the_mention_leaves_it_counting(sentence, key):
    assert key in evidence(f"<p>{sentence}</p>")


@pytest.mark.parametrize("sentence, key, other", [
    ("Service isn’t a help desk, it’s everyone’s job.", "help-desk", None),
    ("Ask a friend rather than a waiter.", "waiter", "friend"),
    ("We got a kid instead of a nurse.", "nurse", "child"),
])
def test_a_contrasted_mention_never_counts(sentence, key, other):
    found = evidence(f"<p>{sentence}</p>")
    assert key not in found
    assert other is None or other in found  # what it is contrasted with still counts


@pytest.mark.parametrize("sentence, key", [
    ("Believe me, friends, it works.", "friend"),
    ("Thanks, guys.", "friend"),
    ("Now, brothers and sisters, listen to me.", "sibling"),
    ("My friends, you know this already.", "friend"),
    ("Good morning, friends.", "friend"),
])
def test_a_word_of_address_never_counts(sentence, key):
    assert key not in evidence(f"<p>{sentence}</p>")


@pytest.mark.parametrize("sentence, key", [
    ("There was my aunt, my uncle, and the mailman, and you could feel it.", "relative"),
    ("There was my aunt, my uncle, and the mailman, and you could feel it.", "mail-carrier"),
    ("My friends came early.", "friend"),
    ("I met a friend, a nurse, and two strangers.", "friend"),
])
def test_names_in_a_list_or_a_sentence_are_no_words_of_address(sentence, key):
    assert key in evidence(f"<p>{sentence}</p>")


def test_a_mention_serves_or_is_served_when_service_stands_beside_it():
    found = evidence("<p>My son spilled his juice on the counter.</p>"
                     "<p>The barista poured my coffee.</p>"
                     "<p>The clerk at the pharmacy looked up.</p>"
                     "<p>I said “thank you” to the bus driver.</p>"
                     "<p>Two nurses and one mailman got on.</p>")
    assert found["barista"].served == found["clerk"].served == 1
    assert found["child"].served == found["nurse"].served == found["mail-carrier"].served == 0
    assert evidence("<p>I thank the bus driver.</p>")["bus-driver"].served == 1


def test_a_mention_is_discussed_when_the_sentence_says_who_someone_is():
    found = evidence("<p>You may be a co-worker.</p><p>Then I found my teacher, Mrs. Patel, "
                     "by the door.</p><p>There was my uncle.</p><p>I saw a nurse.</p>")
    assert found["co-worker"].discussed == found["teacher"].discussed == 1
    assert found["relative"].discussed == found["nurse"].discussed == 0


@pytest.mark.parametrize("sentence, key", [
    ("The nurse came on Thursdays.", "nurse"),
    ("The cashier just smiled.", "cashier"),
    ("A clerk had stamped it.", "clerk"),
    ("The bus driver, who knew us, waved.", "bus-driver"),
    ("Then the barista who served me left.", "barista"),
    ("A clerk, a tall man in a grey suit, stamped it.", "clerk"),
])
def test_a_person_who_acts_is_discussed(sentence, key):
    assert evidence(f"<p>{sentence}</p>")[key].discussed == 1


@pytest.mark.parametrize("sentence, key", [
    ("My son spilled his juice on the counter.", "child"),
    ("Her uncle had the same trouble.", "relative"),
    ("The boy's sister was ill.", "sibling"),
    ("Present were a barista, a nurse who sang, and a clerk.", "nurse"),
    ("I thanked the nurse and left.", "nurse"),
    ("The cashier lines were long.", "cashier"),
    ("The clerk, tired, sighed.", "clerk"),
    ("I met a nurse, a friend of mine, yesterday.", "nurse"),
])
def test_a_relative_an_item_of_a_list_or_an_object_does_not_act(sentence, key):
    assert evidence(f"<p>{sentence}</p>")[key].discussed == 0


@pytest.mark.parametrize("sentence, key", [
    ("The clerk at the counter looked up.", "clerk"),
    ("The barista at the end, a quiet woman named Ines, waved.", "barista"),
    ("My neighbour, whom I had only nodded to, knocked.", "co-worker"),
    ("My teacher said I could go.", "teacher"),
])
def test_a_person_after_a_place_or_someones_neighbour_acts(sentence, key):
    found = evidence(f"<p>{sentence.replace('neighbour', 'co-worker')}</p>")
    assert found[key].discussed == 1


@pytest.mark.parametrize("sentence, key", [
    ("My sister, who is a teacher now, says so.", "teacher"),
    ("That is a powerful teacher.", "teacher"),
])
def test_being_something_said_in_passing_says_nothing_of_it(sentence, key):
    assert evidence(f"<p>{sentence}</p>")[key].discussed == 0
    assert evidence("<p>I am a teacher.</p><p>Ana was a nurse.</p>")["teacher"].discussed == 1


@pytest.mark.parametrize("sentence, key", [
    ("Frank was a nurse for thirty-five years.", "nurse"),
    ("She was a teacher at the county school for forty years, and then retired.", "teacher"),
    ("My aunt had been a cashier for most of her life.", "cashier"),
    ("She'd been a nurse for years.", "nurse"),
])
def test_someone_elses_career_of_years_ago_says_who_they_were_not_who_serves(sentence, key):
    assert evidence(f"<p>{sentence}</p>")[key].discussed == 0


@pytest.mark.parametrize("sentence, key", [
    ("I was a cashier for six years.", "cashier"),
    ("I've been a nurse for twenty years.", "nurse"),
    ("She was a teacher for the council.", "teacher"),
    ("She is a nurse, and has been for years.", "nurse"),
    ("Bev has been a cashier for thirty years and knows us all.", "cashier"),
])
def test_the_narrators_years_or_a_job_without_its_years_still_say_who_someone_is(sentence,
                                                                                  key):
    assert evidence(f"<p>{sentence}</p>")[key].discussed == 1


@pytest.mark.parametrize("sentence", [
    "She brought my son a cup of cocoa and helped me.",
    "He held the door for my sister.",
    "When my aunt was ill I was cooking for her and helping.",
    "My son asked me what my first job was.",  # asking is the one served's part
])
def test_a_relative_served_by_someone_else_is_not_served(sentence):
    assert not any(e.served for key, e in evidence(f"<p>{sentence}</p>").items()
                   if key in RELATIVES)


@pytest.mark.parametrize("sentence, key", [
    ("My sister held the door for him.", "sibling"),
    ("When your aunt helped you with the shopping, you felt it.", "relative"),
])
def test_a_relative_who_serves_is_served(sentence, key):
    assert evidence(f"<p>{sentence}</p>")[key].served == 1


def test_a_relative_in_the_first_paragraph_sets_the_scene():
    found = evidence("<p>My aunt came too. The nurse came in.</p><p>Rain.</p>")
    assert not found["relative"].lead and found["nurse"].lead


def test_an_owner_or_a_kind_of_thing_is_no_mention():
    found = evidence("<p>I took my sister’s car to a barista’s cafe.</p>"
                     "<p>He used a teacher's pen.</p>", summary="My uncle's shop.")
    assert not {"sibling", "relative", "barista", "teacher"} & found.keys()
    assert "barista" in evidence("<p>The barista’s smile helped.</p>")


@pytest.mark.parametrize("sentence, key", [
    ("He felt each radiator like a nurse checking a fever.", "nurse"),
    ("She treated me like a friend.", "friend"),
])
def test_a_likeness_never_counts(sentence, key):
    assert key not in evidence(f"<p>{sentence}</p>")


def test_asking_for_one_is_no_likeness():
    assert "waiter" in evidence("<p>I'd like a waiter to take our order.</p>")


@pytest.mark.parametrize("sentence", [
    "There was a nurse with a trolley, two clerks arguing, a cashier restocking the "
    "shelves, and the teacher on her phone.",
    "In the room: my brother, my aunt, a nurse, and me.",
    "The barista, the cashier, the clerk: every one of them helped, if you let them.",
])
def test_roles_in_a_roll_call_are_mentioned_but_neither_served_nor_discussed(sentence):
    found = evidence(f"<p>{sentence}</p>")
    roles = [key for key in found if VOCABULARY[key].kind == "roles"]
    assert len(roles) >= 3
    assert all(found[key].mentions == 1 and not found[key].served
               and not found[key].discussed for key in roles)


def test_an_item_of_a_roll_call_with_an_act_of_its_own_is_served():
    found = evidence("<p>Think of when your teacher asked you, or when you had to hold the "
                     "door for a nurse, or your clerk waiting on you.</p>")
    assert found["nurse"].served and not found["teacher"].served


def test_roles_in_fewer_items_than_a_roll_call_are_no_roll_call():
    found = evidence("<p>The nurse helped the clerk, and the cashier thanked them.</p>")
    assert all(found[key].served for key in ("nurse", "clerk", "cashier"))


def test_a_role_the_title_or_summary_alone_names_is_a_candidate():
    found = evidence("<p>Walter came on Tuesdays.</p>", title="The Nurse on Tuesdays",
                     summary="What the barista taught me, and my brother.")
    assert found["nurse"] == Evidence(title=True)
    assert found["barista"] == Evidence(summary=True)
    assert "sibling" not in found  # a relative named there sets the scene


def test_an_aside_in_brackets_neither_serves_nor_is_discussed():
    found = evidence("<p>The mayor (who is a friend of the nurse) helped.</p>")
    assert found["friend"] == Evidence(mentions=1, lead=True, share=1.0)


def test_where_a_topic_is_named_is_part_of_its_evidence():
    body = ("<h2>The nurse</h2><p>A cashier rang.</p><p>Rain.</p><p>A clerk.</p>"
            "<dl><dt>Teacher</dt><dd>Kind.</dd></dl><p>Barista at a discount cafe.</p>")
    found = evidence(body, title="My Friend the <em>Clerk</em>", summary="<p>A nurse.</p>")
    assert found["nurse"].heading and found["nurse"].summary and not found["nurse"].title
    assert found["clerk"].title and not found["clerk"].lead
    assert found["cashier"].lead and found["cashier"].share == 1 / 5
    assert found["teacher"].heading and found["barista"].heading  # a term, an opening fragment
    assert found["friend"] == Evidence(title=True)  # a role the title alone names


def test_scores_weigh_title_summary_and_service_above_a_passing_mention():
    salience = Salience(threshold=2.0)
    passing = Evidence(mentions=1, share=0.1)
    assert not salience.keeps("nurse", passing)
    for stronger in (Evidence(mentions=1, served=1, share=0.1),
                     Evidence(mentions=1, discussed=1, share=0.1),
                     Evidence(mentions=1, title=True, share=0.1),
                     Evidence(mentions=1, summary=True, share=0.1),
                     Evidence(mentions=4, share=0.4)):
        assert salience.keeps("nurse", stronger), stronger


def test_a_topic_in_most_essays_of_a_big_enough_site_counts_its_mentions_for_less():
    assert commonness([{"nurse"}] * 9, min_essays=10, share=0.5) == {}
    common = commonness([{"nurse", "child"}] * 6 + [{"nurse"}] * 3 + [set()], 10, 0.5)
    assert common == {"nurse": pytest.approx(0.2), "child": pytest.approx(0.8)}
    often = Evidence(mentions=3, served=2, share=0.1)
    assert Salience(2.0).keeps("nurse", often)
    assert not Salience(2.0, commonness=common).keeps("nurse", often)
    assert Salience(2.0, commonness=common).keeps("nurse", Evidence(mentions=1, title=True))


def test_a_weight_that_does_not_exist_is_refused_by_name():
    assert weights_of({"title": 5})["title"] == 5
    with pytest.raises(ValueError, match="unknown weight 'titel'"):
        weights_of({"titel": 5})


# Small built sites -------------------------------------------------------------------

SITE_VOCABULARY = """\
    [roles.barista]
    name = "Barista"
    aliases = ["barista"]
    description = "Makes coffee."

    [roles.family-member]
    name = "Family member"
    aliases = ["family member"]
    description = "Home."

    [roles.child]
    name = "Child"
    aliases = ["son", "daughter", "kid"]
    description = "Learns service at home."
    broader = "family-member"

    [roles.nurse]
    name = "Nurse"
    aliases = ["nurse"]
    description = "Cares."

    [roles.waiter]
    name = "Waiter"
    aliases = ["waiter", "waitress"]
    description = "Serves tables."

    [roles.customer]
    name = "Customer"
    aliases = ["shopper"]
    description = "Asks."

    [examples.holding-the-door]
    name = "Holding the door"
    aliases = ["hold the door"]
    description = "Doors."
"""
FILLER = ["The morning was cold and the street was quiet.",
          "Rain came in from the west before noon.",
          "Nothing else happened for an hour or so."]


def essay(number, *paragraphs, title=None, summary="A morning in town.", fields=()):
    metadata = [f"Title: {title or f'Essay {number}'}", f"Date: 2024-02-{number:02d} 10:00",
                f"Slug: essay-{number}", f"Summary: {summary}", *fields]
    return "\n".join(metadata) + "\n\n" + "\n\n".join([*paragraphs, *FILLER]) + "\n"


def topic_keys(page, kind="roles"):
    return {a["href"].rstrip("/").rsplit("/", 1)[1]
            for a in page.select(f".essay-topics a.chip-{kind}")}


def test_a_passing_mention_is_no_tag_and_a_served_or_repeated_one_is(make_site):
    site = make_site({"topics.toml": SITE_VOCABULARY, "essays/e1.md": essay(
        1, "My son spilled his juice on the counter.",
        "The barista poured my coffee without a word.",
        "A nurse walked by. The nurse was tall. Then the nurse left, and the nurse came back.")})
    page = site.page("/essays/essay-1/")
    assert topic_keys(page) == {"barista", "nurse"}
    assert not site.file("/roles/child/").exists()
    assert [text(a) for a in page.select(".prose a.topic-link")] == ["barista", "nurse"]
    assert text(page.select_one(".also-mentioned")) == "Also mentioned: Child."
    assert not page.select(".also-mentioned a")
    feed = feedparser.parse(site.file("/feeds/all.atom.xml").read_bytes())
    assert {tag.term for tag in feed.entries[0].tags} == {"Barista", "Nurse"}


def test_the_title_and_the_summary_make_a_passing_mention_a_tag(make_site):
    passing = "We saw a nurse in the hall."
    site = make_site({"topics.toml": SITE_VOCABULARY,
                      "essays/e1.md": essay(1, passing),
                      "essays/e2.md": essay(2, passing, title="A Nurse in the Hall"),
                      "essays/e3.md": essay(3, passing, summary="A nurse in the hall.")})
    listed = {a["href"] for a in site.page("/roles/nurse/").select(".evidence h3 a")}
    assert listed == {"/essays/essay-2/", "/essays/essay-3/"}
    also = site.page("/essays/essay-1/").select_one(".also-mentioned")
    assert [a["href"] for a in also.select("a")] == ["/roles/nurse/"]  # its page exists


def test_a_role_only_the_title_names_is_a_tag_without_a_quote(make_site):
    site = make_site({"topics.toml": SITE_VOCABULARY,
                      "essays/e1.md": essay(1, "Walter came on Tuesdays.",
                                            title="The Nurse Comes on Tuesdays")})
    assert topic_keys(site.page("/essays/essay-1/")) == {"nurse"}
    entry = site.page("/roles/nurse/").select_one(".evidence li")
    assert entry.select_one("h3 a")["href"] == "/essays/essay-1/"
    assert text(entry.select_one(".declared")) == "Named in the essay’s title or summary."


def test_negated_contrasted_and_addressing_mentions_are_not_even_mentioned(make_site):
    site = make_site({"topics.toml": SITE_VOCABULARY, "essays/e1.md": essay(
        1, "She was no waitress, but she took our order anyway. Service isn’t a nurse, "
           "it’s everyone. Believe me, kids, it works.", "The barista poured my coffee.")})
    page = site.page("/essays/essay-1/")
    assert topic_keys(page) == {"barista"}
    assert not page.select(".also-mentioned")
    assert not any(site.file(f"/roles/{key}/").exists() for key in ("waiter", "nurse", "child"))


def test_a_topic_in_nearly_every_essay_of_a_site_is_a_tag_only_where_it_is_the_subject(
        make_site):
    shoppers = "A shopper asked me for help, and another shopper thanked me."
    files = {f"essays/e{n}.md": essay(n, *["The barista poured my coffee."][:n < 4], shoppers)
             for n in range(1, 10)}
    small = make_site({"topics.toml": SITE_VOCABULARY, **files})
    assert len(small.page("/roles/customer/").select(".evidence > li")) == 9
    files["essays/e10.md"] = essay(10, shoppers, title="What a Shopper Wants")
    site = make_site({"topics.toml": SITE_VOCABULARY, **files})
    listed = [a["href"] for a in site.page("/roles/customer/").select(".evidence h3 a")]
    assert listed == ["/essays/essay-10/"]
    assert len(site.page("/roles/barista/").select(".evidence > li")) == 3
    assert not site.page("/essays/essay-1/").select(".also-mentioned")


def test_declared_topics_are_always_tags_and_suppressed_ones_never(make_site):
    site = make_site({"topics.toml": SITE_VOCABULARY, "essays/e1.md": essay(
        1, "My son spilled his juice on the counter.", "The barista poured my coffee.",
        fields=["Roles: child", "Not-Topics: barista"])})
    page = site.page("/essays/essay-1/")
    assert topic_keys(page) == {"child"}
    assert not page.select(".also-mentioned")
    assert not site.file("/roles/barista/").exists()
    entry = site.page("/roles/child/").select_one(".evidence blockquote")
    assert text(entry) == "My son spilled his juice on the counter."


def test_relatives_are_the_family_branch_or_the_roles_the_settings_name(make_site):
    files = {"topics.toml": SITE_VOCABULARY, "essays/e1.md": essay(
        1, "The waiter brought my son a biscuit and helped me.")}
    assert topic_keys(make_site(files).page("/essays/essay-1/")) == {"waiter"}
    counted = make_site(files, overrides={"TOPICS_RELATIVES": []})
    assert topic_keys(counted.page("/essays/essay-1/")) == {"waiter", "child"}
    with pytest.raises(ValueError, match="TOPICS_RELATIVES: 'kin' is not the key of a role"):
        relatives_of(Vocabulary.of(TOPICS), {"TOPICS_RELATIVES": ["kin"]})


def test_a_relative_only_named_in_passing_is_no_tag_however_often(make_site):
    passing = "My son drew on the table. My son sang, and later my son slept."
    files = {"topics.toml": SITE_VOCABULARY,
             "essays/e1.md": essay(1, "My son was six that winter.", passing,
                                   "The barista poured my coffee."),
             "essays/e2.md": essay(2, "My son was six that winter.",
                                   "My son held the door for an old man."),
             "essays/e3.md": essay(3, "My son was six that winter.", passing,
                                   title="A Winter with My Son")}
    site = make_site(files)
    listed = {a["href"] for a in site.page("/roles/child/").select(".evidence h3 a")}
    assert listed == {"/essays/essay-2/", "/essays/essay-3/"}  # serving, or in the title
    page = site.page("/essays/essay-1/")
    assert topic_keys(page) == {"barista"}
    also = page.select_one(".also-mentioned")
    assert [a["href"] for a in also.select("a")] == ["/roles/child/"]  # its page exists
    counted = make_site({"topics.toml": SITE_VOCABULARY, "essays/e1.md": files["essays/e1.md"]},
                        overrides={"TOPICS_RELATIVES": []})
    assert topic_keys(counted.page("/essays/essay-1/")) == {"barista", "child"}


def test_also_mentioned_can_be_switched_off(make_site):
    site = make_site({"topics.toml": SITE_VOCABULARY,
                      "essays/e1.md": essay(1, "My son spilled his juice on the counter.")},
                     overrides={"TOPICS_ALSO_MENTIONED": False})
    assert not site.page("/essays/essay-1/").select(".also-mentioned")


def test_the_check_asks_authors_to_confirm_tags_only(tmp_path):
    content = site_content(tmp_path / "content", {
        "topics.toml": SITE_VOCABULARY,
        "essays/e1.md": essay(1, "My son spilled his juice on the counter.",
                              "The barista poured my coffee.")})
    settings = read_settings(str(ROOT / "pelicanconf.py"), override={"PATH": str(content)})
    printed = io.StringIO()
    check_site(settings).print(printed, warnings=True)
    found = [line for line in printed.getvalue().splitlines() if "found in the text" in line]
    assert len(found) == 1 and "Roles: found in the text: Barista;" in found[0]


NIGHT_NURSE = """\
    Title: The Night Nurse
    Date: 2026-03-01 09:00
    Slug: the-night-nurse
    Summary: A night on a hospital ward, and the nurse who made it bearable.

    Believe me, friends, a hospital at night is a lonely place. My son had gone home, and the
    ward was quiet.

    At two o'clock the nurse came in. She checked my drip, brought me water and held my hand
    until I slept. She was no doctor, but she knew what I needed.

    In the morning I thanked her. The nurse just smiled and went home.
"""


def test_the_worked_example_of_the_readme_is_tagged_as_it_says(make_site):
    page = make_site({"essays/the-night-nurse.md": NIGHT_NURSE}).page("/essays/the-night-nurse/")
    assert topic_keys(page) == {"nurse"}
    assert topic_keys(page, "examples") == {"holding-someones-hand", "saying-thank-you"}
    assert text(page.select_one(".also-mentioned")) == "Also mentioned: Son."
