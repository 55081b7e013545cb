"""Tables of the local cache, as SQLAlchemy Core metadata for queries.

The database itself is created and upgraded only by the Alembic migrations in
``migrations/versions`` (frozen snapshots, never importing this module); a
test compares the migrated database with this metadata so the two cannot drift.

Times are stored as UTC epoch seconds (REAL): cheap to compare, sort and ship
over the wire (PERFORMANCE.md: ISO parsing costs as much as JSON decoding).
``appeals.id`` is the central service's id, assigned in order of creation, so
row ids follow time and "newest first" is a reverse rowid scan.
"""

from __future__ import annotations

from sqlalchemy import (
    Column,
    Float,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    literal_column,
    text,
)

metadata = MetaData()

appeals = Table(
    "appeals",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("version", Integer, nullable=False),
    Column("source", String, nullable=False),
    Column("external_id", String, nullable=False),
    Column("kind", String, nullable=False),
    Column("status", String, nullable=False),
    Column("is_open", Integer, nullable=False),
    Column("theme", String),
    Column("category", String),
    Column("subcategory", String),
    Column("municipality", String),
    Column("body", String),
    Column("executor", String),
    Column("importance", String, nullable=False),
    Column("flags", Integer, nullable=False, server_default=text("0")),
    Column("me_too", Integer, nullable=False, server_default=text("0")),
    Column("title", Text),
    Column("text", Text),
    Column("address", Text),
    Column("address_is_private", Integer, nullable=False, server_default=text("0")),
    Column("lat", Float),
    Column("lon", Float),
    Column("author_name", String),
    Column("author_phone", String),
    Column("author_email", String),
    Column("author_profile", String),
    Column("url", Text),
    Column("created_at", Float, nullable=False),
    Column("registered_at", Float),
    Column("updated_at", Float),
    Column("due_at", Float),
    Column("postponed_to", Float),
    Column("pauses", Text),  # JSON [[start, end|null], ...]
    Column("taken_by", String),
    Column("taken_at", Float),
    Column("first_reaction_at", Float),
    Column("interim_answer", Text),
    Column("interim_answer_at", Float),
    Column("answer", Text),
    Column("answered_at", Float),
    Column("closed_at", Float),
    Column("reopened_at", Float),
    Column("rework_count", Integer, nullable=False, server_default=text("0")),
    Column("rejection_reason", String),
    Column("redirected_to", String),
    Column("satisfaction_rating", Integer),
    Column("satisfaction_reaction", String),
    Column("merged_into", Integer),
    Column("attachments", Text),  # JSON [{"name", "url", "size"}]
    Column("suggestions", Text),  # JSON, cur_desktop.domain.suggestions
    sqlite_autoincrement=False,
)

#: The open appeals: the partial indexes' condition, and every query's for open
#: appeals. The 1 is written into the SQL, not bound: only then does SQLite know every
#: row of an ``is_open = 1`` partial index is open; with ``is_open = ?`` it reads each
#: row from the table to check (issue 19: the open queue's first page at a million
#: appeals, 29.5 ms bound against 1.2 ms).
IS_OPEN = appeals.c.is_open == literal_column("1")

Index("ux_appeals_source_external", appeals.c.source, appeals.c.external_id, unique=True)
Index("ix_appeals_open_due", appeals.c.due_at, appeals.c.id, sqlite_where=IS_OPEN)
Index(
    "ix_appeals_open_theme_mun_due",
    appeals.c.theme,
    appeals.c.municipality,
    appeals.c.due_at,
    appeals.c.id,
    sqlite_where=IS_OPEN,
)
Index(
    "ix_appeals_status_theme_mun_due",
    appeals.c.status,
    appeals.c.theme,
    appeals.c.municipality,
    appeals.c.due_at,
)
Index("ix_appeals_created", appeals.c.created_at)
# issue 19 (cache migration 0007): a municipality's open queue, municipality and
# theme + status filters over all appeals newest first, and the wall's columns
# (read from this narrow index alone when the wall starts)
Index(
    "ix_appeals_open_mun_due",
    appeals.c.municipality,
    appeals.c.due_at,
    appeals.c.id,
    sqlite_where=IS_OPEN,
)
Index("ix_appeals_mun_created", appeals.c.municipality, appeals.c.created_at)
Index("ix_appeals_theme_status_created", appeals.c.theme, appeals.c.status, appeals.c.created_at)
Index(
    "ix_appeals_wall",
    *(
        appeals.c[name]
        for name in (
            "merged_into",
            "id",
            "is_open",
            "satisfaction_rating",
            "source",
            "kind",
            "status",
            "theme",
            "category",
            "municipality",
            "body",
            "importance",
            "created_at",
            "registered_at",
            "due_at",
            "first_reaction_at",
            "interim_answer_at",
            "answered_at",
            "closed_at",
            "reopened_at",
            "updated_at",
            "satisfaction_reaction",
            "rework_count",
            "flags",
        )
    ),
)

