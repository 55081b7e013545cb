"""Alembic migrations of the local cache."""
