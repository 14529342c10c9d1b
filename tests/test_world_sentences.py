"""Quotes are split into sentences without breaking domains, URLs, numbers, times or abbreviations."""

import pytest

from drill.world.posts import OrgNames, quoted_story
from drill.world.sentences import split_sentences
from sentence_cases import CASES


@pytest.mark.parametrize(("text", "sentences"), CASES, ids=[text[:40] for text, _ in CASES])
def test_a_statement_splits_into_its_sentences(text, sentences):
    assert split_sentences(text) == sentences


def test_there_are_enough_tricky_cases():
    assert len(CASES) >= 40


def test_a_press_quote_keeps_the_status_domain_whole():
    answer = ("About 2,300 merchants in the EU and UK are affected. We post updates on status.acmepay.example "
              "at least every 30 minutes. We are sorry.")
    story = quoted_story("Springfield Herald", OrgNames.of({"name": "Acme", "product": "Acme Pay"}), answer)
    assert "“About 2,300 merchants in the EU and UK are affected. We post updates on status.acmepay.example at " \
           "least every 30 minutes.”" in story


def test_a_quote_without_numbers_is_its_first_two_sentences():
    story = quoted_story("Herald", OrgNames.of({"product": "Acme Pay"}),
                         "We are sorry, e.g. to merchants. It's fixed. More soon.")
    assert story == "A spokesperson for Acme Pay told Herald: “We are sorry, e.g. to merchants. It's fixed.”"


def test_a_long_quote_is_cut_at_a_word():
    answer = "About 2,300 merchants " + "cannot take card payments " * 20 + "today."
    story = quoted_story("Herald", OrgNames.of({"product": "Acme Pay"}), answer)
    quote = story.split("“", 1)[1].rstrip("”")
    assert len(quote) <= 300 and quote.endswith("…") and quote[:-1].split()[-1] in answer.split()
