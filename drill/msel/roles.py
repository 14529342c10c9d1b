"""Recipients in a To column as drill roles.

A name is matched to a role by its id or its name, case- and punctuation-insensitively: the roles a
map file declares, else drill's usual six (Incident Commander, Customer Liaison, Communications,
Support, Legal, Executive) and the names people give them ("IC", "PR", "Leadership"). A recipient
none of them is becomes a new role (its id made from its name); the exercise staff ("Controller",
"SimCell") are the facilitator, and "All" is every role.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from drill.msel.columns import normalise
from drill.scenario.limits import MAX_ID_CHARS, MAX_NAME_CHARS, MAX_ROLES
from drill.scenario.model import FACILITATOR

STANDARD_ROLES = {
    "ic": ("Incident Commander", ("IC", "Incident Lead", "Incident Manager", "Incident Command", "Commander")),
    "liaison": ("Customer Liaison", ("Liaison", "Customer Liaison Officer")),
    "comms": ("Communications", ("Comms", "Comm", "Communication", "PR", "Public Relations", "Comms Lead",
                                 "Media Relations", "Corporate Communications", "Communications Team")),
    "support": ("Support", ("Customer Support", "Support Lead", "Support Team", "Customer Service", "Helpdesk")),
    "legal": ("Legal", ("Counsel", "Legal Counsel", "Legal Team", "Lawyer")),
    "exec": ("Executive", ("Exec", "Executives", "Leadership", "Executive Team", "Senior Leadership", "CEO",
                           "Leadership Team")),
}
_STAFF = {normalise(name) for name in (
    "Facilitator", "Facilitators", "Controller", "Controllers", "Control", "SimCell", "Sim Cell", "SIMCELL",
    "EXCON", "Exercise Control", "Exercise Controller", "Evaluator", "Evaluators", "Moderator", "White Cell",
    "Game Master", "Exercise Director", "Lead Controller", "Lead Facilitator",
)}
_EVERYONE = {normalise(name) for name in (
    "All", "Everyone", "Everybody", "All Players", "All Roles", "All Participants", "All Teams", "Players",
    "Participants", "Team", "Whole Team",
)}
# Separators every recipient list uses; "/", "&", "+" and "and" only where each part is a known name.
_ALWAYS = re.compile(r"[,;\n]+")
_SOMETIMES = re.compile(r"\s*(?:/|&|\+|\band\b)\s*", re.IGNORECASE)


@dataclass(frozen=True)
class Recipients:
    to: tuple[str, ...] | None  # role ids, (FACILITATOR,), or None for every role
    created: tuple[str, ...] = ()  # role ids first made by this cell
    staff_dropped: bool = False  # the facilitator was named beside roles, and left out


class RoleBook:
    """The roles a sheet names, as it names them; roles are declared in the order first met."""

    def __init__(self, declared: dict[str, str] | None = None):
        self.declared = declared is not None  # a map file's roles: a name outside them is a problem
        known = declared if declared is not None else {role_id: name for role_id, (name, _) in STANDARD_ROLES.items()}
        self.known: dict[str, str] = dict(known)
        self._names: dict[str, str] = {}
        for role_id, name in self.known.items():
            self._names[normalise(role_id)] = role_id
            self._names[normalise(name)] = role_id
        if declared is None:
            for role_id, (_, aliases) in STANDARD_ROLES.items():
                for alias in aliases:
                    self._names.setdefault(normalise(alias), role_id)
        self.used: dict[str, str] = {}  # id -> name, in the order first named

    def role_of(self, name: str) -> str | None:
        return self._names.get(normalise(name))

    def read(self, cell: str) -> Recipients:
        """A To cell's recipients; raises ValueError for a name a map file's roles do not know, or one too many."""
        names = [part.strip() for part in _ALWAYS.split(cell) if part.strip()]
        parts: list[str] = []
        for name in names:
            pieces = [piece for piece in _SOMETIMES.split(name) if piece.strip()]
            parts += pieces if len(pieces) > 1 and all(self._is_known(piece) for piece in pieces) else [name]
        if not parts or any(normalise(part) in _EVERYONE for part in parts):
            return Recipients(None)
        staff = [part for part in parts if normalise(part) in _STAFF]
        players = [part for part in parts if normalise(part) not in _STAFF]
        if not players:
            return Recipients((FACILITATOR,))
        to, created = [], []
        for name in players:
            role_id = self.role_of(name)
            if role_id is None:
                if self.declared:
                    raise ValueError(f"{name!r} is not one of the map file's roles ({', '.join(self.known)})")
                role_id = self._create(name)
                created.append(role_id)
            if role_id not in self.used:
                if len(self.used) >= MAX_ROLES:
                    raise ValueError(f"{name!r} would be role {MAX_ROLES + 1}; a scenario has at most {MAX_ROLES}")
                self.used[role_id] = self.known[role_id]
            if role_id not in to:
                to.append(role_id)
        return Recipients(tuple(to), tuple(created), bool(staff))

    def _is_known(self, name: str) -> bool:
        key = normalise(name)
        return key in self._names or key in _STAFF or key in _EVERYONE

    def _create(self, name: str) -> str:
        base = slug(name)[:MAX_ID_CHARS - 4] or "role"
        if base == FACILITATOR:
            base = "facilitator-role"
        role_id, number = base, 2
        while role_id in self.known:
            role_id, number = f"{base}-{number}", number + 1
        display = " ".join(name.split())[:MAX_NAME_CHARS]
        self.known[role_id] = display
        self._names[normalise(name)] = role_id
        return role_id


def slug(text: str, joiner: str = "-") -> str:
    """Lower-case letters and digits joined by ``joiner``: ``"Ransomware TTX (v2)"`` -> ``ransomware-ttx-v2``."""
    import unicodedata

    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return joiner.join(re.findall(r"[a-z0-9]+", plain.lower()))
