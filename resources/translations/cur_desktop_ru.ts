<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru_RU">
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
</context>
<context>
    <name>AppealDetailView</name>
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
    <name>Demo</name>
    <message>
        <source>Not categorised yet</source>
        <translation>Ещё не категоризировано</translation>
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
    <name>OverviewWindow</name>
    <message numerus="yes">
        <source>%Ln appeal(s) in the demo data</source>
        <translation>
            <numerusform>%Ln обращение в демонстрационных данных</numerusform>
            <numerusform>%Ln обращения в демонстрационных данных</numerusform>
            <numerusform>%Ln обращений в демонстрационных данных</numerusform>
        </translation>
    </message>
    <message>
        <source>Regional Management Centre — demo mode</source>
        <translation>ЦУР — демонстрационный режим</translation>
    </message>
    <message>
        <source>Demo data: the appeals shown here were generated for demonstration and do not belong to real citizens.</source>
        <translation>Демонстрационные данные: показанные здесь обращения сгенерированы для демонстрации и не принадлежат реальным гражданам.</translation>
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
    <name>SlaFormat</name>
    <message>
        <source>%1 work d</source>
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
    <name>ThemeStatusCountsModel</name>
    <message>
        <source>Theme</source>
        <translation>Тематика</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Всего</translation>
    </message>
</context>
</TS>
