"""Builds the import fixtures in this folder (run from the repository root; files are committed).

    .venv/bin/python tests/data/imports/build_fixtures.py [../shared/data/classifiers]

Every text, name, phone and address here is invented; the category, theme and status
names are the real classifiers' (the shared ``data/classifiers`` files: ПОС categories →
subcategories, «Инцидент Менеджмент» groups → themes, ПОС status texts and the 25 column
headers of the ПОС back-office export). The Open311 files are the GeoReport v2
specification's example responses as the specification prints them (codes with leading
zeros, 2010 dates); the US 311 CSV follows the NYC 311 open-data layout.
"""

# ruff: noqa: E501  (the specification's examples and the sample rows are kept verbatim)
from __future__ import annotations

import json
import sys
from datetime import datetime
from pathlib import Path

from openpyxl import Workbook

HERE = Path(__file__).resolve().parent

POS_COLUMNS = [
    "Номер", "Номер ЕПГУ", "Источник", "Верхнеуровневый ЛКО", "Категория", "Подкатегория", "Факт",
    "Организация, в которую поступило сообщение", "Организация, в которой находится сообщение",
    "Дата поступления", "Дата планируемого завершения работ", "Дата фактического завершения работ",
    "Стадия", "Статус", "Просрочено", "Фаст-трек", "ФЗ", "Заявитель выбрал подачу по 59-ФЗ",
    "Тип решения", "Направлено по email в ФОИВ, не подключенный к ПОС", "Оценка ответа заявителем",
    "Повторное рассмотрение", "ФИО координатора", "ФИО исполнителя", "ФИО руководителя",
]  # fmt: skip
POS_EXTRA = ["Текст", "Адрес", "Текст ответа"]
TULA_ADM = "Администрация муниципального образования «Городской округ город Тула»"
NMSK_ADM = "Администрация муниципального образования «Городской округ город Новомосковск»"
HOUSING = "Министерство строительства и жилищно-коммунального хозяйства Тульской области"
HEALTH = "Министерство здравоохранения Тульской области"
TKO = "Региональный оператор по обращению с твёрдыми коммунальными отходами Тульской области"
ENERGY = "Министерство энергетики Тульской области"
EDU = "Министерство образования Тульской области"


def _pos_row(
    number: str,
    category: str,
    subcategory: str,
    organisation: str,
    received: object,
    stage: str,
    status: str,
    text: str,
    *,
    fact: str = "",
    address: str = "",
    answer: str = "",
    rating: str = "-",
    overdue: str = "Нет",
    done: object = None,
) -> list[object]:
    values = {
        "Номер": number,
        "Номер ЕПГУ": f"EPGU-{number}",
        "Источник": "ПОС",
        "Верхнеуровневый ЛКО": "Тульская область",
        "Категория": category,
        "Подкатегория": subcategory,
        "Факт": fact,
        "Организация, в которую поступило сообщение": "Правительство Тульской области",
        "Организация, в которой находится сообщение": organisation,
        "Дата поступления": received,
        "Дата планируемого завершения работ": "",
        "Дата фактического завершения работ": done,
        "Стадия": stage,
        "Статус": status,
        "Просрочено": overdue,
        "Фаст-трек": "Нет",
        "ФЗ": "Обычное сообщение",
        "Заявитель выбрал подачу по 59-ФЗ": "Нет",
        "Тип решения": "Решено" if answer else "",
        "Направлено по email в ФОИВ, не подключенный к ПОС": "Нет",
        "Оценка ответа заявителем": rating,
        "Повторное рассмотрение": "Нет",
        "ФИО координатора": "Координатор Тестовый",
        "ФИО исполнителя": "Исполнитель Примерный",
        "ФИО руководителя": "Руководитель Условный",
        "Текст": text,
        "Адрес": address,
        "Текст ответа": answer,
    }
    return [values[c] for c in (*POS_COLUMNS, *POS_EXTRA)]


