# ruff: noqa: E501 - the demo pages are paragraphs of HTML, kept one paragraph a line to read and edit
"""Demo public site: the "For researchers" section, about the library, the rules of use and opening hours in three
languages, four news items with images, and a month of visit statistics written through the counter's own path."""

from __future__ import annotations

import datetime as dt
import io
import random
from collections import Counter

from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image, ImageDraw

from accounts.models import User

from .constants import PageSection, PostKind, PublicationStatus
from .models import Page, Post, SiteVisitDay
from .services import publication_save, visitor_digests_reduce
from .visits import buffer_write

R, A, D = PageSection.RESEARCHERS, PageSection.ABOUT, PageSection.READERS

# slug, section, order, {language: (title, body)}
PAGES = [
    ("orcid-scopus-web-of-science", R, 10, {
        "kk": ("ORCID, Scopus және Web of Science: авторлық профиль", """
<p>Жарияланымдарыңыз дұрыс есептелуі үшін әр автордың бір ғана, толық және жаңартылған профилі болуы керек.</p>
<h2>ORCID</h2>
<ol><li><a href="https://orcid.org/register">orcid.org</a> сайтында тегін тіркеліңіз: аты-жөніңізді паспорттағыдай латынша жазыңыз, барлық жазылу нұсқаларын «Also known as» өрісіне қосыңыз.</li>
<li>«Employment» бөлімінде ұйымды «Satbayev University» деп көрсетіңіз.</li>
<li>Scopus пен Web of Science профильдерін ORCID-ке байланыстырыңыз («Search &amp; link»), сонда жаңа мақалалар өздігінен қосылады.</li></ol>
<h2>Scopus Author ID</h2>
<p>Профиль бірінші мақала индекстелгенде өздігінен жасалады. Екі профиль пайда болса, Scopus Author Feedback Wizard арқылы біріктіруге өтінім беріңіз; аффилиацияны «Satbayev University» деп түзетіңіз.</p>
<h2>Web of Science ResearcherID</h2>
<p>webofscience.com сайтында тіркеліп, «Claim my publications» арқылы мақалаларыңызды профильге бекітіңіз.</p>
<p>Кітапхананың ақпараттық-аналитикалық бөлімі жеке кеңес береді: профильді бірге тексеріп, қателерді түзетуге көмектесеміз (607-49 нысаны бойынша өтінім).</p>"""),
        "ru": ("ORCID, Scopus и Web of Science: профиль автора", """
<p>Чтобы публикации учитывались правильно, у каждого автора должен быть один полный и актуальный профиль.</p>
<h2>ORCID</h2>
<ol><li>Зарегистрируйтесь бесплатно на <a href="https://orcid.org/register">orcid.org</a>: имя латиницей как в паспорте, все варианты написания — в поле «Also known as».</li>
<li>В разделе «Employment» укажите организацию «Satbayev University».</li>
<li>Свяжите профили Scopus и Web of Science с ORCID («Search &amp; link»), тогда новые статьи будут добавляться сами.</li></ol>
<h2>Scopus Author ID</h2>
<p>Профиль создаётся автоматически, когда индексируется первая статья. Если профилей два, подайте запрос на объединение через Scopus Author Feedback Wizard и исправьте аффилиацию на «Satbayev University».</p>
<h2>Web of Science ResearcherID</h2>
<p>Зарегистрируйтесь на webofscience.com и закрепите свои статьи через «Claim my publications».</p>
<p>Информационно-аналитический отдел библиотеки консультирует индивидуально: проверим профиль вместе и поможем исправить ошибки (заявка по форме 607-49).</p>"""),
        "en": ("ORCID, Scopus and Web of Science: your author profile", """
<p>For your publications to be counted correctly, each author needs one complete, up-to-date profile.</p>
<h2>ORCID</h2>
<ol><li>Register for free at <a href="https://orcid.org/register">orcid.org</a>: your name in Latin letters as in your passport, every other spelling under “Also known as”.</li>
<li>Under “Employment”, name the organisation “Satbayev University”.</li>
<li>Link your Scopus and Web of Science profiles to ORCID (“Search &amp; link”) so that new papers are added automatically.</li></ol>
<h2>Scopus Author ID</h2>
<p>The profile is created automatically when your first paper is indexed. If you have two, ask for a merge through the Scopus Author Feedback Wizard and correct the affiliation to “Satbayev University”.</p>
<h2>Web of Science ResearcherID</h2>
<p>Register at webofscience.com and claim your papers with “Claim my publications”.</p>
<p>The library's information-analytical department advises you in person: we check the profile together and help correct it (request on form 607-49).</p>"""),
    }),
    ("publishing-support", R, 20, {
        "kk": ("Жариялауға қолдау", """
<p>Кітапхана университет ғалымдарының мақалаларын жариялауға және ілгерілетуге көмектеседі.</p>
<ul><li><strong>Журнал таңдау:</strong> Scopus және Web of Science индекстейтін журналдарды квартиль бойынша іздеу, «жыртқыш» журналдарды анықтау.</li>
<li><strong>Академиялық жазу:</strong> мақала құрылымы, аннотация, әдебиеттер тізімін APA, IEEE, ГОСТ стилінде рәсімдеу бойынша тренингтер.</li>
<li><strong>Библиометрия:</strong> h-индекс, дәйексөздер, жарияланым белсенділігі бойынша есептер (607-51 нысаны).</li>
<li><strong>Ашық қолжетімділік:</strong> мақалаларды университеттің институционалдық репозиторийіне орналастыру.</li></ul>
<p>Тренингтер кестесі жаңалықтарда жарияланады; топқа сабақ кафедра өтінімі бойынша өткізіледі.</p>"""),
        "ru": ("Поддержка публикаций", """
<p>Библиотека помогает учёным университета публиковать и продвигать статьи.</p>
<ul><li><strong>Выбор журнала:</strong> поиск журналов Scopus и Web of Science по квартилям, выявление «хищнических» журналов.</li>
<li><strong>Академическое письмо:</strong> тренинги по структуре статьи, аннотации, оформлению списка литературы в стилях APA, IEEE, ГОСТ.</li>
<li><strong>Библиометрия:</strong> отчёты по h-индексу, цитированию, публикационной активности (форма 607-51).</li>
<li><strong>Открытый доступ:</strong> размещение статей в институциональном репозитории университета.</li></ul>
<p>Расписание тренингов публикуется в новостях; занятие для группы проводится по заявке кафедры.</p>"""),
        "en": ("Publishing support", """
<p>The library helps the university's researchers publish and promote their papers.</p>
<ul><li><strong>Choosing a journal:</strong> finding Scopus and Web of Science journals by quartile, spotting predatory journals.</li>
<li><strong>Academic writing:</strong> training on a paper's structure, its abstract, and references in APA, IEEE or GOST style.</li>
<li><strong>Bibliometrics:</strong> reports on h-index, citations and publication activity (form 607-51).</li>
<li><strong>Open access:</strong> depositing papers in the university's institutional repository.</li></ul>
<p>Training dates are announced in the news; a class for a group is held at a department's request.</p>"""),
    }),
    ("originality-check", R, 30, {
        "kk": ("Бітіру жұмыстарын түпнұсқалыққа тексеру ережесі", """
<p>Академиялық адалдық саясатына сәйкес бітіру жұмыстары қорғауға дейін плагиатқа қарсы жүйеде тексеріледі (Бітіру жұмыстарын плагиатқа тексеру туралы ереже, ҚП29-04-01.03.1.05-2022).</p>
<ol><li>Жұмысты кафедраның жауапты тұлғасы жүйеге жүктейді; оған кіру деректерін кітапхана береді.</li>
<li>Файл PDF, DOCX, RTF немесе TXT форматында, титул парағымен бірге жүктеледі.</li>
<li>Жүйе ұқсастық пен дәйексөз коэффициенттерін береді; шешімді ғылыми жетекші мен кафедра қабылдайды.</li>
<li>Қайта тексеру түзетілген нұсқа бойынша бір рет жүргізіледі.</li></ol>"""),
        "ru": ("Правила проверки выпускных работ на оригинальность", """
<p>В соответствии с политикой академической честности выпускные работы до защиты проверяются в системе антиплагиата (Положение о проверке выпускных работ на плагиат, ҚП29-04-01.03.1.05-2022).</p>
<ol><li>Работу загружает ответственное лицо кафедры; доступ к системе ему выдаёт библиотека.</li>
<li>Файл загружается в формате PDF, DOCX, RTF или TXT вместе с титульным листом.</li>
<li>Система выдаёт коэффициенты сходства и цитирования; решение принимают научный руководитель и кафедра.</li>
<li>Повторная проверка проводится один раз по исправленной версии.</li></ol>"""),
        "en": ("Rules of the originality check of final theses", """
<p>Under the academic integrity policy, final theses are checked in the anti-plagiarism system before the defence (Regulation on checking final theses for plagiarism, ҚП29-04-01.03.1.05-2022).</p>
<ol><li>The department's responsible person uploads the work; the library gives them access to the system.</li>
<li>The file is uploaded as PDF, DOCX, RTF or TXT, with its title page.</li>
<li>The system reports the similarity and citation rates; the supervisor and the department decide.</li>
<li>A second check is made once, on the corrected version.</li></ol>"""),
    }),
    ("about-the-library", A, 10, {
        "kk": ("Кітапхана туралы", """
<p>Қ.И. Сәтбаев атындағы ҚазҰТЗУ Ғылыми кітапханасы — университеттің оқу процесі мен ғылыми зерттеулерін ақпараттық қамтамасыз ететін құрылымдық бөлімше.</p>
<p>Кітапхана қоры оқу, ғылыми және көркем әдебиетті, мерзімді басылымдарды, диссертацияларды және сирек кітаптарды қамтиды. Оқырмандарға электрондық каталог, электрондық кітапхана және жазылған халықаралық деректер базалары қолжетімді.</p>
<p>Бөлімдер: жинақтау, каталогтау, оқырмандарға қызмет көрсету, кітап сақтау, ақпараттық-аналитикалық бөлім және жаңа ақпараттық технологиялар бөлімі.</p>"""),
        "ru": ("О библиотеке", """
<p>Научная библиотека КазНИТУ имени К.И. Сатпаева — структурное подразделение, обеспечивающее информацией учебный процесс и научные исследования университета.</p>
<p>Фонд включает учебную, научную и художественную литературу, периодику, диссертации и редкие книги. Читателям доступны электронный каталог, электронная библиотека и подписные международные базы данных.</p>
<p>Отделы: комплектования, каталогизации, обслуживания читателей, книгохранения, информационно-аналитический и новых информационных технологий.</p>"""),
        "en": ("About the library", """
<p>The Scientific Library of Satbayev University is the unit that supplies the university's teaching and research with information.</p>
<p>Its collection holds textbooks, scientific and fiction books, periodicals, dissertations and rare books. Readers use the electronic catalogue, the digital library and the subscribed international databases.</p>
<p>Departments: acquisitions, cataloguing, reader services, book storage, information-analytical, and new information technologies.</p>"""),
    }),
    ("rules-of-use", D, 10, {
        "kk": ("Кітапхананы пайдалану қағидалары", """
<ul><li>Кітапханаға жазылу үшін жеке басты куәландыратын құжат пен 3×4 см фотосурет (jpg) қажет; студенттер Тіркеу кеңсесінің деректері бойынша жазылады.</li>
<li>Әдебиетке тапсырыс оқырманның жеке кабинеті арқылы беріледі; тапсырыс 1 тәулікке брондалады.</li>
<li>Қайтару мерзімі жеке кабинетте көрсетіледі; мерзімі өткен берешек болса, жаңа басылым берілмейді.</li>
<li>Жоғалған кітаптың орнына сол басылым немесе кітапхана тең деп таныған басылым қабылданады.</li>
<li>Оқу жылының соңында барлық басылымдар қайтарылады; оқуды бітіргенде кету қағазына берешектің жоқтығы белгіленеді.</li></ul>"""),
        "ru": ("Правила пользования библиотекой", """
<ul><li>Для записи нужны документ, удостоверяющий личность, и фото 3×4 см (jpg); студенты записываются по данным Офиса регистратора.</li>
<li>Литература заказывается через личный кабинет читателя; заказ бронируется на 1 сутки.</li>
<li>Срок возврата указан в личном кабинете; при просроченной задолженности новые издания не выдаются.</li>
<li>Взамен утерянной книги принимается то же издание или признанное библиотекой равноценным.</li>
<li>В конце учебного года все издания возвращаются; при выпуске в обходном листе отмечается отсутствие задолженности.</li></ul>"""),
        "en": ("Rules of use", """
<ul><li>To register you need an identity document and a 3×4 cm photo (jpg); students are registered from the Registrar's Office data.</li>
<li>Books are ordered in the reader's personal cabinet; an order is held for 1 day.</li>
<li>The return date is shown in the cabinet; while an overdue loan is open, no new item is issued.</li>
<li>A lost book is replaced by the same edition or one the library accepts as equivalent.</li>
<li>All items are returned at the end of the academic year; on graduating, the clearance sheet records that nothing is owed.</li></ul>"""),
    }),
    ("opening-hours", D, 20, {
        "kk": ("Жұмыс уақыты", """
<table><tbody><tr><th>Абонемент (174 каб.)</th><td>дүйсенбі–жұма 9:00–18:00, сенбі 9:00–14:00</td></tr>
<tr><th>Оқу залдары</th><td>дүйсенбі–жұма 9:00–20:00, сенбі 10:00–17:00</td></tr>
<tr><th>Электрондық кітапхана</th><td>тәулік бойы</td></tr></tbody></table>
<p>Жексенбі және мереке күндері демалыс. Айдың соңғы жұмасы — санитарлық күн.</p>"""),
        "ru": ("Часы работы", """
<table><tbody><tr><th>Абонемент (каб. 174)</th><td>понедельник–пятница 9:00–18:00, суббота 9:00–14:00</td></tr>
<tr><th>Читальные залы</th><td>понедельник–пятница 9:00–20:00, суббота 10:00–17:00</td></tr>
<tr><th>Электронная библиотека</th><td>круглосуточно</td></tr></tbody></table>
<p>Воскресенье и праздничные дни — выходные. Последняя пятница месяца — санитарный день.</p>"""),
        "en": ("Opening hours", """
<table><tbody><tr><th>Lending desk (room 174)</th><td>Monday–Friday 9:00–18:00, Saturday 9:00–14:00</td></tr>
<tr><th>Reading rooms</th><td>Monday–Friday 9:00–20:00, Saturday 10:00–17:00</td></tr>
<tr><th>Digital library</th><td>24 hours</td></tr></tbody></table>
<p>Closed on Sundays and public holidays. The last Friday of the month is a cleaning day.</p>"""),
    }),
]

