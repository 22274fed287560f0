"""The real content/topics.toml: broad, browsable, and finding what readers write."""

import re

import pytest

from service_topics.tagging import matchers_for
from service_topics.vocabulary import load_vocabulary
from sitebuild import ROOT

VOCABULARY = load_vocabulary(ROOT / "content" / "topics.toml")
MATCHERS = matchers_for(VOCABULARY)


def found(sentence: str) -> set[str]:
    """The keys of every topic whose alias is in ``sentence``."""
    return {match.key for matcher in MATCHERS for match in matcher.find(sentence)}


def test_hundreds_of_roles_and_examples():
    kinds = [topic.kind for topic in VOCABULARY]
    assert kinds.count("roles") >= 400
    assert kinds.count("examples") >= 200


def test_the_hierarchy_is_at_most_three_levels_deep():
    too_deep = [topic.key for topic in VOCABULARY if len(VOCABULARY.broader_chain(topic.key)) > 2]
    assert not too_deep


def test_every_description_is_one_short_plain_sentence():
    wrong = [topic.key for topic in VOCABULARY
             if len(topic.description) > 140 or not topic.description.endswith(".")
             or re.search(r"[.!?;]\s", topic.description)]
    assert not wrong


@pytest.mark.parametrize("word, key, sector", [
    ("waitress", "waiter", "food-service-worker"),
    ("checkout operator", "cashier", "retail-worker"),
    ("recieptionist", "receptionist", "office-worker"),
    ("lorry driver", "truck-driver", "transport-worker"),
    ("postman", "mail-carrier", "public-servant"),
    ("high street chemist", "pharmacist", "health-care-worker"),
    ("carer", "caregiver", "social-care-worker"),
    ("building caretaker", "janitor", "cleaning-and-maintenance-worker"),
    ("sparky", "electrician", "tradesperson"),
    ("supply teacher", "substitute-teacher", "education-worker"),
    ("grandma", "grandmother", "family-member"),
])
def test_a_readers_word_finds_the_job_under_its_sector(word, key, sector):
    topic = VOCABULARY.lookup(word)
    assert topic.key == key
    assert VOCABULARY.broader_chain(key)[-1].key == sector


@pytest.mark.parametrize("sentence, keys", [
    ("The waitress refilled my coffee without being asked.", {"waiter", "refilling-a-drink"}),
    ("He walked me to the aisle where the flour was.", {"walking-someone-to-the-aisle"}),
    ("Our plumber fixed the leak the same day.", {"plumber", "fixing-a-leak"}),
    ("The bank teller explained the charges on my statement.",
     {"bank-teller", "explaining-a-bill"}),
    ("My son translated for my parents at the bank.",
     {"son", "parent", "translating-for-someone"}),
    ("The night nurse held my hand and stayed late.",
     {"nurse", "holding-someones-hand", "staying-late"}),
    ("The bus driver waited for a running passenger and lowered the ramp.",
     {"bus-driver", "passenger", "holding-the-bus", "lowering-the-ramp"}),
])
def test_everyday_service_is_found_in_the_words_people_use(sentence, keys):
    assert found(sentence) == keys


@pytest.mark.parametrize("sentence", [
    "They fit in well with the team.",
    "I keep the company running smoothly.",
    "The server crashed, so the host restarted it.",
    "We need to tailor our approach and embrace change.",
])
def test_words_with_other_meanings_find_nothing(sentence):
    assert found(sentence) == set()
