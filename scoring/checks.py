"""One check per quality criterion: did the message meet it, why, and where.

Each check takes the text, the context and the findings shared between
checks, and returns a ``Verdict``: ``passed`` is True/False or a fraction,
``reason`` is a sentence a trainee can act on, ``evidence`` the spans that
decided it.
"""

from __future__ import annotations

from typing import Callable

from .wording import article
from .detectors.accuracy import find_contradictions
from .detectors.acknowledge import find_acknowledgement
from .detectors.action import find_work_in_progress
from .detectors.consistency import find_inconsistencies
from .detectors.impact import IMPACT_KINDS
from .detectors.jargon import find_jargon
from .detectors.phase import PHASE_ORDER
from .detectors.readability import Readability
from .detectors.respect import impact_is_large
from .detectors.speculation import find_speculation
from .detectors.unknowns import find_known_unknowns
from .learned.model import Decision, Reading
from .types import Evidence, MessageContext, Promise
from .weights import READING_GRADE


class Findings:
    """Detector results several checks need; computed once per message."""

    __slots__ = ("phase", "phase_evidence", "promises", "reading", "length", "model")

    def __init__(self, phase: str | None, phase_evidence: tuple[Evidence, ...], promises: tuple[Promise, ...],
                 reading: Readability, length: int, model: Reading):
        self.phase = phase
        self.phase_evidence = phase_evidence
        self.promises = promises
        self.reading = reading
        self.length = length  # as the channel counts it, over the whole text
        self.model = model  # the trained detectors' verdicts

    def label(self, name: str) -> Decision:
        return self.model.labels[name]

    def rule(self, name: str) -> tuple[Evidence, ...]:
        """What a hand-written rule found (read once, when the features were extracted)."""
        return self.model.rules(name)


class Verdict:
    """``passed`` None means the criterion does not apply to this message: it is left out of the grade."""

    __slots__ = ("passed", "reason", "evidence")

    def __init__(self, passed: bool | float | None, reason: str, evidence: tuple[Evidence, ...] = ()):
        self.passed = passed
        self.reason = reason
        self.evidence = evidence


Check = Callable[[str, MessageContext, Findings], Verdict]


# Verdicts that name no words are the same for every message: made once.
_NOTHING_WRONG_SAID = Verdict(False, "Does not say what is wrong: name the problem in the reader's terms.")
_NO_IMPACT = Verdict(False, "Does not say who is affected, how many, where or what they experience.")
_NO_PHASE = Verdict(False, "Does not say where things stand (investigating, identified, monitoring or resolved).")
_NO_NEXT_UPDATE = Verdict(False, "Does not say when the next update will come.")
_NO_WORK_SAID = Verdict(False, "Does not say what is being done or what is needed.")
_NO_ACTION = Verdict(False, "Gives no workaround, instruction or place to follow for updates.")
_NO_UNKNOWNS = Verdict(False, "Does not say what is still unknown (e.g. the cause) or when more will be known.")
_NO_APOLOGY = Verdict(False, "No apology or acknowledgement of what readers are going through.")
_NO_BLAME = Verdict(True, "Does not shift blame.")
_NO_SPECULATION = Verdict(True, "Does not guess at causes.")
_NO_FIX_TIME = Verdict(True, "Does not promise a fix time.")
_ACCURATE = Verdict(True, "Nothing in it contradicts the facts.")
_RESPECTFUL = Verdict(True, "Respectful: no stonewalling or dismissive phrases.")
_NOT_MINIMISING = Verdict(True, "Does not play the harm down.")
_BLAMES_INSTEAD = Verdict(False, "Puts the fault elsewhere instead of owning it: say what the organisation got wrong.")
_OWNS_NOTHING = Verdict(False, "Explains or closes the incident without owning it: "
                               "say it was the organisation's failure.")
_PLAIN = Verdict(True, "Plain language: no hostnames, internal names or unexplained acronyms.")
_TOO_SHORT_TO_RATE = Verdict(True, "Too short to measure; short is readable.")
_NO_LENGTH_LIMIT = Verdict(True, "The channel has no length limit.")
_CONSISTENT = Verdict(True, "Consistent with what was said before.")


def _quote(spans: tuple[Evidence, ...]) -> str:
    return ", ".join(f'"{e.text[:60]}"' for e in spans[:3])


def _found(f: Findings, label: str) -> tuple[Evidence, ...] | None:
    """The words behind a positive verdict on ``label`` (its own rule's span first), or None if negative."""
    decision = f.label(label)
    return _decided_by(decision, f.rule(label)) if decision.positive else None


def _decided_by(decision: Decision, *rule_spans: tuple[Evidence, ...]) -> tuple[Evidence, ...]:
    """The words behind a positive verdict: a rule's span if one fired, else the model's strongest words."""
    for spans in rule_spans:
        if spans:
            return spans
    return decision.evidence


def check_acknowledge(text: str, ctx: MessageContext, f: Findings) -> Verdict:
    spans = find_acknowledgement(text)
    if spans:
        return Verdict(True, f"Says what is wrong ({_quote(spans[:1])}).", spans[:1])
    if f.phase_evidence:
        return Verdict(True, "States where the incident stands.", f.phase_evidence[:1])
    return _NOTHING_WRONG_SAID


