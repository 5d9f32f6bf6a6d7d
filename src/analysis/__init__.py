"""Research compendium for the Polda NTT / MiChat thesis: cleaning, findings, reports."""

__version__ = "0.1.0"
