"""Lemmas and HTML-to-text: the shared text layer under search, masking and the importers."""

from __future__ import annotations

import pytest

from cur_desktop.text.html import looks_like_html, to_plain_text
from cur_desktop.text.lemmas import lemma, lemma_set, lemma_text, lemmatizer_id, words


@pytest.mark.parametrize(
    ("forms", "expected"),
    [
        (["подвал", "подвале", "подвалы", "подвалов", "подвалом"], "подвал"),
        (["батарея", "батареи", "батарей", "батареям", "батареях"], "батарея"),
        (["течет", "текла", "текло", "течёт", "текут"], "течь"),
        (["протечка", "протечек", "протечки", "протечкой"], "протечка"),
    ],
)
def test_every_form_of_a_word_has_its_dictionary_form(forms: list[str], expected: str) -> None:
    for form in forms:
        (word,) = words(form)
        assert expected in lemma_set(word), form


def test_an_ambiguous_form_keeps_every_reading_and_the_likely_one_first() -> None:
    assert set(lemma_set("ямы")) >= {"яма"}
    assert lemma("подвале") == lemma_set("подвале")[0]


def test_digits_latin_and_long_tokens_stay_whole() -> None:
    assert lemma_text("Дом 15, road CLOSED") == "дом 15 road closed"
    long = "а" * 50
    assert lemma_set(long) == (long,)


def test_lemmatizer_id_names_the_dictionaries() -> None:
    assert lemmatizer_id().startswith("pymorphy3:")


def test_html_becomes_plain_text_with_entities_decoded() -> None:
    raw = (
        '<p><span style="color: rgb(0, 0, 0);">Звоните: +7&nbsp;910&nbsp;123-45-67</span></p>'
        "<p>Яма&nbsp;у&nbsp;дома<br>вторая&nbsp;&laquo;строка&raquo;</p><script>x()</script>"
    )
    plain = to_plain_text(raw)
    assert plain == "Звоните: +7 910 123-45-67\n\nЯма у дома\nвторая «строка»"


def test_a_plain_text_with_angle_brackets_is_not_taken_for_html() -> None:
    text = "В квартире <18 градусов, а должно быть > 20"
    assert not looks_like_html(text)
    assert to_plain_text(text) == text
    assert to_plain_text("  две\u00a0  строки \r\n\r\n\r\n вторая ") == "две строки\n\nвторая"
    assert to_plain_text(None) is None


def test_broken_html_still_gives_its_text() -> None:
    assert to_plain_text("<p>не закрыт <b>тег <i>и&nbsp;ещё") == "не закрыт тег и ещё"


def test_a_persons_name_is_told_from_a_problems_words() -> None:
    from cur_desktop.text.lemmas import may_be_person_name

    for name in ("михеев", "иванова", "петрович", "мария"):
        assert may_be_person_name(name), name
    for word in ("вера", "надежда", "самокат", "тротуар", "улица", "подвал", "2024"):
        assert not may_be_person_name(word), word
