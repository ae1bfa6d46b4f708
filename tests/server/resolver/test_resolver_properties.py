"""Property tests: the resolver answers any Unicode text, with any hints, in bounded time and without raising."""

from __future__ import annotations

from datetime import timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from toponym_server.matching.features import Kind
from toponym_server.matching.ranking import Hints
from toponym_server.resolver import Query, Resolver

ANY_TEXT = st.text(alphabet=st.characters(codec=None, exclude_categories=()), max_size=300)
NAMEISH = st.text(alphabet=st.characters(categories=("L", "M", "Zs", "Pd")), min_size=1, max_size=40)
HINTS = st.builds(
    Hints,
    countries=st.frozensets(st.sampled_from(["SY", "IQ", "US", "FR", "XK", "ZZ", ""]), max_size=3),
    restrict_to_countries=st.booleans(),
    language=st.sampled_from(["", "ar", "en", "de-CH", "ckb", "zz"]),
    near=st.none() | st.tuples(st.floats(-90, 90), st.floats(-180, 180)),
    kinds=st.frozensets(st.sampled_from(list(Kind))),
)
# Bounded time: hypothesis fails an example slower than this.
BOUNDED = settings(deadline=timedelta(seconds=5), max_examples=300, suppress_health_check=[HealthCheck.too_slow])


def _check(resolver: Resolver, query: Query) -> None:
    answers = resolver.resolve(query)
    assert len(answers) <= query.limit
    confidences = [c.confidence for c in answers]
    assert all(0.0 <= c <= 1.0 for c in confidences)
    assert confidences == sorted(confidences, reverse=True)
    assert all(c >= query.min_confidence for c in confidences)


@BOUNDED
@given(text=ANY_TEXT)
def test_any_text_resolves_without_raising(resolver: Resolver, text: str) -> None:
    _check(resolver, Query(text))


@BOUNDED
@given(text=NAMEISH, hints=HINTS, limit=st.integers(1, 50), min_confidence=st.floats(0.0001, 1.0))
def test_name_like_text_with_any_hints_resolves(
    resolver: Resolver, text: str, hints: Hints, limit: int, min_confidence: float
) -> None:
    _check(resolver, Query(text, hints, limit=limit, min_confidence=min_confidence))


@settings(deadline=timedelta(seconds=10), max_examples=30, suppress_health_check=[HealthCheck.too_slow])
@given(unit=st.text(min_size=1, max_size=6), times=st.integers(50, 2_000))
def test_long_text_resolves_in_bounded_time(resolver: Resolver, unit: str, times: int) -> None:
    _check(resolver, Query(unit * times))