# slug, kind, days ago, colour, {language: (title, body)} — the last one has no English yet (the fallback notice).
POSTS = [
    ("scopus-wos-training", PostKind.ANNOUNCEMENT, 3, (31, 78, 140), {
        "kk": ("Scopus және Web of Science бойынша тренинг", "<p>Оқытушылар мен докторанттарды авторлық профильді жүргізу және журнал таңдау бойынша практикалық тренингке шақырамыз. Өтетін орны: 301 оқу залы, сәрсенбі, 15:00.</p>"),
        "ru": ("Тренинг по Scopus и Web of Science", "<p>Приглашаем преподавателей и докторантов на практический тренинг по ведению профиля автора и выбору журнала. Место: читальный зал 301, среда, 15:00.</p>"),
        "en": ("Scopus and Web of Science training", "<p>Lecturers and doctoral students are invited to a hands-on training on keeping an author profile and choosing a journal. Reading room 301, Wednesday, 15:00.</p>"),
    }),
    ("new-arrivals-exhibition", PostKind.NEWS, 9, (27, 122, 54), {
        "kk": ("Жаңа түсімдер көрмесі ашылды", "<p>Оқу залында тау-кен ісі, геология және IT бойынша соңғы айда түскен 120 жаңа басылымның көрмесі ашылды.</p>"),
        "ru": ("Открыта выставка новых поступлений", "<p>В читальном зале открыта выставка 120 новых изданий по горному делу, геологии и IT, поступивших за последний месяц.</p>"),
        "en": ("New arrivals exhibition opens", "<p>An exhibition of 120 new books on mining, geology and IT received this month is open in the reading room.</p>"),
    }),
    ("winter-session-hours", PostKind.ANNOUNCEMENT, 16, (178, 106, 0), {
        "kk": ("Қысқы сессия кезіндегі жұмыс уақыты", "<p>Сессия кезінде оқу залдары 21:00-ге дейін, сенбіде 18:00-ге дейін жұмыс істейді.</p>"),
        "ru": ("Часы работы в зимнюю сессию", "<p>Во время сессии читальные залы работают до 21:00, в субботу — до 18:00.</p>"),
        "en": ("Opening hours during the winter exams", "<p>During the exam session the reading rooms are open until 21:00, and until 18:00 on Saturdays.</p>"),
    }),
    ("thesis-checks-start", PostKind.NEWS, 24, (120, 40, 120), {
        "kk": ("Бітіру жұмыстарын тексеру басталды", "<p>Кафедралардың жауапты тұлғалары бітіру жұмыстарын антиплагиат жүйесіне жүктей алады. Кіру деректерін кітапханадан алыңыз.</p>"),
        "ru": ("Началась проверка выпускных работ", "<p>Ответственные лица кафедр могут загружать выпускные работы в систему антиплагиата. Доступ выдаёт библиотека.</p>"),
    }),
]