POS_ROWS = [
    _pos_row(
        "1001", "Автомобильные дороги", "Ямы, выбоины", TULA_ADM, "14.04.2011 10:15", "Исполнение",
        "Назначен исполнитель",
        '<p>Добрый день!&nbsp;На ул.&nbsp;Советской <span style="color: rgb(34, 34, 34);">'
        "огромная яма</span>, прошу отремонтировать.</p><p>Телефон +7&nbsp;900&nbsp;000-00-01</p>",
        fact="Ямы на дороге", address="г. Тула, ул. Советская, 1",
    ),
    _pos_row(
        "1002", "Многоквартирные дома", "Отопление", HOUSING, datetime(2024, 11, 5, 8, 40),
        "Завершено", "Отправлен ответ заявителю",
        "<div>В квартире <b>+14&deg;C</b>,&nbsp;батареи холодные третью неделю.</div>",
        answer="<p>Уважаемый заявитель!</p><p>Стояк отопления прокачан&nbsp;07.11.2024.</p>",
        rating="5", done=datetime(2024, 11, 8, 12, 0), address="г. Тула, ул. Примерная, 10",
    ),
    _pos_row(
        "1003", "Медицина", "Запись на приём к врачу", HEALTH, "02.02.2025 09:00",
        "Завершено: Решено", "", "Не могу записаться к&nbsp;неврологу через Госуслуги.",
    ),
    _pos_row(
        "1004", "Мусор", "Свалки мусора во дворах", TKO, "03.03.2025 17:20", "Модерация",
        "На модерации", "<p>За домом свалка строительного мусора.</p>",
        address="г. Новомосковск, ул. Условная, 3",
    ),
    _pos_row(
        "1005", "Связь и телевидение", "Отсутствие качественной сотовой связи",
        "ПАО «Связь-Пример»", "04.03.2025 11:00", "Рассмотрение", "",
        "В деревне нет связи, не дозвониться до скорой.", address="Одоевский район, д. Пример",
    ),
    _pos_row(
        "1006", "Благоустройство", "Иное", TULA_ADM, "05.03.2025 12:30", "Исполнение",
        "Назначен исполнитель", "Сломан забор у сквера.",
    ),
    _pos_row(
        "1007", "Социальная газификация", "", ENERGY, "06.03.2025 13:45", "Исполнение",
        "Перенос срока обработки утвержден. Отправлен ответ Заявителю",
        "Когда подведут газ к участку по программе догазификации?",
    ),
    _pos_row(
        "1008", "Дворы и территории общего пользования", "Уборка снега", NMSK_ADM,
        "07.01.2025 08:05", "Исполнение", "Назначен исполнитель",
        "Двор не чистят от снега, не проехать скорой.", address="г. Новомосковск, ул. Примерная, 7",
    ),
    _pos_row(
        "1009", "Водоснабжение", "Горячее водоснабжение", NMSK_ADM, "08.03.2025 07:10",
        "Завершено", "Получен ответ", "<p>Нет горячей воды&nbsp;с&nbsp;понедельника</p>",
        answer="Подача восстановлена.", rating="4",
    ),
    _pos_row(
        "1010", "Электронная запись на прием к врачу", "", HEALTH, "09.03.2025 10:00",
        "Исполнение", "Назначен исполнитель", "Нет номерков к эндокринологу.",
    ),
    _pos_row(
        "1011", "Автомобильные дороги", "Зарядные станции для электромобилей", TULA_ADM,
        "10.03.2025 10:00", "Рассмотрение", "", "Предлагаю поставить зарядную станцию.",
    ),
    _pos_row(
        "1012", "Газоснабжение", "Газификация", ENERGY, "01.01.9999 00:00", "Исполнение",
        "Назначен исполнитель", "Дата в выгрузке испорчена.",
    ),
    _pos_row(
        "1013", "Образование", "Питание в образовательных организациях", EDU, "12.03.1900",
        "Исполнение", "Назначен исполнитель", "Тоже испорченная дата.",
    ),
    _pos_row(
        "1014", "Образование", "Питание в образовательных организациях", EDU,
        datetime(2010, 9, 1, 9, 0), "Завершено", "Получен ответ",
        "В школе холодные обеды.", answer="Проведена проверка.", rating="3",
    ),
    _pos_row(
        "1015", "Медицина", "Медицинская карта", HEALTH, "11.03.2025 15:00", "Исполнение",
        "Назначен исполнитель", "Потеряли медицинскую карту.", fact="Медицинская карта",
    ),
    _pos_row(
        "1016", "Автомобильные дороги", "Зарядные станции для электромобилей", TULA_ADM,
        "12.03.2025 10:00", "Рассмотрение", "", "Ещё одна просьба о зарядной станции.",
    ),
]  # fmt: skip

