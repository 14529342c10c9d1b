"""Placeholders in scenario text: {org.X}, {persona.P.X}, {fact.X}, {fake.PROVIDER}.

``{{`` and ``}}`` stand for literal braces. Templates are checked when the
scenario loads and filled when an inject is delivered; Faker is imported only
when a scenario actually uses it.

Org and persona values may name each other, so a short file could describe an
enormous text. The loader measures what each template fills to without filling
it (``filled_size``, ``value_sizes``) and refuses any text over ``MAX_TEXT_CHARS``;
the renderer also stops at that length, whatever it is given.
"""

from __future__ import annotations

import re
from typing import Any, Callable, Iterator, Mapping

from drill.scenario.graphs import post_order
from drill.scenario.limits import MAX_FAKE_CHARS, MAX_TEXT_CHARS

PLACEHOLDER = re.compile(r"\{\{|\}\}|\{([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z0-9_-]+)+)\}")

# Faker providers a scenario may call: no-argument methods that give short text, each with the
# longest value it may give. The pinned Faker's longest in 20,000 seeds is under two thirds of
# each (a sentence: 78 characters); a longer value is cut there, so a text's filled length is
# known when the scenario loads.
FAKE_MAX_CHARS = {
    "name": 40, "first_name": 40, "last_name": 40, "name_female": 40, "name_male": 40,
    "company": 60, "company_suffix": 20, "catch_phrase": 100, "bs": 80,
    "city": 40, "country": 80, "state": 40, "street_address": 60, "street_name": 40, "address": 100,
    "postcode": 20, "job": 100, "user_name": 40, "email": 60, "free_email": 60, "domain_name": 40,
    "domain_word": 40, "url": 60, "ipv4": 20, "ipv4_private": 20, "hostname": 60, "word": 30,
    "sentence": MAX_FAKE_CHARS, "phone_number": 40, "day_of_week": 20, "month_name": 20,
    "color_name": 40, "currency_name": 60, "license_plate": 20,
}
FAKE_PROVIDERS = frozenset(FAKE_MAX_CHARS)


def placeholders(template: str) -> Iterator[tuple[int, list[str]]]:
    """Each placeholder's offset in the template and its dotted parts."""
    for match in PLACEHOLDER.finditer(template):
        if match.group(1):
            yield match.start(), match.group(1).split(".")


def check(template: str, org: Mapping[str, Any], personas: Mapping[str, Mapping[str, Any]],
          known_facts: set[str] | None) -> list[str]:
    """Problems with the placeholders in one template, as messages.

    ``known_facts`` None checks an org or persona value: those are drawn when the
    drill starts, before any fact is known, so ``{fact.X}`` cannot be used in them.
    """
    problems = []
    for _, parts in placeholders(template):
        name = ".".join(parts)
        namespace = parts[0]
        if namespace == "org":
            if len(parts) != 2 or parts[1] not in org:
                problems.append(f"{{{name}}}: org has no key {'.'.join(parts[1:])!r}")
        elif namespace == "persona":
            if len(parts) != 3 or parts[1] not in personas or parts[2] not in personas[parts[1]]:
                problems.append(f"{{{name}}}: no such persona field (personas: {', '.join(sorted(personas)) or 'none'})")
        elif namespace == "fact" and known_facts is None:
            problems.append(f"{{{name}}}: org and persona values are drawn at the start, before any fact; "
                            "name facts in an inject's text")
        elif namespace == "fact":
            if len(parts) != 2 or parts[1] not in known_facts:
                problems.append(f"{{{name}}}: no fact {'.'.join(parts[1:])!r} is ever set")
        elif namespace == "fake":
            if len(parts) != 2 or parts[1] not in FAKE_PROVIDERS:
                problems.append(f"{{{name}}}: unknown Faker provider; use one of: {', '.join(sorted(FAKE_PROVIDERS))}")
        else:
            problems.append(f"{{{name}}}: unknown placeholder; use {{org.X}}, {{persona.P.X}}, {{fact.X}} or {{fake.X}}")
    return problems


# Sizes are added up saturating here, so a reference bomb costs small numbers.
SIZE_CAP = 10**15


