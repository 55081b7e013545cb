"""Revisions of the central database schema."""