def check_impact(text: str, ctx: MessageContext, f: Findings) -> Verdict:
    decision = f.label("impact")
    if not decision.positive:
        return _NO_IMPACT
    found = {kind: f.rule(f"impact_{kind}") for kind in IMPACT_KINDS if f.rule(f"impact_{kind}")}
    spans = tuple(e for kind in found.values() for e in kind[:1]) or decision.evidence
    kinds = [k.replace("_", " ") for k in found]
    if len(found) >= 2:
        return Verdict(True, f"Says who or what is affected ({', '.join(kinds)}).", spans)
    named = f"({kinds[0]}) " if kinds else f"({_quote(spans[:1])}) "
    return Verdict(0.6, f"Gives some impact {named}but not who, how many, where and what happens to them.", spans)


def check_phase(text: str, ctx: MessageContext, f: Findings) -> Verdict:
    expected = ctx.facts.get("phase")
    if f.phase is None:
        return _NO_PHASE
    if not expected or expected not in PHASE_ORDER:
        return Verdict(True, f"States the phase: {f.phase}.", f.phase_evidence)
    if f.phase == expected:
        return Verdict(True, f"States the phase ({f.phase}), matching the facts.", f.phase_evidence)
    return Verdict(False, f"Says the incident is {f.phase} but it is {expected}.", f.phase_evidence)


def check_next_update(text: str, ctx: MessageContext, f: Findings) -> Verdict:
    if f.promises:
        return Verdict(True, f'Commits to the next update ("{f.promises[0].text}").',
                       tuple(Evidence(p.start, p.end, p.text) for p in f.promises))
    final = f.phase == "resolved" or ctx.facts.get("phase") == "resolved"
    if final:
        return Verdict(True, "Final update: no further update is needed.", f.phase_evidence[:1])
    decision = f.label("next_update")
    if decision.positive:
        spans = _decided_by(decision, f.rule("update_commitment")[:1])
        return Verdict(0.5, f"Promises updates ({_quote(spans[:1])}) but not when: give a time.", spans[:1])
    return _NO_NEXT_UPDATE


def check_action(text: str, ctx: MessageContext, f: Findings) -> Verdict:
    decision = f.label("action")
    if decision.positive:
        spans = _decided_by(decision, f.rule("follow_link"), f.rule("action"))
        return Verdict(True, f"Tells readers what they can do ({_quote(spans[:1])}).", spans)
    if not ctx.channel.is_public:
        work = find_work_in_progress(text)
        if work:
            return Verdict(True, f"Says what is being done ({_quote(work[:1])}).", work)
        return _NO_WORK_SAID
    return _NO_ACTION


def check_known_unknowns(text: str, ctx: MessageContext, f: Findings) -> Verdict:
    spans = find_known_unknowns(text)
    if spans:
        return Verdict(True, f"Says what is not known yet ({_quote(spans[:1])}).", spans)
    cause_known = bool(ctx.facts.get("cause")) or f.phase in {"identified", "monitoring", "resolved"}
    if cause_known:
        return Verdict(True, "The cause is known, so there is no open question to flag.", f.phase_evidence[:1])
    return _NO_UNKNOWNS


def check_empathy(text: str, ctx: MessageContext, f: Findings) -> Verdict:
    genuine, fake = f.rule("apology"), f.rule("non_apology")
    decision = f.label("apology")
    if decision.positive and genuine:
        return Verdict(True, f"Apologises to the people affected ({_quote(genuine[:1])}).", genuine)
    if fake:
        return Verdict(False, f"A conditional or boilerplate apology ({_quote(fake[:1])}) is not an apology: "
                              "say sorry for the harm, to the people who had it.", fake)
    if decision.positive:
        return Verdict(True, f"Apologises to the people affected ({_quote(decision.evidence[:1])}).", decision.evidence)
    if genuine:
        return Verdict(False, f"Apologises ({_quote(genuine[:1])}) for something other than the harm done: "
                              "say sorry for what people went through.", genuine)
    return _NO_APOLOGY


def check_no_blame(text: str, ctx: MessageContext, f: Findings) -> Verdict:
    spans = _found(f, "blame")
    if spans is not None:
        return Verdict(False, f"Shifts blame ({_quote(spans)}): own the incident.", spans)
    return _NO_BLAME


def check_no_speculation(text: str, ctx: MessageContext, f: Findings) -> Verdict:
    cause = ctx.facts.get("cause")
    confirmed = cause if isinstance(cause, str) else None
    spans = find_speculation(text, confirmed)
    decision = f.label("speculation")
    if spans or (decision.positive and not confirmed):
        spans = spans or decision.evidence
        return Verdict(False, f"Guesses at a cause the facts do not confirm ({_quote(spans)}).", spans)
    return _NO_SPECULATION


def check_no_eta(text: str, ctx: MessageContext, f: Findings) -> Verdict:
    spans = _found(f, "eta")
    if spans is not None:
        return Verdict(False, f"Promises a fix time publicly ({_quote(spans)}); promise the next update instead.", spans)
    return _NO_FIX_TIME


