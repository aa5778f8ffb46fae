"""Kazakh inflection folded away for search (issue 21, item 1). Pure Python, no Django.

Kazakh is agglutinative: one title says «кітап», the next «кітаптарының» (book-PLURAL-POSSESSIVE-GENITIVE),
«мектеп» turns into «мектебі» (п → б before a vowel), «зерттеу» into «зерттеулері». `stem()` strips the
inflectional endings and the commonest derivational ones from a word *after* it has been transliterated onto
the search skeleton of `normalize` (lower-case Latin letters, before doubled letters collapse), so that one set
of rules serves Cyrillic, the 2017/2018/2021 Latin alphabets and ad-hoc Latin alike:

    stem("kitaptarinin") == stem("kitap") == "kitap";  stem("mektebi") == "mektep"

The skeleton has lost the hard/soft pairs (ә/а, ө/о, ү/ұ, і/ы, қ/к, ғ/г), so vowel harmony cannot be checked
here; what still can be, and what keeps Russian and English words from being cut, is the consonant
assimilation at the suffix boundary: a Kazakh ending starts with л/д/т, н/д/т, ғ/қ/н, м/б/п… according to the
sound it follows («кітап-тар», «қалам-дар», «бала-лар»). An ending is removed only when the letter before it
is one the ending's form may follow, and only when at least MIN_STEM letters (one of them a vowel) remain.
No dictionary, no finite-state transducer: see bench/README.md («Kazakh stemming») for why, and
tests/catalogue_search/data/ for the word forms it is measured on.

It is a matching key, never shown to anyone: a Russian «мастер» becoming «mas» costs nothing as long as no other
word takes that key, which the false-conflation test measures.
"""

from __future__ import annotations

import re

VOWELS = frozenset("aeiou")
# Sounds after which an ending takes its л-, д- or т-form (plural лар/дар/тар and the others alike). In the
# skeleton у and й are the vowels "u" and "i"; voiced б, в, г, д take the т-form too.
_AFTER_VOWEL = VOWELS
_SONORANT = frozenset("lmnzj")
_VOICELESS = frozenset("bvgdkpstfhcx")
_ANY_CONSONANT = frozenset("bcdfghjklmnpqrstvwxz")

# Letters a word must be made of to be stemmed at all (digits, other alphabets are left alone).
_STEMMABLE_RE = re.compile("[a-z]+")
# Fewest letters an ending may leave (before doubled letters collapse): «тіл-і» yes, «су-ы» (2) no.
MIN_STEM = 3
# A derivational ending must leave more: «оқу-лық» (textbook) stays apart from «оқу» (study).
MIN_DERIVED_STEM = 4
# Words no longer than this are not stemmed (short Russian/English words and Kazakh roots alike).
MIN_WORD = 4

# Words whose last letters look like an ending and are not: -стан is a country («Қазақстан», «Өзбекстан»), not
# an ablative in -тан.
# «Тұлға» (personality) is not a dative «тұл-ға».
_PROTECTED_ENDINGS = ("stan", "tulga")

# The state of the right-to-left strip: which slots may still be stripped after the last one.
# Kazakh order is root + derivation + plural + possessive + case; two case endings are allowed because the
# skeleton cannot tell a bare stem ending like a case from one that is («Қызылорда» / «Қызылордада»: the
# second strip makes both «kizilor», and both forms agree, which is all a key needs).
_CASE, _POSSESSIVE, _PLURAL, _DERIVATION = "case", "possessive", "plural", "derivation"
_NEXT = {
    "start": (_CASE, _POSSESSIVE, _PLURAL, _DERIVATION),
    _CASE: (_CASE, _POSSESSIVE, _PLURAL, _DERIVATION),
    _POSSESSIVE: (_PLURAL, _DERIVATION),
    _PLURAL: (_DERIVATION,),
    _DERIVATION: (_DERIVATION,),
}
_MAX_CASES = 2
_MAX_DERIVATIONS = 2

# "P3": the ending follows a third-person possessive (…ы/…і): «кітаб-ы-на», «негіз-і-нде».
_P3 = "P3"

_SONORANT_OR_R = _SONORANT | {"r"}
# Vowels but ы/і: a stem rarely ends in them, a possessive -ы/-і often does.
_BACK_OR_E = frozenset("aeou")
_VOWEL_OR_R = _AFTER_VOWEL | {"r"}

