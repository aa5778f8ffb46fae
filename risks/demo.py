"""Demo risk register: the owners' first reviews, measures with deadlines, and a few risk events."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from accounts.models import User

from .constants import MeasureStatus
from .models import Risk, RiskEvent, RiskReview
from .services import risk_event_record, risk_review_record

# code: (likelihood 1–5, conclusion)
REVIEWS = {
    "1.1": (2, "Кәсіби қауымдастықтарға мүшелік сақталған; әдістемелік кеңес тұрақты жұмыс істейді."),
    "2.1": (4, "2026 жылғы бюджет 12 %-ға қысқарды; жазылым қайта қаралды."),
    "2.2": (3, "Екі тендерде демпингтік баға ұсынылды."),
    "2.3": (4, "Шетелдік басылымдар 3–4 айға кешігіп келуде."),
    "3.1": (2, "Сервер резервтелген; күнделікті сақтық көшірме жасалады."),
    "3.2": (3, "Қайталанатын жазбалар анықталды; сапаны тексеру жоспарланды."),
    "4.1": (3, "Бір планшеттік сканер ескірген, жөндеу жиілеген."),
    "4.2": (2, "PDF/A форматына көшу басталды."),
    "4.3": (3, "Мобильді қосымшаға сұраныс артуда."),
    "5.1": (2, "Оқу залдарында Wi-Fi жаңартылды."),
    "5.2": (3, "Бірінші курс студенттерінің ақпараттық мәдениеті төмен."),
    "6.1": (3, "Жазда №2 қоймада ылғалдылық нормадан асады."),
}

EVENTS = [
    ("3.1", 40, "Кітапханалық жүйенің сервері 3 сағатқа тоқтады (электр қуатының үзілуі).",
     "Резервтік көшірмеден қалпына келтірілді, жоғалған жазба жоқ."),
    ("4.1", 25, "Planetary сканерінің жарық көзі істен шықты.", "Сервис орталығына жөндеуге жіберілді."),
    ("5.1", 12, "Университет желісінде интернет 2 сағат болмады.",
     "Оқырмандарға ақпарат берілді, IT қызметіне өтінім."),
]


def load(stdout) -> None:
    if RiskReview.objects.exists():
        stdout.write("risks: register already reviewed")
        return
    director = User.objects.filter(username="director").first()
    today = timezone.localdate()
    reviewed_on = today - dt.timedelta(days=60)
    for risk in Risk.objects.all():
        likelihood, conclusion = REVIEWS[risk.code]
        risk_review_record(risk=risk, reviewed_on=reviewed_on, likelihood=likelihood, impact=risk.impact,
                           conclusion=conclusion, reviewed_by=director)
        for index, measure in enumerate(risk.measures.order_by("id")):
            measure.deadline = dt.date(today.year, 6 if index % 2 == 0 else 12, 30 if index % 2 == 0 else 31)
            measure.status = MeasureStatus.DONE if index == 0 else MeasureStatus.IN_PROGRESS
            measure.completed_on = reviewed_on if index == 0 else None
            measure.save()
    for code, days_ago, description, action in EVENTS:
        risk_event_record(risk_code=code, description=description, action_taken=action, recorded_by=director,
                          occurred_at=timezone.now() - dt.timedelta(days=days_ago))
    stdout.write(f"risks: 12 risks reviewed, {RiskEvent.objects.count()} risk events")