history = Table(
    "appeal_history",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("appeal_id", Integer, nullable=False),
    Column("at", Float, nullable=False),
    Column("actor", String, nullable=False),
    Column("role", String, nullable=False),
    Column("action", String, nullable=False),
    Column("from_status", String),
    Column("to_status", String),
    Column("details", Text),  # JSON object
)
Index("ix_history_appeal_at", history.c.appeal_id, history.c.at)

# The outbox holds operator actions not yet confirmed by the central service. It has
# no foreign key to appeals on purpose: pruning appeals must never touch it.
outbox = Table(
    "outbox",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("idempotency_key", String, nullable=False, unique=True),
    Column("appeal_id", Integer, nullable=False),
    Column("action", String, nullable=False),
    Column("params", Text, nullable=False),  # JSON object
    Column("base_version", Integer, nullable=False),
    Column("actor", String, nullable=False, server_default=text("''")),
    Column("created_at", Float, nullable=False),
    Column("state", String, nullable=False, server_default=text("'pending'")),
    Column("attempts", Integer, nullable=False, server_default=text("0")),
    Column("last_attempt_at", Float),
    Column("last_error", Text),
    Column("result", Text),  # JSON: the service's answer (current record on conflict)
    Column("seen", Text),  # JSON: the appeal as the operator saw it (wire form), or NULL
    sqlite_autoincrement=True,
)
Index("ix_outbox_state", outbox.c.state, outbox.c.id)

# Appeals registered by hand at this workstation (issue 20): the outbox key, the
# provisional row (a negative id in ``appeals``) and number the citizen was told, and
# the real appeal and number once the service confirmed. Kept for good: the
# provisional number stays findable.
registrations = Table(
    "registrations",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("idempotency_key", String, nullable=False, unique=True),
    Column("provisional_id", Integer, nullable=False),
    Column("provisional_number", String, nullable=False),
    Column("number_key", String, nullable=False),  # the number folded for search
    Column("appeal_id", Integer),  # the service's id, once confirmed
    Column("number", String),  # the real number, once confirmed
    Column("actor", String, nullable=False, server_default=text("''")),
    Column("state", String, nullable=False, server_default=text("'pending'")),
    Column("params", Text, nullable=False),  # JSON: the registration command's parameters
    Column("created_at", Float, nullable=False),
    sqlite_autoincrement=True,
)
Index("ix_registrations_number_key", registrations.c.number_key)

sync_state = Table(
    "sync_state",
    metadata,
    Column("key", String, primary_key=True),
    Column("value", Text, nullable=False),
)

dictionaries = Table(
    "dictionaries",
    metadata,
    Column("name", String, primary_key=True),
    Column("doc", Text, nullable=False),  # JSON document (cur-dictionaries format)
    Column("updated_at", Float, nullable=False),
)

saved_queries = Table(
    "saved_queries",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("owner", String, nullable=False),
    Column("name", String, nullable=False),
    Column("query", Text, nullable=False),  # JSON: filters and full-text terms
    Column("position", Integer, nullable=False, server_default=text("0")),
    Column("created_at", Float, nullable=False),
)
Index("ux_saved_queries_owner_name", saved_queries.c.owner, saved_queries.c.name, unique=True)

# issue 16 (cache migration 0010): derived data of the problem clusters, reused by the
# next clustering and report (triggers drop an appeal's lemmas when its title or text
# changes or it is deleted)
appeal_lemmas = Table(
    "appeal_lemmas",
    metadata,
    Column("appeal_id", Integer, primary_key=True, autoincrement=False),
    Column("lemmatizer", String, nullable=False),
    Column("lemmas", Text, nullable=False),
    sqlite_autoincrement=False,
)

problem_memo = Table(
    "problem_memo",
    metadata,
    Column("key", String, primary_key=True),
    Column("digest", String, nullable=False),
    Column("doc", Text, nullable=False),  # JSON: the clustering (cur_desktop.problems.clusters)
)

#: Columns the FTS index covers, in the order ``ru_index`` receives them (cache.search).
FTS_COLUMNS = ("id", "external_id", "title", "text", "address", "author_name", "author_phone")

# The FTS5 virtual table, for joins in queries only: it is created by migration 0001
# and kept out of ``metadata`` so schema comparisons do not try to create it.
fts_metadata = MetaData()
appeals_fts = Table(
    "appeals_fts",
    fts_metadata,
    Column("rowid", Integer, primary_key=True),
    Column("body", Text),
)
