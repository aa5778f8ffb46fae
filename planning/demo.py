"""Demo outgoing letters on the letterhead (607-04)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from accounts.models import User

from .models import OutgoingLetter
from .services import outgoing_letter_register

LETTERS = [
    (
        "Қазақстан Республикасы Ұлттық академиялық кітапханасы\nДиректорға",
        "Кітапханааралық абонемент бойынша ынтымақтастық туралы",
        "Құрметті әріптестер!\n\nҚ.И. Сәтбаев атындағы ҚазҰТЗУ Ғылыми кітапханасы кітапханааралық абонемент (КАА) "
        "және құжаттарды электрондық жеткізу (ҚЭЖ) бойынша ынтымақтастық туралы келісім жасасуды ұсынады. "
        "Өңірлік ғылыми-техникалық әдебиеттерге қолжетімділік ғалымдарымыз бен білім алушыларымыз үшін аса маңызды.\n\n"
        "Ұсынысымызды қарастыруыңызды сұраймыз.",
    ),
    (
        "«Фолиант» баспасы\nКоммерциялық директорға",
        "Оқулықтарды жеткізу мерзімі туралы",
        "«Фолиант» баспасымен жасалған шарт бойынша 2026–2027 оқу жылына арналған оқулықтардың жеткізілу мерзімін "
        "нақтылауды сұраймыз. Әдебиеттер оқу үдерісін қамтамасыз ету үшін қыркүйек айына дейін қажет.",
    ),
]


def load(stdout) -> None:
    if OutgoingLetter.objects.exists():
        stdout.write(f"planning: {OutgoingLetter.objects.count()} letters already registered")
        return
    director = User.objects.filter(username="director").first()
    today = timezone.localdate()
    for offset, (addressee, subject, body) in enumerate(LETTERS):
        outgoing_letter_register(
            registered_on=today - dt.timedelta(days=10 - offset * 5), addressee=addressee, subject=subject, body=body,
            signatory_name=director.short_name if director else "Омарова Г.С.",
            signatory_position="Ғылыми кітапхана директоры",
            executor="Жұмабаева А.Қ., 8 (727) 257-70-48", created_by=director,
        )
    stdout.write(f"planning: {len(LETTERS)} outgoing letters registered")
