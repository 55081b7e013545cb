"""Russian wording of the reports (documents for the governor's office, not UI strings)."""

from __future__ import annotations

FIGURES = {
    "received": "Поступило обращений",
    "finished": "Рассмотрено (ответ дан / закрыто)",
    "within_norm": "Рассмотрено в срок, доля",
    "overdue_now": "Просрочено сейчас",
    "overdue_period": "Просрочено за период",
    "reaction_hours_median": "Первая реакция, медиана, раб. ч",
    "reaction_hours_mean": "Первая реакция, среднее, раб. ч",
    "answer_hours_median": "Окончательный ответ, медиана, раб. ч",
    "answer_hours_mean": "Окончательный ответ, среднее, раб. ч",
    "satisfied_rating": "Оценки 4–5 (ПОС), доля",
    "satisfied_reaction": "«Доволен» (ИМ), доля",
    "rework_share": "Возвращено на доработку, доля",
    "repeat_share": "Повторные, доля",
    "reopened_share": "Открыто повторно, доля",
    "responded_share": "Дана реакция, доля",
    "satisfied_any": "Удовлетворены (все каналы), доля",
    "source_overdue": "Просрочено по данным ПОС",
    "fast_track": "Фаст-трек ПОС",
}
CRITERIA = {
    "quantity": "Полнота",
    "timeliness": "Своевременность",
    "speed": "Скорость",
    "satisfaction": "Удовлетворённость",
    "quality": "Качество",
    "score": "Итоговый балл ниже порога",
    "bottom": "Последние места рейтинга",
}
ZONES = {"green": "зелёная", "yellow": "жёлтая", "red": "красная", "unrated": "не оценивается"}
STAGES = {
    "new": "Модерация",
    "routed": "На рассмотрении",
    "in_progress": "В работе",
    "interim_answer": "Промежуточный ответ",
    "reopened": "Повторно открыто",
}
CHANNELS = {
    "pos": "ПОС «Госуслуги. Решаем вместе»",
    "im": "Инцидент Менеджмент",
    "portal": "Портал",
    "hotline": "Горячая линия",
    "gospublic": "Госпаблики",
    "open311": "Open311",
    "reception": "Личный приём",
    "letter": "Письмо",
    "email": "Электронная почта",
    "other": "Другое",
}
KINDS = {
    "monthly": "Ежемесячная информация Губернатору",
    "quarterly": "Квартальный отчёт о работе с обращениями",
    "weekly": "Еженедельный бюллетень",
}
RELIABILITY = {
    "good": "надёжный (ошибка заметно ниже базовой)",
    "fair": "умеренно надёжный (чуть лучше базовой)",
    "poor": "ненадёжный (не лучше сезонного наивного)",
    "unknown": "не оценён (мало истории)",
}
MODELS = {
    "seasonal_naive": "сезонный наивный",
    "weekday_median": "медиана по дням недели",
    "holt_winters": "Холт–Уинтерс (сезонный)",
    "mean": "среднее",
}
MONTHS = (
    "январь",
    "февраль",
    "март",
    "апрель",
    "май",
    "июнь",
    "июль",
    "август",
    "сентябрь",
    "октябрь",
    "ноябрь",
    "декабрь",
)


def period_title(kind: str, label: str) -> str:
    """«ноябрь 2026», «IV квартал 2026», «неделя 48 (2026)»."""
    if "-Q" in label:
        year, q = label.split("-Q")
        return f"{('I', 'II', 'III', 'IV')[int(q) - 1]} квартал {year} г."
    if "-W" in label:
        year, w = label.split("-W")
        return f"неделя {int(w)} {year} г."
    if kind == "monthly" or (len(label) == 7 and label[4] == "-"):
        year, month = label.split("-")
        return f"{MONTHS[int(month) - 1]} {year} г."
    return label
