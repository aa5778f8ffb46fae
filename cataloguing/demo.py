"""Demo catalogue: about sixty records in Kazakh, Russian and English across the eight databases, with
copies in the library's departments. Idempotent: records are keyed by their control number."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.utils import timezone

from accounts.models import LibraryDepartment, User

from .constants import DeliveryMethod, DocumentType, ItemStatus, LoanCategory, ReceiptSource, WorkType
from .models import BibliographicRecord, CatalogueDatabase, DatabasePassport, Item, TransferSlip, UdcRequest
from .services import (
    item_create,
    items_mark_processed,
    passports_make,
    record_create,
    record_save_fields,
    transfer_slip_accept,
    transfer_slip_create,
    udc_request_answer,
    udc_request_reject,
    udc_request_submit,
)

B, T, A, D, AA, M, P, E = (DocumentType.BOOK, DocumentType.TEXTBOOK, DocumentType.ARTICLE,
                           DocumentType.DISSERTATION, DocumentType.AUTHOR_ABSTRACT, DocumentType.METHODICAL,
                           DocumentType.PERIODICAL, DocumentType.E_RESOURCE)


PAGE_WORD = {"kaz": "б.", "rus": "с."}


def _isbn(body: str) -> str:
    total = sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(body))
    return body + str((10 - total % 10) % 10)


# database, type, language, authors, title, subtitle, place, publisher, year, pages, udc, subjects, extra
RECORDS: list[tuple] = [
    ("fund", B, "kaz", "Сәтбаев, Қаныш Имантайұлы", "Таңдамалы шығармалар", "бес томдық. 1-том", "Алматы", "Ғылым",
     1967, 412, "55(574)", "Геология -- Қазақстан; Кен орындары", {}),
    ("fund", B, "rus", "Сатпаев, Каныш Имантаевич", "Избранные труды", "в 5 томах. Том 2", "Алма-Ата", "Наука",
     1968, 380, "553.3(574)", "Металлогения; Джезказган", {}),
    ("fund", B, "kaz", "Бекмаханова, Нәйля Ермұхамедқызы", "Қаныш Сәтбаев", "өмірі мен қызметі", "Алматы",
     "Қазақ университеті", 2019, 256, "929", "Сәтбаев Қ.И.; Ғалымдар -- Қазақстан", {}),
    ("fund", B, "kaz", "Әуезов, Мұхтар Омарханұлы", "Абай жолы", "роман-эпопея. 1-кітап", "Алматы", "Жазушы",
     2017, 528, "821.512.122", "Қазақ әдебиеті; Роман", {}),
    ("fund", B, "kaz", "Құнанбаев, Абай", "Қара сөздер", "", "Алматы", "Өнер", 2020, 176, "821.512.122-4",
     "Қазақ әдебиеті; Философия", {}),
    ("fund", T, "kaz", "Жұмағұлов, Бақытжан Түрсынұлы; Өмірбекова, Гүлнұр Қайратқызы", "Тау-кен ісінің негіздері",
     "оқулық", "Алматы", "Satbayev University", 2022, 312, "622(075.8)", "Тау-кен ісі; Пайдалы қазбаларды өндіру",
     {"isbn": _isbn("978601323101")}),
    ("fund", T, "kaz", "Ержанов, Сәбит Қайырбекұлы", "Мұнай және газ кен орындарын игеру", "оқу құралы", "Алматы",
     "Satbayev University", 2021, 248, "622.276(075.8)", "Мұнай өндіру; Газ өндіру",
     {"isbn": _isbn("978601323102")}),
    ("fund", T, "rus", "Абдрахманов, Ерлан Серикович", "Геофизические методы разведки", "учебник", "Алматы",
     "КазНИТУ", 2018, 296, "550.83(075.8)", "Геофизика; Разведка полезных ископаемых",
     {"isbn": _isbn("978601228103")}),
    ("fund", T, "rus", "Иванов, Сергей Петрович; Нуртаев, Бахыт Сапарович", "Теоретическая механика",
     "учебное пособие", "Алматы", "КазНИТУ", 2016, 220, "531(075.8)", "Механика теоретическая", {}),
    ("fund", T, "kaz", "Оспанов, Қайрат Төлеуұлы", "Жоғары математика", "оқулық. 1-бөлім", "Алматы", "Эверо", 2019,
     360, "51(075.8)", "Математика; Математикалық талдау", {}),
    ("fund", T, "rus", "Пискунов, Николай Семенович", "Дифференциальное и интегральное исчисления",
     "учебное пособие для втузов. Т. 1", "Москва", "Интеграл-Пресс", 2010, 416, "517(075.8)",
     "Математический анализ", {"edition": "Изд. стер."}),
    ("fund", B, "rus", "Кнут, Дональд Эрвин", "Искусство программирования", "Т. 1. Основные алгоритмы", "Москва",
     "Вильямс", 2019, 720, "004.42", "Программирование; Алгоритмы", {"edition": "3-е изд."}),
    ("fund", T, "kaz", "Тәжібаев, Ғалым Сағынұлы", "Ақпараттық жүйелерді жобалау", "оқу құралы", "Алматы",
     "Satbayev University", 2023, 184, "004.4(075.8)", "Ақпараттық жүйелер; Бағдарламалық инженерия",
     {"isbn": _isbn("978601323104")}),
    ("fund", B, "kaz", "Нұрғалиева, Гүлшат Әбдіқадырқызы", "Қазақстанның экологиялық мәселелері", "монография",
     "Астана", "Фолиант", 2021, 232, "502.1(574)", "Экология -- Қазақстан; Қоршаған ортаны қорғау", {}),
    ("fund", B, "rus", "Назарбаев, Нурсултан Абишевич", "Эра независимости", "", "Астана", "Фолиант", 2017, 508,
     "94(574)", "История Казахстана -- 1991-", {}),
    ("fund", T, "kaz", "Бейсенбаева, Әсел Нұрланқызы", "Химиялық технология негіздері", "оқулық", "Алматы",
     "Satbayev University", 2020, 276, "66.0(075.8)", "Химиялық технология",
     {"isbn": _isbn("978601323105")}),
    ("fund", B, "rus", "Ушаков, Андрей Викторович", "Металлургия меди", "монография", "Екатеринбург", "УрФУ",
     2015, 344, "669.3", "Металлургия цветных металлов; Медь", {}),
    ("fund", T, "kaz", "Қалиев, Ерғали Бөкейұлы", "Электротехника және электроника", "оқулық", "Алматы",
     "Бастау", 2018, 300, "621.3(075.8)", "Электротехника; Электроника", {}),
    ("foreign", B, "eng", "Knuth, Donald Ervin", "The art of computer programming", "Vol. 1. Fundamental algorithms",
     "Reading, Mass.", "Addison-Wesley", 1997, 650, "004.42", "Computer programming; Algorithms",
     {"edition": "3rd ed."}),
    ("foreign", T, "eng", "Hartman, Howard L.; Mutmansky, Jan M.", "Introductory mining engineering", "",
     "Hoboken, NJ", "Wiley", 2002, 570, "622(075.8)", "Mining engineering", {"edition": "2nd ed."}),
    ("foreign", T, "eng", "Callister, William D.; Rethwisch, David G.", "Materials science and engineering",
     "an introduction", "Hoboken, NJ", "Wiley", 2018, 992, "620.1(075.8)", "Materials science",
     {"edition": "10th ed."}),
    ("foreign", B, "eng", "Tarbuck, Edward J.; Lutgens, Frederick K.", "Earth", "an introduction to physical geology",
     "Boston", "Pearson", 2017, 800, "551(075.8)", "Physical geology", {"edition": "12th ed."}),
    ("foreign", T, "eng", "Cormen, Thomas H.; Leiserson, Charles E.; Rivest, Ronald L.; Stein, Clifford",
     "Introduction to algorithms", "", "Cambridge, Mass.", "MIT Press", 2009, 1292, "004.421(075.8)",
     "Algorithms; Data structures", {"edition": "3rd ed."}),
    ("foreign", B, "eng", "Ahmed, Tarek", "Reservoir engineering handbook", "", "Amsterdam", "Elsevier", 2019,
     1500, "622.276", "Petroleum engineering; Oil reservoir engineering", {"edition": "5th ed."}),
    ("foreign", B, "deu", "Gudehus, Timm", "Logistik", "Grundlagen, Strategien, Anwendungen", "Berlin", "Springer",
     2010, 1080, "658.7", "Logistik", {"edition": "4. Aufl."}),
    ("foreign", T, "eng", "Kreyszig, Erwin", "Advanced engineering mathematics", "", "Hoboken, NJ", "Wiley", 2011,
     1264, "51(075.8)", "Engineering mathematics", {"edition": "10th ed."}),
    ("articles", A, "kaz", "Сәтбаева, Меруерт Қанышқызы", "Қ.И. Сәтбаевтың Жезқазған кен орнын зерттеудегі рөлі",
     "", "", "", 2022, 0, "553.3(574.62)", "Сәтбаев Қ.И.; Жезқазған кен орны",
     {"source": "Қазақстан Республикасы ҰҒА Хабарлары. Геология және техникалық ғылымдар сериясы. — № 3",
      "extent": "12–19", "issn": "2224-5278"}),
    ("articles", A, "rus", "Жарменов, Абдурасул Алдашевич; Сапаров, Болат Жанатович",
     "Комплексная переработка медных руд Казахстана", "", "", "", 2021, 0, "669.3(574)",
     "Медные руды; Обогащение полезных ископаемых",
     {"source": "Горный журнал Казахстана. — № 5", "extent": "34–40", "issn": "2227-4766"}),
    ("articles", A, "eng", "Abdibattayeva, Maral; Assanov, Nurlan", "Machine learning methods for ore grade estimation",
     "", "", "", 2023, 0, "004.85:553", "Machine learning; Ore grade estimation",
     {"source": "Engineering Journal of Satbayev University. — Vol. 145, no. 2", "extent": "20–27",
      "issn": "2959-2224"}),
    ("articles", A, "kaz", "Әбілқасымова, Ләззат Ғалымқызы", "Қазақ тіліндегі техникалық терминдердің жүйеленуі",
     "", "", "", 2020, 0, "811.512.122'373", "Қазақ тілі -- Терминология",
     {"source": "Тіл және қоғам. — № 1", "extent": "55–61"}),
    ("articles", A, "rus", "Ким, Виктор Александрович", "Оценка устойчивости бортов карьеров Кенгира", "", "", "",
     2019, 0, "622.271.3", "Карьеры; Устойчивость бортов",
     {"source": "Известия НАН РК. Серия геологии и технических наук. — № 4", "extent": "88–95",
      "issn": "2224-5278"}),
    ("articles", A, "eng", "Seitkaziyev, Adilbek; Omarova, Gulnar", "Digital library services at Satbayev University",
     "", "", "", 2024, 0, "027.7(574)", "Academic libraries; Digital libraries",
     {"source": "Library Hi Tech News. — Vol. 41, no. 3", "extent": "1–5", "issn": "0741-9058"}),
    ("dissertations", D, "rus", "Нурпеисова, Маржан Байсановна", "Геомеханическое обоснование устойчивости уступов",
     "дис. ... д-ра техн. наук : 25.00.20", "Алматы", "", 2005, 320, "622.83(043)",
     "Геомеханика; Горные выработки", {}),
    ("dissertations", D, "kaz", "Молдабаев, Серік Күзембайұлы", "Терең карьерлердің тау-кен жұмыстарын жоспарлау",
     "PhD диссертациясы : 6D070700", "Алматы", "", 2018, 156, "622.271(043)", "Ашық тау-кен жұмыстары",
     {}),
    ("dissertations", AA, "rus", "Турсунов, Азамат Ерланович",
     "Совершенствование технологии выщелачивания урана", "автореф. дис. ... канд. техн. наук : 05.15.11",
     "Алматы", "", 2012, 24, "622.775(043.3)", "Подземное выщелачивание; Уран", {}),
    ("dissertations", AA, "kaz", "Ахметова, Гүлжан Серікқызы", "Мұнай қалдықтарын өңдеудің биотехнологиясы",
     "", "Алматы", "", 2016, 22, "628.5(043.3)", "Биотехнология; Мұнай қалдықтары", {}),
    ("dissertations", D, "eng", "Zhakupov, Daniyar", "Seismic hazard assessment of the Almaty region", "PhD thesis",
     "Almaty", "Satbayev University", 2021, 180, "550.34(574)(043)", "Seismic hazard; Almaty region", {}),
    ("methodical", M, "kaz", "Айтқалиева, Ғалия Сабырқызы", "Курстық жобаны орындауға арналған нұсқаулық",
     "әдістемелік нұсқаулар", "Алматы", "Satbayev University", 2023, 36, "622(076)", "Курстық жоба; Тау-кен ісі",
     {}),
    ("methodical", M, "rus", "Бегалинов, Абдеш Бегалинович", "Лабораторные работы по физике горных пород",
     "методические указания", "Алматы", "КазНИТУ", 2017, 48, "552.1(076)", "Физика горных пород", {}),
    ("methodical", M, "kaz", "Қасымова, Әлия Нұрланқызы", "Дипломдық жұмысты рәсімдеу ережелері",
     "әдістемелік нұсқаулар", "Алматы", "Satbayev University", 2024, 28, "378.14(076)", "Дипломдық жұмыс", {}),
    ("methodical", M, "eng", "Suleimenov, Timur", "Laboratory manual for petroleum geology", "guidelines",
     "Almaty", "Satbayev University", 2022, 60, "553.98(076)", "Petroleum geology", {}),
    ("methodical", M, "rus", "Жунусов, Ербол Маратович", "Практикум по программированию на Python",
     "методические указания", "Алматы", "КазНИТУ", 2021, 64, "004.43(076)", "Программирование; Python", {}),
    ("periodicals", P, "kaz", "", "Қазақстан Республикасы Ұлттық ғылым академиясының хабарлары",
     "Геология және техникалық ғылымдар сериясы", "Алматы", "ҚР ҰҒА", 1940, 0, "55:62(05)",
     "Геология; Техникалық ғылымдар", {"issn": "2224-5278"}),
    ("periodicals", P, "rus", "", "Горный журнал Казахстана", "научно-технический и производственный журнал",
     "Алматы", "Горное дело", 2003, 0, "622(05)", "Горное дело", {"issn": "2227-4766"}),
    ("periodicals", P, "eng", "", "Engineering Journal of Satbayev University", "", "Almaty", "Satbayev University",
     1993, 0, "62(05)", "Engineering", {"issn": "2959-2224"}),
    ("periodicals", P, "kaz", "", "Ана тілі", "апталық газет", "Алматы", "Ана тілі", 1990, 0, "070(574)",
     "Қазақ баспасөзі", {}),
    ("periodicals", P, "rus", "", "Вестник КазНИТУ", "", "Алматы", "КазНИТУ", 1994, 0, "62(05)",
     "Технические науки", {"issn": "1680-9211"}),
    ("e-resources", E, "kaz", "Сәтбаев, Қаныш Имантайұлы", "Қаныш Сәтбаевтың мұрағаттық құжаттары",
     "цифрлық жинақ", "Алматы", "Satbayev University", 2024, 0, "929(0.034)",
     "Сәтбаев Қ.И.; Мұрағат құжаттары", {"url": "https://library.satbayev.university/satbayev-archive"}),
    ("e-resources", E, "eng", "Hartman, Howard L.", "SME mining engineering handbook", "", "Englewood, Colo.",
     "SME", 2011, 0, "622(035)(0.034)", "Mining engineering", {"url": "https://www.smenet.org/"}),
    ("e-resources", E, "rus", "", "Геологическая карта Казахстана", "масштаб 1:1 000 000", "Алматы",
     "Казгеология", 2019, 0, "55(574)(084.3)(0.034)", "Геологические карты",
     {"url": "https://library.satbayev.university/maps/geology"}),
    ("e-resources", E, "kaz", "Әлімқұлов, Нұрлан Ғабитұлы", "Ашық тау-кен жұмыстары", "бейнедәрістер курсы",
     "Алматы", "Satbayev University", 2022, 0, "622.271(0.034)", "Ашық тау-кен жұмыстары",
     {"url": "https://library.satbayev.university/courses/open-pit"}),
    ("rare", B, "rus", "Мушкетов, Иван Васильевич", "Туркестан", "геологическое и орографическое описание",
     "Санкт-Петербург", "Тип. М. Стасюлевича", 1886, 741, "55(575)", "Геология -- Средняя Азия", {}),
    ("rare", B, "rus", "Семенов-Тян-Шанский, Петр Петрович", "Путешествие в Тянь-Шань в 1856-1857 годах", "",
     "Москва", "Географгиз", 1946, 256, "910.4(574)", "Тянь-Шань -- Путешествия", {}),
    ("rare", B, "kaz", "Байтұрсынұлы, Ахмет", "Оқу құралы", "қазақша алифба", "Орынбор", "Шарқ", 1912, 52,
     "811.512.122(075)", "Қазақ тілі -- Әліппе", {}),
    ("rare", B, "kaz", "Дулатов, Міржақып", "Оян, қазақ!", "", "Уфа", "Электро-типография Гилем", 1909, 84,
     "821.512.122-1", "Қазақ әдебиеті", {}),
    ("fund", B, "kaz", "Шоқай, Мұстафа", "Түркістанның қилы тағдыры", "", "Алматы", "Жалын", 1992, 192, "94(574)",
     "Түркістан -- Тарих", {}),
    ("fund", T, "eng", "Sommerville, Ian", "Software engineering", "", "Boston", "Pearson", 2016, 810,
     "004.41(075.8)", "Software engineering", {"edition": "10th ed."}),
    ("fund", B, "kaz", "Сүлейменов, Олжас Омарұлы", "Аз и Я", "ізгі ниетті оқырманның кітабы", "Алматы", "Жазушы",
     1989, 304, "811.512.1", "Түркітану; Тіл тарихы", {}),
    ("fund", T, "rus", "Ломоносова, Ирина Андреевна", "Обогащение полезных ископаемых", "учебник", "Москва",
     "Горная книга", 2014, 464, "622.7(075.8)", "Обогащение полезных ископаемых", {}),
    ("fund", T, "kaz", "Үмбетов, Үсен Ұлықбекұлы", "Сандық әдістер", "оқу құралы", "Алматы", "Satbayev University",
     2021, 200, "519.6(075.8)", "Есептеу математикасы",
     {"isbn": _isbn("978601323106")}),
    ("fund", B, "kaz", "Һашимов, Һамит Ғабдоллаұлы", "Қаһарман кеншілер", "тарихи очерктер", "Астана",
     "Нұр-Принт", 2022, 188, "622(574)(091)", "Тау-кен ісі -- Тарих; Кеншілер", {}),
]


def load(stdout=None) -> None:
    """Create the demo records and their copies; records already present are left as they are."""
    databases = {db.code: db for db in CatalogueDatabase.objects.all()}
    departments = {d.code: d for d in LibraryDepartment.objects.filter(code__in=("storage", "service"))}
    created = 0
    inventory = 100000
    for index, row in enumerate(RECORDS, start=1):
        (db_code, document_type, language, authors, title, subtitle, place, publisher, year, pages, udc, subjects,
         extra) = row
        control_number = f"KAZNTU-DEMO-{index:04d}"
        record = BibliographicRecord.objects.filter(control_number=control_number).first()
        if record is None:
            fields = {
                "control_number": control_number, "document_type": document_type, "language": language,
                "authors": authors, "title": title, "subtitle": subtitle, "place": place, "publisher": publisher,
                "year": year, "udc": udc, "subjects": subjects,
                "extent": extra.get("extent") or (f"{pages} {PAGE_WORD.get(language, 'p.')}" if pages else ""),
                **{k: v for k, v in extra.items() if k != "extent"},
            }
            record = record_create(database=databases[db_code], **fields)
            created += 1
            if index == 1:
                # The cataloguer corrects the extent after checking the book: an edited record (section 7, 5.3).
                record = record_save_fields(record=record, user=None, extent=f"{fields['extent']} : сур.".strip())
        if document_type in (DocumentType.ARTICLE, DocumentType.E_RESOURCE, DocumentType.PERIODICAL):
            continue
        copies = 1 if db_code in ("rare", "dissertations") else 2 + index % 4
        for copy in range(copies):
            inventory_number = f"{inventory + index * 10 + copy}"
            if Item.objects.filter(inventory_number=inventory_number).exists():
                continue
            if db_code == "rare":
                status, department, loan = ItemStatus.ON_SHELF, departments.get("storage"), LoanCategory.RARE
            elif copy == copies - 1 and copies > 2:
                status, department, loan = ItemStatus.PROCESSING, None, LoanCategory.REGULAR
            else:
                status = ItemStatus.ON_SHELF
                department = departments.get("service" if copy % 2 else "storage")
                loan = LoanCategory.TEXTBOOK if document_type == DocumentType.TEXTBOOK else LoanCategory.REGULAR
                if db_code == "dissertations":
                    loan = LoanCategory.READING_ROOM
            item_create(
                record=record, inventory_number=inventory_number, status=status, department=department,
                loan_category=loan, price=Decimal(1500 + (index * 137) % 9000),
                stamped=True, received_on=date(max(year, 2000), 1 + index % 12, 1 + index % 28),
                processed_on=None if status == ItemStatus.PROCESSING else date(max(year, 2000), 1 + index % 12,
                                                                                1 + index % 28),
                receipt_source=ReceiptSource.OWN_PUBLICATION if publisher == "Satbayev University"
                else ReceiptSource.LEGACY if year < 2000 else ReceiptSource.PURCHASE,
            )
    documents = _documents()
    if stdout is not None:
        stdout.write(f"cataloguing: {created} records created, {BibliographicRecord.objects.count()} in the catalogue"
                     + (f"; {documents}" if documents else ""))


# Authors asking for a UDC index (607-29): requester, authors, department, work type, title, answer
# (UDC, LBC, author sign) or the reason of a rejection, or None while the request waits.
UDC_REQUESTS = [
    ("faculty", "Ғабдуллина Л.Қ., Әбенов Қ.Т.", "Мұнай инженериясы кафедрасы, профессор", WorkType.TEXTBOOK,
     "Ұңғымаларды бұрғылау технологиясы: оқулық", ("622.24(075.8)", "33.131я73", "Ғ12"), ""),
    ("faculty", "Ғабдуллина Л.Қ.", "Мұнай инженериясы кафедрасы, профессор", WorkType.ARTICLE,
     "Батыс Қазақстанның кәріленген кен орындарындағы полимерлі айдау", ("622.276.6(574.1)", "", ""), ""),
    ("master", "Серікова А.", "Геофизика кафедрасы, магистрант", WorkType.METHODICAL,
     "Сейсмобарлау деректерін өңдеу бойынша зертханалық жұмыстарға әдістемелік нұсқаулар", None, ""),
    ("phd", "Тұрсынов Е.", "Тау-кен ісі кафедрасы, докторант", WorkType.ARTICLE,
     "Конференция баяндамасының тезистері (жинақ әлі шықпаған)", None,
     "Тезистерге ӘОЖ жинақтың өзіне беріледі: баспа жинақты тапсырғанда қайта жүгініңіз"),
]


def _documents() -> str:
    """The cataloguers' documents for the forms: a transfer slip of processed copies to the service department
    (607-28), authors' UDC requests answered, rejected and waiting (607-29), and this year's passports of the
    catalogue databases (607-27). Each kind is made once."""
    cataloguer = User.objects.filter(username="cataloguer").first()
    desk = User.objects.filter(username="desk").first()
    service = LibraryDepartment.objects.filter(code="service").first()
    made = []
    if cataloguer and desk and service and not TransferSlip.objects.exists():
        # The newest records' copies still in processing: the catalogue's other demos lend the oldest ones.
        items = list(Item.objects.filter(status=ItemStatus.PROCESSING).order_by("-inventory_number")[:3])
        if items:
            items_mark_processed(item_ids=[item.pk for item in items])
            slip = transfer_slip_create(items=items, to_department=service, user=cataloguer,
                                        note="Каталогтаудан кейін абонементке")
            transfer_slip_accept(slip=slip, user=desk)
            made.append(f"transfer slip {slip.reference}")
    if cataloguer and not UdcRequest.objects.exists():
        for username, authors, department, work_type, title, answer, rejection in UDC_REQUESTS:
            requester = User.objects.filter(username=username).first()
            if requester is None:
                continue
            request = udc_request_submit(requester=requester, authors=authors, department=department,
                                         work_type=work_type, title=title)
            if answer:
                udc, bbk, sign = answer
                udc_request_answer(request=request, classifier=cataloguer, udc_index=udc, bbk_index=bbk,
                                   author_sign=sign, delivery_method=DeliveryMethod.EMAIL)
            elif rejection:
                udc_request_reject(request=request, classifier=cataloguer, note=rejection)
        made.append(f"{UdcRequest.objects.count()} UDC requests")
    if cataloguer and not BibliographicRecord.objects.filter(control_number__startswith="MEGAPRO-").exists():
        made.append(_legacy_records_to_check(cataloguer))
    year = timezone.localdate().year
    if not DatabasePassport.objects.filter(year=year).exists():
        made.append(f"{len(passports_make(year=year))} database passports of {year}")
    return ", ".join(made)


def _legacy_records_to_check(cataloguer) -> str:
    """Records migrated from the old system without their imprint: imported and flagged, they wait in the
    cataloguer's quality-control queue (issue 17.2) instead of being lost."""
    import io

    from pymarc import Field, Indicators, Record, Subfield

    from .marcio import import_file

    stream = io.BytesIO()
    for number, title, author in (("MEGAPRO-000117", "Кен орындарын игеру", "Ерғалиев, Т."),
                                  ("MEGAPRO-000342", "Гидрогеология негіздері", "")):
        record = Record(force_utf8=True, leader="00000nam a2200000 i 4500")
        record.add_field(Field(tag="001", data=number))
        if author:
            record.add_field(Field(tag="100", indicators=Indicators("1", " "), subfields=[Subfield("a", author)]))
        record.add_field(Field(tag="245", indicators=Indicators("1", "0"), subfields=[Subfield("a", title)]))
        stream.write(record.as_marc())
    stream.seek(0)
    result = import_file(stream, database=CatalogueDatabase.objects.get(code="fund"), user=cataloguer)
    return f"{result.flagged} legacy records flagged for quality control"
