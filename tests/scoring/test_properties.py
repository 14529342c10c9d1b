"""Properties that must hold for any text: bounded, deterministic, robust, linear."""

from __future__ import annotations

import time

from hypothesis import given, settings
from hypothesis import strategies as st

from scoring import grade_message
from scoring_cases import SOCIAL, criterion, internal, public

BLAME = " This was caused by our vendor's mistake."
PHRASES = st.sampled_from([
    "We are investigating failed payments.", "Next update in 30 minutes.", "About 12,000 customers are affected.",
    "We are sorry.", "This may be caused by a DDoS.", "No comment.", "db-prod-03.internal is down.",
    "The fix will be deployed by 3pm.", "Use the mobile app as a workaround.", "This incident has been resolved.",
])
TEXTS = st.one_of(st.text(max_size=400), st.lists(PHRASES, max_size=8).map(" ".join))
FACTS = st.fixed_dictionaries({}, optional={
    "phase": st.sampled_from(["investigating", "identified", "monitoring", "resolved"]),
    "customers_affected": st.integers(0, 10**7),
    "regions": st.lists(st.sampled_from(["eu-west", "us-east", "Asia"]), max_size=2),
    "data_exposed": st.booleans(),
    "cause": st.sampled_from(["expired certificate", "bad deploy"]),
})


@settings(max_examples=150, deadline=None)
@given(TEXTS, FACTS, st.booleans())
def test_scores_are_bounded_and_deterministic(text, facts, is_public):
    ctx = public(facts=facts, at=120.0) if is_public else internal(facts=facts, at=120.0)
    first = grade_message(text, ctx)
    assert 0.0 <= first.score <= 100.0
    assert grade_message(text, ctx) == first
    for c in first.criteria:
        assert 0.0 <= c.points <= c.max
        for e in c.evidence:
            assert 0 <= e.start <= e.end <= len(text)


@settings(max_examples=100, deadline=None)
@given(TEXTS)
def test_appending_blame_never_raises_no_blame_points(text):
    before = criterion(grade_message(text, public()), "no_blame").points
    after = criterion(grade_message(text + BLAME, public()), "no_blame")
    assert after.points <= before
    assert after.passed is False


def test_hostile_inputs_give_a_grade():
    samples = [
        "",
        " ",
        "🔥🔥🔥 Payments are down 😱 next update in 30 minutes 🙏",
        "نحن نحقق في مشكلة في المدفوعات. التحديث التالي خلال 30 دقيقة.",
        "אנחנו חוקרים תקלה בתשלומים. עדכון הבא בעוד 30 דקות.",
        "\x00\x01\x02\x1b[31mred\x1b[0m\r\n\t\x7f\u202e\u200b",
        "İstanbul ß ﬁ Σ",
    ]
    for text in samples:
        for ctx in (public(), public(channel=SOCIAL), internal()):
            grade = grade_message(text, ctx)
            assert 0.0 <= grade.score <= 100.0


def test_a_megabyte_is_graded_quickly():
    cases = [
        ("We are investigating failed payments for some customers. " * 20000)[:1_000_000],
        "a" * 1_000_000,
        "1" * 1_000_000,
        "db-prod-" * 125_000,
        "A" * 1_000_000,
        ("x. " * 400_000)[:1_000_000],
    ]
    for text in cases:
        began = time.perf_counter()
        grade = grade_message(text, public(channel=SOCIAL, facts={"customers_affected": 5000}))
        assert 0.0 <= grade.score <= 100.0
        assert time.perf_counter() - began < 5.0, text[:20]


BLAMING = st.sampled_from([
    " This was caused by our vendor's mistake.",
    " The outage was caused by a flood of automated traffic from bots.",
    " Users who reused passwords from other sites are to blame.",
    " An engineer accidentally deleted the production database.",
])
MINIMISING = st.sampled_from([
    " All networks have outages from time to time.",
    " The exposed data cannot be used for any harm.",
    " Oops, a tiny hiccup.",
    " This has been a disappointing day for our company.",
])


# Messages made of real update sentences: these properties are about what a sentence adds to a message.
MESSAGES = st.lists(PHRASES, min_size=1, max_size=6).map(" ".join)


@settings(max_examples=150, deadline=None)
@given(MESSAGES, FACTS, st.one_of(BLAMING, MINIMISING))
def test_adding_a_blaming_or_minimising_sentence_never_raises_the_grade(text, facts, sentence):
    ctx = public(facts=facts, at=120.0)
    assert grade_message(text + sentence, ctx).score <= grade_message(text, ctx).score


APOLOGY_FOR_HARM = st.sampled_from([
    " We are sorry for the disruption this caused you.",
    " We apologise to every customer whose payments failed.",
    " We are deeply sorry to everyone who could not sign in.",
])


@settings(max_examples=200, deadline=None)
@given(MESSAGES, FACTS, APOLOGY_FOR_HARM)
def test_an_apology_for_the_harm_never_lowers_the_grade(text, facts, sentence):
    ctx = public(facts=facts, at=120.0)
    assert grade_message(text + sentence, ctx).score >= grade_message(text, ctx).score
