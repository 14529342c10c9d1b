"""The public: social volume, sentiment and the press, reacting to what the team does."""

from drill.world.plugin import PublicWorld


def default_plugins(scenario) -> list:
    return [PublicWorld(scenario)]


__all__ = ["PublicWorld", "default_plugins"]
