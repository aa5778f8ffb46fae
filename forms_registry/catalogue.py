# ruff: noqa: E501  (one form per line reads best as a table)
"""The 51 numbered forms of QP 607-2023 ("ҚазҰТЗУ 607-xx Ү"), carried from the procedure's list of forms.

Numbers 607-24 and 607-48 do not exist in the procedure. Which app builds a form is recorded here; whether it
is built yet is known only to the registry (an app implements its forms from `AppConfig.ready()`).
"""

from __future__ import annotations

from core.constants import Subprocess

# The six sub-processes of §5 a form belongs to, coded and titled once (core.constants.Subprocess).
SUBPROCESSES = dict(Subprocess.section_5_choices())
PLANNING = Subprocess.PLANNING.value
ACQUISITIONS = Subprocess.ACQUISITIONS.value
CATALOGUING = Subprocess.CATALOGUING.value
AUTOMATION = Subprocess.AUTOMATION.value
SERVICES = Subprocess.SERVICES.value
STORAGE = Subprocess.STORAGE.value

# (code, sub-process, owning app, kind, title kk, title ru, title en)
FORMS: tuple[tuple[str, str, str, str, str, str, str], ...] = (
    ("607-01", PLANNING, "planning", "plan", "Ғылыми кітапхана бөлімінің жұмыс жоспары", "План работы отдела Научной библиотеки", "Work plan of a Scientific Library department"),
    ("607-02", PLANNING, "planning", "report", "Ғылыми кітапхана бөлімінің жұмысы туралы есебі", "Отчёт о работе отдела Научной библиотеки", "Work report of a Scientific Library department"),
    ("607-03", PLANNING, "planning", "card", "Инновацияларды, озық тәжірибелерді енгізу картасы", "Карта внедрения инноваций, передового опыта", "Card of implementation of innovations and best practices"),
    ("607-04", PLANNING, "planning", "letter", "ҒК бланкі", "Бланк Научной библиотеки", "Scientific Library letterhead for official letters"),
    ("607-05", ACQUISITIONS, "acquisitions", "report", "Пәннің кітаппен қамтамасыз етілуі", "Книгообеспеченность дисциплины", "Book provision of a discipline"),
    ("607-06", ACQUISITIONS, "acquisitions", "report", "Кафедраны кітаппен қамтамасыз ету картасы", "Карта книгообеспеченности кафедры", "Book provision card of an academic department"),
    ("607-07", ACQUISITIONS, "acquisitions", "request", "Қажетті әдебиеттерді сатып алуға өтінім", "Заявка на приобретение необходимой литературы", "Request to purchase required literature"),
    ("607-08", ACQUISITIONS, "acquisitions", "request", "Мерзімді басылымдарға жазылуға өтінім", "Заявка на подписку на периодические издания", "Request for subscription to periodicals"),
    ("607-09", ACQUISITIONS, "acquisitions", "register", "Мерзімді басылымдарға жазылу", "Подписка на периодические издания", "Subscription to periodicals (consolidated list)"),
    ("607-10", ACQUISITIONS, "acquisitions", "request", "Электрондық ресурстарға тестілік қолжетімділікке өтінім", "Заявка на тестовый доступ к электронным ресурсам", "Request for trial access to electronic resources"),
    ("607-11", ACQUISITIONS, "acquisitions", "request", "Электрондық ресурстарды сатып алуға өтінім", "Заявка на приобретение электронных ресурсов", "Request to purchase electronic resources"),
    ("607-12", ACQUISITIONS, "acquisitions", "book", "Жиынтық есепке алу кітабы", "Книга суммарного учёта", "Summary accounting book of the library fund"),
    ("607-13", ACQUISITIONS, "acquisitions", "book", "Түгендеу кітабы", "Инвентарная книга", "Inventory book"),
    ("607-14", ACQUISITIONS, "acquisitions", "card", "Түгендеусіз есепке алу карточкасы", "Карточка безынвентарного учёта", "Card for non-inventory accounting"),
    ("607-15", ACQUISITIONS, "acquisitions", "register", "Мерзімді басылымдардың түсуін есепке алу парағы", "Лист учёта поступления периодических изданий", "Registration sheet of periodical arrivals"),
    ("607-16", ACQUISITIONS, "acquisitions", "act", "Кітаптар мен электрондық басылымдарды қабылдау актісі", "Акт приёма книг и электронных изданий", "Act of acceptance of books and electronic publications"),
    ("607-17", ACQUISITIONS, "acquisitions", "register", "Деректер базасының (электрондық пакеттердің) тізілімі", "Реестр баз данных (электронных пакетов)", "Register of databases (electronic packages)"),
    ("607-18", ACQUISITIONS, "acquisitions", "book", "Деректер базасын (электрондық пакеттерді) жиынтық есепке алу кітабы", "Книга суммарного учёта баз данных (электронных пакетов)", "Summary accounting book of databases (electronic packages)"),
    ("607-19", ACQUISITIONS, "acquisitions", "act", "Құжаттарды сыйға тарту қабылдау актісі", "Акт приёма документов в дар", "Act of acceptance of donated documents"),
    ("607-20", ACQUISITIONS, "acquisitions", "act", "Ақаулар туралы акт", "Акт о дефектах", "Act on defects"),
    ("607-21", ACQUISITIONS, "acquisitions", "act", "Кітапхана қорын тексеру туралы акт", "Акт проверки библиотечного фонда", "Act of library fund inspection (stocktaking)"),
    ("607-22", ACQUISITIONS, "acquisitions", "act", "Әдебиеттерді есептен шығару актісі", "Акт списания литературы", "Act of write-off of literature"),
    ("607-23", ACQUISITIONS, "acquisitions", "list", "Есептен шығаруға арналған әдебиеттер тізімі", "Список литературы на списание", "List of literature for write-off"),
    ("607-25", CATALOGUING, "cataloguing", "record", "Электронды каталогтағы библиографиялық жазба", "Библиографическая запись в электронном каталоге", "Bibliographic record in the electronic catalogue"),
    ("607-26", CATALOGUING, "cataloguing", "card", "Каталог карточкасы", "Каталожная карточка", "Catalogue card"),
    ("607-27", CATALOGUING, "cataloguing", "report", "Деректер базасының төлқұжаты", "Паспорт базы данных", "Database passport (yearly)"),
    ("607-28", CATALOGUING, "cataloguing", "slip", "Әдебиеттерді ҒК басқа бөлімдеріне тапсыру жолдамасы", "Накладная на передачу литературы в другие отделы НБ", "Transfer slip of literature to other library departments"),
    ("607-29", CATALOGUING, "cataloguing", "log", "Ғылыми жарияланымдарға берілген ӘОЖ индекстерін есепке алу журналы", "Журнал учёта присвоения индексов УДК научным публикациям", "Log of UDC indexes assigned to scientific publications"),
    ("607-30", AUTOMATION, "digital_library", "request", "Пайдаланушының есептік жазбаларын жасау", "Создание учётных записей пользователей", "Creation of user accounts and access rights"),
    ("607-31", AUTOMATION, "digital_library", "log", "Цифрлық файлдарды жүктеу және жүйеге қосу", "Загрузка и подключение цифровых файлов", "Upload of digital files and attaching them to records"),
    ("607-32", AUTOMATION, "digital_library", "register", "Электронды ресурстарды басқару", "Управление электронными ресурсами", "Management of electronic resources (rights and access)"),
    ("607-33", AUTOMATION, "digital_library", "log", "«МегаПро» АИКЖ анықтамаларын құру және редакциялау", "Создание и редактирование справочников АБИС", "Creation and editing of the system's reference dictionaries"),
    ("607-34", AUTOMATION, "digital_library", "log", "«МегаПро» АИКЖ жұмыс бойынша өтінімдерді есепке алу журналы", "Журнал учёта заявок по работе АБИС", "Log of requests about the library system's operation (faults and adaptations)"),
    ("607-35", AUTOMATION, "digital_library", "request", "Оқу процесіне арналған материалдарды сканерлеу жөніндегі өтінім", "Заявка на сканирование материалов для учебного процесса", "Request to scan materials for the educational process"),
    ("607-36", SERVICES, "circulation", "record", "Оқырманның есепке алу жазбасы", "Учётная запись читателя", "Reader registration record"),
    ("607-37", SERVICES, "circulation", "sheet", "«МегаПро» АИКЖ жеке кабинетіндегі тапсырыс парағы", "Лист заказа в личном кабинете", "Order sheet in the reader's personal cabinet"),
    ("607-38", SERVICES, "circulation", "sheet", "Жеке кабинетте берілген басылымдарды есепке алу парағы", "Лист учёта выданных изданий в личном кабинете", "Sheet of publications issued to the reader (personal cabinet)"),
    ("607-39", SERVICES, "circulation", "sheet", "\"Қызмет көрсету\" модуліндегі тапсырыстар мен беру парағы", "Лист заказов и выдачи в модуле «Обслуживание»", "Orders and issue sheet of the service desk"),
    ("607-40", SERVICES, "circulation", "request", "КАА және ҚЭЖ бойынша кітаптарға өтінім", "Заявка на книги по МБА и ЭДД", "Request for books by interlibrary loan (ILL) and electronic document delivery (EDD)"),
    ("607-41", SERVICES, "circulation", "sheet", "КАА және ҚЭЖ бойынша тапсырыстарды есепке алу парағы", "Лист учёта заказов по МБА и ЭДД", "Accounting sheet of ILL and EDD orders"),
    ("607-42", SERVICES, "circulation", "sheet", "Оқырмандарды есепке алу және кітап беру парағы", "Лист учёта читателей и выдачи книг", "Accounting sheet of readers and book issues (daily statistics)"),
    ("607-43", SERVICES, "circulation", "act", "Жоғалған әдебиеттердің орнына әдебиеттер қабылдау актісі", "Акт приёма литературы взамен утерянной", "Act of accepting literature in place of lost items"),
    ("607-44", SERVICES, "circulation", "book", "Жоғалған әдебиеттерді есепке алу кітабы", "Книга учёта утерянной литературы", "Book of lost literature"),
    ("607-45", SERVICES, "circulation", "card", "Кері байланыс картасы", "Карта обратной связи", "Feedback card"),
    ("607-46", SERVICES, "circulation", "sheet", "Библиографиялық анықтамаларды есепке алу парағы", "Лист учёта библиографических справок", "Accounting sheet of bibliographic references"),
    ("607-47", SERVICES, "circulation", "request", "Көрмені дайындауға өтінім", "Заявка на подготовку выставки", "Request to prepare an exhibition"),
    ("607-49", SERVICES, "circulation", "request", "Ақпараттық-библиографиялық қызмет көрсетуге өтінім", "Заявка на информационно-библиографическое обслуживание", "Request for information and bibliographic services (consultations and trainings)"),
    ("607-50", SERVICES, "circulation", "sheet", "Іс-шараға қатысушыларды тіркеу парағы", "Лист регистрации участников мероприятия", "Registration sheet of event participants"),
    ("607-51", SERVICES, "circulation", "report", "ҚазҰТЗУ-дың жарияланымдық белсенділігін талдау", "Анализ публикационной активности университета", "Analysis of the university's publication activity"),
    ("607-52", STORAGE, "storage", "log", "Кітап сақтау бөлімінің кітап беруді күнделікті есепке алу күнделігі", "Дневник ежедневного учёта выдачи книг отдела книгохранения", "Daily book-issue diary of the book storage department"),
    ("607-53", STORAGE, "storage", "log", "Кері қайтарылғандарды есепке алу журналы", "Журнал учёта отказов", "Log of refusals (requests the fund could not satisfy)"),
)
