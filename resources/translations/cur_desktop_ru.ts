<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru_RU">
<context>
    <name>AboutDialog</name>
    <message>
        <source>wall</source>
        <translation>видеостена</translation>
    </message>
    <message>
        <source>operator console</source>
        <translation>пульт оператора</translation>
    </message>
    <message>
        <source>installed build</source>
        <translation>установленная сборка</translation>
    </message>
    <message>
        <source>from source</source>
        <translation>из исходного кода</translation>
    </message>
    <message>
        <source>About</source>
        <translation>О программе</translation>
    </message>
    <message>
        <source>Regional Management Centre: operator console and wall</source>
        <translation>Центр управления регионом: пульт оператора и видеостена</translation>
    </message>
    <message>
        <source>Version %1 (%2), Qt %3</source>
        <translation>Версия %1 (%2), Qt %3</translation>
    </message>
    <message>
        <source>not usable: %1</source>
        <translation>не может быть использован: %1</translation>
    </message>
    <message>
        <source>Preset</source>
        <translation>Настройки центра</translation>
    </message>
    <message>
        <source>none (looked in %1)</source>
        <translation>нет (искали в %1)</translation>
    </message>
    <message>
        <source>Centre</source>
        <translation>Центр</translation>
    </message>
    <message>
        <source>Central service</source>
        <translation>Центральный сервис</translation>
    </message>
    <message>
        <source>Region pack</source>
        <translation>Пакет региона</translation>
    </message>
    <message>
        <source>the whole region</source>
        <translation>весь регион</translation>
    </message>
    <message>
        <source>Municipalities (OKTMO)</source>
        <translation>Муниципалитеты (ОКТМО)</translation>
    </message>
    <message>
        <source>Opens by default</source>
        <translation>Открывается по умолчанию</translation>
    </message>
    <message>
        <source>CA certificate</source>
        <translation>Сертификат УЦ</translation>
    </message>
    <message>
        <source>Preset file</source>
        <translation>Файл настроек</translation>
    </message>
    <message>
        <source>The central service requires version %1 or newer; this workstation runs %2. Ask the centre&apos;s administrator to install the new version.</source>
        <translation>Центральный сервис требует версию %1 или новее; на этом рабочем месте установлена %2. Попросите администратора центра установить новую версию.</translation>
    </message>
    <message>
        <source>Version %1 is available; this workstation runs %2. Work can go on; ask the centre&apos;s administrator to install the update.</source>
        <translation>Доступна версия %1; на этом рабочем месте установлена %2. Работу можно продолжать; попросите администратора центра установить обновление.</translation>
    </message>
    <message>
        <source>Newer version available</source>
        <translation>Доступна новая версия</translation>
    </message>
</context>
<context>
    <name>Action</name>
    <message>
        <source>Received</source>
        <translation>Поступило</translation>
    </message>
    <message>
        <source>Taken</source>
        <translation>Взято</translation>
    </message>
    <message>
        <source>Released</source>
        <translation>Освобождено</translation>
    </message>
    <message>
        <source>Taken into work</source>
        <translation>Взято в работу</translation>
    </message>
    <message>
        <source>Taken over from a colleague</source>
        <translation>Забрано у коллеги</translation>
    </message>
    <message>
        <source>Categorised</source>
        <translation>Категоризировано</translation>
    </message>
    <message>
        <source>Routed</source>
        <translation>Направлено исполнителю</translation>
    </message>
    <message>
        <source>Deadline postponed</source>
        <translation>Срок продлён</translation>
    </message>
    <message>
        <source>Information requested</source>
        <translation>Запрошены сведения у автора</translation>
    </message>
    <message>
        <source>Information received</source>
        <translation>Сведения получены</translation>
    </message>
    <message>
        <source>Interim answer given</source>
        <translation>Дан промежуточный ответ</translation>
    </message>
    <message>
        <source>Answer given</source>
        <translation>Дан ответ</translation>
    </message>
    <message>
        <source>Returned for rework</source>
        <translation>Возвращено на доработку</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>Закрыто</translation>
    </message>
    <message>
        <source>Rated by the author</source>
        <translation>Оценено автором</translation>
    </message>
    <message>
        <source>Reopened</source>
        <translation>Открыто повторно</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>Отклонено</translation>
    </message>
    <message>
        <source>Redirected</source>
        <translation>Переадресовано</translation>
    </message>
    <message>
        <source>Flag set</source>
        <translation>Установлена отметка</translation>
    </message>
    <message>
        <source>Flag removed</source>
        <translation>Снята отметка</translation>
    </message>
    <message>
        <source>Importance changed</source>
        <translation>Изменена важность</translation>
    </message>
    <message>
        <source>Merged as a duplicate</source>
        <translation>Объединено как дубликат</translation>
    </message>
    <message>
        <source>Note added</source>
        <translation>Добавлена заметка</translation>
    </message>
    <message>
        <source>Reported again («я тоже»)</source>
        <translation>Сообщили ещё раз («я тоже»)</translation>
    </message>
    <message>
        <source>Conflict resolution recorded</source>
        <translation>Записано урегулирование конфликта</translation>
    </message>
    <message>
        <source>Disinformation case updated</source>
        <translation>Дело о недостоверной информации обновлено</translation>
    </message>
    <message>
        <source>Linked to a measure</source>
        <translation>Связано с мерой</translation>
    </message>
