"""Kazakh stemmers compared for catalogue search (issue 21, item 1): accuracy and speed.

Reads the word-form list the tests use (tests/catalogue_search/data/kazakh_word_forms.tsv: form, expected stem)
and the Russian/English list (russian_english_words.tsv), and measures

* the project's rule-based stemmer (`catalogue_search.kazakh`, over the fold skeleton): share of forms stemmed
  to the expected stem (all forms, Cyrillic, Latin), share of forms meeting their dictionary form on one key,
  words per second uncached and through `normalize.search_words` (cached, as indexing runs), false conflations
  among the Russian and English words;
* with --hunspell DIR (a directory holding kk_KZ.aff and kk_KZ.dic, e.g. Debian's hunspell-kk unpacked:
  `apt-get download hunspell-kk && dpkg -x hunspell-kk_*.deb x`) and spylls importable (`pip install spylls`,
  or --spylls-path to a --target directory): the dictionary's affix rules as a stemmer (the shortest stem
  hunspell accepts the form under), on the same forms.

    .venv/bin/python bench/kazakh_stemming.py [--hunspell /tmp/x/usr/share/hunspell --spylls-path /tmp/spylls]

`kazstem` (PyPI) is not measured: it installs, but `qazmorph.Analyzer()` stops with "Kazakh FST resources are not
installed" (its finite-state transducers, apertium-kaz's, are carried by no registry here; Debian has HFST but
no Kazakh transducer package). Figures go to bench/README.md («Kazakh stemming»).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DATA = ROOT / "tests" / "catalogue_search" / "data"

from catalogue_search import kazakh  # noqa: E402  (after the path is set)
from catalogue_search.normalize import _letters, fold, search_words  # noqa: E402

LATIN = set("abcdefghijklmnopqrstuvwxyzäğıñöşūüçé'")


def pairs(name: str) -> list[tuple[str, str]]:
    lines = (DATA / name).read_text(encoding="utf-8").splitlines()
    return [tuple(line.split("\t")) for line in lines if line and not line.startswith("#")]


def expected(lemma: str) -> str:
    return kazakh.devoice(fold(lemma))


def accuracy(forms: list[tuple[str, str]], stemmer) -> tuple[float, float, float]:
    def share(subset):
        return sum(stemmer(form) == expected(lemma) for form, lemma in subset) / len(subset) if subset else 0.0

    latin = [(f, lemma) for f, lemma in forms if set(f.lower()) <= LATIN]
    cyrillic = [(f, lemma) for f, lemma in forms if not set(f.lower()) <= LATIN]
    return share(forms), share(cyrillic), share(latin)


def words_per_second(words: list[str], stem, rounds: int) -> float:
    runs = []
    for _ in range(3):
        started = time.perf_counter()
        for _round in range(rounds):
            for word in words:
                stem(word)
        runs.append(len(words) * rounds / (time.perf_counter() - started))
    return statistics.median(runs)


def false_conflations(words: list[tuple[str, str]]) -> list[list[tuple[str, str]]]:
    by_key: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for word, lemma in words:
        by_key["".join(search_words(word))].add((lemma, fold(word)))
    return [sorted(group) for group in by_key.values()
            if len({lemma for lemma, _f in group}) > 1 and len({f for _l, f in group}) > 1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--hunspell", help="directory with kk_KZ.aff and kk_KZ.dic")
    parser.add_argument("--spylls-path", help="a directory to import spylls from (pip install --target)")
    args = parser.parse_args()

    forms = pairs("kazakh_word_forms.tsv")
    others = pairs("russian_english_words.tsv")
    print(f"{len(forms)} Kazakh word forms of {len({lemma for _f, lemma in forms})} words; "
          f"{len(others)} Russian/English words\n")
    print("| stemmer | expected stem, all | Cyrillic | Latin | form meets its dictionary form | words/s |")
    print("|---|---:|---:|---:|---:|---:|")

    def rule_based(form: str) -> str:
        return "".join(search_words(form))

    total, cyrillic, latin = accuracy(forms, rule_based)
    meets = sum(rule_based(f) == rule_based(lemma) for f, lemma in forms) / len(forms)
    skeletons = [_letters(fold(f)) for f, _lemma in forms]
    raw_speed = words_per_second(skeletons, kazakh.stem, rounds=200)
    print(f"| rule-based (catalogue_search.kazakh) | {total:.1%} | {cyrillic:.1%} | {latin:.1%} | {meets:.1%} | "
          f"{raw_speed:,.0f} |")

    if args.hunspell:
        if args.spylls_path:
            sys.path.insert(0, args.spylls_path)
        from spylls.hunspell import Dictionary

        started = time.perf_counter()
        dictionary = Dictionary.from_files(str(Path(args.hunspell) / "kk_KZ"))
        loaded = time.perf_counter() - started

        def hunspell(form: str) -> str:
            stems = {f.stem for f in dictionary.lookuper.good_forms(form.lower(), compound_forms=False)}
            return kazakh.devoice(fold(min(stems, key=len) if stems else form))

        total, cyrillic, latin = accuracy(forms, hunspell)
        meets = sum(hunspell(f) == hunspell(lemma) for f, lemma in forms) / len(forms)
        speed = words_per_second([f for f, _lemma in forms], hunspell, rounds=1)
        print(f"| hunspell-kk affix rules (spylls) | {total:.1%} | {cyrillic:.1%} | {latin:.1%} | {meets:.1%} | "
              f"{speed:,.0f} |")
        print(f"\nhunspell-kk dictionary loaded in {loaded:.1f} s")

    conflated = false_conflations(others)
    involved = sum(len(group) for group in conflated)
    print(f"\nRussian/English words falsely conflated by the rule-based stemmer: {involved} of {len(others)} "
          f"({involved / len(others):.1%}): {conflated}")
    changed = [w for w, _lemma in others if "".join(search_words(w)) != fold(w)]
    print(f"Russian/English words whose key the stemmer changed (mostly other forms of one word): {len(changed)} "
          f"of {len(others)}")


if __name__ == "__main__":
    main()
