"""The package version (a leaf module: importing it imports nothing else of layerdoctor)."""

__version__ = "0.1.0"
