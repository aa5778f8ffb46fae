"""Languages of documents by their MARC 21 codes (MARC Code List for Languages), named in the active language:
the catalogue's language facet, and the printed forms that list a record's, a database's or a periodical's
languages (607-05, 607-06, 607-17, 607-25, 607-27) print words, never codes."""

from __future__ import annotations

import re

from django.utils.translation import gettext_lazy as _

LANGUAGE_LABELS = {
    "kaz": _("Kazakh"),
    "rus": _("Russian"),
    "eng": _("English"),
    "ger": _("German"),
    "fre": _("French"),
    "tur": _("Turkish"),
    "chi": _("Chinese"),
    "ukr": _("Ukrainian"),
    "uzb": _("Uzbek"),
    "kir": _("Kyrgyz"),
    "spa": _("Spanish"),
    "ita": _("Italian"),
    "jpn": _("Japanese"),
    "kor": _("Korean"),
    "ara": _("Arabic"),
    "lat": _("Latin"),
    "mul": _("Multiple languages"),
    "und": _("Undetermined"),
}
# Two-letter codes some registers were filled with (ISO 639-1), read as the MARC code they stand for.
_ISO_639_1 = {"kk": "kaz", "ru": "rus", "en": "eng", "de": "ger", "fr": "fre", "tr": "tur", "zh": "chi"}


def language_name(code: str) -> str:
    """The language of a MARC (or two-letter) code in words: "kaz" → "Қазақ тілі" in Kazakh. A code we do not
    know, or a language already written in words, is returned as it is."""
    key = (code or "").strip()
    lower = key.lower()
    label = LANGUAGE_LABELS.get(_ISO_639_1.get(lower, lower))
    return str(label) if label is not None else key


def language_names(codes: str) -> str:
    """Several languages written as codes ("kaz, rus; eng" or "kaz rus") in words, joined by commas."""
    parts = [part for part in re.split(r"[,;/\s]+", codes or "") if part]
    if not all(len(part) <= 3 for part in parts):  # free text ("орыс, ағылшын тілдері"): keep it as written
        return (codes or "").strip()
    return ", ".join(language_name(part) for part in parts)
