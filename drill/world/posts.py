"""What the public writes: sample posts by mood and situation, seeded per minute, and press stories.

A post template says what it needs to be true ("needs"): a complaint of silence
only while nothing public has been said, "you said you'd update us" only while
a promised update is overdue, praise for the updates only while the status
channel is fresh. The plug-in describes the minute as a ``Moment``; a post is
drawn only from the templates the moment allows, and carries the cause of the
need it answers.
"""

from __future__ import annotations

import functools
import random
import re
from typing import Any, Mapping, NamedTuple

from drill.textsafe import printable
from drill.world.sentences import split_sentences

# What a template needs of the minute. "any" always holds.
NEEDS = ("any", "silent", "no_status", "stale", "quiet", "overdue", "fresh", "press_silent", "contradiction")


class Template(NamedTuple):
    text: str
    needs: str = "any"


def _templates(*pairs: tuple[str, str]) -> tuple[Template, ...]:
    return tuple(Template(text, needs) for needs, text in pairs)


DEFAULT_TEMPLATES: dict[str, tuple[Template, ...]] = {
    "angry": _templates(
        ("silent", "{org.handle} is down AGAIN and not a single word from them. {minutes} now."),
        ("silent", "Honestly considering switching. {org.product} broken and total silence."),
        ("no_status", "How is there still nothing on {status}? Ridiculous."),
        ("quiet", "{org.handle} nothing new on {status} for {quiet}. Is anyone still working on this?"),
        ("overdue", "Losing sales by the minute thanks to {org.product}, and the update they promised never came."),
        ("press_silent", "Even the press can't get an answer out of {org.handle}. Says it all."),
        ("contradiction", "{org.handle} can't even keep its story straight. Which is it?"),
        ("any", "{org.handle} your customers deserve better than this."),
        ("any", "Losing sales by the minute thanks to {org.product}."),
    ),
    "asking": _templates(
        ("overdue", "Any update {org.handle}? You said you'd update us."),
        ("overdue", "{org.handle} you promised an update {late} ago. Still waiting."),
        ("stale", "{org.handle} any news? It's been a while since the last update."),
        ("stale", "Still broken here. Any update, {org.handle}?"),
        ("quiet", "Any update, {org.handle}? Nothing new on {status} for {quiet}."),
        ("no_status", "Is there an ETA or at least an update? {org.handle}"),
        ("contradiction", "{org.handle} so which is it? You're saying different things in different places."),
        ("any", "Is {org.product} working again for anyone yet?"),
        ("any", "Any idea how long this will take, {org.handle}?"),
    ),
    "neutral": _templates(
        ("any", "Seeing errors with {org.product} today. Anyone else?"),
        ("any", "{org.product} acting up for me too."),
        ("any", "Looks like {org.product} is having problems right now."),
    ),
    "positive": _templates(
        ("fresh", "At least {org.handle} is keeping us posted. Appreciate the updates."),
        ("fresh", "Thanks {org.handle} for the clear update. Waiting it out."),
        ("fresh", "Good to see a proper status update from {org.product}. Fingers crossed."),
        ("any", "Hope the {org.product} team gets this fixed soon. Hang in there, everyone."),
    ),
}

# How a scenario's own template (plain text, by mood) is read: the first need whose words it uses.
_NEED_WORDS = (
    ("overdue", r"\{late\}|you said|promised|you'd update"),
    ("quiet", r"\{quiet\}|nothing new"),
    ("silent", r"\{minutes\}|\bnot (?:a|one)(?: single)? word|silen(?:ce|t)|heard nothing|no word"),
    ("no_status", r"nothing on|where is the (?:status )?update|at least an update|still nothing"),
    ("stale", r"been a while|any (?:update|news)|since the last update"),
    ("fresh", r"appreciate|keeping us posted|for the (?:clear )?update|proper (?:status )?update"),
    ("press_silent", r"\{outlet\}|\bpress\b|reporter"),
    ("contradiction", r"which is it|story straight|different things|contradict"),
)


@functools.lru_cache(maxsize=None)
def needs_of(text: str) -> str:
    """What a plain template needs, read from its words ("not a word" needs silence)."""
    return next((need for need, words in _NEED_WORDS if re.search(words, text, re.IGNORECASE)), "any")


class OrgNames(NamedTuple):
    """How the public and the press name the organisation: its handle, its product, the company."""

    handle: str
    product: str
    company: str | None  # the company's name, when it is not the product's

    @classmethod
    def of(cls, org: Mapping[str, Any]) -> "OrgNames":
        name = str(org.get("name") or "").strip()
        product = str(org.get("product") or "").strip() or name or "the company"
        handle = str(org.get("handle") or "").strip()
        if handle and not handle.startswith("@"):
            handle = "@" + handle
        return cls(handle=handle or product, product=product, company=name if name and name != product else None)

    @property
    def spokesperson_for(self) -> str:
        """"Acme Payments, the company behind Acme Pay," or "Acme Pay", to go before a verb."""
        return f"{self.company}, the company behind {self.product}," if self.company else self.product


