"""Conversions between the public model types and the ``toponym.v1`` messages."""

from __future__ import annotations

import numbers
from collections.abc import Callable, Iterable, Sequence
from dataclasses import fields
from types import MemberDescriptorType, SimpleNamespace
from typing import Any

from toponym_client._proto.toponym.v1 import toponym_pb2
from toponym_client.models import (
    Candidate,
    FeatureKind,
    MatchKind,
    Mention,
    Place,
    PlaceDetails,
    PlaceName,
    RelatedPlace,
    Relation,
)

_FEATURE_KINDS = {kind.value: kind for kind in FeatureKind}
_MATCH_KINDS = {kind.value: kind for kind in MatchKind}
_RELATIONS = {relation.value: relation for relation in Relation}


def _slot_setters(cls: type) -> Any:
    """The setters of a frozen, slotted dataclass's fields, by field name: ``setters.name(instance, value)``.

    A frozen dataclass's ``__init__`` sets each field through ``object.__setattr__``. Setting
    the slots through their descriptors on ``object.__new__(cls)`` builds an equal value, at
    about half the cost of converting a candidate (BENCHMARKS.md, twenty-fifth session), which a
    pipeline pays for every candidate of every answer. Only for a class whose ``__init__`` does
    nothing else: one with a ``__post_init__`` is refused.
    """
    if hasattr(cls, "__post_init__"):
        raise TypeError(f"{cls.__name__} has a __post_init__, which setting its slots would skip")
    setters: dict[str, Callable[[object, object], None]] = {}
    for field in fields(cls):
        slot = cls.__dict__.get(field.name)
        if not isinstance(slot, MemberDescriptorType):
            raise TypeError(f"{cls.__name__}.{field.name} is not a slot")
        setters[field.name] = slot.__set__
    return SimpleNamespace(**setters)


_new = object.__new__
_RELATED = _slot_setters(RelatedPlace)
_PLACE = _slot_setters(Place)
_CANDIDATE = _slot_setters(Candidate)


def feature_kind_from_proto(value: int) -> FeatureKind:
    """Return the :class:`FeatureKind` for a wire value; unknown values become UNSPECIFIED."""
    return _FEATURE_KINDS.get(value, FeatureKind.UNSPECIFIED)


def match_kind_from_proto(value: int) -> MatchKind:
    """Return the :class:`MatchKind` for a wire value; unknown values become UNSPECIFIED."""
    return _MATCH_KINDS.get(value, MatchKind.UNSPECIFIED)


def relation_from_proto(value: int) -> Relation:
    """Return the :class:`Relation` for a wire value; unknown values become UNSPECIFIED."""
    return _RELATIONS.get(value, Relation.UNSPECIFIED)


def related_from_proto(msg: toponym_pb2.RelatedPlace) -> RelatedPlace:
    """Build a :class:`RelatedPlace` from its message."""
    related: RelatedPlace = _new(RelatedPlace)
    _RELATED.geoname_id(related, msg.geoname_id)
    _RELATED.name(related, msg.name)
    _RELATED.country_code(related, msg.country_code)
    _RELATED.relation(related, relation_from_proto(msg.relation))
    _RELATED.distance_km(related, msg.distance_km)
    _RELATED.curated(related, msg.curated)
    return related


def place_from_proto(msg: toponym_pb2.Place) -> Place:
    """Build a :class:`Place` from its message."""
    place: Place = _new(Place)
    _PLACE.geoname_id(place, msg.geoname_id)
    _PLACE.name(place, msg.name)
    _PLACE.ascii_name(place, msg.ascii_name)
    _PLACE.country_code(place, msg.country_code)
    _PLACE.admin1_code(place, msg.admin1_code)
    _PLACE.admin1_name(place, msg.admin1_name)
    _PLACE.admin2_code(place, msg.admin2_code)
    _PLACE.feature_class(place, msg.feature_class)
    _PLACE.feature_code(place, msg.feature_code)
    _PLACE.feature_kind(place, feature_kind_from_proto(msg.feature_kind))
    _PLACE.lat(place, msg.latitude)
    _PLACE.lon(place, msg.longitude)
    _PLACE.population(place, msg.population)
    _PLACE.custom(place, msg.custom)
    _PLACE.related(place, tuple(map(related_from_proto, related)) if (related := msg.related) else ())
    return place


def candidate_from_proto(msg: toponym_pb2.Candidate) -> Candidate:
    """Build a :class:`Candidate` from its message."""
    candidate: Candidate = _new(Candidate)
    _CANDIDATE.place(candidate, place_from_proto(msg.place))
    _CANDIDATE.confidence(candidate, msg.confidence)
    _CANDIDATE.match_kind(candidate, match_kind_from_proto(msg.match_kind))
    _CANDIDATE.matched_name(candidate, msg.matched_name)
    _CANDIDATE.localized_name(candidate, msg.localized_name)
    _CANDIDATE.explanation(candidate, msg.explanation)
    return candidate


def candidates_from_proto(msgs: Iterable[toponym_pb2.Candidate]) -> list[Candidate]:
    """Build a list of candidates, keeping the server's ranking."""
    return list(map(candidate_from_proto, msgs))


def place_name_from_proto(msg: toponym_pb2.PlaceName) -> PlaceName:
    """Build a :class:`PlaceName` from its message."""
    return PlaceName(
        name=msg.name,
        language=msg.language,
        is_preferred=msg.is_preferred,
        is_short=msg.is_short,
        is_colloquial=msg.is_colloquial,
        is_historic=msg.is_historic,
    )