</context>
<context>
    <name>ActionDialog</name>
    <message>
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
</context>
<context>
    <name>ActionDialogs</name>
    <message>
        <source>Note</source>
        <translation>Заметка</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Добавить</translation>
    </message>
    <message>
        <source>Note for colleagues:</source>
        <translation>Заметка для коллег:</translation>
    </message>
    <message>
        <source>Write the note</source>
        <translation>Напишите заметку</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Причина</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>ОК</translation>
    </message>
    <message>
        <source>Reason:</source>
        <translation>Причина:</translation>
    </message>
    <message>
        <source>Give the reason</source>
        <translation>Укажите причину</translation>
    </message>
    <message>
        <source>Request information</source>
        <translation>Запрос сведений</translation>
    </message>
    <message>
        <source>Send the request</source>
        <translation>Отправить запрос</translation>
    </message>
    <message>
        <source>What the author should add:</source>
        <translation>Что автору нужно уточнить:</translation>
    </message>
    <message>
        <source>Write what is needed</source>
        <translation>Напишите, что нужно уточнить</translation>
    </message>
    <message numerus="yes">
        <source>%n appeal(s) selected</source>
        <translation>
            <numerusform>Выбрано %n обращение</numerusform>
            <numerusform>Выбрано %n обращения</numerusform>
            <numerusform>Выбрано %n обращений</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>AnswerEditor</name>
    <message>
        <source>Interim answer</source>
        <translation>Промежуточный ответ</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>Ответ</translation>
    </message>
    <message>
        <source>Search templates by keyword</source>
        <translation>Поиск шаблона по ключевому слову</translation>
    </message>
    <message>
        <source>Send (Ctrl+Enter)</source>
        <translation>Отправить (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
    <message>
        <source>Templates (Enter puts one into the text):</source>
        <translation>Шаблоны (Enter вставляет шаблон в текст):</translation>
    </message>
    <message>
        <source>Close the editor without sending?</source>
        <translation>Закрыть редактор, не отправив ответ?</translation>
    </message>
    <message>
        <source>Your text is kept as a draft and comes back when you open the answer again.</source>
        <translation>Текст сохранится как черновик и вернётся, когда вы снова откроете ответ.</translation>
    </message>
    <message>
        <source>Close, keep the draft</source>
        <translation>Закрыть, сохранив черновик</translation>
    </message>
    <message>
        <source>Keep writing</source>
        <translation>Продолжить писать</translation>
    </message>
    <message>
        <source>The answer is empty</source>
        <translation>Ответ пуст</translation>
    </message>
    <message>
        <source>Fill in the gaps first: %1</source>
        <translation>Сначала заполните пропуски: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n character(s)</source>
        <translation>
            <numerusform>%n знак</numerusform>
            <numerusform>%n знака</numerusform>
            <numerusform>%n знаков</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>AppealActions</name>
    <message>
        <source>&amp;Take (mark as mine)</source>
        <extracomment>The flag names of the lifecycle (handlers.FLAG_NAMES) by flag.</extracomment>
        <translation>&amp;Взять себе</translation>
    </message>
    <message>
        <source>Re&amp;lease</source>
        <translation>Осв&amp;ободить</translation>
    </message>
    <message>
        <source>Take o&amp;ver from a colleague</source>
        <translation>&amp;Забрать себе</translation>
    </message>
    <message>
        <source>%1 has worked on it within the last %2 working hours</source>
        <translation>%1 работает с обращением: менее %2 раб. ч назад</translation>
    </message>
    <message>
        <source>the appeal is taken by %1; only a head may take it over</source>
        <translation>обращение взял %1; забрать его может только руководитель</translation>
    </message>
    <message>
        <source>Take &amp;into work</source>
        <translation>Взять в &amp;работу</translation>
    </message>
    <message>
        <source>&amp;Categorise…</source>
        <translation>&amp;Классифицировать…</translation>
    </message>
    <message>
        <source>&amp;Route to a body…</source>
        <translation>&amp;Направить в орган…</translation>
    </message>
    <message>
        <source>Re&amp;direct to another organisation…</source>
        <translation>Пере&amp;адресовать в другую организацию…</translation>
    </message>
    <message>
        <source>I&amp;nterim answer…</source>
        <translation>&amp;Промежуточный ответ…</translation>
    </message>
    <message>
        <source>&amp;Answer…</source>
        <translation>О&amp;тветить…</translation>
    </message>
    <message>
        <source>Request information from the author…</source>
        <translation>Запросить сведения у автора…</translation>
    </message>
    <message>
        <source>Information received</source>
        <translation>Сведения получены</translation>
    </message>
    <message>
        <source>&amp;Postpone the deadline…</source>
        <translation>Продлить &amp;срок…</translation>
    </message>
    <message>
        <source>Return for re&amp;work…</source>
        <translation>&amp;Вернуть на доработку…</translation>
    </message>
    <message>
        <source>C&amp;lose</source>
        <translation>&amp;Закрыть</translation>
    </message>
    <message>
        <source>Record the citizen&apos;s ratin&amp;g…</source>
        <translation>Записать о&amp;ценку гражданина…</translation>
    </message>
    <message>
        <source>Reo&amp;pen…</source>
        <translation>Открыть повторно…</translation>
    </message>
    <message>
        <source>Re&amp;ject…</source>
        <translation>&amp;Отклонить…</translation>
    </message>
    <message>
        <source>Important</source>
        <translation>Важное</translation>
    </message>
    <message>
        <source>Conflict situation</source>
        <translation>Конфликтная ситуация</translation>
    </message>
    <message>
        <source>Disinformation</source>
        <translation>Недостоверная информация</translation>
    </message>
    <message>
        <source>Resonance</source>
        <translation>Резонансное</translation>
    </message>
    <message>
        <source>Repeat appeal</source>
        <translation>Повторное обращение</translation>
    </message>
    <message>
        <source>&amp;High importance</source>
        <translation>Высокая в&amp;ажность</translation>
    </message>
    <message>
        <source>&amp;Merge into a duplicate…</source>
        <translation>Объединить с д&amp;убликатом…</translation>
    </message>
    <message>
        <source>Add a &amp;note…</source>
        <translation>Добавить за&amp;метку…</translation>
    </message>
    <message>
        <source>your role may not do this</source>
        <translation>вашей роли это действие недоступно</translation>
    </message>
    <message>
        <source>not possible in the appeal&apos;s current status</source>
        <translation>недоступно в текущем статусе обращения</translation>
    </message>
    <message>
        <source>something required was not given</source>
        <translation>не указан обязательный параметр</translation>
    </message>
    <message>
        <source>a value was not accepted</source>
        <translation>значение не принято</translation>
    </message>
    <message>
        <source>a text is longer than %1 characters</source>
        <translation>текст длиннее %1 символов</translation>
    </message>
    <message>
        <source>a code is not in the region&apos;s dictionaries</source>
        <translation>кода нет в справочниках региона</translation>
    </message>
    <message>
        <source>the appeal is taken by %1</source>
        <translation>обращение уже взял %1</translation>
    </message>
    <message>
        <source>the appeal is not taken by anyone</source>
        <translation>обращение никем не взято</translation>
    </message>
    <message>
        <source>the deadline is already paused</source>
        <translation>срок уже приостановлен</translation>
    </message>
    <message>
        <source>the deadline is not paused</source>
        <translation>срок не приостановлен</translation>
    </message>
    <message>
        <source>categorise the appeal first</source>
        <translation>сначала классифицируйте обращение</translation>
    </message>
    <message>
        <source>the appeal is outside your scope</source>
        <translation>обращение вне вашей зоны ответственности</translation>
    </message>
    <message>
        <source>the appeal would leave your scope: ask someone whose scope covers both</source>
        <translation>обращение вышло бы из вашей зоны ответственности: передайте его тому, чья зона охватывает обе</translation>
    </message>
    <message>
        <source>the appeal no longer exists on the service</source>
        <translation>обращения больше нет на сервере</translation>
    </message>
    <message>
        <source>the appeal was changed by someone else</source>
        <translation>обращение изменил другой сотрудник</translation>
    </message>
    <message>
        <source>the service could not read the request: the application may be outdated</source>
        <translation>сервис не смог прочитать запрос: возможно, приложение устарело — сообщите администратору</translation>
    </message>
    <message>
        <source>refused by the service (%1)</source>
        <translation>отклонено сервером (%1)</translation>
    </message>
    <message>
        <source>someone else</source>
        <translation>другой сотрудник</translation>
    </message>
    <message>
        <source>Registration</source>
        <translation>Регистрация</translation>
    </message>
    <message>
        <source>The caller too («я тоже»)</source>
        <translation>Заявитель тоже («я тоже»)</translation>
    </message>
    <message>
        <source>Take — taken by %1</source>
        <translation>Взять себе — уже взял %1</translation>
    </message>
    <message>
        <source>Select at most %1 appeals for one action</source>
        <translation>Для одного действия выберите не более %1 обращений</translation>
    </message>
    <message>
        <source>%1: stored, sending to the service…</source>
        <translation>%1: сохранено, отправляется на сервер…</translation>
    </message>
    <message>
        <source>%1: stored; it will be sent when the service is back</source>
        <translation>%1: сохранено; будет отправлено, когда связь восстановится</translation>
    </message>
    <message>
        <source>Already taken by a colleague, left alone: %1</source>
        <translation>Уже взяты коллегами, пропущены: %1</translation>
    </message>
    <message>
        <source>№ %1: «%2» was not done: %3</source>
        <translation>№ %1: «%2» не выполнено: %3</translation>
    </message>
    <message>
        <source>Waiting for the service to confirm: %1</source>
        <translation>Ожидает подтверждения сервера: %1</translation>
    </message>
    <message>
        <source>Taken by %1: they are working on it</source>
        <translation>Обращение в работе у %1</translation>
    </message>
    <message>
        <source>Remove the flag</source>
        <translation>Снять отметку</translation>
    </message>
    <message>
        <source>into appeal %1</source>
        <translation>в обращение %1</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Статус</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>Тематика</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Категория</translation>
    </message>
    <message>
        <source>Municipality</source>
        <translation>Муниципалитет</translation>
    </message>
    <message>
        <source>Responsible body</source>
        <translation>Ответственный орган</translation>
    </message>
    <message>
        <source>Taken by</source>
        <translation>В работе у</translation>
    </message>
    <message>
        <source>Importance, flags</source>
        <translation>Важность и отметки</translation>
    </message>
    <message>
        <source>Interim answer</source>
        <translation>Промежуточный ответ</translation>
    </message>
    <message>
        <source>Final answer</source>
        <translation>Окончательный ответ</translation>
    </message>
    <message>
        <source>Changed on the service while your action waited: choose a version</source>
        <translation>Пока ваше действие ожидало отправки, обращение изменили на сервере: выберите версию</translation>
    </message>
    <message>
        <source>Resolve &amp;conflicts…</source>
        <translation>Разрешить &amp;конфликты версий…</translation>
    </message>
    <message>
        <source>Still looking for possible duplicates: try again in a moment</source>
        <translation>Поиск возможных дубликатов ещё идёт: повторите через мгновение</translation>
    </message>
</context>
<context>
    <name>AppealDetailView</name>
    <message>
        <source>Taken by %1: only they may act on it. Take it over to act yourself.</source>
        <translation>Взято: %1. Действовать с обращением может только взявший; чтобы действовать самим — «Забрать себе».</translation>
    </message>
    <message>
        <source>Choose an appeal in the queue to see it here.</source>
        <translation>Выберите обращение в очереди, чтобы увидеть его здесь.</translation>
    </message>
    <message>
        <source>importance: %1</source>
        <translation>важность: %1</translation>
    </message>
    <message>
        <source>Appeal without a title</source>
        <translation>Обращение без заголовка</translation>
    </message>
    <message>
        <source>open the original</source>
        <translation>открыть оригинал</translation>
    </message>
    <message>
        <source>Author</source>
        <translation>Автор</translation>
    </message>
    <message>
        <source>Municipality</source>
        <translation>Муниципалитет</translation>
    </message>
    <message>
        <source>hidden (a private person&apos;s address)</source>
        <translation>скрыт (адрес частного лица)</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Адрес</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>Тематика</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Категория</translation>
    </message>
    <message>
        <source>Responsible body</source>
        <translation>Ответственный орган</translation>
    </message>
    <message>
        <source>Executor</source>
        <translation>Исполнитель</translation>
    </message>
    <message>
        <source>Taken by</source>
        <translation>Взято в работу</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>Поступило</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>Срок</translation>
    </message>
    <message>
        <source>“Me too”</source>
        <translation>«Я тоже»</translation>
    </message>
    <message>
        <source>Attachments</source>
        <translation>Вложения</translation>
    </message>
    <message>
        <source>hidden (personal data)</source>
        <translation>скрыто (персональные данные)</translation>
    </message>
    <message>
        <source>Interim answer</source>
        <translation>Промежуточный ответ</translation>
    </message>
    <message>
        <source>Final answer</source>
        <translation>Окончательный ответ</translation>
    </message>
    <message numerus="yes">
        <source>Returned for rework %n time(s)</source>
        <translation>
            <numerusform>Возвращалось на доработку %n раз</numerusform>
            <numerusform>Возвращалось на доработку %n раза</numerusform>
            <numerusform>Возвращалось на доработку %n раз</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 of 5</source>
        <translation>%1 из 5</translation>
    </message>
    <message>
        <source>History</source>
        <translation>История</translation>
    </message>
    <message>
        <source>same author</source>
        <translation>тот же автор</translation>
    </message>
    <message>
        <source>same address</source>
        <translation>тот же адрес</translation>
    </message>
    <message>
        <source>same category nearby in time</source>
        <translation>та же категория, близко по времени</translation>
    </message>
    <message>
        <source>similar text</source>
        <translation>похожий текст</translation>
    </message>
    <message>
        <source>merged</source>
        <translation>объединено</translation>
    </message>
    <message>
        <source>Text of the appeal</source>
        <translation>Текст обращения</translation>
    </message>
    <message>
        <source>Source:</source>
        <translation>Источник:</translation>
    </message>
    <message>
        <source>profile</source>
        <translation>профиль</translation>
    </message>
    <message>
        <source>Satisfaction:</source>
        <translation>Удовлетворённость:</translation>
    </message>
    <message>
        <source>Rejected:</source>
        <translation>Отклонено:</translation>
    </message>
    <message>
        <source>Redirected to:</source>
        <translation>Переадресовано:</translation>
    </message>
    <message>
        <source>No answer yet.</source>
        <translation>Ответа пока нет.</translation>
    </message>
    <message>
        <source>Answers</source>
        <translation>Ответы</translation>
    </message>
    <message>
        <source>Related and possible duplicates</source>
        <translation>Связанные и возможные дубликаты</translation>
    </message>
    <message>
        <source>Looking…</source>
        <translation>Поиск…</translation>
    </message>
    <message>
        <source>None found.</source>
        <translation>Не найдено.</translation>
    </message>
</context>
<context>
    <name>CategoriesView</name>
    <message>
        <source>Someone changed the dictionaries meanwhile: they were read again, try again</source>
        <extracomment>After a sync the dock reads again at most this often (seconds).</extracomment>
        <translation>Справочники тем временем изменил кто-то другой: они загружены заново, повторите изменение</translation>
    </message>
    <message>
        <source>The service cannot be reached: the change was not made</source>
        <translation>Нет связи с центральным сервисом: изменение не внесено</translation>
    </message>
    <message>
        <source>Only heads edit the dictionaries, a block head those of their own themes</source>
        <translation>Справочники изменяют только руководители, руководитель блока — по своим тематикам</translation>
    </message>
    <message>
        <source>Each theme keeps at least 3 categories</source>
        <translation>В каждой тематике должно остаться не менее 3 категорий</translation>
    </message>
    <message>
        <source>The change was not made: %1</source>
        <translation>Изменение не внесено: %1</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Название:</translation>
    </message>
    <message>
        <source>no target</source>
        <translation>без цели</translation>
    </message>
    <message>
        <source> appeals</source>
        <translation> обращений</translation>
    </message>
    <message>
        <source>&amp;At most in 30 days:</source>
        <translation>&amp;Не более за 30 дней:</translation>
    </message>
    <message>
        <source>Answered &amp;within the norm:</source>
        <translation>Ответ &amp;в срок:</translation>
    </message>
    <message>
        <source>Categories</source>
        <translation>Категории</translation>
    </message>
    <message>
        <source>&amp;Rename…</source>
        <translation>&amp;Переименовать…</translation>
    </message>
    <message>
        <source>T&amp;argets…</source>
        <translation>&amp;Цели…</translation>
    </message>
    <message>
        <source>Answer &amp;templates…</source>
        <translation>&amp;Шаблоны ответов…</translation>
    </message>
    <message>
        <source>&amp;New category from the proposal…</source>
        <translation>&amp;Новая категория из предложения…</translation>
    </message>
    <message>
        <source>Split it: new categories are proposed below from its texts.</source>
        <translation>Её нужно разделить: ниже предложены новые категории по текстам её обращений.</translation>
    </message>
    <message>
        <source>Rename the category</source>
        <translation>Переименование категории</translation>
    </message>
    <message>
        <source>The category&apos;s targets</source>
        <translation>Целевые показатели категории</translation>
    </message>
    <message>
        <source>Not connected to the service: the dictionaries are edited through it</source>
        <translation>Нет подключения к центральному сервису: справочники изменяются через него</translation>
    </message>
    <message>
        <source>Sending the change to the service…</source>
        <translation>Изменение отправляется на сервис…</translation>
    </message>
    <message>
        <source>The service refused the change: %1</source>
        <translation>Сервис отклонил изменение: %1</translation>
    </message>
    <message>
        <source>&amp;Theme:</source>
        <translation>&amp;Тематика:</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Категория</translation>
    </message>
    <message>
        <source>Appeals, 30 days</source>
        <translation>Обращений за 30 дней</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>Цель</translation>
    </message>
    <message>
        <source>Share of the theme</source>
        <translation>Доля в тематике</translation>
    </message>
    <message>
        <source>Words</source>
        <translation>Слова</translation>
    </message>
    <message>
        <source>Appeals</source>
        <translation>Обращений</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Открытых</translation>
    </message>
    <message>
        <source>Examples</source>
        <translation>Примеры</translation>
    </message>
    <message>
        <source>The region&apos;s dictionaries have not arrived yet</source>
        <translation>Справочники региона ещё не получены</translation>
    </message>
    <message>
        <source>This theme has no catch-all category</source>
        <translation>В этой тематике нет категории «Прочие»</translation>
    </message>
    <message>
        <source>New category of «%1»</source>
        <translation>Новая категория тематики «%1»</translation>
    </message>
    <message>
        <source>Saved as version %1 of the region&apos;s dictionaries</source>
        <translation>Сохранено как версия %1 справочников региона</translation>
    </message>
    <message>
        <source>within the norm %1 %</source>
        <translation>в срок %1 %</translation>
    </message>
    <message>
        <source>at most %1 %2</source>
        <translation>не более %1 %2</translation>
    </message>
    <message>
        <source>Proposed from the texts of «%1» in 30 days: %2 groups</source>
        <translation>Предложено по текстам «%1» за 30 дней: групп — %2</translation>
    </message>
    <message>
        <source>Category «%1» created (version %2); %3 open appeals moved to it, %4 keep theirs</source>
        <translation>Категория «%1» создана (версия %2); открытых обращений перенесено в неё: %3, остались в прежней: %4</translation>
    </message>
    <message>
        <source>«%1» is number %2 of the theme «%3»: %4 of %5 appeals in 30 days (%6 %).</source>
        <translation>«%1» — на %2-м месте в тематике «%3»: %4 из %5 обращений за 30 дней (%6 %).</translation>
    </message>
    <message>
        <source>Categories: a catch-all in a theme&apos;s top</source>
        <translation>Категории: «Прочие» в топе тематики</translation>
    </message>
    <message>
        <source>«%1» is among the biggest categories of «%2»: View → Categories</source>
        <translation>«%1» — среди крупнейших категорий тематики «%2»: Вид → Категории</translation>
    </message>
</context>
<context>
    <name>CategoriseDialog</name>
    <message>
        <source>Categorise</source>
        <translation>Классифицировать</translation>
    </message>
    <message>
        <source>Categorisation</source>
        <translation>Классификация</translation>
    </message>
    <message>
        <source>Type words of the theme or category</source>
        <translation>Введите слова из названия тематики или категории</translation>
    </message>
    <message>
        <source>Keep each appeal&apos;s municipality</source>
        <translation>Оставить муниципалитет каждого обращения</translation>
    </message>
    <message>
        <source>Type part of the name</source>
        <translation>Введите часть названия</translation>
    </message>
    <message>
        <source>Theme › category › subcategory:</source>
        <translation>Тематика › категория › подкатегория:</translation>
    </message>
    <message>
        <source>Municipality:</source>
        <translation>Муниципалитет:</translation>
    </message>
    <message>
        <source>Choose a theme or a category</source>
        <translation>Выберите тематику или категорию</translation>
    </message>
</context>
<context>
    <name>ConflictDialog</name>
    <message>
        <source>Conflict: appeal № %1</source>
        <translation>Конфликт версий: обращение № %1</translation>
    </message>
    <message>
        <source>Appeal № %1 was changed on the service while your action was waiting to be sent. Compare the versions and choose which one stays.</source>
        <translation>Пока ваше действие ожидало отправки, обращение № %1 изменили на сервере. Сравните версии и выберите, какая останется.</translation>
    </message>
    <message>
        <source>&amp;Keep mine: apply it to the current version</source>
        <translation>&amp;Оставить моё: применить к текущей версии</translation>
    </message>
    <message>
        <source>&amp;Take theirs: drop my action</source>
        <translation>&amp;Принять их версию: отменить моё действие</translation>
    </message>
    <message>
        <source>Decide &amp;later</source>
        <translation>Решить &amp;позже</translation>
    </message>
    <message>
        <source>What I did (on version %1)</source>
        <translation>Моё действие (на версии %1)</translation>
    </message>
    <message>
        <source>Now on the service (version %1)</source>
        <translation>Сейчас на сервере (версия %1)</translation>
    </message>
    <message>
        <source>Action:</source>
        <translation>Действие:</translation>
    </message>
    <message>
        <source>The appeal as I saw it:</source>
        <translation>Обращение, каким я его видел:</translation>
    </message>
    <message>
        <source>Fields that differ are marked.</source>
        <translation>Различающиеся поля выделены.</translation>
    </message>
    <message>
        <source>not known</source>
        <translation>неизвестно</translation>
    </message>
</context>
<context>
    <name>ConflictPanel</name>
    <message>
        <source>Rated %1</source>
        <translation>Оценка %1</translation>
    </message>
    <message>
        <source>«Dissatisfied»</source>
        <translation>«Недоволен»</translation>
    </message>
    <message>
        <source>Reopened</source>
        <translation>Открыто повторно</translation>
    </message>
    <message>
        <source>Public post with high reach (%1 «me too»)</source>
        <translation>Публикация с высоким охватом («я тоже»: %1)</translation>
    </message>
    <message>
        <source>Again from the same author</source>
        <translation>Повторно от того же автора</translation>
    </message>
    <message>
        <source>Again from the same author (after № %1)</source>
        <translation>Повторно от того же автора (после № %1)</translation>
    </message>
    <message>
        <source>Again at the same address</source>
        <translation>Повторно по тому же адресу</translation>
    </message>
    <message>
        <source>Again at the same address (after № %1)</source>
        <translation>Повторно по тому же адресу (после № %1)</translation>
    </message>
    <message>
        <source>To a higher body about an earlier appeal</source>
        <translation>В вышестоящий орган по прежнему обращению</translation>
    </message>
    <message>
        <source>To a higher body (after № %1)</source>
        <translation>В вышестоящий орган (после № %1)</translation>
    </message>
    <message>
        <source>Conflict situation № %1</source>
        <translation>Конфликтная ситуация № %1</translation>
    </message>
    <message>
        <source>&amp;Settled</source>
        <translation>&amp;Урегулирована</translation>
    </message>
    <message>
        <source>&amp;Not settled</source>
        <translation>&amp;Не урегулирована</translation>
    </message>
    <message>
        <source>&amp;How (what was done, with whom):</source>
        <translation>&amp;Как (что сделано, с кем):</translation>
    </message>
    <message>
        <source>Conflict situations</source>
        <translation>Конфликтные ситуации</translation>
    </message>
    <message>
        <source>Record the &amp;resolution…</source>
        <translation>Записать &amp;урегулирование…</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>Номер</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>Поступило</translation>
    </message>
    <message>
        <source>Reasons</source>
        <translation>Причины</translation>
    </message>
    <message>
        <source>Last resolution</source>
        <translation>Последнее урегулирование</translation>
    </message>
    <message>
        <source>Record the conflict&apos;s resolution…</source>
        <translation>Записать урегулирование конфликта…</translation>
    </message>
    <message>
        <source>settled</source>
        <translation>урегулирована</translation>
    </message>
    <message>
        <source>not settled</source>
        <translation>не урегулирована</translation>
    </message>
    <message>
        <source>Open conflict situations: %1</source>
        <translation>Открытых конфликтных ситуаций: %1</translation>
    </message>
</context>
<context>
    <name>ConsoleLauncher</name>
    <message>
        <source>Sign in to another server…</source>
        <translation>Войти на другой сервер…</translation>
    </message>
    <message>
        <source>Synchronise now</source>
        <translation>Синхронизировать сейчас</translation>
    </message>
    <message>
        <source>The central service ended this sign-in: sign in again</source>
        <translation>Центральный сервис завершил сеанс: войдите снова</translation>
    </message>
    <message>
        <source>The central service ended this sign-in. Sign in again.</source>
        <translation>Центральный сервис завершил сеанс. Войдите снова.</translation>
    </message>
</context>
<context>
    <name>ConsoleMenus</name>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Файл</translation>
    </message>
    <message>
        <source>&amp;Go</source>
        <translation>&amp;Переход</translation>
    </message>
    <message>
        <source>&amp;Search</source>
        <translation>П&amp;оиск</translation>
    </message>
    <message>
        <source>&amp;Appeal</source>
        <translation>&amp;Обращение</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Вид</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Справка</translation>
    </message>
    <message>
        <source>&amp;About…</source>
        <translation>&amp;О программе…</translation>
    </message>
</context>
<context>
    <name>ConsoleStatusBar</name>
    <message>
        <source>Online</source>
        <translation>В сети</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>Не в сети</translation>
    </message>
    <message numerus="yes">
        <source>%Ln action(s) not yet sent</source>
        <translation>
            <numerusform>%Ln действие ещё не отправлено</numerusform>
            <numerusform>%Ln действия ещё не отправлены</numerusform>
            <numerusform>%Ln действий ещё не отправлено</numerusform>
        </translation>
    </message>
    <message>
        <source>All actions sent</source>
        <translation>Все действия отправлены</translation>
    </message>
    <message>
        <source>Offline: working from the cache</source>
        <translation>Не в сети: работа с локальной копией</translation>
    </message>
    <message>
        <source>The console was opened without connecting to the central service</source>
        <translation>Консоль открыта без подключения к центральному сервису</translation>
    </message>
    <message>
        <source>Online, re-synchronised at %1</source>
        <translation>В сети, данные загружены заново в %1</translation>
    </message>
    <message>
        <source>The central service&apos;s data was restored from a backup or replaced: this workstation loaded it afresh</source>
        <translation>Данные центрального сервиса восстановлены из резервной копии или заменены: рабочее место загрузило их заново</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Подключение…</translation>
    </message>
    <message>
        <source>Signed out: sign in again</source>
        <translation>Сеанс завершён: войдите снова</translation>
    </message>
    <message>
        <source>The central service no longer accepts this sign-in (File menu)</source>
        <translation>Центральный сервис больше не принимает этот вход (меню «Файл»)</translation>
    </message>
    <message>
        <source>Synchronisation stopped</source>
        <translation>Синхронизация остановлена</translation>
    </message>
    <message>
        <source>The central service cannot be reached; working from the cache</source>
        <translation>Нет связи с центральным сервисом; работа с локальной копией</translation>
    </message>
    <message>
        <source>Next attempt at %1</source>
        <translation>Следующая попытка в %1</translation>
    </message>
    <message>
        <source>Offline, retrying at %1</source>
        <translation>Не в сети, повтор в %1</translation>
    </message>
    <message>
        <source>Never synchronised</source>
        <translation>Синхронизации ещё не было</translation>
    </message>
    <message>
        <source>Synchronised %1 (%2)</source>
        <translation>Синхронизация: %1 (%2)</translation>
    </message>
    <message>
        <source>just now</source>
        <translation>только что</translation>
    </message>
    <message numerus="yes">
        <source>%n minute(s) ago</source>
        <translation>
            <numerusform>%n минуту назад</numerusform>
            <numerusform>%n минуты назад</numerusform>
            <numerusform>%n минут назад</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n hour(s) ago</source>
        <translation>
            <numerusform>%n час назад</numerusform>
            <numerusform>%n часа назад</numerusform>
            <numerusform>%n часов назад</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n day(s) ago</source>
        <translation>
            <numerusform>%n день назад</numerusform>
            <numerusform>%n дня назад</numerusform>
            <numerusform>%n дней назад</numerusform>
        </translation>
    </message>
    <message>
        <source>local user</source>
        <translation>локальный пользователь</translation>
    </message>
    <message>
        <source>whole region</source>
        <translation>весь регион</translation>
    </message>
    <message>
        <source>scope: %1</source>
        <translation>зона: %1</translation>
    </message>
</context>
<context>
    <name>ConsoleWindow</name>
    <message>
        <source>New appeal…</source>
        <translation>Новое обращение…</translation>
    </message>
    <message>
        <source>Regional Management Centre — operator console</source>
        <translation>Центр управления регионом — пульт оператора</translation>
    </message>
    <message>
        <source>E&amp;xit</source>
        <translation>В&amp;ыход</translation>
    </message>
    <message>
        <source>Next queue</source>
        <translation>Следующая очередь</translation>
    </message>
    <message>
        <source>Previous queue</source>
        <translation>Предыдущая очередь</translation>
    </message>
    <message>
        <source>Next appeal</source>
        <translation>Следующее обращение</translation>
    </message>
    <message>
        <source>Previous appeal</source>
        <translation>Предыдущее обращение</translation>
    </message>
    <message>
        <source>Open the appeal</source>
        <translation>Открыть карточку обращения</translation>
    </message>
    <message>
        <source>Go to the queues</source>
        <translation>Перейти к очередям</translation>
    </message>
    <message>
        <source>Go to the table</source>
        <translation>Перейти к списку</translation>
    </message>
    <message>
        <source>Go to the appeal</source>
        <translation>Перейти к карточке</translation>
    </message>
    <message>
        <source>Find…</source>
        <translation>Найти…</translation>
    </message>
    <message>
        <source>Save filters as queue…</source>
        <translation>Сохранить фильтры как очередь…</translation>
    </message>
    <message>
        <source>Reset filters</source>
        <translation>Сбросить фильтры</translation>
    </message>
    <message>
        <source>Go to the filters</source>
        <translation>К фильтрам</translation>
    </message>
    <message>
        <source>Overdue only</source>
        <translation>Только просроченные</translation>
    </message>
    <message>
        <source>Open the original</source>
        <translation>Открыть оригинал</translation>
    </message>
    <message>
        <source>Copy the number</source>
        <translation>Копировать номер</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Обновить</translation>
    </message>
    <message>
        <source>Keyboard shortcuts…</source>
        <translation>Сочетания клавиш…</translation>
    </message>
    <message>
        <source>Save as queue</source>
        <translation>Сохранить как очередь</translation>
    </message>
    <message>
        <source>Queue name:</source>
        <translation>Название очереди:</translation>
    </message>
    <message>
        <source>A queue with this name already exists</source>
        <translation>Очередь с таким названием уже есть</translation>
    </message>
</context>
<context>
    <name>CrashDialog</name>
    <message>
        <source>Copy details</source>
        <extracomment>The two occasions the window is shown for.</extracomment>
        <translation>Копировать сведения</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Закрыть</translation>
    </message>
    <message>
        <source>The program closed unexpectedly</source>
        <translation>Программа была закрыта аварийно</translation>
    </message>
    <message>
        <source>Last time the program closed unexpectedly.</source>
        <translation>В прошлый раз программа была закрыта аварийно.</translation>
    </message>
    <message>
        <source>Your work is kept: actions wait in the outbox until the service receives them. If this happens again, copy the details and send them to your IT support.</source>
        <translation>Ваша работа сохранена: действия ждут в очереди отправки, пока сервис их не получит. Если это повторится, скопируйте сведения и отправьте их в службу поддержки.</translation>
    </message>
    <message>
        <source>Program error</source>
        <translation>Ошибка программы</translation>
    </message>
    <message>
        <source>Something went wrong.</source>
        <translation>Что-то пошло не так.</translation>
    </message>
    <message>
        <source>The program keeps working, but the last action may not have been completed: check it. If this happens again, copy the details and send them to your IT support.</source>
        <translation>Программа продолжает работу, но последнее действие могло не выполниться: проверьте его. Если это повторится, скопируйте сведения и отправьте их в службу поддержки.</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>Скопировано</translation>
    </message>
    <message numerus="yes">
        <source>Something went wrong (%n errors).</source>
        <translation>
            <numerusform>Что-то пошло не так (%n ошибка).</numerusform>
            <numerusform>Что-то пошло не так (%n ошибки).</numerusform>
            <numerusform>Что-то пошло не так (%n ошибок).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DeskFigures</name>
    <message>
        <source>Received</source>
        <extracomment>Figures shown, in order (the totals list every one; the groups table these).</extracomment>
        <translation>Поступило</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>Рассмотрено</translation>
    </message>
    <message>
        <source>Within the norm</source>
        <translation>В срок</translation>
    </message>
    <message>
        <source>Overdue in the period</source>
        <translation>Просрочено за период</translation>
    </message>
    <message>
        <source>Overdue now</source>
        <translation>Просрочено сейчас</translation>
    </message>
    <message>
        <source>First reaction, median, h</source>
        <translation>Первая реакция, медиана, ч</translation>
    </message>
    <message>
        <source>First reaction, mean, h</source>
        <translation>Первая реакция, среднее, ч</translation>
    </message>
    <message>
        <source>Final answer, median, h</source>
        <translation>Ответ, медиана, ч</translation>
    </message>
    <message>
        <source>Final answer, mean, h</source>
        <translation>Ответ, среднее, ч</translation>
    </message>
    <message>
        <source>Rated 4–5</source>
        <translation>Оценки 4–5</translation>
    </message>
    <message>
        <source>«Satisfied»</source>
        <translation>«Доволен»</translation>
    </message>
    <message>
        <source>Returned for rework</source>
        <translation>На доработку</translation>
    </message>
    <message>
        <source>Repeat</source>
        <translation>Повторные</translation>
    </message>
    <message>
        <source>Reopened</source>
        <translation>Открыто повторно</translation>
    </message>
    <message>
        <source>Responded</source>
        <translation>Дана реакция</translation>
    </message>
    <message>
        <source>Satisfied, all channels</source>
        <translation>Удовлетворены, все каналы</translation>
    </message>
    <message>
        <source>Overdue at the platform (POS)</source>
        <translation>Просрочено по ПОС</translation>
    </message>
    <message>
        <source>Fast track (POS)</source>
        <translation>Фаст-трек ПОС</translation>
    </message>
    <message>
        <source>Finished late</source>
        <translation>Рассмотрено с опозданием</translation>
    </message>
    <message>
        <source>Rated 1–3</source>
        <translation>Оценки 1–3</translation>
    </message>
    <message>
        <source>Author not satisfied</source>
        <translation>Автор не доволен</translation>
    </message>
    <message>
        <source>Not satisfied</source>
        <translation>Не удовлетворены</translation>
    </message>
    <message>
        <source>No reaction yet</source>
        <translation>Без реакции</translation>
    </message>
    <message>
        <source>Figure</source>
        <translation>Показатель</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>Период</translation>
    </message>
    <message>
        <source>Previous</source>
        <translation>Пред. период</translation>
    </message>
    <message>
        <source>A year earlier</source>
        <translation>Год назад</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>Цель</translation>
    </message>
    <message>
        <source>Enter or double-click: these appeals in the queue</source>
        <translation>Enter или двойной щелчок: эти обращения в очереди</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Наименование</translation>
    </message>
    <message>
        <source>(not set)</source>
        <translation>(не указано)</translation>
    </message>
</context>
<context>
    <name>DeskLauncher</name>
    <message>
        <source>&amp;Analytics…</source>
        <extracomment>the signed-in session (set by the launcher): a head loads the methodology through it</extracomment>
        <translation>&amp;Аналитика…</translation>
    </message>
</context>
<context>
    <name>DeskProblemControl</name>
    <message>
        <source>Now, whatever the period: the situations still open</source>
        <translation>Сейчас, независимо от периода: ситуации, которые ещё открыты</translation>
    </message>
    <message>
        <source>Figure</source>
        <translation>Показатель</translation>
    </message>
    <message>
        <source>Now</source>
        <translation>Сейчас</translation>
    </message>
    <message>
        <source>Measures and their effect (appeals per week)</source>
        <translation>Меры и их эффект (обращений в неделю)</translation>
    </message>
    <message>
        <source>Measure</source>
        <translation>Мера</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Исполнитель</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Статус</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>До</translation>
    </message>
    <message>
        <source>Since</source>
        <translation>После</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Изменение</translation>
    </message>
    <message>
        <source>A year earlier</source>
        <translation>Год назад</translation>
    </message>
    <message>
        <source>rating 1–3</source>
        <translation>оценка 1–3</translation>
    </message>
    <message>
        <source>«недоволен»</source>
        <translation>«недоволен»</translation>
    </message>
    <message>
        <source>reopened</source>
        <translation>возобновлено</translation>
    </message>
    <message>
        <source>again from the same author</source>
        <translation>повторно от того же автора</translation>
    </message>
    <message>
        <source>again at the same address</source>
        <translation>повторно по тому же адресу</translation>
    </message>
    <message>
        <source>to a higher body</source>
        <translation>в вышестоящий орган</translation>
    </message>
    <message>
        <source>a post with high reach</source>
        <translation>публикация с большим охватом</translation>
    </message>
    <message>
        <source>being checked</source>
        <translation>на проверке</translation>
    </message>
    <message>
        <source>false</source>
        <translation>недостоверно</translation>
    </message>
    <message>
        <source>refuted</source>
        <translation>опровергнуто</translation>
    </message>
    <message>
        <source>not confirmed</source>
        <translation>не подтвердилось</translation>
    </message>
    <message>
        <source>Open conflict situations</source>
        <translation>Открытые конфликтные ситуации</translation>
    </message>
    <message>
        <source>Conflict situations</source>
        <translation>Конфликтные ситуации</translation>
    </message>
    <message>
        <source>Settled</source>
        <translation>Урегулировано</translation>
    </message>
    <message>
        <source>Not settled after a try</source>
        <translation>Не урегулировано после попытки</translation>
    </message>
    <message>
        <source>Disinformation cases being checked</source>
        <translation>Дела о недостоверной информации на проверке</translation>
    </message>
    <message>
        <source>Median hours to refutation</source>
        <translation>Медиана часов до опровержения</translation>
    </message>
    <message>
        <source>Problems (3 or more appeals in 60 days)</source>
        <translation>Проблемы (от 3 обращений за 60 дней)</translation>
    </message>
    <message>
        <source>Appeals in problems</source>
        <translation>Обращения в проблемах</translation>
    </message>
    <message>
        <source>Growing problems</source>
        <translation>Растущие проблемы</translation>
    </message>
    <message>
        <source>Enter or double-click: these appeals in the queue</source>
        <translation>Enter или двойной щелчок: эти обращения в очереди</translation>
    </message>
</context>
<context>
    <name>DeskRatings</name>
    <message>
        <source>Place</source>
        <extracomment>Fixed columns before the history: place, move, name, received, criteria, score, zone.</extracomment>
        <translation>Место</translation>
    </message>
    <message>
        <source>Move</source>
        <translation>Сдвиг</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Наименование</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>Поступило</translation>
    </message>
    <message>
        <source>Completeness</source>
        <translation>Полнота</translation>
    </message>
    <message>
        <source>Timeliness</source>
        <translation>Своевременность</translation>
    </message>
    <message>
        <source>Speed</source>
        <translation>Скорость</translation>
    </message>
    <message>
        <source>Satisfaction</source>
        <translation>Удовлетворённость</translation>
    </message>
    <message>
        <source>Quality</source>
        <translation>Качество</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>Балл</translation>
    </message>
    <message>
        <source>Zone</source>
        <translation>Зона</translation>
    </message>
    <message>
        <source>Why in the red zone</source>
        <translation>Почему в красной зоне</translation>
    </message>
    <message>
        <source>green</source>
        <translation>зелёная</translation>
    </message>
    <message>
        <source>yellow</source>
        <translation>жёлтая</translation>
    </message>
    <message>
        <source>red</source>
        <translation>красная</translation>
    </message>
    <message>
        <source>not rated: too few appeals</source>
        <translation>не оценивается: мало обращений</translation>
    </message>
    <message>
        <source>score %1 below %2</source>
        <translation>балл %1 ниже %2</translation>
    </message>
    <message>
        <source>place %1 of %2: among the last %3</source>
        <translation>место %1 из %2: среди последних %3</translation>
    </message>
    <message>
        <source>(not set)</source>
        <translation>(не указано)</translation>
    </message>
    <message>
        <source>Enter or double-click: these appeals in the queue</source>
        <translation>Enter или двойной щелчок: эти обращения в очереди</translation>
    </message>
</context>
<context>
    <name>DeskWindow</name>
    <message>
        <source>Analytics — the head&apos;s desk</source>
        <translation>Аналитика — рабочий стол руководителя</translation>
    </message>
    <message>
        <source>Theme blocks</source>
        <translation>Отраслевые блоки</translation>
    </message>
    <message>
        <source>Themes</source>
        <translation>Темы</translation>
    </message>
    <message>
        <source>Municipalities</source>
        <translation>Муниципалитеты</translation>
    </message>
    <message>
        <source>Bodies</source>
        <translation>Органы власти</translation>
    </message>
    <message>
        <source>Channels</source>
        <translation>Каналы</translation>
    </message>
    <message>
        <source>Monthly report</source>
        <translation>Ежемесячный отчёт</translation>
    </message>
    <message>
        <source>Quarterly report</source>
        <translation>Квартальный отчёт</translation>
    </message>
    <message>
        <source>Weekly bulletin</source>
        <translation>Еженедельный бюллетень</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>Выгрузить…</translation>
    </message>
    <message>
        <source>Load methodology…</source>
        <translation>Загрузить методику…</translation>
    </message>
    <message>
        <source>Load the region&apos;s rating methodology, targets and report sections (a JSON file); workstations and walls receive it with their sync</source>
        <translation>Загрузить методику региона: рейтинг, целевые значения и разделы отчётов (файл JSON); рабочие места и видеостена получат её при синхронизации</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Что</translation>
    </message>
    <message>
        <source>Forecast</source>
        <translation>Прогноз</translation>
    </message>
    <message>
        <source>80 % interval</source>
        <translation>Интервал 80 %</translation>
    </message>
    <message>
        <source>Reliability</source>
        <translation>Надёжность</translation>
    </message>
    <message>
        <source>By:</source>
        <translation>Разрез:</translation>
    </message>
    <message>
        <source>Figures</source>
        <translation>Показатели</translation>
    </message>
    <message>
        <source>Ratings</source>
        <translation>Рейтинги</translation>
    </message>
    <message>
        <source>Category targets</source>
        <translation>Цели категорий</translation>
    </message>
    <message>
        <source>Problem control</source>
        <translation>Проблемный контроль</translation>
    </message>
    <message>
        <source>Forecast: the 7 days after the period</source>
        <translation>Прогноз: 7 дней после периода</translation>
    </message>
    <message>
        <source>Monthly</source>
        <translation>Месячный</translation>
    </message>
    <message>
        <source>Weekly</source>
        <translation>Недельный</translation>
    </message>
    <message>
        <source>Theme block</source>
        <translation>Отраслевой блок</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Категория</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>Поступило</translation>
    </message>
    <message>
        <source>At most</source>
        <translation>Не более</translation>
    </message>
    <message>
        <source>Previous period</source>
        <translation>Предыдущий период</translation>
    </message>
    <message>
        <source>Within the norm</source>
        <translation>В срок</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>Цель</translation>
    </message>
    <message>
        <source>Target broken</source>
        <translation>Цель нарушена</translation>
    </message>
    <message>
        <source>more than %1</source>
        <translation>более %1</translation>
    </message>
    <message>
        <source>within the norm below %1</source>
        <translation>в срок ниже %1</translation>
    </message>
    <message>
        <source>The region sets no category targets (they are set in the «Categories» dock of the console: at most so many appeals a month, a share answered within the norm)</source>
        <translation>Регион не задал целевых значений категорий (они задаются в панели «Категории» консоли: не более стольких обращений в месяц, доля ответов в срок)</translation>
    </message>
    <message>
        <source>%1: %2 categories with targets, %3 broken. «At most»: the monthly maximum for the period (a quarter: three months; a week or a day: by its days over 30). Enter or a double click opens the appeals received (or finished late, on the norm&apos;s columns).</source>
        <translation>%1: категорий с целевыми значениями — %2, нарушено — %3. «Не более»: месячный предел на период (квартал — три месяца; неделя или день — по числу дней из 30). Enter или двойной щелчок открывает поступившие обращения (на столбцах «В срок» — рассмотренные с нарушением срока).</translation>
    </message>
    <message>
        <source>%1: %2 rated, %3 in the red zone (score below %4 or the last %5 places); at least %6 appeals to be rated; methodology version %7</source>
        <translation>%1: оценено %2, в красной зоне %3 (балл ниже %4 или последние %5 мест); для оценки нужно не меньше %6 обращений; методика, версия %7</translation>
    </message>
    <message>
        <source>Computing %1…</source>
        <translation>Расчёт за %1…</translation>
    </message>
    <message>
        <source>reliable: clearly better than last week repeated</source>
        <translation>надёжный: заметно лучше повтора прошлой недели</translation>
    </message>
    <message>
        <source>fairly reliable: a little better than last week repeated</source>
        <translation>умеренно надёжный: чуть лучше повтора прошлой недели</translation>
    </message>
    <message>
        <source>unreliable: no better than last week repeated</source>
        <translation>ненадёжный: не лучше повтора прошлой недели</translation>
    </message>
    <message>
        <source>not rated: too short a history</source>
        <translation>не оценён: мало истории</translation>
    </message>
    <message>
        <source>The region</source>
        <translation>Весь регион</translation>
    </message>
    <message>
        <source>The figures could not be computed: %1</source>
        <translation>Показатели не рассчитаны: %1</translation>
    </message>
    <message>
        <source>%1: %2 – %3, compared with %4 and %5 (%6 s)</source>
        <translation>%1: %2 – %3, сравнение с %4 и %5 (%6 с)</translation>
    </message>
    <message>
        <source>Save the report</source>
        <translation>Сохранить отчёт</translation>
    </message>
    <message>
        <source>PDF (*.pdf);;Excel (*.xlsx)</source>
        <translation>PDF (*.pdf);;Excel (*.xlsx)</translation>
    </message>
    <message>
        <source>Writing %1…</source>
        <translation>Запись %1…</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>Сохранено: %1</translation>
    </message>
    <message>
        <source>Load the region&apos;s methodology</source>
        <translation>Методика региона</translation>
    </message>
    <message>
        <source>JSON (*.json)</source>
        <translation>JSON (*.json)</translation>
    </message>
    <message>
        <source>Methodology not loaded</source>
        <translation>Методика не загружена</translation>
    </message>
    <message>
        <source>%1: not a usable methodology: %2</source>
        <translation>%1: методику нельзя использовать: %2</translation>
    </message>
    <message>
        <source>Not connected to the service: the methodology was not loaded</source>
        <translation>Нет связи с сервером: методика не загружена</translation>
    </message>
    <message>
        <source>Loading the methodology…</source>
        <translation>Загрузка методики…</translation>
    </message>
    <message>
        <source>Methodology version %1 loaded; workstations and walls get it at their sync</source>
        <translation>Загружена методика, версия %1; рабочие места и видеостена получат её при синхронизации</translation>
    </message>
    <message>
        <source>Only the head of the ЦУР may load the methodology</source>
        <translation>Загружать методику может только руководитель ЦУР</translation>
    </message>
    <message>
        <source>The service refused the methodology: %1</source>
        <translation>Сервер не принял методику: %1</translation>
    </message>
    <message>
        <source>The methodology could not be sent: %1</source>
        <translation>Методику не удалось отправить: %1</translation>
    </message>
</context>
<context>
    <name>DetailSource</name>
    <message>
        <source>new deadline %1</source>
        <translation>новый срок %1</translation>
    </message>
    <message>
        <source>into appeal %1</source>
        <translation>в обращение %1</translation>
    </message>
    <message>
        <source>from %1</source>
        <translation>прежде было у: %1</translation>
    </message>
</context>
<context>
    <name>DisinfoPanel</name>
    <message>
        <source>Being checked</source>
        <translation>На проверке</translation>
    </message>
    <message>
        <source>False</source>
        <translation>Недостоверно</translation>
    </message>
    <message>
        <source>Refuted</source>
        <translation>Опровергнуто</translation>
    </message>
    <message>
        <source>Not confirmed</source>
        <translation>Не подтвердилось</translation>
    </message>
    <message>
        <source>Disinformation case from № %1</source>
        <translation>Дело о недостоверной информации по № %1</translation>
    </message>
    <message>
        <source>&amp;Claim:</source>
        <translation>&amp;Утверждение:</translation>
    </message>
    <message>
        <source>Looking for texts that say the same…</source>
        <translation>Поиск текстов с тем же утверждением…</translation>
    </message>
    <message>
        <source>Texts that say the same within two weeks: %1</source>
        <translation>Тексты с тем же утверждением за две недели: %1</translation>
    </message>
    <message>
        <source>Decision on case %1</source>
        <translation>Решение по делу %1</translation>
    </message>
    <message>
        <source>&amp;Status:</source>
        <translation>&amp;Статус:</translation>
    </message>
    <message>
        <source>&amp;Refutation:</source>
        <translation>&amp;Опровержение:</translation>
    </message>
    <message>
        <source>&amp;Link to the refutation:</source>
        <translation>&amp;Ссылка на опровержение:</translation>
    </message>
    <message>
        <source>Disinformation cases</source>
        <translation>Дела о недостоверной информации</translation>
    </message>
    <message>
        <source>&amp;Open a case…</source>
        <translation>&amp;Открыть дело…</translation>
    </message>
    <message>
        <source>&amp;Decision…</source>
        <translation>&amp;Решение…</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>Дело</translation>
    </message>
    <message>
        <source>Claim</source>
        <translation>Утверждение</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Статус</translation>
    </message>
    <message>
        <source>Appeals</source>
        <translation>Обращения</translation>
    </message>
    <message>
        <source>First seen</source>
        <translation>Впервые</translation>
    </message>
    <message>
        <source>Decided</source>
        <translation>Решение принято</translation>
    </message>
    <message>
        <source>Hours to refutation</source>
        <translation>Часов до опровержения</translation>
    </message>
    <message>
        <source>Open a disinformation case…</source>
        <translation>Открыть дело о недостоверной информации…</translation>
    </message>
    <message>
        <source>Cases: %1, being checked: %2</source>
        <translation>Дел: %1, на проверке: %2</translation>
    </message>
    <message>
        <source>Appeals and posts</source>
        <translation>Обращения и публикации</translation>
    </message>
    <message>
        <source>Refutation</source>
        <translation>Опровержение</translation>
    </message>
    <message>
        <source>Link</source>
        <translation>Ссылка</translation>
    </message>
</context>
<context>
    <name>FeedPage</name>
    <message>
        <source>New appeals</source>
        <translation>Новые обращения</translation>
    </message>
    <message>
        <source>personal data hidden; newest first</source>
        <translation>персональные данные скрыты; сначала новые</translation>
    </message>
    <message>
        <source>«%1» (%2)</source>
        <translation>«%1» (%2)</translation>
    </message>
    <message>
        <source>Being checked as disinformation:</source>
        <translation>Проверяется на недостоверность:</translation>
    </message>
    <message>
        <source>high importance</source>
        <translation>высокая важность</translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message>
        <source>All themes</source>
        <translation>Все тематики</translation>
    </message>
    <message>
        <source>All municipalities</source>
        <translation>Все муниципалитеты</translation>
    </message>
    <message>
        <source>All bodies</source>
        <translation>Все органы</translation>
    </message>
    <message>
        <source>Search the text of appeals (Ctrl+F)</source>
        <translation>Поиск по тексту обращений (Ctrl+F)</translation>
    </message>
    <message>
        <source>Received from</source>
        <translation>Поступили с</translation>
    </message>
    <message>
        <source>to</source>
        <translation>по</translation>
    </message>
    <message>
        <source>not set</source>
        <translation>не задано</translation>
    </message>
    <message>
        <source>Overdue only</source>
        <translation>Только просроченные</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>Сбросить</translation>
    </message>
    <message>
        <source>Save as queue…</source>
        <translation>Сохранить как очередь…</translation>
    </message>
    <message>
        <source>All categories</source>
        <translation>Все категории</translation>
    </message>
    <message>
        <source>All channels</source>
        <translation>Все каналы</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>Все статусы</translation>
    </message>
    <message>
        <source>Any importance</source>
        <translation>Любая важность</translation>
    </message>
    <message>
        <source>Any flags</source>
        <translation>Любые отметки</translation>
    </message>
</context>
<context>
    <name>Flag</name>
    <message>
        <source>Overdue at the platform</source>
        <translation>Просрочено на платформе</translation>
    </message>
    <message>
        <source>Fast track</source>
        <translation>Фаст-трек</translation>
    </message>
    <message>
        <source>Important</source>
        <translation>Важное</translation>
    </message>
    <message>
        <source>Conflict</source>
        <translation>Конфликтное</translation>
    </message>
    <message>
        <source>Disinformation</source>
        <translation>Недостоверное</translation>
    </message>
    <message>
        <source>Repeat</source>
        <translation>Повторное</translation>
    </message>
    <message>
        <source>Resonance</source>
        <translation>Резонансное</translation>
    </message>
    <message>
        <source>Needs categorisation</source>
        <translation>Требует категоризации</translation>
    </message>
</context>
<context>
    <name>GroupsChart</name>
    <message>
        <source>This period</source>
        <translation>Этот период</translation>
    </message>
    <message>
        <source>Previous period</source>
        <translation>Предыдущий период</translation>
    </message>
</context>
<context>
    <name>HeatmapPage</name>
    <message>
        <source>Top problems</source>
        <translation>Главные проблемы</translation>
    </message>
    <message>
        <source>Where the problems are</source>
        <translation>Где проблемы</translation>
    </message>
    <message>
        <source>per 10,000 residents</source>
        <translation>на 10 000 жителей</translation>
    </message>
    <message>
        <source>appeals</source>
        <translation>обращений</translation>
    </message>
    <message>
        <source>categories of «%1»</source>
        <translation>категории темы «%1»</translation>
    </message>
    <message>
        <source>by theme</source>
        <translation>по темам</translation>
    </message>
    <message>
        <source>%1, %2 days, %3</source>
        <translation>%1, %2 дней, %3</translation>
    </message>
    <message>
        <source>mostly: %1</source>
        <translation>больше всего: %1</translation>
    </message>
</context>
<context>
    <name>HighImportanceNotifier</name>
    <message>
        <source>New high-importance appeal</source>
        <translation>Новое обращение высокой важности</translation>
    </message>
    <message>
        <source>№ %1: %2</source>
        <translation>№ %1: %2</translation>
    </message>
    <message numerus="yes">
        <source>%n new high-importance appeal(s)</source>
        <translation>
            <numerusform>%n новое обращение высокой важности</numerusform>
            <numerusform>%n новых обращения высокой важности</numerusform>
            <numerusform>%n новых обращений высокой важности</numerusform>
        </translation>
    </message>
    <message>
        <source>The newest: № %1: %2</source>
        <translation>Последнее: № %1: %2</translation>
    </message>
</context>
<context>
    <name>Importance</name>
    <message>
        <source>Normal</source>
        <translation>Обычная</translation>
    </message>
    <message>
        <source>High</source>
        <translation>Высокая</translation>
    </message>
    <message>
        <source>Private message</source>
        <translation>ЛС</translation>
    </message>
</context>
<context>
    <name>Kind</name>
    <message>
        <source>Appeal (59-FZ)</source>
        <translation>Обращение (59-ФЗ)</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Сообщение</translation>
    </message>
    <message>
        <source>Social media incident</source>
        <translation>Инцидент в соцсетях</translation>
    </message>
</context>
<context>
    <name>KpiPage</name>
    <message>
        <source>Received today</source>
        <translation>Поступило сегодня</translation>
    </message>
    <message>
        <source>Received this week</source>
        <translation>Поступило за неделю</translation>
    </message>
    <message>
        <source>In work</source>
        <translation>В работе</translation>
    </message>
    <message>
        <source>Overdue now</source>
        <translation>Просрочено сейчас</translation>
    </message>
    <message>
        <source>Answered within the norm, 7 days</source>
        <translation>Ответ в срок, 7 дней</translation>
    </message>
    <message>
        <source>Median reaction time, 7 days</source>
        <translation>Медиана реакции, 7 дней</translation>
    </message>
    <message>
        <source>Ratings 4–5, 30 days</source>
        <translation>Оценки 4–5, 30 дней</translation>
    </message>
    <message>
        <source>«Satisfied» reactions, 30 days</source>
        <translation>Реакция «доволен», 30 дней</translation>
    </message>
    <message>
        <source>yesterday by this time: %1</source>
        <translation>вчера к этому часу: %1</translation>
    </message>
    <message>
        <source>last week by this day: %1</source>
        <translation>на прошлой неделе к этому дню: %1</translation>
    </message>
    <message>
        <source>a week ago: %1</source>
        <translation>неделю назад: %1</translation>
    </message>
    <message>
        <source>previous 7 days: %1</source>
        <translation>предыдущие 7 дней: %1</translation>
    </message>
    <message>
        <source>previous 30 days: %1</source>
        <translation>предыдущие 30 дней: %1</translation>
    </message>
    <message>
        <source>norm: %1</source>
        <translation>норматив: %1</translation>
    </message>
    <message>
        <source>Key figures</source>
        <translation>Ключевые показатели</translation>
    </message>
    <message>
        <source>as of %1</source>
        <translation>на %1</translation>
    </message>
    <message>
        <source>Open conflict situations: %1</source>
        <translation>Открытых конфликтных ситуаций: %1</translation>
    </message>
    <message>
        <source>Disinformation cases being checked: %1</source>
        <translation>Дел о недостоверной информации на проверке: %1</translation>
    </message>
    <message>
        <source>Red zone, %1 days: bodies %2, municipalities %3</source>
        <translation>Красная зона за %1 дней: органов %2, муниципалитетов %3</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>Sign in to the central service</source>
        <translation>Вход в центральный сервис</translation>
    </message>
    <message>
        <source>Sign in with the account the Regional Management Centre gave you. The password is not stored: the workstation keeps only an access token.</source>
        <translation>Войдите с учётной записью, выданной Центром управления регионом. Пароль не сохраняется: рабочее место хранит только ключ доступа.</translation>
    </message>
    <message>
        <source>user name</source>
        <translation>имя пользователя</translation>
    </message>
    <message>
        <source>&amp;Server:</source>
        <translation>&amp;Сервер:</translation>
    </message>
    <message>
        <source>&amp;User:</source>
        <translation>&amp;Пользователь:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>П&amp;ароль:</translation>
    </message>
    <message>
        <source>Sign &amp;in</source>
        <translation>&amp;Войти</translation>
    </message>
    <message>
        <source>Work &amp;offline</source>
        <translation>Работать &amp;без сети</translation>
    </message>
    <message>
        <source>Open this server&apos;s local cache without connecting; actions wait in the outbox</source>
        <translation>Открыть локальную копию данных этого сервера без подключения; действия будут ждать отправки</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
    <message>
        <source>Enter the user name and the password.</source>
        <translation>Введите имя пользователя и пароль.</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Подключение…</translation>
    </message>
    <message numerus="yes">
        <source>Too many attempts, try again in %n s.</source>
        <translation>
            <numerusform>Слишком много попыток, повторите через %n с.</numerusform>
            <numerusform>Слишком много попыток, повторите через %n с.</numerusform>
            <numerusform>Слишком много попыток, повторите через %n с.</numerusform>
        </translation>
    </message>
    <message>
        <source>Wrong user name or password.</source>
        <translation>Неверное имя пользователя или пароль.</translation>
    </message>
    <message>
        <source>The central service at %1 cannot be reached. Check the address and the network connection.</source>
        <translation>Не удаётся связаться с центральным сервисом по адресу %1. Проверьте адрес и подключение к сети.</translation>
    </message>
    <message>
        <source>The secure connection to %1 failed: the server&apos;s certificate is not trusted or the server does not speak HTTPS at this address.</source>
        <translation>Не удалось установить защищённое соединение с %1: сертификат сервера не является доверенным или сервер не поддерживает HTTPS по этому адресу.</translation>
    </message>
    <message>
        <source>%1 answers, but it is not a central service of the Regional Management Centre.</source>
        <translation>%1 отвечает, но это не центральный сервис Центра управления регионом.</translation>
    </message>
    <message>
        <source>The central service at %1 is too old for this program (version %2; version %3 or newer is needed). Ask the administrators to update it.</source>
        <translation>Центральный сервис по адресу %1 слишком старый для этой программы (версия %2; нужна %3 или новее). Обратитесь к администраторам для его обновления.</translation>
    </message>
    <message>
        <source>This program is too old for the central service at %1 (version %2; the service needs %3 or newer). Update the program.</source>
        <translation>Эта программа слишком старая для центрального сервиса по адресу %1 (версия %2; сервису нужна %3 или новее). Обновите программу.</translation>
    </message>
    <message>
        <source>Enter the server address, for example http://cur.example:8080.</source>
        <translation>Введите адрес сервера, например http://cur.example:8080.</translation>
    </message>
    <message>
        <source>The central service at %1 answered with an error (%2). Try again later.</source>
        <translation>Центральный сервис по адресу %1 ответил ошибкой (%2). Повторите попытку позже.</translation>
    </message>
    <message>
        <source>You can work offline from this workstation&apos;s cache.</source>
        <translation>Можно работать без сети с локальной копией на этом рабочем месте.</translation>
    </message>
</context>
<context>
    <name>MapPage</name>
    <message>
        <source>Municipalities</source>
        <translation>Муниципалитеты</translation>
    </message>
    <message>
        <source>%1 per 10,000 residents</source>
        <translation>%1 на 10 000 жителей</translation>
    </message>
    <message>
        <source>%1 appeals</source>
        <translation>%1 обращений</translation>
    </message>
    <message>
        <source>Overdue share of open appeals, now</source>
        <translation>Доля просроченных среди открытых, сейчас</translation>
    </message>
    <message>
        <source>Appeals per 10,000 residents, %1 days</source>
        <translation>Обращений на 10 000 жителей, %1 дней</translation>
    </message>
    <message>
        <source>Appeals, %1 days</source>
        <translation>Обращений за %1 дн.</translation>
    </message>
</context>
<context>
    <name>MeasuresPane</name>
    <message>
        <source>Planned</source>
        <translation>Запланирована</translation>
    </message>
    <message>
        <source>Under way</source>
        <translation>В работе</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Выполнена</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Отменена</translation>
    </message>
    <message>
        <source>&amp;Category:</source>
        <translation>&amp;Категория:</translation>
    </message>
    <message>
        <source>&amp;Municipality:</source>
        <translation>&amp;Муниципалитет:</translation>
    </message>
    <message>
        <source>e.g. replace the water main on the street</source>
        <translation>например, замена водопровода на улице</translation>
    </message>
    <message>
        <source>&amp;What is done:</source>
        <translation>&amp;Что делается:</translation>
    </message>
    <message>
        <source>a body, a service or a post</source>
        <translation>орган, служба или должность</translation>
    </message>
    <message>
        <source>&amp;Who does it:</source>
        <translation>&amp;Кто выполняет:</translation>
    </message>
    <message>
        <source>&amp;Due:</source>
        <translation>&amp;Срок:</translation>
    </message>
    <message>
        <source>&amp;Status:</source>
        <translation>&amp;Статус:</translation>
    </message>
    <message>
        <source>Measure</source>
        <translation>Мера</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Проблема</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Исполнитель</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>Срок</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Статус</translation>
    </message>
    <message>
        <source>Before, per week</source>
        <translation>До, в неделю</translation>
    </message>
    <message>
        <source>Since, per week</source>
        <translation>После, в неделю</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Изменение</translation>
    </message>
    <message>
        <source>A year earlier</source>
        <translation>Год назад</translation>
    </message>
    <message>
        <source>How the volume changed in the same weeks a year earlier (the season&apos;s own change)</source>
        <translation>Как менялось число обращений в те же недели год назад (собственное изменение сезона)</translation>
    </message>
    <message>
        <source>no data</source>
        <translation>нет данных</translation>
    </message>
    <message>
        <source>%1 appeals in the %2 weeks before, %3 in the %4 days since</source>
        <translation>%1 обращений за %2 нед. до, %3 за %4 дн. после</translation>
    </message>
</context>
<context>
    <name>MergeDialog</name>
    <message>
        <source>Merge duplicates</source>
        <translation>Объединение дубликатов</translation>
    </message>
    <message>
        <source>Merge</source>
        <translation>Объединить</translation>
    </message>
    <message>
        <source>Type a number or words</source>
        <translation>Введите номер или слова</translation>
    </message>
    <message>
        <source>The appeal to keep (this one is closed into it):</source>
        <translation>Основное обращение (текущее будет закрыто и присоединено к нему):</translation>
    </message>
    <message>
        <source>No possible duplicates were found for this appeal</source>
        <translation>Для этого обращения не найдено возможных дубликатов</translation>
    </message>
    <message>
        <source>Choose the appeal to merge into</source>
        <translation>Выберите обращение, с которым объединить</translation>
    </message>
</context>
<context>
    <name>NavigatorModel</name>
    <message>
        <source>more than %1</source>
        <translation>более %1</translation>
    </message>
</context>
<context>
    <name>NoticeBanner</name>
    <message>
        <source>Open</source>
        <translation>Открыть</translation>
    </message>
    <message>
        <source>Dismiss (Esc)</source>
        <translation>Закрыть (Esc)</translation>
    </message>
</context>
<context>
    <name>OfflineBanner</name>
    <message>
        <source>No connection to the central service</source>
        <translation>Нет связи с центральным сервисом</translation>
    </message>
    <message>
        <source>You can keep working from the local copy: what you do is stored and will be sent when the service is back.</source>
        <translation>Можно продолжать работу по локальной копии: всё сделанное сохраняется и будет отправлено, когда связь восстановится.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln action(s) waiting to be sent.</source>
        <translation>
            <numerusform>%Ln действие ждёт отправки.</numerusform>
            <numerusform>%Ln действия ждут отправки.</numerusform>
            <numerusform>%Ln действий ждут отправки.</numerusform>
        </translation>
    </message>
    <message>
        <source>Next attempt at %1.</source>
        <translation>Следующая попытка в %1.</translation>
    </message>
</context>
<context>
    <name>PeriodPicker</name>
    <message>
        <source>Day</source>
        <translation>День</translation>
    </message>
    <message>
        <source>Week</source>
        <translation>Неделя</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>Месяц</translation>
    </message>
    <message>
        <source>Quarter</source>
        <translation>Квартал</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>Год</translation>
    </message>
    <message>
        <source>Custom</source>
        <translation>Произвольный</translation>
    </message>
    <message>
        <source>Previous period</source>
        <translation>Предыдущий период</translation>
    </message>
    <message>
        <source>Next period</source>
        <translation>Следующий период</translation>
    </message>
</context>
<context>
    <name>PostponeDialog</name>
    <message>
        <source>Postpone the deadline</source>
        <translation>Продление срока</translation>
    </message>
    <message>
        <source>Postpone</source>
        <translation>Продлить</translation>
    </message>
    <message>
        <source>Why the deadline moves (required)</source>
        <translation>Почему переносится срок (обязательно)</translation>
    </message>
    <message>
        <source>Current deadline:</source>
        <translation>Текущий срок:</translation>
    </message>
    <message>
        <source>New deadline:</source>
        <translation>Новый срок:</translation>
    </message>
    <message>
        <source>Reason:</source>
        <translation>Причина:</translation>
    </message>
    <message>
        <source>Give the reason for the postponement</source>
        <translation>Укажите причину продления срока</translation>
    </message>
    <message>
        <source>The new deadline must be later than the current one</source>
        <translation>Новый срок должен быть позже текущего</translation>
    </message>
</context>
<context>
    <name>ProblemsView</name>
    <message>
        <source>Problems</source>
        <translation>Проблемы</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Проблема</translation>
    </message>
    <message>
        <source>Appeals</source>
        <translation>Обращения</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>За 7 дней</translation>
    </message>
    <message>
        <source>Growth</source>
        <translation>Рост</translation>
    </message>
    <message>
        <source>Municipalities</source>
        <translation>Муниципалитеты</translation>
    </message>
    <message>
        <source>Bodies</source>
        <translation>Органы власти</translation>
    </message>
    <message>
        <source>Problems of the last 60 days with 3 or more appeals: %1</source>
        <translation>Проблем за 60 дней с тремя и более обращениями: %1</translation>
    </message>
    <message>
        <source>Problem: %1</source>
        <translation>Проблема: %1</translation>
    </message>
    <message>
        <source>Link a &amp;measure…</source>
        <translation>Связать с &amp;мерой…</translation>
    </message>
    <message>
        <source>Measure for a &amp;category…</source>
        <translation>Мера по &amp;категории…</translation>
    </message>
    <message>
        <source>Change the measure&apos;s &amp;status…</source>
        <translation>Изменить &amp;статус меры…</translation>
    </message>
    <message>
        <source>Measure</source>
        <translation>Мера</translation>
    </message>
    <message>
        <source>Measures: %1</source>
        <translation>Мер: %1</translation>
    </message>
    <message>
        <source>Measure for the problem: %1</source>
        <translation>Мера по проблеме: %1</translation>
    </message>
    <message>
        <source>Measure for a category in a municipality</source>
        <translation>Мера по категории в муниципалитете</translation>
    </message>
    <message>
        <source>No appeals of this category in this municipality in the last 60 days</source>
        <translation>Обращений этой категории в этом муниципалитете за 60 дней нет</translation>
    </message>
    <message>
        <source>Measure %1</source>
        <translation>Мера %1</translation>
    </message>
</context>
<context>
    <name>QueuePane</name>
    <message>
        <source>The queue could not be read from the cache</source>
        <translation>Не удалось прочитать очередь из локальной базы</translation>
    </message>
    <message>
        <source>counting…</source>
        <translation>подсчёт…</translation>
    </message>
    <message numerus="yes">
        <source>%Ln appeal(s)</source>
        <translation>
            <numerusform>%Ln обращение</numerusform>
            <numerusform>%Ln обращения</numerusform>
            <numerusform>%Ln обращений</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln selected</source>
        <translation>
            <numerusform>выбрано %Ln</numerusform>
            <numerusform>выбрано %Ln</numerusform>
            <numerusform>выбрано %Ln</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>QueueTableModel</name>
    <message>
        <source>(no longer in the cache)</source>
        <translation>(уже нет в локальной базе)</translation>
    </message>
    <message>
        <source>Taken by %1: only they may act on it (or take it over)</source>
        <translation>Взято: %1 — действовать может только взявший (или заберите себе)</translation>
    </message>
    <message>
        <source>This appeal has left the queue; it stays here until you move on</source>
        <translation>Обращение ушло из очереди; оно остаётся здесь, пока вы не перейдёте к другому</translation>
    </message>
    <message>
        <source>left the queue</source>
        <translation>ушло из очереди</translation>
    </message>
    <message>
        <source>sending…</source>
        <translation>отправляется…</translation>
    </message>
    <message>
        <source>Your action is waiting for the central service to confirm it</source>
        <translation>Ваше действие ожидает подтверждения центрального сервера</translation>
    </message>
    <message>
        <source>Time left</source>
        <translation>Осталось</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>Номер</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Канал</translation>
    </message>
    <message>
        <source>Theme and category</source>
        <translation>Тематика и категория</translation>
    </message>
    <message>
        <source>Municipality</source>
        <translation>Муниципалитет</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Суть</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Статус</translation>
    </message>
    <message>
        <source>Importance, flags</source>
        <translation>Отметки</translation>
    </message>
    <message>
        <source>Taken by</source>
        <translation>В работе у</translation>
    </message>
</context>
<context>
    <name>Queues</name>
    <message>
        <source>All appeals</source>
        <translation>Все обращения</translation>
    </message>
    <message>
        <source>All open</source>
        <translation>Все открытые</translation>
    </message>
    <message>
        <source>At risk and overdue</source>
        <translation>Под угрозой и просроченные</translation>
    </message>
    <message>
        <source>Every appeal still to be acted on</source>
        <translation>Все обращения, по которым ещё нужно действовать</translation>
    </message>
    <message>
        <source>Flagged important or of high importance</source>
        <translation>С отметкой «важное» или высокой важности</translation>
    </message>
    <message>
        <source>Important</source>
        <translation>Важные</translation>
    </message>
    <message>
        <source>Municipalities</source>
        <translation>Муниципалитеты</translation>
    </message>
    <message>
        <source>My filters</source>
        <translation>Мои фильтры</translation>
    </message>
    <message>
        <source>New and unsorted</source>
        <translation>Новые и неразобранные</translation>
    </message>
    <message>
        <source>New appeals and those without a theme</source>
        <translation>Новые обращения и обращения без тематики</translation>
    </message>
    <message>
        <source>Closed ones too, newest first</source>
        <translation>Включая закрытые, сначала новые</translation>
    </message>
    <message>
        <source>Open appeals whose answer came back</source>
        <translation>Открытые обращения, ответ по которым вернули на доработку</translation>
    </message>
    <message>
        <source>Queues</source>
        <translation>Очереди</translation>
    </message>
    <message>
        <source>Returned for rework</source>
        <translation>Возвращённые на доработку</translation>
    </message>
    <message>
        <source>Taken by me</source>
        <translation>Взятые мной</translation>
    </message>
    <message>
        <source>Theme blocks</source>
        <translation>Отраслевые блоки</translation>
    </message>
    <message>
        <source>Conflict situations</source>
        <translation>Конфликтные ситуации</translation>
    </message>
    <message>
        <source>Low ratings, «недоволен», reopened, repeats, escalations, high reach</source>
        <translation>Низкие оценки, «недоволен», повторно открытые, повторные обращения, обращения в вышестоящие органы, высокий охват</translation>
    </message>
</context>
<context>
    <name>RateDialog</name>
    <message>
        <source>The citizen&apos;s rating</source>
        <translation>Оценка гражданина</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>Записать</translation>
    </message>
    <message>
        <source>not given</source>
        <translation>не указана</translation>
    </message>
    <message>
        <source>5 — excellent</source>
        <translation>5 — отлично</translation>
    </message>
    <message>
        <source>4 — good</source>
        <translation>4 — хорошо</translation>
    </message>
    <message>
        <source>3 — satisfactory</source>
        <translation>3 — удовлетворительно</translation>
    </message>
    <message>
        <source>2 — poor</source>
        <translation>2 — плохо</translation>
    </message>
    <message>
        <source>1 — very poor</source>
        <translation>1 — очень плохо</translation>
    </message>
    <message>
        <source>satisfied</source>
        <translation>доволен</translation>
    </message>
    <message>
        <source>neutral</source>
        <translation>нейтрально</translation>
    </message>
    <message>
        <source>dissatisfied</source>
        <translation>недоволен</translation>
    </message>
    <message>
        <source>&amp;Rating:</source>
        <translation>&amp;Оценка:</translation>
    </message>
    <message>
        <source>Re&amp;action:</source>
        <translation>&amp;Реакция:</translation>
    </message>
    <message>
        <source>Give the rating or the reaction</source>
        <translation>Укажите оценку или реакцию</translation>
    </message>
</context>
<context>
    <name>RatingPage</name>
    <message>
        <source>Body</source>
        <translation>Орган</translation>
    </message>
    <message>
        <source>Municipality</source>
        <translation>Муниципалитет</translation>
    </message>
    <message>
        <source>Appeals</source>
        <translation>Обращ.</translation>
    </message>
    <message>
        <source>On time</source>
        <translation>В срок</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>Итог</translation>
    </message>
    <message>
        <source>Red zone: %1</source>
        <translation>Красная зона: %1</translation>
    </message>
    <message>
        <source>Red zone: none</source>
        <translation>Красная зона: нет</translation>
    </message>
    <message>
        <source>Not rated (fewer than %1 appeals in %2 days): %3</source>
        <translation>Не оценены (меньше %1 обращений за %2 дней): %3</translation>
    </message>
    <message>
        <source>Bodies</source>
        <translation>Органы власти</translation>
    </message>
    <message>
        <source>Municipalities</source>
        <translation>Муниципалитеты</translation>
    </message>
    <message>
        <source>reaction</source>
        <translation>реакция</translation>
    </message>
    <message>
        <source>timeliness</source>
        <translation>своевременность</translation>
    </message>
    <message>
        <source>speed</source>
        <translation>скорость</translation>
    </message>
    <message>
        <source>satisfaction</source>
        <translation>удовлетворённость</translation>
    </message>
    <message>
        <source>quality of answers</source>
        <translation>качество ответов</translation>
    </message>
    <message>
        <source>Red zone: a score below %1.</source>
        <translation>Красная зона — итог ниже %1.</translation>
    </message>
    <message>
        <source>Red zone: a score below %1, and the last %2 % of the rated places (rounded up) whatever their score.</source>
        <translation>Красная зона — итог ниже %1, а также последние %2 % мест рейтинга (с округлением вверх) при любом итоге.</translation>
    </message>
    <message>
        <source>Rating of work with appeals</source>
        <translation>Рейтинг работы с обращениями</translation>
    </message>
    <message>
        <source>On time: share finished by the deadline. Score: the region&apos;s methodology weighs %1.</source>
        <translation>В срок — доля завершённых не позже срока. Итог — оценка по методике региона: %1.</translation>
    </message>
    <message>
        <source>last %1 days; scores 0–100</source>
        <translation>последние %1 дней; баллы 0–100</translation>
    </message>
</context>
<context>
    <name>Reaction</name>
    <message>
        <source>Author satisfied</source>
        <translation>Автор доволен</translation>
    </message>
    <message>
        <source>Author neutral</source>
        <translation>Автор нейтрален</translation>
    </message>
    <message>
        <source>Author dissatisfied</source>
        <translation>Автор недоволен</translation>
    </message>
</context>
<context>
    <name>RedirectDialog</name>
    <message>
        <source>Redirect to another organisation</source>
        <translation>Переадресация в другую организацию</translation>
    </message>
    <message>
        <source>Redirect</source>
        <translation>Переадресовать</translation>
    </message>
    <message>
        <source>Type part of the name, or a new organisation</source>
        <translation>Введите часть названия или новую организацию</translation>
    </message>
    <message>
        <source>The organisation competent to answer:</source>
        <translation>Организация, в компетенции которой ответ:</translation>
    </message>
    <message>
        <source>%1 (new organisation)</source>
        <translation>%1 (новая организация)</translation>
    </message>
    <message>
        <source>Choose the organisation or type its name</source>
        <translation>Выберите организацию или введите её название</translation>
    </message>
</context>
<context>
    <name>RegistrationDesk</name>
    <message>
        <source>This role does not register appeals</source>
        <extracomment>A category path needs this much evidence from the text (one word naming few paths). A word naming more paths than this tells nothing about the category («работа»).</extracomment>
        <translation>Эта роль не регистрирует обращения</translation>
    </message>
    <message>
        <source>by the text</source>
        <translation>по тексту</translation>
    </message>
    <message>
        <source>Choose a municipality of your own: %1</source>
        <translation>Выберите свой муниципалитет: %1</translation>
    </message>
    <message>
        <source>The registration could not be stored: see the log.</source>
        <translation>Не удалось сохранить регистрацию: см. журнал.</translation>
    </message>
    <message>
        <source>The appeal is no longer in the cache.</source>
        <translation>Обращения уже нет в кэше.</translation>
    </message>
    <message>
        <source>The service refused registration %1: see the outbox.</source>
        <translation>Сервис отклонил регистрацию %1: см. очередь отправки.</translation>
    </message>
</context>
<context>
    <name>RegistrationForm</name>
    <message>
        <source>New appeal</source>
        <extracomment>What finds the municipality an address names (the region&apos;s gazetteer).</extracomment>
        <translation>Новое обращение</translation>
    </message>
    <message>
        <source>&amp;Channel:</source>
        <translation>&amp;Канал:</translation>
    </message>
    <message>
        <source>Appeal (59-FZ)</source>
        <translation>Обращение (59-ФЗ)</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Сообщение</translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation>&amp;Вид:</translation>
    </message>
    <message>
        <source>Surname, name</source>
        <translation>Фамилия, имя</translation>
    </message>
    <message>
        <source>&amp;Caller:</source>
        <translation>&amp;Заявитель:</translation>
    </message>
    <message>
        <source>&amp;Phone:</source>
        <translation>&amp;Телефон:</translation>
    </message>
    <message>
        <source>E-&amp;mail:</source>
        <translation>&amp;Эл. почта:</translation>
    </message>
    <message>
        <source>Settlement, street, house</source>
        <translation>Населённый пункт, улица, дом</translation>
    </message>
    <message>
        <source>the caller&apos;s &amp;home (personal data)</source>
        <translation>&amp;дом заявителя (персональные данные)</translation>
    </message>
    <message>
        <source>&amp;Address:</source>
        <translation>&amp;Адрес:</translation>
    </message>
    <message>
        <source>— not known —</source>
        <translation>— не известно —</translation>
    </message>
    <message>
        <source>M&amp;unicipality:</source>
        <translation>&amp;Муниципалитет:</translation>
    </message>
    <message>
        <source>What happened, where, since when — in the caller&apos;s words</source>
        <translation>Что случилось, где, с какого времени — словами заявителя</translation>
    </message>
    <message>
        <source>&amp;Text:</source>
        <translation>Текст &amp;обращения:</translation>
    </message>
    <message>
        <source>Normal</source>
        <translation>Обычная</translation>
    </message>
    <message>
        <source>High</source>
        <translation>Высокая</translation>
    </message>
    <message>
        <source>&amp;Importance:</source>
        <translation>Ва&amp;жность:</translation>
    </message>
    <message>
        <source>T&amp;heme:</source>
        <translation>Т&amp;ема:</translation>
    </message>
    <message>
        <source>Cate&amp;gory:</source>
        <translation>Кате&amp;гория:</translation>
    </message>
    <message>
        <source>&amp;Body:</source>
        <translation>&amp;Исполнитель:</translation>
    </message>
    <message>
        <source>&amp;Register</source>
        <translation>Зарегист&amp;рировать</translation>
    </message>
    <message>
        <source>Ctrl+Enter</source>
        <translation>Ctrl+Enter</translation>
    </message>
    <message>
        <source>Next call</source>
        <translation>Следующий звонок</translation>
    </message>
    <message>
        <source>The caller &amp;too («я тоже»)</source>
        <translation>&amp;Я тоже — присоединить заявителя</translation>
    </message>
    <message>
        <source>Ctrl+Shift+M: attach the caller to the chosen appeal, not a new one</source>
        <translation>Ctrl+Shift+M: присоединить заявителя к выбранному обращению вместо нового</translation>
    </message>
    <message>
        <source>Already reported? (F4)</source>
        <translation>Уже сообщали? (F4)</translation>
    </message>
    <message>
        <source>same house</source>
        <translation>тот же дом</translation>
    </message>
    <message>
        <source>same street</source>
        <translation>та же улица</translation>
    </message>
    <message>
        <source>same category</source>
        <translation>та же категория</translation>
    </message>
    <message>
        <source>words: %1</source>
        <translation>слова: %1</translation>
    </message>
    <message>
        <source>«я тоже»: %1</source>
        <translation>«я тоже»: %1</translation>
    </message>
    <message>
        <source>Maybe already reported: attach the caller with Ctrl+Shift+M, not a new appeal.</source>
        <translation>Возможно, об этом уже сообщали: присоедините заявителя (Ctrl+Shift+M) вместо нового обращения.</translation>
    </message>
    <message>
        <source>Nothing open about this nearby.</source>
        <translation>Открытых обращений об этом поблизости нет.</translation>
    </message>
    <message>
        <source>Suggested: %1</source>
        <translation>Предложено: %1</translation>
    </message>
    <message>
        <source>Registered: № %1 (it was %2 until the service confirmed it).</source>
        <translation>Зарегистрировано: № %1 (до подтверждения сервисом был № %2).</translation>
    </message>
    <message>
        <source>Registered: № %1 — tell the caller. The service will confirm it.</source>
        <translation>Зарегистрировано: № %1 — сообщите заявителю. Сервис подтвердит регистрацию.</translation>
    </message>
    <message>
        <source>The caller is attached to № %1 («я тоже»: %2).</source>
        <translation>Заявитель присоединён к обращению № %1 («я тоже»: %2).</translation>
    </message>
    <message>
        <source>Choose an appeal in «Already reported?» first (F4).</source>
        <translation>Сначала выберите обращение в списке «Уже сообщали?» (F4).</translation>
    </message>
    <message>
        <source>Type the address and the text: open appeals nearby appear here.</source>
        <translation>Введите адрес и текст — здесь появятся открытые обращения поблизости.</translation>
    </message>
    <message>
        <source>Hotline call</source>
        <translation>Звонок на горячую линию</translation>
    </message>
    <message>
        <source>Visitor at the reception</source>
        <translation>Посетитель на приёме</translation>
    </message>
    <message>
        <source>Letter</source>
        <translation>Письмо</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>Электронная почта</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Другое</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>Type what the caller reports.</source>
        <translation>Введите, о чём сообщает заявитель.</translation>
    </message>
    <message>
        <source>The text is too long.</source>
        <translation>Текст слишком длинный.</translation>
    </message>
    <message>
        <source>Check the field: %1</source>
        <translation>Проверьте поле: %1</translation>
    </message>
</context>
<context>
    <name>RejectDialog</name>
    <message>
        <source>Reject</source>
        <translation>Отклонить</translation>
    </message>
    <message>
        <source>Reject the appeal</source>
        <translation>Отклонение обращения</translation>
    </message>
    <message>
        <source>Type part of the reason</source>
        <translation>Введите часть причины</translation>
    </message>
    <message>
        <source>Optional comment</source>
        <translation>Комментарий (необязательно)</translation>
    </message>
    <message>
        <source>Reason for the rejection:</source>
        <translation>Причина отклонения:</translation>
    </message>
    <message>
        <source>Comment:</source>
        <translation>Комментарий:</translation>
    </message>
    <message>
        <source>Choose a reason for the rejection</source>
        <translation>Выберите причину отклонения</translation>
    </message>
</context>
<context>
    <name>RiskPage</name>
    <message>
        <source>up to 4 h left</source>
        <translation>осталось до 4 ч</translation>
    </message>
    <message>
        <source>up to a day</source>
        <translation>до суток</translation>
    </message>
    <message>
        <source>up to 3 days</source>
        <translation>до 3 дней</translation>
    </message>
    <message>
        <source>(N): already overdue</source>
        <translation>(N) — уже просрочено</translation>
    </message>
    <message>
        <source>Closest to the deadline</source>
        <translation>Ближе всего к сроку</translation>
    </message>
    <message>
        <source>Deadline risk</source>
        <translation>Риск просрочки</translation>
    </message>
    <message>
        <source>due %1</source>
        <translation>срок %1</translation>
    </message>
    <message>
        <source>at risk: %1; overdue: %2</source>
        <translation>под угрозой: %1; просрочено: %2</translation>
    </message>
</context>
<context>
    <name>Role</name>
    <message>
        <source>Operator</source>
        <translation>Оператор</translation>
    </message>
    <message>
        <source>Theme block head</source>
        <translation>Ответственный за отраслевой блок</translation>
    </message>
    <message>
        <source>Head of the centre</source>
        <translation>Руководитель ЦУР</translation>
    </message>
    <message>
        <source>Curator</source>
        <translation>Куратор</translation>
    </message>
    <message>
        <source>Municipal centre operator</source>
        <translation>Оператор МЦУ</translation>
    </message>
    <message>
        <source>Situation room wall</source>
        <translation>Видеостена ситуационного центра</translation>
    </message>
    <message>
        <source>System</source>
        <translation>Система</translation>
    </message>
</context>
<context>
    <name>RouteDialog</name>
    <message>
        <source>Route to a body</source>
        <translation>Направить в орган</translation>
    </message>
    <message>
        <source>Route</source>
        <translation>Направить</translation>
    </message>
    <message>
        <source>Type part of the body&apos;s name</source>
        <translation>Введите часть названия органа</translation>
    </message>
    <message>
        <source>Optional: a department or a person</source>
        <translation>Необязательно: отдел или сотрудник</translation>
    </message>
    <message>
        <source>Responsible body:</source>
        <translation>Ответственный орган:</translation>
    </message>
    <message>
        <source>Executor:</source>
        <translation>Исполнитель:</translation>
    </message>
    <message>
        <source>No body serves this theme and municipality</source>
        <translation>Нет органа, отвечающего за эту тематику в этом муниципалитете</translation>
    </message>
    <message>
        <source>Choose a body</source>
        <translation>Выберите орган</translation>
    </message>
</context>
<context>
    <name>RowBuilder</name>
    <message>
        <source>Not categorised</source>
        <translation>Не разобрано</translation>
    </message>
    <message>
        <source>Not set</source>
        <translation>Не указан</translation>
    </message>
    <message>
        <source>[hidden]</source>
        <translation>[скрыто]</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Сочетания клавиш</translation>
    </message>
    <message>
        <source>Type part of an action or a key</source>
        <translation>Введите часть названия действия или клавишу</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Действие</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>Клавиши</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Закрыть</translation>
    </message>
</context>
<context>
    <name>SlaFormat</name>
    <message>
        <source>%1 work d</source>
        <extracomment>``due_at − now`` in real time (None: not known); what the column says while the deadline runs, so that every row of it is in the same unit</extracomment>
        <translation>%1 раб. дн.</translation>
    </message>
    <message>
        <source>%1 d</source>
        <translation>%1 дн.</translation>
    </message>
    <message>
        <source>%1 work d %2 h</source>
        <translation>%1 раб. дн. %2 ч</translation>
    </message>
    <message>
        <source>%1 d %2 h</source>
        <translation>%1 дн. %2 ч</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 ч %2 мин</translation>
    </message>
    <message>
        <source>%1 h</source>
        <translation>%1 ч</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 мин</translation>
    </message>
    <message>
        <source>on time</source>
        <translation>в срок</translation>
    </message>
    <message>
        <source>late</source>
        <translation>с опозданием</translation>
    </message>
    <message>
        <source>overdue</source>
        <translation>просрочено</translation>
    </message>
    <message>
        <source>paused, %1</source>
        <translation>пауза, %1</translation>
    </message>
    <message>
        <source>No deadline</source>
        <translation>Срок не установлен</translation>
    </message>
    <message>
        <source>working time</source>
        <translation>рабочее время</translation>
    </message>
    <message>
        <source>calendar time</source>
        <translation>календарное время</translation>
    </message>
    <message>
        <source>overdue by %1 (%2)</source>
        <translation>просрочено на %1 (%2)</translation>
    </message>
    <message>
        <source>%1 left (%2)</source>
        <translation>осталось %1 (%2)</translation>
    </message>
    <message>
        <source>deadline %1</source>
        <translation>срок %1</translation>
    </message>
    <message>
        <source>%1 in real time</source>
        <translation>%1 в календарном времени</translation>
    </message>
</context>
<context>
    <name>SlaStatus</name>
    <message>
        <source>On time</source>
        <translation>В срок</translation>
    </message>
    <message>
        <source>At risk</source>
        <translation>Под угрозой</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>Просрочено</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>Пауза</translation>
    </message>
    <message>
        <source>Done on time</source>
        <translation>Выполнено в срок</translation>
    </message>
    <message>
        <source>Done late</source>
        <translation>Выполнено с опозданием</translation>
    </message>
</context>
<context>
    <name>Source</name>
    <message>
        <source>POS</source>
        <translation>ПОС</translation>
    </message>
    <message>
        <source>IM</source>
        <translation>ИМ</translation>
    </message>
    <message>
        <source>Portal</source>
        <translation>Портал</translation>
    </message>
    <message>
        <source>Hotline</source>
        <translation>Гор. линия</translation>
    </message>
    <message>
        <source>Official pages</source>
        <translation>Госпаблики</translation>
    </message>
    <message>
        <source>Open311</source>
        <translation>Open311</translation>
    </message>
    <message>
        <source>Reception</source>
        <translation>Приём</translation>
    </message>
    <message>
        <source>Letter</source>
        <translation>Письмо</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>Электронная почта</translation>
    </message>
    <message>
        <source>Other channel</source>
        <translation>Другой канал</translation>
    </message>
</context>
<context>
    <name>StartWindow</name>
    <message>
        <source>Generating %n demo appeal(s) for the first start…</source>
        <translation>Создаём %n демонстрационное обращение для первого запуска…|Создаём %n демонстрационных обращения для первого запуска…|Создаём %n демонстрационных обращений для первого запуска…</translation>
    </message>
    <message>
        <source>Starting the central service…</source>
        <translation>Запускаем центральный сервис…</translation>
    </message>
    <message>
        <source>Signing in and receiving the appeals…</source>
        <translation>Входим и получаем обращения…</translation>
    </message>
    <message>
        <source>Regional Management Centre</source>
        <translation>Центр управления регионом</translation>
    </message>
    <message>
        <source>Starting the operator console</source>
        <translation>Запуск консоли оператора</translation>
    </message>
    <message numerus="yes">
        <source>%n second(s)</source>
        <translation>
            <numerusform>%n секунда</numerusform>
            <numerusform>%n секунды</numerusform>
            <numerusform>%n секунд</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Status</name>
    <message>
        <source>New</source>
        <translation>Новое</translation>
    </message>
    <message>
        <source>Under review</source>
        <translation>На рассмотрении</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>В работе</translation>
    </message>
    <message>
        <source>Interim answer</source>
        <translation>Промежуточный ответ</translation>
    </message>
    <message>
        <source>Answered</source>
        <translation>Ответ дан</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>Закрыто</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>Отклонено</translation>
    </message>
    <message>
        <source>Redirected</source>
        <translation>Переадресовано</translation>
    </message>
    <message>
        <source>Reopened</source>
        <translation>Открыто повторно</translation>
    </message>
</context>
<context>
    <name>StatusStrip</name>
    <message>
        <source>Local data, no sync</source>
        <translation>Локальные данные, без синхронизации</translation>
    </message>
    <message>
        <source>Not synchronised yet</source>
        <translation>Синхронизации ещё не было</translation>
    </message>
    <message>
        <source>Sync stalled: data as of %1 (%2)</source>
        <translation>Синхронизация остановилась: данные на %1 (%2)</translation>
    </message>
    <message>
        <source>Data as of %1 (%2)</source>
        <translation>Данные на %1 (%2)</translation>
    </message>
    <message>
        <source>just now</source>
        <translation>только что</translation>
    </message>
    <message numerus="yes">
        <source>%n min ago</source>
        <translation>
            <numerusform>%n мин назад</numerusform>
            <numerusform>%n мин назад</numerusform>
            <numerusform>%n мин назад</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n h ago</source>
        <translation>
            <numerusform>%n ч назад</numerusform>
            <numerusform>%n ч назад</numerusform>
            <numerusform>%n ч назад</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n day(s) ago</source>
        <translation>
            <numerusform>%n день назад</numerusform>
            <numerusform>%n дня назад</numerusform>
            <numerusform>%n дней назад</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SyncProgress</name>
    <message>
        <source>Stop</source>
        <translation>Остановить</translation>
    </message>
    <message>
        <source>Stop synchronising; the console keeps what has been received</source>
        <translation>Остановить синхронизацию; полученные данные останутся в консоли</translation>
    </message>
    <message>
        <source>Receiving appeals: %1 of %2</source>
        <translation>Получение обращений: %1 из %2</translation>
    </message>
    <message>
        <source>Receiving appeals: %1</source>
        <translation>Получение обращений: %1</translation>
    </message>
    <message>
        <source>Receiving changes</source>
        <translation>Получение изменений</translation>
    </message>
    <message>
        <source>Sending actions: %1 of %2</source>
        <translation>Отправка действий: %1 из %2</translation>
    </message>
    <message>
        <source>Preparing the data…</source>
        <translation>Подготовка данных…</translation>
    </message>
    <message>
        <source>Connecting to the central service…</source>
        <translation>Подключение к центральному сервису…</translation>
    </message>
</context>
<context>
    <name>TemplatesDialog</name>
    <message>
        <source>Answer templates</source>
        <translation>Шаблоны ответов</translation>
    </message>
    <message>
        <source>&amp;New template</source>
        <translation>&amp;Новый шаблон</translation>
    </message>
    <message>
        <source>latin letters, digits, dots</source>
        <translation>латинские буквы, цифры, точки</translation>
    </message>
    <message>
        <source>&amp;Code:</source>
        <translation>&amp;Код:</translation>
    </message>
    <message>
        <source>&amp;Title:</source>
        <translation>&amp;Заголовок:</translation>
    </message>
    <message>
        <source>T&amp;hemes:</source>
        <translation>Т&amp;ематики:</translation>
    </message>
    <message>
        <source>&amp;Interim answer (work planned, not done yet)</source>
        <translation>&amp;Промежуточный ответ (работы запланированы, ещё не выполнены)</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Сохранить</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Сохранение…</translation>
    </message>
    <message>
        <source>A brace without its pair</source>
        <translation>Фигурная скобка без пары</translation>
    </message>
    <message>
        <source>The code: latin letters, digits and dots</source>
        <translation>Код: латинские буквы, цифры и точки</translation>
    </message>
    <message>
        <source>The title is empty</source>
        <translation>Заголовок не заполнен</translation>
    </message>
    <message>
        <source>The text is empty</source>
        <translation>Текст не заполнен</translation>
    </message>
    <message>
        <source>Choose the themes it is for</source>
        <translation>Выберите тематики шаблона</translation>
    </message>
    <message>
        <source>Placeholders: %1</source>
        <translation>Подстановки: %1</translation>
    </message>
    <message>
        <source>Saved as version %1 of the region&apos;s dictionaries</source>
        <translation>Сохранено как версия %1 справочников региона</translation>
    </message>
    <message>
        <source>Unknown placeholder %1</source>
        <translation>Неизвестная подстановка %1</translation>
    </message>
</context>
<context>
    <name>TrendsPage</name>
    <message>
        <source>Mon</source>
        <translation>пн</translation>
    </message>
    <message>
        <source>Tue</source>
        <translation>вт</translation>
    </message>
    <message>
        <source>Wed</source>
        <translation>ср</translation>
    </message>
    <message>
        <source>Thu</source>
        <translation>чт</translation>
    </message>
    <message>
        <source>Fri</source>
        <translation>пт</translation>
    </message>
    <message>
        <source>Sat</source>
        <translation>сб</translation>
    </message>
    <message>
        <source>Sun</source>
        <translation>вс</translation>
    </message>
    <message>
        <source>By hour: today and the same day a week ago</source>
        <translation>По часам: сегодня и тот же день неделю назад</translation>
    </message>
    <message>
        <source>Appeals per hour:</source>
        <translation>Обращений в час:</translation>
    </message>
    <message>
        <source>today</source>
        <translation>сегодня</translation>
    </message>
    <message>
        <source>a week ago</source>
        <translation>неделю назад</translation>
    </message>
    <message>
        <source>By day: the last two weeks and a forecast for the next week</source>
        <translation>По дням: последние две недели и прогноз на неделю</translation>
    </message>
    <message>
        <source>Appeals per day:</source>
        <translation>Обращений в день:</translation>
    </message>
    <message>
        <source>received</source>
        <translation>поступило</translation>
    </message>
    <message>
        <source>seven days earlier</source>
        <translation>семью днями раньше</translation>
    </message>
    <message>
        <source>forecast and its band</source>
        <translation>прогноз и его диапазон</translation>
    </message>
    <message>
        <source>Forecast: for each coming day, the median of the same weekday over the last four weeks; the band spans their 10th to 90th percentile.</source>
        <translation>Прогноз: на каждый день — медиана того же дня недели за последние четыре недели; диапазон — от 10-го до 90-го процентиля.</translation>
    </message>
    <message>
        <source>Incoming appeals</source>
        <translation>Поступление обращений</translation>
    </message>
    <message>
        <source>as of %1</source>
        <translation>на %1</translation>
    </message>
</context>
<context>
    <name>TriageAction</name>
    <message>
        <source>T&amp;riage: take, categorise, route…</source>
        <translation>&amp;Разобрать: взять, категория, орган…</translation>
    </message>
    <message>
        <source>Select one appeal to triage</source>
        <translation>Выберите одно обращение для разбора</translation>
    </message>
    <message>
        <source>This appeal cannot be categorised and routed now</source>
        <translation>Это обращение сейчас нельзя категоризировать и направить</translation>
    </message>
    <message>
        <source>Taken by %1</source>
        <translation>Взято: %1</translation>
    </message>
</context>
<context>
    <name>TriageDialog</name>
    <message>
        <source>Triage</source>
        <extracomment>The macro&apos;s answer, rendered for the appeal as it will be: (text, what is unfilled).</extracomment>
        <translation>Разбор обращения</translation>
    </message>
    <message>
        <source>Accept all</source>
        <translation>Принять всё</translation>
    </message>
    <message>
        <source>Type words of the theme, category or subcategory</source>
        <translation>Слова темы, категории или подкатегории</translation>
    </message>
    <message>
        <source>Type part of the name</source>
        <translation>Введите часть названия</translation>
    </message>
    <message>
        <source>Type part of the body&apos;s name</source>
        <translation>Введите часть названия органа</translation>
    </message>
    <message>
        <source>&amp;Take (mark as mine)</source>
        <translation>&amp;Взять себе</translation>
    </message>
    <message>
        <source>Theme › category › subcategory:</source>
        <translation>Тематика › категория › подкатегория:</translation>
    </message>
    <message>
        <source>Municipality:</source>
        <translation>Муниципалитет:</translation>
    </message>
    <message>
        <source>Responsible body:</source>
        <translation>Ответственный орган:</translation>
    </message>
    <message>
        <source>No suggestions for this appeal yet</source>
        <translation>Для этого обращения подсказок пока нет</translation>
    </message>
    <message>
        <source>Suggested from the region&apos;s history: %1</source>
        <translation>Подсказка по истории региона: %1</translation>
    </message>
    <message>
        <source>Macros (one key: categorise, route and answer):</source>
        <translation>Макросы (одна клавиша: категория, направление и ответ):</translation>
    </message>
    <message>
        <source>The macro&apos;s category is not in the list</source>
        <translation>Категории макроса нет в списке</translation>
    </message>
    <message>
        <source>The macro&apos;s body does not serve this municipality</source>
        <translation>Орган макроса не обслуживает этот муниципалитет</translation>
    </message>
    <message>
        <source>The template leaves gaps: %1</source>
        <translation>В шаблоне остались незаполненные места: %1</translation>
    </message>
    <message>
        <source>Choose a theme or a category</source>
        <translation>Выберите тематику или категорию</translation>
    </message>
    <message>
        <source>No body serves this theme and municipality</source>
        <translation>Нет органа для этой тематики и муниципалитета</translation>
    </message>
    <message>
        <source>Choose a body</source>
        <translation>Выберите орган</translation>
    </message>
</context>
<context>
    <name>WallAlarm</name>
    <message>
        <source>Alarm: a high-importance appeal</source>
        <translation>Тревога: обращение высокой важности</translation>
    </message>
    <message>
        <source>Alarm: overdue appeals are rising</source>
        <translation>Тревога: быстро растёт число просроченных</translation>
    </message>
    <message>
        <source>Alarm: a surge of appeals</source>
        <translation>Тревога: всплеск обращений</translation>
    </message>
    <message>
        <source>Alarm</source>
        <translation>Тревога</translation>
    </message>
</context>
<context>
    <name>WallApp</name>
    <message>
        <source>The region pack cannot be loaded: %1</source>
        <translation>Не удалось загрузить пакет региона: %1</translation>
    </message>
    <message>
        <source>The cache cannot be used (%1)</source>
        <translation>Кэш нельзя использовать (%1)</translation>
    </message>
</context>
<context>
    <name>WallData</name>
    <message>
        <source>No cache at %1</source>
        <extracomment>SQLite page cache of the wall&apos;s connections, MiB (the console&apos;s 64 is for its queues). The wall reads its columns once, then a few rows per sync batch: a big page cache only holds heap memory for months (~64 MB more per connection, seen at 200k appeals). the region&apos;s documents as the sync changed them since the last run (else None)</extracomment>
        <translation>Нет кэша: %1</translation>
    </message>
    <message>
        <source>The cache cannot be read (%1): the figures shown are not current</source>
        <translation>Кэш не читается (%1): показатели на экране не актуальны</translation>
    </message>
    <message>
        <source>The figures could not be recomputed (%1): the last ones are shown</source>
        <translation>Не удалось пересчитать показатели (%1): показаны последние</translation>
    </message>
</context>
<context>
    <name>WallLayout</name>
    <message>
        <source>Layout file %1 not used</source>
        <translation>Файл раскладки %1 не применён</translation>
    </message>
    <message>
        <source>the file cannot be read: %1</source>
        <translation>файл не удаётся прочитать: %1</translation>
    </message>
    <message>
        <source>not valid JSON at line %1, column %2</source>
        <translation>ошибка JSON: строка %1, позиция %2</translation>
    </message>
    <message>
        <source>not UTF-8 text (byte %1): save the file in UTF-8</source>
        <translation>не текст в UTF-8 (байт %1): сохраните файл в кодировке UTF-8</translation>
    </message>
    <message>
        <source>nested too deeply to be a layout</source>
        <translation>слишком глубокая вложенность для файла раскладки</translation>
    </message>
    <message>
        <source>expected an object {…}</source>
        <translation>ожидается объект {…}</translation>
    </message>
    <message>
        <source>unknown key (allowed: %1)</source>
        <translation>неизвестный ключ (допустимы: %1)</translation>
    </message>
    <message>
        <source>expected a number</source>
        <translation>ожидается число</translation>
    </message>
    <message>
        <source>must be between %1 and %2</source>
        <translation>должно быть от %1 до %2</translation>
    </message>
    <message>
        <source>must be %1</source>
        <translation>должно быть %1</translation>
    </message>
    <message>
        <source>unsupported version (this program reads %1)</source>
        <translation>неподдерживаемая версия (программа читает версию %1)</translation>
    </message>
    <message>
        <source>expected true or false</source>
        <translation>ожидается true или false</translation>
    </message>
    <message>
        <source>expected a folder path</source>
        <translation>ожидается путь к папке</translation>
    </message>
    <message>
        <source>expected an object of named page lists, at least one</source>
        <translation>ожидается объект с именованными списками страниц, хотя бы один</translation>
    </message>
    <message>
        <source>expected a non-empty list of pages</source>
        <translation>ожидается непустой список страниц</translation>
    </message>
    <message>
        <source>unknown page %1 (known: %2)</source>
        <translation>неизвестная страница %1 (есть: %2)</translation>
    </message>
    <message>
        <source>expected a non-empty list of screen entries</source>
        <translation>ожидается непустой список экранов</translation>
    </message>
    <message>
        <source>expected a unique short name (letters, digits, - _ .)</source>
        <translation>ожидается уникальное короткое имя (буквы, цифры, - _ .)</translation>
    </message>
    <message>
        <source>no playlist %1 (defined: %2)</source>
        <translation>нет плейлиста %1 (есть: %2)</translation>
    </message>
    <message>
        <source>expected one of %1</source>
        <translation>ожидается одно из: %1</translation>
    </message>
    <message>
        <source>expected the id of another entry</source>
        <translation>ожидается id другого экрана</translation>
    </message>
    <message>
        <source>no other entry has the id %1</source>
        <translation>нет другого экрана с id %1</translation>
    </message>
    <message>
        <source>give at least one of name, geometry, position</source>
        <translation>укажите хотя бы одно из: name, geometry, position</translation>
    </message>
    <message>
        <source>expected a screen name such as DP-1</source>
        <translation>ожидается имя экрана, например DP-1</translation>
    </message>
    <message>
        <source>expected WIDTHxHEIGHT+X+Y, e.g. 1920x1080+1920+0</source>
        <translation>ожидается ШИРИНАxВЫСОТА+X+Y, например 1920x1080+1920+0</translation>
    </message>
    <message>
        <source>expected one of %1 or a number from 0</source>
        <translation>ожидается одно из: %1 — или номер от 0</translation>
    </message>
</context>
<context>
    <name>WallNames</name>
    <message>
        <source>Not categorised</source>
        <translation>Не разобрано</translation>
    </message>
    <message>
        <source>Not set</source>
        <translation>Не указан</translation>
    </message>
    <message>
        <source>Not routed</source>
        <translation>Не направлено</translation>
    </message>
    <message>
        <source>%1 working min</source>
        <translation>%1 раб. мин</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 мин</translation>
    </message>
    <message>
        <source>%1 working h</source>
        <translation>%1 раб. ч</translation>
    </message>
    <message>
        <source>%1 h</source>
        <translation>%1 ч</translation>
    </message>
    <message>
        <source>Alarms: %1. Newest: %2</source>
        <translation>Сигналов: %1. Последний: %2</translation>
    </message>
    <message>
        <source>New high-importance appeal No. %1</source>
        <translation>Новое обращение высокой важности № %1</translation>
    </message>
    <message>
        <source>Overdue appeals are rising sharply: %1 (were %2)</source>
        <translation>Резко растёт число просроченных обращений: %1 (было %2)</translation>
    </message>
    <message>
        <source>Overdue appeals are rising sharply</source>
        <translation>Резко растёт число просроченных обращений</translation>
    </message>
    <message>
        <source>Surge of appeals: %1</source>
        <translation>Всплеск обращений: %1</translation>
    </message>
    <message>
        <source>%1 in %2 h, usually %3</source>
        <translation>%1 за %2 ч, обычно %3</translation>
    </message>
    <message>
        <source>Alarm</source>
        <translation>Тревога</translation>
    </message>
</context>
<context>
    <name>WallSync</name>
    <message>
        <source>No wall account token: sync is off (see docs/wall.md)</source>
        <translation>Нет токена учётной записи стены: синхронизация выключена (см. docs/wall.md)</translation>
    </message>
    <message>
        <source>Sync cannot open the cache (%1)</source>
        <translation>Синхронизация не может открыть кэш (%1)</translation>
    </message>
    <message>
        <source>The service refused the wall&apos;s token: sync is off</source>
        <translation>Сервис отклонил токен стены: синхронизация выключена</translation>
    </message>
    <message>
        <source>Sync failed (%1)</source>
        <translation>Сбой синхронизации (%1)</translation>
    </message>
    <message>
        <source>No link to the central service: the server does not answer</source>
        <translation>Нет связи с центральным сервисом: сервер не отвечает</translation>
    </message>
    <message>
        <source>No link to the central service: the connection dropped</source>
        <translation>Нет связи с центральным сервисом: соединение прервалось</translation>
    </message>
    <message>
        <source>No link to the central service</source>
        <translation>Нет связи с центральным сервисом</translation>
    </message>
</context>
<context>
    <name>WallWindow</name>
    <message>
        <source>Situation-room wall</source>
        <translation>Видеостена ЦУР</translation>
    </message>
    <message>
        <source>Loading the wall…</source>
        <translation>Загрузка видеостены…</translation>
    </message>
</context>
</TS>