def filled_size(template: str, size_of: Callable[[list[str], str], int]) -> int:
    """The length of ``template`` once filled, without filling it.

    ``size_of(parts, token)`` is the length a placeholder fills to (``token`` is
    the placeholder as written, for those left as they are). At most ``SIZE_CAP``.
    """
    if "{" not in template and "}" not in template:
        return len(template)
    size = len(template)
    for match in PLACEHOLDER.finditer(template):
        if match.group(1) is None:  # "{{" or "}}" gives one brace
            size -= 1
        else:
            token = match.group(0)
            size += size_of(match.group(1).split("."), token) - len(token)
            if size >= SIZE_CAP:
                return SIZE_CAP
    return size


def fact_text_size(value: Any) -> int:
    """How long a fact's value is where ``{fact.X}`` names it."""
    return len(_fact_text(value))


ValueKey = tuple  # ("org", key) or ("persona", name, key)


def value_sizes(org: Mapping[str, str], personas: Mapping[str, Mapping[str, str]]
                ) -> tuple[dict[ValueKey, int], list[list[ValueKey]]]:
    """The filled length of every org and persona value, and the cycles among them.

    Org and persona values are drawn before any fact is set, so ``{fact.X}`` in
    them stays as written, as does a placeholder naming nothing. Each cycle is
    given once; a value on a cycle is measured as if the reference closing it
    were left as written (as the renderer leaves it).
    """
    templates: dict[ValueKey, str] = {("org", key): str(value) for key, value in org.items()}
    templates.update({("persona", name, key): str(value)
                      for name, fields in personas.items() for key, value in fields.items()})

    def refers_to(key: ValueKey) -> Iterator[ValueKey]:
        for _, parts in placeholders(templates[key]):
            target = _value_key(parts)
            if target is not None:
                yield target

    order, cycles = post_order(templates, refers_to)
    sizes: dict[ValueKey, int] = {}

    def size_of(parts: list[str], token: str) -> int:
        target = _value_key(parts)
        if target is not None and target in sizes:
            return sizes[target]
        if parts[0] == "fake" and len(parts) == 2:
            return FAKE_MAX_CHARS.get(parts[1], len(token))
        return len(token)  # not drawn yet (a cycle), a fact, or nothing: left as written

    for key in order:
        sizes[key] = filled_size(templates[key], size_of)
    return sizes, cycles


def _value_key(parts: list[str]) -> ValueKey | None:
    """The org or persona value a placeholder names, as the renderer reads it."""
    if parts[0] == "org":
        return ("org", parts[1])
    if parts[0] == "persona" and len(parts) == 3:
        return ("persona", parts[1], parts[2])
    return None


def text_size_of(value_size: Mapping[ValueKey, int], fact_sizes: Mapping[str, int]) -> Callable[[list[str], str], int]:
    """``size_of`` for ``filled_size`` in a drill's text: org and persona values at their
    filled size, each fact at its longest value, each generated value at its longest."""

    def size_of(parts: list[str], token: str) -> int:
        namespace = parts[0]
        if namespace in ("org", "persona"):
            key = _value_key(parts)
            return value_size.get(key, len(token)) if key is not None else len(token)
        if namespace == "fact":  # left as written until the fact is set
            return max(fact_sizes.get(parts[1], 0), len(token))
        if namespace == "fake":
            return FAKE_MAX_CHARS.get(parts[1], len(token)) if len(parts) == 2 else len(token)
        return len(token)

    return size_of


def uses_faker(template: str) -> bool:
    return any(parts[0] == "fake" for _, parts in placeholders(template))


_SHARED_FAKER = None


def shared_faker():
    """The process's one Faker: building it costs about a tenth of a second, so one
    instance serves every drill and the public's handles."""
    global _SHARED_FAKER
    if _SHARED_FAKER is None:
        from faker import Faker  # imported only when a scenario uses {fake.X}

        _SHARED_FAKER = Faker("en_US")
    return _SHARED_FAKER


def seeded_faker(seed: int):
    """The shared Faker, reseeded: every use seeds it first, so sharing it changes no output."""
    faker = shared_faker()
    faker.seed_instance(seed)
    return faker


def derived_seed(seed: int, *labels: object) -> int:
    """A seed for one part of a drill, so editing one inject never changes another's text."""
    import hashlib  # loaded when a drill starts, not by `drill validate`

    material = ":".join([str(seed), *map(str, labels)]).encode()
    return int.from_bytes(hashlib.sha256(material).digest()[:8], "big")


