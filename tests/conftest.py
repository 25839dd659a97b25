"""Shared test setup. Helpers live in tests/harness.py (this folder is on sys.path for them)."""
