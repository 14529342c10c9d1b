"""MSEL spreadsheets: `drill import` reads one into a format 2 scenario, `drill export-msel` writes one.

``sheet`` reads cells with their places, ``columns`` says what each column holds, ``times`` reads
the times sheets write, ``kinds`` and ``roles`` read types, channels and recipients, ``importer``
turns rows into a scenario and ``exporter`` a scenario into rows.
"""