IM_DETAIL = ["ID", "Муниципалитет", "Дата создания", "Группа тем", "Тема", "Причина закрытия"]
IM_DETAIL += ["Урл блога", "Урл поста", "Текст", "Заголовок", "Адрес", "Текст ответа", "Статус"]
IM_INCIDENTS = ["ID", "Отдел", "Исполнитель", "Время до ответа, ч:м:с", "Важность", "Статус"]
IM_ROWS = [
    [9001, "Новомосковск", "15.03.2025 10:00", "Дороги", "Некачественное покрытие асфальтовых дорог (ямы, выбоины и пр.)",
     "Автор доволен", "https://vk.com/id000001", "https://vk.com/wall-1_9001", "Яма на выезде",
     "", "", "Ремонт выполнен.", ""],
    [9002, "г. Тула", "15.03.2025 11:00", "БЛАГОУСТРОЙСТВО", "ЯМЫ ВО ДВОРАХ", "", "", "",
     "<p>Во дворе&nbsp;яма</p>", "", "", "", "Рассмотрение"],
    [9003, "Щёкинский р-н", "16.03.2025 09:30", "ЖКХ", "Отсутствие холодной и/или горячей воды",
     "Дан ответ", "", "", "Нет воды второй день", "", "", "Авария устранена.", ""],
    [9004, "ЛЕНИНСКИЙ РАЙОН", "16.03.2025 12:00", "Дороги", "Дороги прочее", "", "", "",
     "Грязь на дороге после стройки", "", "", "", "Получен ответ"],
    [9005, "Тульская область", "17.03.2025 08:00", "Культура", "Библиотеки", "", "", "",
     "Библиотека закрыта без объявления", "", "", "", ""],
    [9006, "в Новомосковске", "17.03.2025 09:00", "Военная служба", "Поддержка семей военнослужащих",
     "", "", "", "Как получить выплату семье?", "", "", "", ""],
    [9007, "Атлантида", "18.03.2025 10:00", "ЖКХ", "Новая тема классификатора 2025 года", "",
     "", "", "Текст о новой теме", "", "", "", ""],
    [9008, "пос. Первомайский", "18.03.2025 11:00", "ОБРАЩЕНИЕ С ОТХОДАМИ",
     "Вывоз крупногабаритного мусора", "Автор недоволен", "", "", "Не вывозят старую мебель",
     "", "", "Вывезено.", ""],
    [9009, "Тула", "19.03.2025 10:00", "Здравоохранение", "Льготные лекарства", "Спам", "", "",
     "Реклама", "", "", "", ""],
]  # fmt: skip
IM_INCIDENT_ROWS = [
    [9001, "Администрация муниципального образования «Городской округ город Новомосковск»",
     "Отдел дорог", "26:30:00", "Обычная", "Закрыт"],
    [9003, "Отдел ЖКХ района", "Дежурный", "5:15:00", "Высокая", "Закрыт"],
    [9008, "", "", "", "ЛС", ""],
]  # fmt: skip

