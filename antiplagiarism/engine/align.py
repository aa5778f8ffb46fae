"""Passage alignment: shared n-grams (seeds) between the checked text and one source, chained into passages.

Seeds on (nearly) the same diagonal are merged while the gap between them stays within GAP words, so a
light edit (a word changed, inserted or dropped here and there) yields one passage rather than many
crumbs. Passages shorter than MIN_WORDS words are dropped: a common phrase is not reuse.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from .fingerprint import N_GRAM

GAP = 8
MIN_WORDS = 8
MAX_POSITIONS_PER_HASH = 8  # a phrase repeated all over a source adds nothing after a few copies


@dataclass
class Passage:
    """Token ranges [q_start, q_end) in the checked text and [s_start, s_end) in the source."""

    q_start: int
    q_end: int
    s_start: int
    s_end: int
    seeds: int = 1
    last_q: int = 0
    last_s: int = 0

    @property
    def words(self) -> int:
        return self.q_end - self.q_start


def source_index(hashes: list[int]) -> dict[int, list[int]]:
    index: dict[int, list[int]] = defaultdict(list)
    for position, value in enumerate(hashes):
        positions = index[value]
        if len(positions) < MAX_POSITIONS_PER_HASH:
            positions.append(position)
    return index


def align(query_hashes: list[int], source: dict[int, list[int]] | list[int], *, n: int = N_GRAM, gap: int = GAP,
          min_words: int = MIN_WORDS) -> list[Passage]:
    """Passages shared by the checked text and a source (given as its hashes or their index)."""
    index = source if isinstance(source, dict) else source_index(source)
    reach = gap + n
    open_passages: list[Passage] = []
    done: list[Passage] = []
    for q, value in enumerate(query_hashes):
        positions = index.get(value)
        if not positions:
            continue
        still_open = []
        for passage in open_passages:
            (still_open if q - passage.last_q <= reach else done).append(passage)
        open_passages = still_open
        for s in positions:
            best = None
            best_cost = None
            for passage in open_passages:
                dq = q - passage.last_q
                ds = s - passage.last_s
                if dq <= 0 or ds <= 0 or ds > reach or abs(dq - ds) > gap:
                    continue
                cost = dq + ds + 2 * abs(dq - ds)
                if best_cost is None or cost < best_cost:
                    best, best_cost = passage, cost
            if best is None:
                open_passages.append(Passage(q, q + n, s, s + n, 1, q, s))
            else:
                best.q_end = max(best.q_end, q + n)
                best.s_end = max(best.s_end, s + n)
                best.last_q, best.last_s = q, s
                best.seeds += 1
    done.extend(open_passages)
    return sorted((p for p in done if p.words >= min_words), key=lambda p: (p.q_start, p.s_start))
