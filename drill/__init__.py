"""drill: tabletop crisis-simulation drills for incident communications."""

__version__ = "0.1.0"
