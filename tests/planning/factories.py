import datetime as dt

from planning.services import outgoing_letter_register


def register_letter(*, on: dt.date | None = None, subject: str = "Кітапханааралық абонемент туралы", **extra):
    return outgoing_letter_register(
        registered_on=on or dt.date(2026, 3, 2),
        addressee=extra.pop("addressee", "Ұлттық академиялық кітапхана\nДиректорға"),
        subject=subject,
        body=extra.pop("body", "Құрметті әріптестер! Ынтымақтастық туралы ұсыныс: ә ғ қ ң ө ұ ү һ і."),
        signatory_name=extra.pop("signatory_name", "Омарова Г.С."),
        signatory_position=extra.pop("signatory_position", "Ғылыми кітапхана директоры"),
        **extra,
    )
