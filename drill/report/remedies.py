"""What each kind of shortfall means and what fixes it: the improvement plan's vocabulary.

Capability elements are HSEEP's: planning, organisation, equipment, training
and exercise. ``weight`` orders areas for improvement (the highest is the
biggest risk named in the executive summary).
"""

from __future__ import annotations

from typing import NamedTuple

PLANNING, ORGANISATION, EQUIPMENT, TRAINING, EXERCISE = "Planning", "Organisation", "Equipment", "Training", "Exercise"


class Remedy(NamedTuple):
    label: str        # what the criterion checks, for tables
    strength: str     # said when every message passed it
    shortfall: str    # what the failing messages had, read after "N messages with"
    action: str       # the corrective action
    element: str
    weight: int


CRITERIA: dict[str, Remedy] = {
    "acknowledge": Remedy(
        "Acknowledges the problem", "Every message said plainly what was wrong.",
        "no plain statement of what was wrong",
        "Open every update with one sentence naming the problem in customers' words; put it first in the templates.",
        PLANNING, 50),
    "impact": Remedy(
        "States the impact", "Every message said who was affected and how.",
        "no impact stated (who, how many, where, what they experience)",
        "Add impact fields (who, how many, where, what they see) to each channel's template and fill them from the "
        "Liaison's incident summary.", PLANNING, 55),
    "phase": Remedy(
        "States the phase", "Every message said where things stood.",
        "no phase stated (investigating, identified, monitoring, resolved)",
        "Start each update with its phase word; keep the current phase on the incident board.", PLANNING, 45),
    "next_update": Remedy(
        "Commits to the next update", "Every message said when the next update would come.",
        "no next update time",
        "End every public update with the time of the next one; the template should not be sendable without it.",
        PLANNING, 50),
    "action": Remedy(
        "Tells people what to do", "Every message told people what they could do or where to follow.",
        "no workaround, instruction or place to follow updates",
        "Keep a list of workarounds and the status page address ready for the Customer Liaison.", PLANNING, 40),
    "known_unknowns": Remedy(
        "Says what is still unknown", "Every message was honest about what was not yet known.",
        "nothing on what was still unknown",
        "Practise the 'what we know, what we don't, when we'll know more' structure.", TRAINING, 35),
    "empathy": Remedy(
        "Shows real empathy", "Every message showed real empathy.",
        "no apology, or a conditional or boilerplate one",
        "Replace 'sorry for any inconvenience' with a direct apology naming the harm; practise it in the next drill.",
        TRAINING, 50),
    "no_blame": Remedy(
        "Does not shift blame", "No message shifted blame.",
        "blame shifted onto a person, supplier or customer",
        "Own the problem in public: say what we are doing, not who is at fault; have a second reader check every "
        "public statement.", TRAINING, 90),
    "no_speculation": Remedy(
        "Does not speculate", "No message guessed at an unconfirmed cause.",
        "a guess at a cause the facts did not confirm",
        "Only name a cause the Incident Commander has confirmed; say 'we are investigating the cause' until then.",
        TRAINING, 70),
    "no_eta": Remedy(
        "Promises no fix time", "No message promised a fix time.",
        "a public promise of a fix time",
        "Promise the next update, never the fix time; remove fix-time wording from the templates.", TRAINING, 65),
    "accuracy": Remedy(
        "Matches the facts", "Nothing said contradicted the facts.",
        "statements contradicting the known facts",
        "Keep one source of truth for the facts (the Liaison's incident summary) and check each post against it.",
        ORGANISATION, 75),
    "respect": Remedy(
        "Respects the audience", "No message was dismissive or played the incident down.",
        "a dismissive tone, or the incident played down",
        "Never answer 'no comment' or minimise the impact; keep an approved holding statement for the press.",
        TRAINING, 65),
    "no_minimising": Remedy(
        "Does not play the harm down", "No message played the harm or the organisation's part down.",
        "the harm or the organisation's part played down",
        "Say the impact at its real size; strike 'minor', 'brief' and 'a small number' unless the facts bear them "
        "out.", TRAINING, 68),
    "responsibility": Remedy(
        "Owns the failure", "Every message that explained or closed the incident owned the failure.",
        "an explanation or resolution that did not own the failure",
        "Once the cause is known, say plainly that it was the organisation's failure; keep an approved sentence "
        "for it in the templates.", TRAINING, 48),
    "make_good": Remedy(
        "Commits to making it right", "Every closing message said how trust would be rebuilt.",
        "no concrete step to make things right (a dated review, a change, or redress)",
        "Decide before the drill ends what the organisation will offer (a dated review, a named change, redress) "
        "and put it in the resolution template.", PLANNING, 38),
    "plain_language": Remedy(
        "Uses plain language", "Every message used plain language.",
        "internal names, hostnames or unexplained acronyms",
        "Keep a glossary of internal terms and their public wording next to the templates.", EQUIPMENT, 30),
    "readability": Remedy(
        "Is easy to read", "Every message was easy to read.",
        "text harder to read than its audience needs",
        "Keep public sentences short; have a second reader check readability before posting.", TRAINING, 25),
    "length": Remedy(
        "Fits the channel", "Every message fitted its channel.",
        "text over its channel's length limit",
        "Size each channel's template to its limit and show the character count while drafting.", EQUIPMENT, 30),
    "consistency": Remedy(
        "Consistent with earlier messages", "Every message was consistent with what had been said before.",
        "statements contradicting earlier messages",
        "Route every channel's wording through the Customer Liaison so support, comms and leadership say the same "
        "thing.", ORGANISATION, 70),
}


