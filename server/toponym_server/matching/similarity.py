"""Name similarity on several views at once: folded, phonetic and consonant skeleton."""

from __future__ import annotations

from enum import StrEnum

from rapidfuzz import fuzz
from rapidfuzz.distance import Indel

from toponym_server.matching.normalize import Normalized


class MatchKind(StrEnum):
    """How a query met a name; values mirror ``toponym.v1.MatchKind`` names."""

    EXACT = "exact"
    ALTERNATE_NAME = "alternate_name"
    TRANSLITERATION = "transliteration"
    PHONETIC = "phonetic"
    FUZZY = "fuzzy"


PHONETIC_EQUAL = 0.94
# View weights chosen on held-out (odd-ID) sets: spelling closeness is the strongest single view.
SKELETON_EQUAL = 0.8
FOLDED_SCALE = 1.0
PHONETIC_SCALE = 0.85
PART_BASE = 0.72
PART_COVERAGE = 0.18
PART_MIN_OVERLAP = 88


def name_similarity(query: Normalized, folded: str, phonetic: str, name_skeleton: str) -> tuple[float, str]:
    """Score how alike a query and a gazetteer name are, in [0, 1], and name the view that decided.

    An equal folded form scores 1, an equal phonetic form up to :data:`PHONETIC_EQUAL` (closer
    spellings higher), and other
    pairs the best of the normalized Indel similarities of the phonetic, folded and skeleton
    views, each scaled below the equality it approximates.
    """
    if query.folded.replace(" ", "") == folded.replace(" ", ""):
        return 1.0, "folded"
    spelling = Indel.normalized_similarity(query.folded, folded)
    by_folded = spelling * FOLDED_SCALE
    if phonetic == query.phonetic or phonetic in query.readings:
        # Among names that sound alike, the one spelt closer to the query wins.
        return PHONETIC_EQUAL - 0.1 + 0.1 * spelling, "phonetic"
    by_phonetic = Indel.normalized_similarity(query.phonetic, phonetic) * PHONETIC_SCALE
    if name_skeleton and query.skeleton == name_skeleton:
        by_skeleton = SKELETON_EQUAL
    else:
        by_skeleton = Indel.normalized_similarity(query.skeleton, name_skeleton) * 0.8
    best = max((by_phonetic, "phonetic"), (by_folded, "folded"), (by_skeleton, "skeleton"))
    shorter, longer = sorted((query.phonetic, phonetic), key=len)
    if shorter and len(shorter) < 0.8 * len(longer) and len(query.tokens) != folded.count(" ") + 1:
        # One names part of the other (*Hucknall Torkard* / *Hucknall*): credit the shared part,
        # less the more of the longer one it leaves out. Only across words: within one word a
        # shared start is just a shorter name (*Macon* is not part of *Mekinez*).
        overlap = fuzz.partial_ratio(shorter, longer, score_cutoff=PART_MIN_OVERLAP) / 100
        if overlap:
            coverage = len(shorter) / len(longer)
            best = max(best, (overlap * (PART_BASE + PART_COVERAGE * coverage), "partial"))
    # Two views agreeing is stronger evidence than the best one alone.
    blended = best[0] + 0.1 * (by_phonetic + by_skeleton - best[0]) * (1 - best[0])
    return min(blended, PHONETIC_EQUAL - 0.01), best[1]
