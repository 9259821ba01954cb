"""Tests of the rbl language front end: checks, diagnostics, formatter, CLI, properties."""