def _banner(colour: tuple[int, int, int]) -> ContentFile:
    """A 1200×600 banner: bands of the colour (a picture to size and show, not a stock photo)."""
    image = Image.new("RGB", (1200, 600), colour)
    draw = ImageDraw.Draw(image)
    for step in range(12):
        shade = tuple(min(255, c + step * 12) for c in colour)
        draw.rectangle([step * 100, 600 - step * 40, 1200, 600], fill=shade)
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=85)
    return ContentFile(out.getvalue(), name="banner.jpg")


def _fill(publication, texts: dict) -> None:
    for language, (title, body) in texts.items():
        setattr(publication, f"title_{language}", title)
        setattr(publication, f"body_{language}", body.strip())


def _visits(today: dt.date) -> None:
    """A month of visits fed through the counter's own batch write, as the buffer of a web process would."""
    rng = random.Random(607)  # noqa: S311 - made-up traffic, not a secret
    paths = ["/", "/kk/site/news/", "/ru/site/news/", "/kk/site/researchers/", "/catalogue/",
             "/kk/site/pages/orcid-scopus-web-of-science/", "/en/site/pages/opening-hours/"]
    for back in range(30, 0, -1):
        day = today - dt.timedelta(days=back)
        weekend = day.weekday() >= 5
        views: Counter = Counter()
        digests = set()
        for visitor in range(rng.randint(20, 40) if weekend else rng.randint(80, 160)):
            digest = f"{back:03d}{visitor:029d}"
            for path in rng.sample(paths, rng.randint(1, 4)):
                views[(day, path)] += 1
                digests.add((day, path, digest))
                digests.add((day, "", digest))
        buffer_write(views, Counter({day: views[(day, "/catalogue/")] // 2}), digests)
    visitor_digests_reduce(today=today)


def load(stdout) -> None:
    if Page.objects.exists():
        stdout.write("website: pages already there")
        return
    now = timezone.now()
    for slug, section, order, texts in PAGES:
        page = Page(slug=slug, section=section, order=order, status=PublicationStatus.PUBLISHED)
        _fill(page, texts)
        publication_save(publication=page, at=now - dt.timedelta(days=60))
    author = User.objects.filter(username="director").first()
    for slug, kind, days_ago, colour, texts in POSTS:
        post = Post(slug=slug, kind=kind, status=PublicationStatus.PUBLISHED, author=author,
                    published_at=now - dt.timedelta(days=days_ago), image=_banner(colour))
        _fill(post, texts)
        publication_save(publication=post)
    draft = Post(slug="summer-reading-list", kind=PostKind.NEWS, status=PublicationStatus.DRAFT, author=author)
    _fill(draft, {"kk": ("Жазғы оқу тізімі (дайындалуда)", "<p>Кафедралардың ұсыныстары жиналуда.</p>")})
    publication_save(publication=draft)
    if not SiteVisitDay.objects.exists():
        _visits(timezone.localdate())
    stdout.write(f"website: {Page.objects.count()} pages, {Post.objects.count()} news items, "
                 f"{SiteVisitDay.objects.count()} days of visits")
