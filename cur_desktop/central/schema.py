"""The central database's tables, as SQLAlchemy Core metadata (PostgreSQL and SQLite).

The Alembic migrations under ``migrations/`` create exactly these tables (a test
compares the two); queries are written against the objects here. Timestamps are
UTC epoch seconds in double-precision columns: the wire carries epoch floats,
both databases store and compare them fast, and ``to_timestamp(x)`` shows them
to a person in ``psql``.

The change feed (``feed`` and the one-row ``feed_counter``) is what workstations
sync from; see :mod:`cur_desktop.central.feed` for why positions can never be
skipped. ``appeals.id`` is allocated by the service
(:func:`cur_desktop.central.writes.allocate_ids`), not by the database, so generated
and imported appeals keep their ids.
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Double,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

#: SQLite makes only ``INTEGER PRIMARY KEY`` an auto-numbered rowid.
BigId = BigInteger().with_variant(Integer(), "sqlite")

metadata = MetaData()

appeals = Table(
    "appeals",
    metadata,
    Column("id", BigId, primary_key=True, autoincrement=False),
    Column("version", Integer, nullable=False),
    Column("source", String(16), nullable=False),
    Column("external_id", String(200), nullable=False),
    Column("kind", String(16), nullable=False),
    Column("status", String(16), nullable=False),
    Column("is_open", Boolean, nullable=False),
    Column("theme", String(64)),
    Column("category", String(64)),
    Column("subcategory", String(64)),
    Column("municipality", String(11)),
    Column("body", String(64)),
    Column("executor", Text),
    Column("importance", String(16), nullable=False),
    Column("flags", Integer, nullable=False),
    Column("me_too", Integer, nullable=False),
    Column("title", Text),
    Column("text", Text, nullable=False),
    Column("address", Text),
    Column("address_is_private", Boolean, nullable=False),
    Column("lat", Double),
    Column("lon", Double),
    Column("author_name", Text),
    Column("author_phone", Text),
    Column("author_email", Text),
    Column("author_profile", Text),
    Column("url", Text),
    Column("created_at", Double, nullable=False),
    Column("registered_at", Double),
    Column("updated_at", Double),
    Column("due_at", Double),
    Column("postponed_to", Double),
    Column("pauses", Text),
    Column("taken_by", Text),
    Column("taken_at", Double),
    Column("first_reaction_at", Double),
    Column("interim_answer", Text),
    Column("interim_answer_at", Double),
    Column("answer", Text),
    Column("answered_at", Double),
    Column("closed_at", Double),
    Column("reopened_at", Double),
    Column("rework_count", Integer, nullable=False),
    Column("rejection_reason", String(64)),
    Column("redirected_to", Text),
    Column("satisfaction_rating", Integer),
    Column("satisfaction_reaction", String(16)),
    Column("merged_into", BigInteger),
    Column("attachments", Text),
    Column("suggestions", Text),  # JSON, cur_desktop.domain.suggestions
    # NULL while open; when finished, the moment it left the queue (snapshot window)
    Column("window_at", Double),
    # masked once when written, for roles without personal data (central.privacy; issue
    # 13): never synced as such, served in place of the texts; redone when the masker's
    # version (cur_desktop.domain.masking.MASKER_VERSION) is newer than masked_version
    Column("masked_version", Integer),
    Column("masked_title", Text),
    Column("masked_text", Text),
    Column("masked_interim", Text),
    Column("masked_answer", Text),
    Column("masked_address", Text),
    Column("masked_summary", Text),
    UniqueConstraint("source", "external_id", name="uq_appeals_source_external"),
)
Index("ix_appeals_municipality_id", appeals.c.municipality, appeals.c.id)
Index("ix_appeals_theme_id", appeals.c.theme, appeals.c.id)
Index("ix_appeals_window_at", appeals.c.window_at)
Index("ix_appeals_masked_version", appeals.c.masked_version)

history = Table(
    "history",
    metadata,
    Column("id", BigId, primary_key=True, autoincrement=True),
    Column(
        "appeal_id",
        BigId,
        ForeignKey("appeals.id", ondelete="CASCADE", name="fk_history_appeal"),
        nullable=False,
    ),
    Column("seq", BigInteger, nullable=False),  # the feed position that added it
    Column("at", Double, nullable=False),
    Column("actor", Text, nullable=False),
    Column("role", String(32), nullable=False),
    Column("action", String(32), nullable=False),
    Column("from_status", String(16)),
    Column("to_status", String(16)),
    Column("details", Text),
)
Index("ix_history_appeal", history.c.appeal_id, history.c.id)
Index("ix_history_seq", history.c.seq)

feed = Table(
    "feed",
    metadata,
    Column("seq", BigId, primary_key=True, autoincrement=False),
    Column("appeal_id", BigInteger, nullable=False),
    Column("version", Integer, nullable=False),
    Column("op", String(32), nullable=False),
    Column("municipality_before", String(11)),
    Column("theme_before", String(64)),
    Column("municipality_after", String(11)),
    Column("theme_after", String(64)),
    Column("at", Double, nullable=False),
)

feed_counter = Table(
    "feed_counter",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("value", BigInteger, nullable=False),
    # the feed's identity, rotated by a restore (central/feed.py: epoch and marks)
    Column("epoch", String(32)),
)

idempotency_keys = Table(
    "idempotency_keys",
    metadata,
    Column("key", String(100), primary_key=True),
    Column("user_id", Integer, nullable=False),
    Column("appeal_id", BigInteger, nullable=False),
    Column("action", String(32), nullable=False),
    Column("seq", BigInteger, nullable=False),
    Column("outcome", Text, nullable=False),  # the appeal as the command left it (wire JSON)
    Column("created_at", Double, nullable=False),
)
Index("ix_idempotency_keys_created", idempotency_keys.c.created_at)

users = Table(
    "users",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("login", String(100), nullable=False, unique=True),
    Column("name", Text, nullable=False),
    Column("role", String(32), nullable=False),
    Column("scope", Text, nullable=False),  # {"municipalities": [...], "themes": [...]}
    Column("password_hash", Text, nullable=False),  # scrypt$n$r$p$salt$hash
    Column("active", Boolean, nullable=False),
    Column("created_at", Double, nullable=False),
)

tokens = Table(
    "tokens",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("token_hash", String(64), nullable=False, unique=True),  # SHA-256, hex
    Column("user_id", Integer, ForeignKey("users.id", name="fk_tokens_user"), nullable=False),
    Column("workstation", String(200), nullable=False),
    Column("created_at", Double, nullable=False),
    Column("last_used_at", Double, nullable=False),
    Column("revoked_at", Double),
)

region = Table(
    "region",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("code", String(32), nullable=False),
    Column("name", Text, nullable=False),
    Column("pack", Text, nullable=False),  # pack.json content
    Column("dictionaries", Text, nullable=False),  # merged cur-dictionaries document
    Column("sla_rules", Text, nullable=False),  # resources/sla format, self-contained
    Column("boundaries", Text),  # GeoJSON or NULL
    Column("boundaries_etag", String(80)),
    Column("updated_at", Double, nullable=False),
)

snapshots = Table(
    "snapshots",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("user_id", Integer, nullable=False),
    Column("cursor", BigInteger, nullable=False),
    Column("closed_since", Double, nullable=False),
    Column("created_at", Double, nullable=False),
    Column("expires_at", Double, nullable=False),
)

# The suggestion models trained from the region's history (cur_desktop.central.suggest);
# the newest is the one in force. A pickle of scikit-learn objects the service wrote.
suggest_models = Table(
    "suggest_models",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("trained_at", Double, nullable=False),
    Column("rows", Integer, nullable=False),  # appeals it learnt from
    Column("format", String(64), nullable=False),  # cur_desktop.suggest.model.MODEL_FORMAT
    Column("model", LargeBinary, nullable=False),
)

# The sources' own texts of imported fields that the import converted (HTML → plain
# text, issue 13): kept in the service only, for a source that needs its markup back.
# Never synced to workstations or the wall.
import_originals = Table(
    "import_originals",
    metadata,
    Column("appeal_id", BigId, ForeignKey("appeals.id"), primary_key=True),
    Column("field", String(32), primary_key=True),  # text, answer, …
    Column("original", Text, nullable=False),
)

# The region's methodology of ratings, targets and report sections (issue 16,
# cur_desktop.central.methodology): every loaded version kept; the newest is in force.
region_methodology = Table(
    "region_methodology",
    metadata,
    Column("version", Integer, primary_key=True, autoincrement=False),
    Column("doc", Text, nullable=False),  # cur-region-methodology JSON
    Column("loaded_by", String(128), nullable=False),
    Column("loaded_at", Double, nullable=False),
)

# The region's dictionaries as edited in the app (issue 17,
# cur_desktop.central.region_dictionaries): the whole document of every version kept;
# the newest is in force over the pack's.
region_dictionaries = Table(
    "region_dictionaries",
    metadata,
    Column("version", Integer, primary_key=True, autoincrement=False),
    Column("doc", Text, nullable=False),  # cur-dictionaries JSON
    Column("changed_by", String(128), nullable=False),
    Column("changed_at", Double, nullable=False),
    Column("note", Text, nullable=False),  # what changed, in the service's words
)
