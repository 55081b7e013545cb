"""The Russian catalogue: complete, compiled from the current .ts, and really used."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication

from ui import paths

TS = paths.translations_dir() / "cur_desktop_ru.ts"
QM = paths.translations_dir() / "cur_desktop_ru.qm"
LUPDATE_OPTIONS = ("-no-obsolete", "-locations", "none")  # as scripts/translations.sh
RUSSIAN_PLURAL_FORMS = 3  # one (1, 21), few (2–4, 22–24), many (0, 5–20, 25–30)


def _tool(name: str) -> str:
    beside_python = Path(sys.executable).with_name(name)
    found = str(beside_python) if beside_python.exists() else shutil.which(name)
    assert found, f"{name} is missing: it ships with PySide6-Essentials"
    return found


def _messages() -> list[tuple[str, ET.Element]]:
    root = ET.parse(TS).getroot()
    assert root.get("language") == "ru_RU"
    return [
        (context.findtext("name", ""), message)
        for context in root.iter("context")
        for message in context.iter("message")
    ]


def test_catalogue_has_messages() -> None:
    contexts = {context for context, _ in _messages()}
    assert {"ConsoleWindow", "QueuePane", "StatusStrip"} <= contexts


def test_no_entry_is_unfinished_obsolete_or_empty() -> None:
    problems = []
    for context, message in _messages():
        source = message.findtext("source", "")
        translation = message.find("translation")
        assert translation is not None
        if translation.get("type") is not None:  # unfinished, obsolete, vanished
            problems.append(f"{context}: {source!r} is {translation.get('type')}")
        if message.get("numerus") == "yes":
            forms = [form.text or "" for form in translation.iter("numerusform")]
            if len(forms) != RUSSIAN_PLURAL_FORMS or not all(f.strip() for f in forms):
                problems.append(f"{context}: {source!r} needs 3 plural forms, has {forms}")
        elif not (translation.text or "").strip():
            problems.append(f"{context}: {source!r} has no translation")
    assert not problems, "\n".join(problems)


def test_placeholders_survive_translation() -> None:
    for _, message in _messages():
        source = message.findtext("source", "")
        translation = message.find("translation")
        assert translation is not None
        texts = [f.text or "" for f in translation.iter("numerusform")] or [translation.text or ""]
        for marker in ("%Ln", "%n", "%1", "%2"):
            if marker in source:
                assert all(marker in text for text in texts), (source, texts)


def test_every_tr_call_in_the_code_is_in_the_catalogue(tmp_path: Path) -> None:
    """lupdate over the code finds nothing that the committed .ts lacks."""
    scratch = tmp_path / "scan.ts"
    shutil.copy(TS, scratch)
    root = paths.resources_dir().parent
    sources = sorted(str(p) for folder in ("ui", "widgets") for p in (root / folder).rglob("*.py"))
    run = subprocess.run(
        [_tool("pyside6-lupdate"), *sources, "-ts", str(scratch), *LUPDATE_OPTIONS],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert "0 new" in run.stdout, f"run scripts/translations.sh:\n{run.stdout}"
    assert 'type="unfinished"' not in scratch.read_text(encoding="utf-8")


def test_compiled_catalogue_matches_the_source(tmp_path: Path) -> None:
    rebuilt = tmp_path / "rebuilt.qm"
    subprocess.run(
        [_tool("pyside6-lrelease"), str(TS), "-qm", str(rebuilt)],
        capture_output=True,
        timeout=60,
        check=True,
    )
    assert rebuilt.read_bytes() == QM.read_bytes(), "stale .qm: run scripts/translations.sh"


def test_translated_string_comes_out_russian(qapp: QApplication) -> None:
    assert QCoreApplication.translate("ConsoleMenus", "&Help") == "&Справка"


RUSSIAN_APPEALS = {1: "1 обращение", 2: "2 обращения", 5: "5 обращений", 21: "21 обращение"}


@pytest.mark.parametrize("count", sorted(RUSSIAN_APPEALS))
def test_plural_forms_through_the_installed_translator(qapp: QApplication, count: int) -> None:
    text = QCoreApplication.translate("QueuePane", "%Ln appeal(s)", "", count)
    assert text == RUSSIAN_APPEALS[count]