def check_accuracy(text: str, ctx: MessageContext, f: Findings) -> Verdict:
    problems = find_contradictions(text, ctx.facts, f.phase, f.phase_evidence)
    if problems:
        return Verdict(False, "Contradicts the facts: " + "; ".join(p.reason for p in problems) + ".",
                       tuple(p.span for p in problems))
    return _ACCURATE


def check_respect(text: str, ctx: MessageContext, f: Findings) -> Verdict:
    dismissive = f.rule("dismissive")
    if dismissive:
        return Verdict(False, f"Dismissive or stonewalling ({_quote(dismissive)}).", dismissive)
    return _RESPECTFUL


def check_no_minimising(text: str, ctx: MessageContext, f: Findings) -> Verdict:
    spans = _found(f, "minimising")
    if spans is not None:
        return Verdict(False, f"Plays the harm or the organisation's part down ({_quote(spans)}).", spans)
    sized = f.rule("minimiser_word") if impact_is_large(ctx.facts) else ()
    if sized:
        return Verdict(False, f"Plays the incident down ({_quote(sized)}) when the facts say the impact is large.", sized)
    return _NOT_MINIMISING


def _speaks_to_cause_or_end(f: Findings) -> bool:
    """Ownership is due once a message explains, ends or looks back on the incident, or is a statement (no phase)."""
    return f.phase in {"identified", "resolved", None} or f.label("blame").positive


def check_responsibility(text: str, ctx: MessageContext, f: Findings) -> Verdict:
    spans = _found(f, "responsibility")
    if spans is not None:
        return Verdict(True, f"Owns the failure ({_quote(spans[:1])}).", spans)
    if f.label("blame").positive:
        return _BLAMES_INSTEAD
    if not _speaks_to_cause_or_end(f):
        return Verdict(None, "Not due yet: an early update need not own the cause.")
    return _OWNS_NOTHING


def check_make_good(text: str, ctx: MessageContext, f: Findings) -> Verdict:
    spans = _found(f, "make_good")
    if spans is not None:
        return Verdict(True, f"Commits to making it right ({_quote(spans[:1])}).", spans)
    final = "resolved" in (f.phase, ctx.facts.get("phase")) or f.phase is None
    if not final:
        return Verdict(None, "Not due yet: the make-good comes with the resolution.")
    return Verdict(False, "No concrete step to rebuild trust: promise a review with a date, name what will change, "
                          "or say how those affected will be made whole.")


def check_plain_language(text: str, ctx: MessageContext, f: Findings) -> Verdict:
    extra = ctx.org.get("internal_terms", ()) if hasattr(ctx.org, "get") else ()
    spans = find_jargon(text, tuple(str(t) for t in extra or ()))
    if spans:
        return Verdict(False, f"Uses internal jargon ({_quote(spans)}): say it in the reader's words.", spans)
    return _PLAIN


def check_readability(text: str, ctx: MessageContext, f: Findings) -> Verdict:
    r = f.reading
    audience = "public" if ctx.channel.is_public else "internal"
    good, bad = READING_GRADE[audience]
    if r.words < 5:
        return _TOO_SHORT_TO_RATE
    if r.grade <= good:
        return Verdict(True, f"Reading grade {r.grade:g} suits {article(audience)} audience (target {good:g} or below).")
    fraction = round(max(0.0, min(1.0, (bad - r.grade) / (bad - good))), 2)
    return Verdict(fraction, f"Reading grade {r.grade:g} is above the {audience} target of {good:g}: "
                             f"shorter sentences and plainer words.")


def check_length(text: str, ctx: MessageContext, f: Findings) -> Verdict:
    limit = ctx.channel.max_chars
    if not limit:
        return _NO_LENGTH_LIMIT
    size = f.length
    if size <= limit:
        return Verdict(True, f"{size} characters fits the {limit}-character limit.")
    return Verdict(False, f"{size} characters is over the {limit}-character limit.",
                   (Evidence(limit, min(len(text), limit + 80), text[limit:limit + 80]),))


def check_consistency(text: str, ctx: MessageContext, f: Findings) -> Verdict:
    problems = find_inconsistencies(text, f.phase, f.phase_evidence, ctx.earlier)
    if problems:
        return Verdict(False, "Contradicts an earlier message: " + "; ".join(p.reason for p in problems) + ".",
                       tuple(p.span for p in problems))
    return _CONSISTENT


CHECKS: dict[str, Check] = {
    "acknowledge": check_acknowledge,
    "impact": check_impact,
    "phase": check_phase,
    "next_update": check_next_update,
    "action": check_action,
    "known_unknowns": check_known_unknowns,
    "empathy": check_empathy,
    "no_blame": check_no_blame,
    "no_speculation": check_no_speculation,
    "no_eta": check_no_eta,
    "accuracy": check_accuracy,
    "respect": check_respect,
    "no_minimising": check_no_minimising,
    "responsibility": check_responsibility,
    "make_good": check_make_good,
    "plain_language": check_plain_language,
    "readability": check_readability,
    "length": check_length,
    "consistency": check_consistency,
}
