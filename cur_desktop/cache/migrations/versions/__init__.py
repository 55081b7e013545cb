"""Cache schema revisions, oldest first."""
