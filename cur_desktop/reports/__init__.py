"""The governor's reports from the desk: monthly, quarterly, the weekly bulletin.

:func:`build_content` gathers what a report says (numbers and names only, nothing
personal); :func:`write_report` writes it as XLSX or PDF by the file's suffix.
Qt-free.
"""

from __future__ import annotations

from pathlib import Path

from cur_desktop.reports.content import REPORT_KINDS, ReportContent, build_content, report_period

__all__ = ["REPORT_KINDS", "ReportContent", "build_content", "report_period", "write_report"]


def write_report(content: ReportContent, path: Path) -> None:
    """Write ``content`` to ``path`` (``.xlsx`` or ``.pdf``)."""
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        from cur_desktop.reports.xlsx import write_xlsx

        write_xlsx(content, path)
    elif suffix == ".pdf":
        from cur_desktop.reports.pdf import write_pdf

        write_pdf(content, path)
    else:
        raise ValueError(f"{path}: a report is written as .xlsx or .pdf")
