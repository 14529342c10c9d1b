"""Placeholders in scenario text: {org.X}, {persona.P.X}, {fact.X}, {fake.PROVIDER}.

``{{`` and ``}}`` stand for literal braces. Templates are checked when the
scenario loads and filled when an inject is delivered; Faker is imported only
when a scenario actually uses it.
"""

from __future__ import annotations

import re
from typing import Any, Callable, Iterator, Mapping

PLACEHOLDER = re.compile(r"\{\{|\}\}|\{([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z0-9_-]+)+)\}")

# Faker providers a scenario may call: no-argument methods that give short text.
FAKE_PROVIDERS = frozenset(
    """name first_name last_name name_female name_male company company_suffix catch_phrase bs
    city country state street_address street_name address postcode job user_name email
    free_email domain_name domain_word url ipv4 ipv4_private hostname word sentence
    phone_number day_of_week month_name color_name currency_name license_plate
    """.split()
)


def placeholders(template: str) -> Iterator[tuple[int, list[str]]]:
    """Each placeholder's offset in the template and its dotted parts."""
    for match in PLACEHOLDER.finditer(template):
        if match.group(1):
            yield match.start(), match.group(1).split(".")


def check(template: str, org: Mapping[str, Any], personas: Mapping[str, Mapping[str, Any]],
          known_facts: set[str]) -> list[str]:
    """Problems with the placeholders in one template, as messages."""
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
        elif namespace == "fact":
            if len(parts) != 2 or parts[1] not in known_facts:
                problems.append(f"{{{name}}}: no fact {'.'.join(parts[1:])!r} is ever set")
        elif namespace == "fake":
            if len(parts) != 2 or parts[1] not in FAKE_PROVIDERS:
                problems.append(f"{{{name}}}: unknown Faker provider; use one of: {', '.join(sorted(FAKE_PROVIDERS))}")
        else:
            problems.append(f"{{{name}}}: unknown placeholder; use {{org.X}}, {{persona.P.X}}, {{fact.X}} or {{fake.X}}")
    return problems


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
        return lambda provider: str(getattr(faker, provider)())

    def render(self, template: str, labels: tuple, facts: Mapping[str, Any]) -> str:
        """Fill ``template``; ``labels`` name what is rendered (for example the inject and delivery)."""
        if "{" not in template and "}" not in template:
            return template
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

        return PLACEHOLDER.sub(replace, template)


def _fact_text(value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, list):
        return ", ".join(map(str, value))
    return str(value)
