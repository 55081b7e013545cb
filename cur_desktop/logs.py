"""Logging set-up shared by the GUI, the headless commands and the central service.

Plain text to stderr by default; ``json_lines=True`` prints one JSON object per
record so tests and the municipal IT's tools can wait on log lines (as
qutebrowser's ``--json-logging`` does). Appeal texts and author data are never
passed to loggers anywhere in the product (152-ФЗ); as a second line of defence
a filter masks phone numbers and e-mail addresses in every message and in the text
of a logged exception, and drops the statement values a database error quotes
(SQLAlchemy appends them as ``[parameters: …]``: an appeal's text and author).
"""

from __future__ import annotations

import logging
import re
import sys
import time
from typing import Any

import orjson

# +7 / 8 and ten more digits, grouped any way people group them («8 912 34 56 789»,
# «+7 (4872) 12-34-56», «912.345.67.89» after a prefix)
_PHONE = re.compile(r"(?<!\d)(?:\+7|8)(?:[\s().\-/]*\d){10}(?!\d)")
# starts only where an address can start: without the look-behind, a long run of
# letters with no «@» (a pasted base64 image) costs time quadratic in its length
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+\.[\w.-]+")


# SQLAlchemy puts the bound values of a failed statement on a line of their own
_SQL_PARAMETERS = re.compile(r"^\[parameters: .*$", re.MULTILINE)
_TRACEBACKS = logging.Formatter()


def mask_personal(text: str) -> str:
    return _EMAIL.sub("<e-mail>", _PHONE.sub("<phone>", text))


def scrub(text: str) -> str:
    """``text`` fit for a log: statement values dropped, phones and e-mails masked."""
    return mask_personal(_SQL_PARAMETERS.sub("[parameters: hidden]", text))


class PersonalDataFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        masked = scrub(message)
        if masked != message:
            record.msg = masked
            record.args = None
        # Formatters reuse exc_text once set, so the traceback is scrubbed here, once.
        if record.exc_info and not record.exc_text:
            record.exc_text = _TRACEBACKS.formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = scrub(record.exc_text)
        if record.stack_info:
            record.stack_info = scrub(record.stack_info)
        return True


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(record.created)),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        if record.exc_info and not record.exc_text:
            record.exc_text = self.formatException(record.exc_info)
        if record.exc_text:
            entry["exception"] = record.exc_text
        return orjson.dumps(entry).decode()


def setup_logging(level: str = "INFO", *, json_lines: bool = False) -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.addFilter(PersonalDataFilter())
    if json_lines:
        handler.setFormatter(JsonFormatter())
    else:
        handler.setFormatter(
            logging.Formatter("%(asctime)s %(levelname)-7s %(name)s: %(message)s", "%H:%M:%S")
        )
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level.upper())
    # Alembic announces every plugin at INFO; keep its noise out of operators' logs.
    logging.getLogger("alembic").setLevel(logging.WARNING)