class Renderer:
    """Fills templates for one drill. Faker is created lazily and reseeded per use.

    Org and persona values are drawn the first time they are needed, each from its own
    derived seed, so the order of use never changes them; a briefing can be rendered
    without paying for Faker when it names only fixed values.
    """

    def __init__(self, seed: int, org: Mapping[str, str] | None = None,
                 personas: Mapping[str, Mapping[str, str]] | None = None):
        self.seed = seed
        self._org_templates = {key: str(value) for key, value in (org or {}).items()}
        self._persona_templates = {name: {key: str(value) for key, value in fields.items()}
                                   for name, fields in (personas or {}).items()}
        self._drawn: dict[tuple[str, ...], str] = {}

    @classmethod
    def prerendered(cls, seed: int, org: Mapping[str, str], personas: Mapping[str, Mapping[str, str]]) -> "Renderer":
        """A renderer whose org and persona values were drawn earlier (read back from a log)."""
        renderer = cls(seed, org, personas)
        renderer._drawn.update({("org", key): str(value) for key, value in org.items()})
        renderer._drawn.update({("persona", name, key): str(value)
                                for name, fields in personas.items() for key, value in fields.items()})
        return renderer

    @property
    def org(self) -> dict[str, str]:
        """Every org value, drawn now if not yet."""
        return {key: self._value(("org", key), template) for key, template in self._org_templates.items()}

    @property
    def personas(self) -> dict[str, dict[str, str]]:
        """Every persona field, drawn now if not yet."""
        return {name: {key: self._value(("persona", name, key), template) for key, template in fields.items()}
                for name, fields in self._persona_templates.items()}

    def _value(self, labels: tuple[str, ...], template: str) -> str:
        if labels not in self._drawn:
            self._drawn[labels] = "{" + ".".join(labels) + "}"  # a value naming itself stays a placeholder
            self._drawn[labels] = self.render(template, labels, {})
        return self._drawn[labels]

    def _org_value(self, key: str) -> str | None:
        template = self._org_templates.get(key)
        return None if template is None else self._value(("org", key), template)

    def _persona_value(self, name: str, key: str) -> str | None:
        template = self._persona_templates.get(name, {}).get(key)
        return None if template is None else self._value(("persona", name, key), template)

    def summary(self, scenario) -> str:
        """The scenario's summary as ``drill_started`` records it and the briefing shows it."""
        return self.render(scenario.summary, ("summary",), scenario.facts)

    def _fake(self, labels: tuple) -> Callable[[str], str]:
        faker = seeded_faker(derived_seed(self.seed, *labels))
        return lambda provider: str(getattr(faker, provider)())[:FAKE_MAX_CHARS.get(provider, MAX_FAKE_CHARS)]

    def render(self, template: str, labels: tuple, facts: Mapping[str, Any]) -> str:
        """Fill ``template``; ``labels`` name what is rendered (for example the inject and delivery).

        The result is cut at ``MAX_TEXT_CHARS``: the loader refuses any text that would
        fill past it, and filling stops there for anything else (an ad-hoc inject's facts).
        """
        if "{" not in template and "}" not in template:
            return template[:MAX_TEXT_CHARS]
        fake = None

        def replace(match: re.Match) -> str:
            nonlocal fake
            token = match.group(0)
            if token == "{{":
                return "{"
            if token == "}}":
                return "}"
            parts = match.group(1).split(".")
            namespace = parts[0]
            if namespace == "org":
                value = self._org_value(parts[1])
                return token if value is None else value
            if namespace == "persona" and len(parts) == 3:
                value = self._persona_value(parts[1], parts[2])
                return token if value is None else value
            if namespace == "fact":
                value = facts.get(parts[1])
                return token if value is None else _fact_text(value)
            if namespace == "fake":
                if fake is None:
                    fake = self._fake(labels)
                return fake(parts[1])
            return token

        pieces: list[str] = []
        length, end = 0, 0
        for match in PLACEHOLDER.finditer(template):
            pieces.append(template[end:match.start()])
            pieces.append(replace(match))
            length += match.start() - end + len(pieces[-1])
            end = match.end()
            if length > MAX_TEXT_CHARS:
                break
        else:
            pieces.append(template[end:])
        return "".join(pieces)[:MAX_TEXT_CHARS]


def _fact_text(value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, list):
        return ", ".join(map(str, value))
    return str(value)
