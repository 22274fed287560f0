"""The real content/topics.toml: broad, browsable, and finding what readers write."""

import re

import pytest

from service_topics.vocabulary import load_vocabulary
from sitebuild import ROOT

VOCABULARY = load_vocabulary(ROOT / "content" / "topics.toml")
MATCHERS = VOCABULARY.matchers


def found(sentence: str) -> set[str]:
    """The keys of every topic whose alias is in ``sentence``."""
    return {match.key for matcher in MATCHERS for match in matcher.find(sentence)}


def test_hundreds_of_roles_and_examples():
    kinds = [topic.kind for topic in VOCABULARY]
    assert kinds.count("roles") >= 520
    assert kinds.count("examples") >= 550


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
    ("reception clerk", "receptionist", "office-worker"),
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
    ("She made us a pot of tea and sat with him all night.",
     {"making-tea", "sitting-with-someone"}),
    ("The caretaker swept the floor and made the repairs himself.",
     {"cleaning-up", "making-repairs"}),
    ("The nurse gave him his medication and helped him sit up.",
     {"nurse", "giving-medication", "moving-a-patient"}),
    ("The chef remade the dish when my steak came out cold.", {"chef", "remaking-a-dish"}),
    ("The grocer let my mother put it on the tab until payday.",
     {"grocery-clerk", "mother", "letting-someone-pay-later"}),
    ("The librarian waived the late fee and printed out my boarding pass.",
     {"librarian", "waiving-a-fee", "printing-something-out"}),
    ("The plumber talked me through it over the phone.",
     {"plumber", "talking-someone-through-a-fix"}),
    ("The taxi driver waited until I was inside before driving off.",
     {"taxi-driver", "seeing-someone-home-safely"}),
    ("The night nurse took my blood pressure and drew the curtains around the bed.",
     {"nurse", "checking-vital-signs", "protecting-someones-privacy"}),
    ("She sat with the dying so that no one died alone.", {"sitting-with-the-dying"}),
    ("The boy next door watered the plants and fed the cat while we were away.",
     {"watering-the-plants", "caring-for-animals"}),
    ("A stranger waited with me until the ambulance came.",
     {"stranger", "waiting-with-someone"}),
    ("The receptionist found me an earlier appointment.",
     {"receptionist", "booking-an-appointment"}),
    # someone named by what they do or where they work
    ("The woman who cut my hair asked after my mother.",
     {"hairdresser", "giving-a-haircut", "asking-after-someone", "mother"}),
    ("The man who fixed our boiler came back on Christmas Eve.",
     {"heating-engineer", "making-repairs"}),
    ("The girl at the till let me off the last few pence.",
     {"cashier", "letting-someone-off-a-few-pence"}),
    ("The man on the door let us in out of the rain.", {"doorman", "letting-someone-in"}),
    ("My brother, who fixed the boiler, is a teacher.", {"brother", "teacher", "making-repairs"}),
])
def test_everyday_service_is_found_in_the_words_people_use(sentence, keys):
    assert found(sentence) == keys


@pytest.mark.parametrize("sentence", [
    "They fit in well with the team.",
    "I keep the company running smoothly.",
    "The server crashed, so the host restarted it.",
    "We need to tailor our approach and embrace change.",
    "I drove to work and walked home in the rain.",
    "Cook for twenty minutes, then bake for forty.",
    "It reminded me of the old days, and to be honest with you I found out later.",
    "This essay opens the door to a bigger question: take the time to read it.",
    "I read the book in one sitting and had a good one.",
])
def test_words_with_other_meanings_find_nothing(sentence):
    assert found(sentence) == set()


@pytest.mark.parametrize("sentence, keys", [
    ("The medical recieptionist found me a slot.", {"medical-receptionist"}),
    ("Our pharmasist called the surgery.", {"pharmacist"}),
    ("The electrican came twice.", {"electrician"}),
])
def test_a_misspelt_job_is_found_as_its_most_precise_role(sentence, keys):
    assert found(sentence) == keys