def place_details_from_proto(msg: toponym_pb2.PlaceDetails) -> PlaceDetails:
    """Build a :class:`PlaceDetails` from its message."""
    return PlaceDetails(
        place=place_from_proto(msg.place),
        names=tuple(place_name_from_proto(n) for n in msg.names),
        localized_name=msg.localized_name,
    )


_INT32_MAX = 2**31 - 1
_KIND_NAMES = ", ".join(f"FeatureKind.{kind.name}" for kind in FeatureKind if kind)


def hints_to_proto(
    *,
    country: str | Sequence[str] | None = None,
    restrict_to_country: bool = False,
    lang: str | None = None,
    near: tuple[float, float] | None = None,
    kinds: FeatureKind | Iterable[FeatureKind] | None = None,
    limit: int = 5,
    min_confidence: float | None = None,
    near_spellings: bool = False,
) -> toponym_pb2.ResolveHints:
    """Build the ``ResolveHints`` message for the keyword hints of the client methods.

    ``country`` is one ISO 3166-1 alpha-2 code or several; ``near`` is a
    ``(lat, lon)`` pair; ``kinds`` one :class:`FeatureKind` or several;
    ``min_confidence=None`` leaves the server default. The server validates the
    values; only what the wire cannot carry as meant is refused here: a value of
    another type than the argument's (named in the error, where protobuf's own
    would name a message field or none), a ``limit`` below 1 (which the wire
    would turn into "the default") or past 32 bits, and ``kinds`` that are not
    feature kinds.

    Raises:
        TypeError: A hint is of another type than its argument's: ``limit`` is not an integer,
            ``kinds`` is a string, ``country`` holds no strings ...
        ValueError: ``limit`` is out of range, an item of ``kinds`` is no :class:`FeatureKind`,
            or a string holds an unpaired surrogate.

    """
    _check_type("restrict_to_country", restrict_to_country, bool)
    _check_type("near_spellings", near_spellings, bool)
    if lang is not None:
        _check_text("lang", lang)
    hints = toponym_pb2.ResolveHints(
        restrict_to_countries=restrict_to_country,
        language=lang or "",
        max_candidates=_checked_limit(limit),
        include_near_spellings=near_spellings,
    )
    if min_confidence is not None:  # set, even to 0 (every candidate kept); unset, the server's default
        _check_number("min_confidence", min_confidence)
        hints.min_confidence = min_confidence
    if country is not None:
        codes = _checked_countries(country)
        hints.country_codes.extend(codes)
    if near is not None:
        try:
            lat, lon = near
        except (TypeError, ValueError):
            raise TypeError(f"near must be a (latitude, longitude) pair, not {near!r}") from None
        _check_number("near[0]", lat)
        _check_number("near[1]", lon)
        hints.near.latitude = lat
        hints.near.longitude = lon
    if kinds is not None:
        hints.feature_kinds.extend(toponym_pb2.FeatureKind.ValueType(kind) for kind in _checked_kinds(kinds))
    return hints


def _check_type(argument: str, value: object, kind: type) -> None:
    if not isinstance(value, kind):
        raise TypeError(f"{argument} must be a {kind.__name__}, not {type(value).__name__}")


def _check_text(argument: str, value: object) -> None:
    """Raise unless ``value`` is a string a message can carry (no unpaired surrogate)."""
    if not isinstance(value, str):
        raise TypeError(f"{argument} must be a string, not {type(value).__name__}")
    try:
        value.encode()
    except UnicodeEncodeError:
        raise ValueError(f"{argument} must be valid Unicode text: it holds an unpaired surrogate") from None


def _check_number(argument: str, value: object) -> None:
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{argument} must be a number, not {type(value).__name__}")


def _checked_countries(country: str | Iterable[str]) -> list[str]:
    """``country`` as a list of codes, each a string (the server checks that it is a country's)."""
    if isinstance(country, str):
        _check_text("country", country)
        return [country]
    if not isinstance(country, Iterable):
        raise TypeError(f"country must be a code or an iterable of codes, not {type(country).__name__}")
    codes = list(country)
    for i, code in enumerate(codes):
        _check_text(f"country[{i}]", code)
    return codes


def _checked_limit(limit: int) -> int:
    """Return ``limit`` when the wire carries it as meant: an integer from 1 to 2**31 - 1."""
    if isinstance(limit, bool) or not isinstance(limit, int):
        raise TypeError(f"limit must be an integer, not {type(limit).__name__}")
    if not 1 <= limit <= _INT32_MAX:
        raise ValueError(f"limit must be at least 1 and below 2**31 (the server allows at most 50), got {limit}")
    return limit


def _checked_kinds(kinds: FeatureKind | Iterable[FeatureKind]) -> list[FeatureKind]:
    """Return ``kinds`` (one kind, or an iterable of them) as a list of :class:`FeatureKind` members."""
    if isinstance(kinds, FeatureKind):
        return [kinds]
    if isinstance(kinds, str | bytes) or not isinstance(kinds, Iterable):
        raise TypeError(f"kinds must be a FeatureKind or an iterable of them ({_KIND_NAMES}), not {kinds!r}")
    checked: list[FeatureKind] = []
    for i, kind in enumerate(kinds):
        try:
            checked.append(FeatureKind(kind))
        except ValueError:
            raise ValueError(f"kinds[{i}] must be a FeatureKind ({_KIND_NAMES}), got {kind!r}") from None
    return checked


def mentions_from_proto(messages: Iterable[toponym_pb2.Mention]) -> list[Mention]:
    """Build :class:`Mention` objects from their messages, keeping their order."""
    return [
        Mention(m.text, m.start, m.end, tuple(candidates_from_proto(m.candidates)), m.confidence)
        for m in messages
        if m.candidates
    ]