# (ending, sounds it may follow). Longer endings are tried first within a slot.
_SUFFIXES: dict[str, tuple[tuple[str, frozenset[str] | str], ...]] = {
    _CASE: (
        # -дағы/-тағы/-ндағы: "the one in …" («Қазақстандағы»), a case and an adjective in one.
        ("dagi", _VOWEL_OR_R | _SONORANT), ("degi", _VOWEL_OR_R | _SONORANT),
        ("tagi", _VOICELESS), ("tegi", _VOICELESS), ("ndagi", _P3), ("ndegi", _P3),
        # Genitive -ның/-дың/-тың.
        ("nin", _AFTER_VOWEL | {"m", "n"}), ("din", {"r", "l", "z", "j", "u", "i"}), ("tin", _VOICELESS),
        # Ablative -дан/-тан/-нан.
        ("dan", _VOWEL_OR_R | {"l", "z", "j"}), ("den", _VOWEL_OR_R | {"l", "z", "j"}),
        ("tan", _VOICELESS), ("ten", _VOICELESS),
        ("nan", frozenset({"m", "n"})), ("nen", frozenset({"m", "n"})),
        # Instrumental -мен/-бен/-пен.
        ("men", _VOWEL_OR_R | {"l", "m", "n"}), ("ben", _SONORANT), ("pen", _VOICELESS),
        # Plural + possessive + accusative («өлеңдерін»), possessive + accusative after a vowel («баласын»).
        ("larin", _VOWEL_OR_R), ("lerin", _VOWEL_OR_R), ("darin", _SONORANT), ("derin", _SONORANT),
        ("tarin", _VOICELESS), ("terin", _VOICELESS), ("sin", _AFTER_VOWEL),
        # Possessive + accusative after a consonant («тарихын», «тілін»).
        ("in", _ANY_CONSONANT),
        # Temporal/relative adjective -ғы/-гі/-қы/-кі («жылғы», «қазіргі»).
        ("gi", _SONORANT_OR_R), ("ki", _VOICELESS),
        # Locative -да/-та/-нда.
        ("nda", _P3), ("nde", _P3), ("da", _VOWEL_OR_R | _SONORANT), ("de", _VOWEL_OR_R | _SONORANT),
        ("ta", _VOICELESS), ("te", _VOICELESS),
        # Dative -ға/-қа/-на.
        ("ga", _VOWEL_OR_R | _SONORANT), ("ge", _VOWEL_OR_R | _SONORANT), ("ka", _VOICELESS), ("ke", _VOICELESS),
        ("na", _P3), ("ne", _P3),
        # Accusative -ны/-ды/-ты.
        ("ni", _BACK_OR_E), ("di", {"r", "l", "m", "n", "z", "j", "u", "i"}), ("ti", _VOICELESS),
    ),
    _POSSESSIVE: (
        # Our (-ымыз/-мыз), your (polite, -ыңыз/-ңыз), his/her/their (-ы/-сы). The first person singular
        # (-ым/-м) is left alone: «білім», «ғылым», «адам», «әлем» end like it.
        ("imiz", _ANY_CONSONANT), ("miz", _AFTER_VOWEL), ("iniz", _ANY_CONSONANT), ("niz", _AFTER_VOWEL),
        # -сы after a vowel other than ы/і («әдіс-і», not «әді-сі»); -ы after a consonant but ш: «оқушы»,
        # «жазушы» end in the agent suffix -шы, far commoner in titles than a noun in -ш with -ы.
        ("si", _BACK_OR_E), ("i", _ANY_CONSONANT | {"u"}),
    ),
    _PLURAL: (
        ("lar", _VOWEL_OR_R), ("ler", _VOWEL_OR_R), ("dar", _SONORANT), ("der", _SONORANT),
        ("tar", _VOICELESS), ("ter", _VOICELESS),
    ),
    _DERIVATION: (
        # -лық/-дық/-тық (abstract nouns and adjectives: «экономикалық», «қазақстандық»), -шы (agent:
        # «зерттеуші»).
        ("lik", _VOWEL_OR_R), ("dik", _SONORANT), ("tik", _VOICELESS), ("shi", _AFTER_VOWEL | _ANY_CONSONANT),
    ),
}


def _fits(stem: str, follows: frozenset[str] | set[str] | str, minimum: int) -> bool:
    if len(stem) < minimum or not VOWELS.intersection(stem):
        return False
    if follows == _P3:
        return stem.endswith("i") and len(stem) > minimum
    return stem[-1] in follows


def _strip(word: str, slot: str) -> str | None:
    minimum = MIN_DERIVED_STEM if slot == _DERIVATION else MIN_STEM
    for ending, follows in _SUFFIXES[slot]:
        if not word.endswith(ending):
            continue
        stem = word[: -len(ending)]
        if any(word.endswith(kept) and len(ending) < len(kept) for kept in _PROTECTED_ENDINGS):
            continue
        if ending in ("ni", "in") and len(stem) < MIN_DERIVED_STEM:
            # «өлең-і» (its poem), not «өле-ні», while «бала-ны» keeps its accusative; Russian surnames in -ин
            # («Путин», «Ленин») are not «тарих-ын».
            continue
        if ending in ("ga", "ge") and stem[-1] in VOWELS and len(stem) < MIN_DERIVED_STEM:
            continue  # «бала-ға», «Абай-ға», but not a Russian «кни-га»
        if ending == "i" and stem.endswith("sh"):
            continue
        if _fits(stem, follows, minimum):
            return stem
    return None


def devoice(stem: str) -> str:
    """The consonant alternation at the suffix boundary: «мектеб-і» → «мектеп», «жүрег-і» → «жүрек»,
    «Қазағ-ы» → «Қазақ». Applied to every stem, with or without an ending, so both sides agree."""
    if len(stem) >= MIN_STEM:
        if stem.endswith("b"):
            return stem[:-1] + "p"
        if stem.endswith("g") and not stem.endswith("ng"):
            return stem[:-1] + "k"
    return stem


def stem(word: str) -> str:
    """The Kazakh stem of one skeleton word (see the module docstring); other words come back devoiced only."""
    if len(word) < MIN_WORD or not _STEMMABLE_RE.fullmatch(word):
        return word
    state = "start"
    cases = derivations = 0
    while True:
        for slot in _NEXT[state]:
            if (slot == _CASE and cases >= _MAX_CASES) or (slot == _DERIVATION and derivations >= _MAX_DERIVATIONS):
                continue
            stripped = _strip(word, slot)
            if stripped is not None:
                # «құқығ-ы-ның»: the stem under the next ending is the devoiced one («құқық-тық»).
                word, state = devoice(stripped), slot
                cases += slot == _CASE
                derivations += slot == _DERIVATION
                break
        else:
            return devoice(word)