# The GeoReport v2 specification's examples, as the specification prints them.
OPEN311_SERVICES_JSON = """[
  {
    "service_code":001,
    "service_name":"Cans left out 24x7",
    "description":"Garbage or recycling cans that have been left out for more than 24 hours after collection. Violators will be cited.",
    "metadata":true,
    "type":"realtime",
    "keywords":"lorem, ipsum, dolor",
    "group":"sanitation"
  },
  {
    "service_code":002,
    "metadata":true,
    "type":"realtime",
    "keywords":"lorem, ipsum, dolor",
    "group":"street",
    "service_name":"Construction plate shifted",
    "description":"Metal construction plate covering the street or sidewalk has been moved."
  },
  {
    "service_code":003,
    "metadata":true,
    "type":"realtime",
    "keywords":"lorem, ipsum, dolor",
    "group":"street",
    "service_name":"Curb or curb ramp defect",
    "description":"Sidewalk curb or ramp has problems such as cracking, missing pieces, holes, and/or chipped curb."
  }
]
"""
OPEN311_SERVICES_XML = """<?xml version="1.0" encoding="utf-8"?>
<services>
  <service>
    <service_code>001</service_code>
    <service_name>Cans left out 24x7</service_name>
    <description>Garbage or recycling cans that have been left out for more than 24 hours after collection. Violators will be cited.</description>
    <metadata>true</metadata>
    <type>realtime</type>
    <keywords>lorem, ipsum, dolor</keywords>
    <group>sanitation</group>
  </service>
  <service>
    <service_code>002</service_code>
    <service_name>Construction plate shifted</service_name>
    <description>Metal construction plate covering the street or sidewalk has been moved.</description>
    <metadata>true</metadata>
    <type>realtime</type>
    <keywords>lorem, ipsum, dolor</keywords>
    <group>street</group>
  </service>
  <service>
    <service_code>003</service_code>
    <service_name>Curb or curb ramp defect</service_name>
    <description>Sidewalk curb or ramp has problems such as cracking, missing pieces, holes, and/or chipped curb.</description>
    <metadata>true</metadata>
    <type>realtime</type>
    <keywords>lorem, ipsum, dolor</keywords>
    <group>street</group>
  </service>
</services>
"""
OPEN311_REQUESTS_JSON = """[
  {
    "service_request_id":638344,
    "status":"closed",
    "status_notes":"Duplicate request.",
    "service_name":"Sidewalk and Curb Issues",
    "service_code":006,
    "description":null,
    "agency_responsible":null,
    "service_notice":null,
    "requested_datetime":"2010-04-14T06:37:38-08:00",
    "updated_datetime":"2010-04-14T06:37:38-08:00",
    "expected_datetime":"2010-04-15T06:37:38-08:00",
    "address":"8TH AVE and JUDAH ST",
    "address_id":545483,
    "zipcode":94122,
    "lat":37.762221815,
    "long":-122.4651145,
    "media_url":"http://city.gov.s3.amazonaws.com/requests/media/638344.jpg"
  },
  {
    "service_request_id":638349,
    "status":"open",
    "status_notes":null,
    "service_name":"Sidewalk and Curb Issues",
    "service_code":006,
    "description":null,
    "agency_responsible":null,
    "service_notice":null,
    "requested_datetime":"2010-04-19T06:37:38-08:00",
    "updated_datetime":"2010-04-19T06:37:38-08:00",
    "expected_datetime":"2010-04-19T06:37:38-08:00",
    "address":"8TH AVE and JUDAH ST",
    "address_id":545483,
    "zipcode":94122,
    "lat":37.762221815,
    "long":-122.4651145,
    "media_url":"http://city.gov.s3.amazonaws.com/requests/media/638349.jpg"
  }
]
"""
OPEN311_REQUESTS_XML = """<?xml version="1.0" encoding="utf-8"?>
<service_requests>
  <request>
    <service_request_id>638344</service_request_id>
    <status>closed</status>
    <status_notes>Duplicate request.</status_notes>
    <service_name>Sidewalk and Curb Issues</service_name>
    <service_code>006</service_code>
    <description></description>
    <agency_responsible></agency_responsible>
    <service_notice></service_notice>
    <requested_datetime>2010-04-14T06:37:38-08:00</requested_datetime>
    <updated_datetime>2010-04-14T06:37:38-08:00</updated_datetime>
    <expected_datetime>2010-04-15T06:37:38-08:00</expected_datetime>
    <address>8TH AVE and JUDAH ST</address>
    <address_id>545483</address_id>
    <zipcode>94122</zipcode>
    <lat>37.762221815</lat>
    <long>-122.4651145</long>
    <media_url>http://city.gov.s3.amazonaws.com/requests/media/638344.jpg</media_url>
  </request>
  <request>
    <service_request_id>638349</service_request_id>
    <status>open</status>
    <status_notes></status_notes>
    <service_name>Sidewalk and Curb Issues</service_name>
    <service_code>006</service_code>
    <description></description>
    <agency_responsible></agency_responsible>
    <service_notice></service_notice>
    <requested_datetime>2010-04-19T06:37:38-08:00</requested_datetime>
    <updated_datetime>2010-04-19T06:37:38-08:00</updated_datetime>
    <expected_datetime>2010-04-19T06:37:38-08:00</expected_datetime>
    <address>8TH AVE and JUDAH ST</address>
    <address_id>545483</address_id>
    <zipcode>94122</zipcode>
    <lat>37.762221815</lat>
    <long>-122.4651145</long>
    <media_url>http://city.gov.s3.amazonaws.com/requests/media/638349.jpg</media_url>
  </request>
</service_requests>
"""