class Moment(NamedTuple):
    """What the public can see this minute, and why: each need that holds, with its cause."""

    causes: dict[str, str]  # need -> cause; "any" is always present
    order: tuple[str, ...] = ()  # every cause of the minute, strongest first
    minutes: int = 0  # since the incident became public
    quiet: int = 0  # since the last post on the status channel (or since the public began watching)
    late: int = 0  # since the overdue promise fell due
    status: str = "the status page"  # the status channel, as a phrase
    outlet: str = "the press"  # the outlet of a recent story
    asking: float = 0.0  # how much more the public asks for an update

    def holds(self, need: str) -> bool:
        return need in self.causes


_PLACEHOLDER = re.compile(r"\{org\.([A-Za-z0-9_-]+)\}|\{(minutes|quiet|late|status|outlet)\}")


def _count(minutes: int) -> str:
    return f"{minutes} minute{'s' if minutes != 1 else ''}"


def fill(template: str, org: Mapping[str, Any], moment: Moment) -> str:
    names = OrgNames.of(org)

    def replace(match: re.Match) -> str:
        word = match.group(2)
        if word in ("minutes", "quiet", "late"):
            return _count(getattr(moment, word))
        if word in ("status", "outlet"):
            return getattr(moment, word)
        key = match.group(1)
        if key == "handle":
            return names.handle
        if key == "product":
            return names.product
        if key == "name":
            return names.company or names.product
        return str(org.get(key) or names.product)

    return _PLACEHOLDER.sub(replace, template)


def mood_weights(sentiment: float, asking_boost: float) -> dict[str, float]:
    return {
        "angry": max(0.0, -sentiment) + 0.1,
        "asking": 0.25 + asking_boost,
        "neutral": 0.3,
        "positive": max(0.0, sentiment) + 0.05,
    }


def template_pool(templates: Mapping[str, tuple[str, ...]], mood: str) -> tuple[Template, ...]:
    """The scenario's templates for ``mood`` (their needs read from their words), else the defaults."""
    own = templates.get(mood)
    if own:
        return tuple(Template(text, needs_of(text)) for text in own)
    return DEFAULT_TEMPLATES[mood]


def sample_posts(rng: random.Random, handles: list[str], count: int, sentiment: float,
                 templates: Mapping[str, tuple[str, ...]], org: Mapping[str, Any], moment: Moment,
                 quote: tuple[int, str] | None) -> list[dict[str, Any]]:
    """Up to ``len(handles)`` posts standing for ``count`` posts this minute, each true of ``moment``."""
    pools = {mood: [t for t in template_pool(templates, mood) if moment.holds(t.needs)] for mood in DEFAULT_TEMPLATES}
    weights = mood_weights(sentiment, moment.asking)
    posts, used = [], set()
    for handle in handles[:count]:
        moods = [m for m in weights if any(t.text not in used for t in pools[m])]
        if not moods:
            break
        mood = rng.choices(moods, [weights[m] for m in moods])[0]
        template = rng.choice([t for t in pools[mood] if t.text not in used])
        used.add(template.text)
        post = {"handle": handle, "mood": mood, "text": fill(template.text, org, moment),
                "cause": moment.causes[template.needs], "quotes_response": None}
        if quote is not None and not posts:
            response_id, quoted = quote
            post["text"] = f"“{excerpt(quoted, 90)}” {post['text']}"
            post["quotes_response"] = response_id
        posts.append(post)
    return posts


def excerpt(text: str, limit: int) -> str:
    """``text`` on one line, cut at a word before ``limit`` characters."""
    flat = " ".join(printable(text).split())
    if len(flat) <= limit:
        return flat
    cut = flat[: limit - 1]
    if " " in cut[limit // 2:]:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:") + "…"


def quoted_story(outlet: str, names: OrgNames, answer: str) -> str:
    """A story that quotes the sentences with the numbers the team gave, or its first two sentences."""
    sentences = split_sentences(printable(answer))
    numbered = [sentence for sentence in sentences if any(ch.isdigit() for ch in sentence)]
    quote = excerpt(" ".join(numbered[:2] or sentences[:2]) or answer, 300)
    return f"A spokesperson for {names.spokesperson_for} told {outlet}: “{quote}”"


class Record(NamedTuple):
    """What the team had said in public when a story ran."""

    statements: int
    silent_for: int  # seconds since the incident became public, while nothing was said
    status: str = "the status page"
    status_age: int | None = None  # seconds since the last post on the status channel


def declined_story(outlet: str, names: OrgNames, record: Record, said_no_comment: bool) -> str:
    from drill.durations import count_minutes

    subject = names.spokesperson_for
    first = (f"{subject} declined to comment when {outlet} asked about the outage." if said_no_comment
             else f"{subject} did not respond to repeated requests for comment from {outlet}.")
    if record.statements == 0:
        then = (f" Customers told {outlet} they had heard nothing for {count_minutes(record.silent_for)}."
                if said_no_comment else
                f" Customers say they have been left in the dark for {count_minutes(record.silent_for)}.")
    elif record.status_age is not None:
        then = f" Its latest update on {record.status} was posted {count_minutes(record.status_age)} earlier."
    else:
        then = f" It has posted nothing on {record.status}."
    return first + then
