"""Seed the twelve risks of section 6 of QP 607-2023 with their consequences, impact, owner and the
prevention measures the procedure plans. Likelihood is left for the owners' first review: the procedure
does not state it."""

from django.db import migrations

# code, sub-process, owner department, impact (1 negligible, 2 medium, 3 high),
# (risk kk, ru, en), (consequence kk, ru, en), [(measure kk, ru, en), …]
RISKS = [
    ("1.1", "5.1", "directorate", 2,
     ("Ұйымдастыру-әдістемелік қамтамасыз етудің жеткіліксіздігі",
      "Недостаточное организационно-методическое обеспечение",
      "Insufficient organisational-methodical support"),
     ("Инновациялық дамудан артта қалу", "Отставание в инновационном развитии", "Lagging in innovation and development"),
     [("Кәсіби қауымдастықтарға кіру", "Вступление в профессиональные ассоциации", "Join professional associations"),
      ("Шетелдік кітапханалармен ынтымақтастық", "Сотрудничество с зарубежными библиотеками",
       "Cooperation with foreign libraries"),
      ("Әдістемелік қамтамасыз етуді жетілдіру", "Совершенствование методического обеспечения",
       "Better methodical support"),
      ("Қызметкерлерді қолдау және ынталандыру", "Поддержка и мотивация сотрудников", "Staff support and motivation")]),
    ("2.1", "5.2", "acquisitions", 2,
     ("Жаңа басылымдарды сатып алуға қаржыландырудың қысқаруы",
      "Сокращение финансирования на приобретение новых изданий",
      "Cut in funding for new publications"),
     ("Қорды жаңарту мен кітаппен қамтамасыз ету талаптан төмен",
      "Обновление фонда и книгообеспеченность ниже требований",
      "Fund renewal and book provision below requirements"),
     [("Бюджетті түзету", "Корректировка бюджета", "Budget correction"),
      ("Кітап алмасу және КАА", "Книгообмен и МБА", "Book exchange and ILL"),
      ("Шетелдік дерекқорларға ұлттық жазылым жобалары",
       "Национальные проекты подписки на зарубежные базы данных",
       "National subscription projects for foreign databases")]),
    ("2.2", "5.2", "acquisitions", 2,
     ("Жеткізушілердің демпингтік бағалары", "Демпинговые цены поставщиков", "Suppliers' dumping prices"),
     ("Жеткізілімнің бұзылуы немесе сапасыз жеткізілім", "Срыв поставок или некачественные поставки",
      "Disrupted or poor-quality deliveries"),
     [("Әлеуетті жеткізушілердің өнімдері мен қызметтерін бақылау",
       "Мониторинг продукции и услуг потенциальных поставщиков",
       "Watch potential suppliers' products and services"),
      ("Жосықсыз әлеуетті өнім берушілерге қарсы шаралар", "Меры против недобросовестных участников торгов",
       "Act against unfair bidders")]),
    ("2.3", "5.2", "acquisitions", 2,
     ("Шетелдік жеткізушілерден жеткізудің кешігуі", "Задержка поставок от зарубежных поставщиков",
      "Late delivery from foreign suppliers"),
     ("Оқу үдерісі әдебиетпен уақтылы қамтамасыз етілмейді",
      "Учебный процесс не обеспечивается литературой своевременно",
      "Teaching not supplied with literature on time"),
     [("Жеткізушілердің балама дерекқорлары", "Альтернативные базы поставщиков", "Alternative supplier databases"),
      ("Шетелдік ресурстарға өтінімдерді қажеттіліктен алты ай бұрын беру",
       "Подача заявок на зарубежные ресурсы за шесть месяцев до потребности",
       "Requests for foreign resources six months before they are needed")]),
    ("3.1", "5.3", "cataloguing", 2,
     ("Кітапханалық жүйенің істен шығуы", "Сбои библиотечной системы", "Failures of the library system"),
     ("Жасалған библиографиялық жазбалардың жоғалуы", "Потеря созданных библиографических записей",
      "Loss of created bibliographic records"),
     [("Сенімділікті арттыру бойынша профилактикалық жұмыс", "Профилактические работы по повышению надёжности",
       "Preventive work for reliability"),
      ("Байланыс арналары", "Каналы связи", "Communication channels")]),
    ("3.2", "5.3", "cataloguing", 2,
     ("Ақпараттық шу", "Информационный шум", "Information noise"),
     ("Пайдаланушылардың іздеу сапасына қанағаттанбауы", "Неудовлетворённость пользователей качеством поиска",
      "Users dissatisfied with search quality"),
     [("Жазбалардың сапасын тексеру", "Проверка качества записей", "Check records' quality"),
      ("Оқырмандарға арналған іздеу нұсқаулықтары", "Пособия по поиску для читателей", "Search guides for readers"),
      ("Іздеуді жетілдіру", "Совершенствование поиска", "Better search")]),
    ("4.1", "5.4", "new-it", 2,
     ("Сканердің істен шығуы", "Выход из строя сканера", "Scanner failure"),
     ("Оқу үдерісі электрондық басылымдармен қамтамасыз етілмейді",
      "Учебный процесс не обеспечивается электронными изданиями",
      "Teaching not supplied with e-publications"),
     [("Жабдықтың жай-күйін бақылау", "Контроль состояния оборудования", "Watch equipment"),
      ("Уақтылы техникалық қызмет көрсету", "Своевременное техническое обслуживание", "Timely maintenance")]),
    ("4.2", "5.4", "new-it", 2,
     ("Цифрландырылған объектілердің форматтары мен сақтау технологияларының өзгеруі",
      "Изменение форматов и технологий хранения оцифрованных объектов",
      "Change of formats and storage technologies of digitised objects"),
     ("Құжаттарды оқу мүмкін болмайды", "Документы становятся нечитаемыми", "Documents unreadable"),
     [("Қазіргі форматтарға көшу", "Переход на современные форматы", "Move to current formats"),
      ("Цифрландыру сапасын бақылау", "Контроль качества оцифровки", "Control digitisation quality"),
      ("Көшірмелерді бұлтта сақтау", "Хранение копий в облаке", "Keep copies in the cloud")]),
    ("4.3", "5.4", "new-it", 3,
     ("Технологиялар мен бағдарламалық қамтамасыз етудің жылдам өзгеруі",
      "Быстрая смена технологий и программного обеспечения",
      "Fast change of technology and software"),
     ("Пайдаланушылардың жылдам, қашықтан және мобильді қолжетімділікке үмітінің ақталмауы",
      "Неоправданные ожидания пользователей быстрого, удалённого и мобильного доступа",
      "Users' expectations of fast, remote and mobile access unmet"),
     [("Интернет-сервистер мен мобильді қосымшалар", "Интернет-сервисы и мобильные приложения",
       "Internet services and mobile apps"),
      ("Жаңа жабдық", "Новое оборудование", "New equipment"),
      ("Қызметкерлерді оқыту", "Обучение сотрудников", "Staff training")]),
    ("5.1", "5.5", "service", 1,
     ("Байланыстың үзілуі немесе болмауы", "Перебои или отсутствие связи", "Interruptions or no connectivity"),
     ("Ресурстар мен қызметтер қолжетімсіз", "Ресурсы и услуги недоступны", "Resources and services unavailable"),
     [("Өткізу қабілетін арттыру", "Увеличение пропускной способности", "More bandwidth"),
      ("Сымсыз байланыс арналары", "Беспроводные каналы связи", "Wireless channels")]),
    ("5.2", "5.5", "service", 1,
     ("Ақпараттық мәдениеттің төмендігі", "Низкая информационная культура", "Low information culture"),
     ("Ресурстарды тиімсіз пайдалану", "Неэффективное использование ресурсов", "Ineffective use of resources"),
     [("Оқыту сабақтары", "Обучающие занятия", "Training sessions"),
      ("Студенттерді ынталандыру", "Стимулирование студентов", "Stimulate students"),
      ("Кафедралармен ынтымақтастық", "Сотрудничество с кафедрами", "Cooperation with departments")]),
    ("6.1", "5.6", "storage", 2,
     ("Сақтау жағдайларының сақталмауы", "Несоблюдение условий хранения", "Storage conditions not kept"),
     ("Басылымдардың бүлінуі", "Повреждение изданий", "Damage to publications"),
     [("Температура, ылғалдылық және өрт қауіпсіздігін бақылау",
       "Контроль температуры, влажности и пожарной безопасности",
       "Watch temperature, humidity and fire safety"),
      ("Құрылыс нормаларына сай жөндеу", "Ремонт в соответствии со строительными нормами",
       "Repairs to building norms"),
      ("Қоршаған орта әсерінен қорғау", "Защита от воздействия окружающей среды", "Protection from the environment")]),
]