US311_HEADER = (
    "Unique Key,Created Date,Closed Date,Agency,Agency Name,Complaint Type,Descriptor,"
    "Location Type,Incident Zip,Incident Address,City,Status,Resolution Description,Borough,"
    "Latitude,Longitude"
)
US311_ROWS = [
    '15639934,01/01/2010 12:00:13 AM,01/05/2010 09:15:00 AM,HPD,Department of Housing Preservation and Development,HEATING,HEAT,RESIDENTIAL BUILDING,10453,100 EXAMPLE AVENUE,BRONX,Closed,"The Department of Housing Preservation and Development inspected the following conditions. No violations were issued.",BRONX,40.851,-73.912',
    "15640572,01/01/2010 08:05:00 AM,,DOT,Department of Transportation,Street Light Condition,Street Light Out,,11201,200 SAMPLE STREET,BROOKLYN,Open,,BROOKLYN,40.693,-73.990",
    "15641123,03/14/2010 01:30:00 AM,,DSNY,Department of Sanitation,Dirty Conditions,Trash,Sidewalk,10002,300 PLACEHOLDER ROAD,NEW YORK,Pending,,MANHATTAN,40.716,-73.987",
    "15641999,06/30/2010 11:59:00 PM,,DOT,Department of Transportation,Street Condition,Pothole,,11375,400 FICTION BOULEVARD,QUEENS,Assigned,,QUEENS,40.720,-73.844",
    "15642000,07/04/2010 10:00:00 AM,07/04/2010 04:00:00 PM,NYPD,New York City Police Department,Noise - Residential,Loud Music/Party,Residential Building/House,10025,500 MADEUP AVENUE,NEW YORK,Closed,The Police Department responded to the complaint.,MANHATTAN,40.800,-73.966",
    "15642001,13/45/2010 10:00:00 AM,,DOT,Department of Transportation,Street Condition,Pothole,,11375,600 INVENTED LANE,QUEENS,Started,,QUEENS,40.721,-73.845",
]  # fmt: skip
US311_MAPPING = {
    "_comment": "NYC 311 open-data layout; times are New York local times.",
    "source": "other",
    "kind": "message",
    "encoding": "utf-8",
    "delimiter": ",",
    "time_zone": "America/New_York",
    "date_format": "%m/%d/%Y %I:%M:%S %p",
    "columns": {
        "external_id": "Unique Key",
        "created_at": "Created Date",
        "closed_at": "Closed Date",
        "executor": "Agency Name",
        "category": "Complaint Type",
        "subcategory": "Descriptor",
        "address": "Incident Address",
        "status": "Status",
        "answer": "Resolution Description",
        "municipality": "Borough",
        "lat": "Latitude",
        "lon": "Longitude",
    },
    "aliases": {
        "categories": {
            "Street Light Condition": "improvement.lighting",
            "Street Light Out": "improvement.lighting.not_working",
            "Street Condition": "roads.repair",
            "Pothole": "roads.potholes",
            "HEATING": "housing.heating",
            "HEAT": "housing.heating.no_heating",
        },
    },
}


def _xlsx(path: Path, sheets: dict[str, tuple[list[str], list[list[object]]]]) -> None:
    workbook = Workbook()
    workbook.remove(workbook.active)
    for name, (header, rows) in sheets.items():
        sheet = workbook.create_sheet(name)
        sheet.append(header)
        for row in rows:
            sheet.append(row)
    workbook.save(path)


def classifier_pairs(classifiers: Path) -> list[list[object]]:
    """One ПОС row per real (category, subcategory) pair of the 2021 classifier."""
    doc = json.loads((classifiers / "pos_classifier.json").read_text(encoding="utf-8"))
    rows: list[list[object]] = []
    number = 50000
    for category, subcategories in doc["categories"].items():
        for subcategory in subcategories or [""]:
            number += 1
            rows.append(
                _pos_row(
                    str(number), category, subcategory, TULA_ADM, "01.03.2025 10:00",
                    "Исполнение", "Назначен исполнитель", "Текст сообщения.",
                )
            )  # fmt: skip
    return rows


def main() -> None:
    header = [*POS_COLUMNS, *POS_EXTRA]
    _xlsx(HERE / "pos_export.xlsx", {"Sheet0": (header, POS_ROWS)})
    _xlsx(
        HERE / "im_export.xlsx",
        {"Детализация": (IM_DETAIL, IM_ROWS), "Инциденты": (IM_INCIDENTS, IM_INCIDENT_ROWS)},
    )
    (HERE / "open311_services.json").write_text(OPEN311_SERVICES_JSON, encoding="utf-8")
    (HERE / "open311_services.xml").write_text(OPEN311_SERVICES_XML, encoding="utf-8")
    (HERE / "open311_requests.json").write_text(OPEN311_REQUESTS_JSON, encoding="utf-8")
    (HERE / "open311_requests.xml").write_text(OPEN311_REQUESTS_XML, encoding="utf-8")
    (HERE / "us311_2010.csv").write_text(
        "\n".join([US311_HEADER, *US311_ROWS]) + "\n", encoding="utf-8"
    )
    (HERE / "us311_mapping.json").write_text(
        json.dumps(US311_MAPPING, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    classifiers = (
        Path(sys.argv[1]) if len(sys.argv) > 1 else HERE.parents[3] / "shared/data/classifiers"
    )
    if (classifiers / "pos_classifier.json").is_file():
        _xlsx(
            HERE / "pos_classifier_pairs.xlsx", {"Sheet0": (header, classifier_pairs(classifiers))}
        )


if __name__ == "__main__":
    main()