def criterion(criterion_id: str) -> Remedy:
    """The remedy for a criterion; unknown ids (a newer scorer) still read sensibly, as words."""
    known = CRITERIA.get(criterion_id)
    if known is not None:
        return known
    words = " ".join(str(criterion_id).replace("_", " ").replace("-", " ").split()) or "unnamed"
    return Remedy(words[0].upper() + words[1:], f"Every message passed the check on {words}.",
                  f"a failed check on {words}",
                  f"Review the messages that failed the check on {words} and add guidance to the templates.",
                  PLANNING, 30)


def label(criterion_id: str) -> str:
    """What a criterion checks, in words: 'States the impact' for ``impact``."""
    return criterion(criterion_id).label


# Drill-level shortfalls: (action, element, weight).
MISSED_PRESS_CALL = ("Name a spokesperson and keep an approved holding statement, so every press call gets an "
                     "answer within its window.", PLANNING, 100)
NEGATIVE_STORY = ("Never leave a reporter with nothing: give the holding statement and the next update time.",
                  TRAINING, 95)
CONFLICTING_STORY = ("Keep one source of truth for the facts and check every public post against it before "
                     "posting.", ORGANISATION, 92)
BROKEN_PROMISE = ("Start a visible timer for every promised update time, owned by the Communications lead; post "
                  "on time even with no news.", EQUIPMENT, 85)
MISSED_ASK = ("Give every incoming request a named owner on the incident board and review open asks at each "
              "update.", ORGANISATION, 80)
SLOW_FIRST_UPDATE = ("Pre-approve a first-post template that only needs the impact and the time filled in.",
                     PLANNING, 75)
PUBLIC_SILENCE = ("Make one person own the public-update cadence and post on schedule even when there is no news.",
                  ORGANISATION, 72)
LIAISON_OUT_OF_SYNC = ("Agree who brings Comms the numbers, the fix time and the progress, and have Comms post them "
                       "only once they have.", ORGANISATION, 62)
LATE_PROACTIVITY = ("Post publicly as soon as customers are affected, before reporters or social media ask.",
                    PLANNING, 60)
LATE_ASK = ("Practise triage: send a holding reply within each request's window, then follow up with detail.",
            TRAINING, 58)
SLOW_ACKNOWLEDGE = ("Make sure a named Incident Commander is on call and acknowledges the first alert within the "
                    "target.", ORGANISATION, 52)
OBJECTIVE_SHORTFALL = ("Re-exercise this objective: run the injects that tested it again after the corrective "
                       "actions above.", EXERCISE, 20)
