"""Werkpunt: the digital Werkgeversservicepunt of arbeidsmarktregio Drenthe."""

__version__ = "0.1.0"