def seed(apps, schema_editor):
    Risk = apps.get_model("risks", "Risk")
    RiskMeasure = apps.get_model("risks", "RiskMeasure")
    LibraryDepartment = apps.get_model("accounts", "LibraryDepartment")
    for code, subprocess, owner_code, impact, titles, consequences, measures in RISKS:
        owner = LibraryDepartment.objects.get(code=owner_code)
        risk, created = Risk.objects.get_or_create(
            code=code,
            defaults={
                "subprocess": subprocess, "owner": owner, "impact": impact,
                "title_kk": titles[0], "title_ru": titles[1], "title_en": titles[2],
                "consequence_kk": consequences[0], "consequence_ru": consequences[1],
                "consequence_en": consequences[2],
            },
        )
        if created:
            for kk, ru, en in measures:
                RiskMeasure.objects.create(
                    risk=risk, description_kk=kk, description_ru=ru, description_en=en,
                    responsible=owner.name_kk, status="planned",
                )


def unseed(apps, schema_editor):
    Risk = apps.get_model("risks", "Risk")
    Risk.objects.filter(code__in=[row[0] for row in RISKS], events__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("risks", "0001_initial"),
        ("accounts", "0002_seed_departments_and_categories"),
    ]

    operations = [migrations.RunPython(seed, unseed)]
