"""Request validation: every rule a request must meet, with field violations for the ones it breaks.

Invalid input is answered with INVALID_ARGUMENT and a ``google.rpc.BadRequest`` listing each
offending field and the rule it broke; the server never sees the input beyond this point.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from typing import NamedTuple

from toponym_client._proto.toponym.v1 import toponym_pb2 as pb
from toponym_server.matching.confidence import DEFAULT_MIN_CONFIDENCE
from toponym_server.matching.features import Kind
from toponym_server.matching.ranking import Hints
from toponym_server.resolver import Query
from toponym_server.service.codes import is_known_country, is_known_language
from toponym_server.service.limits import DEFAULT_MAX_BATCH_SIZE, DEFAULT_MAX_NAME_LENGTH

MAX_NAME_LENGTH = DEFAULT_MAX_NAME_LENGTH
MAX_CANDIDATES = 50
DEFAULT_CANDIDATES = 5
MAX_BATCH_SIZE = DEFAULT_MAX_BATCH_SIZE
# \Z, not $: $ also matches before a final newline, and "en\n" is no language tag.
_COUNTRY = re.compile(r"[A-Za-z]{2}\Z")
_LANGUAGE = re.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*\Z")
_MAX_TAG_LENGTH = 64
_SHOWN_CHARACTERS = 16
_KINDS = {
    pb.FEATURE_KIND_COUNTRY: Kind.COUNTRY,
    pb.FEATURE_KIND_ADMIN_AREA: Kind.ADMIN_AREA,
    pb.FEATURE_KIND_POPULATED_PLACE: Kind.POPULATED_PLACE,
    pb.FEATURE_KIND_OTHER: Kind.OTHER,
}


@dataclass(frozen=True, slots=True)
class FieldViolation:
    """One broken rule: the field's path in the request and what is wrong with it."""

    field: str
    description: str


REPORTED_VIOLATIONS = 10
"""The most violations an error names: a call's status travels in its trailers, which a client bounds
(8 KiB by default); past that bound gRPC replaces the status with RESOURCE_EXHAUSTED."""


class InvalidRequestError(Exception):
    """A request broke one or more rules; its message names the first :data:`REPORTED_VIOLATIONS`."""

    def __init__(self, violations: list[FieldViolation]) -> None:
        named = "; ".join(f"{v.field}: {v.description}" for v in violations[:REPORTED_VIOLATIONS])
        more = len(violations) - REPORTED_VIOLATIONS
        super().__init__(named + (f"; and {more} more" if more > 0 else ""))
        self.violations = violations

    @property
    def reported(self) -> list[FieldViolation]:
        """The violations an error status carries: the first :data:`REPORTED_VIOLATIONS`."""
        return self.violations[:REPORTED_VIOLATIONS]


_SEPARATORS = "\x1c\x1d\x1e\x1f"
"""Control characters ``str.strip`` takes for whitespace: a name of them is refused for what they are."""


def _is_blank(text: str) -> bool:
    """Whether ``text`` is empty or only whitespace (:data:`_SEPARATORS` not counting as such)."""
    return not text.strip() and not any(c in _SEPARATORS for c in text)


_NO_CONTROL_CHARACTERS = "must not contain control characters, surrogates, private-use or unassigned code points"


def _check_name(name: str, path: str, max_length: int, errors: list[FieldViolation]) -> None:
    if _is_blank(name):
        errors.append(FieldViolation(path, "must not be empty or only whitespace"))
        return
    if len(name) > max_length:
        errors.append(FieldViolation(path, f"must be at most {max_length} characters, got {len(name)}"))
        return  # the other checks would only walk a name already refused
    # A printable name holds none of these (checked at C speed); the others are looked at one by one.
    if not name.isprintable() and any(unicodedata.category(c) in ("Cc", "Cs", "Co", "Cn") for c in name):
        errors.append(FieldViolation(path, _NO_CONTROL_CHARACTERS))


def _check_hints(hints: pb.ResolveHints, path: str, errors: list[FieldViolation]) -> None:
    for i, code in enumerate(hints.country_codes):
        field = f"{path}.country_codes[{i}]"
        if not _COUNTRY.match(code):
            errors.append(FieldViolation(field, f"{_shown(code)} is not an ISO 3166-1 alpha-2 code"))
        elif not is_known_country(code):
            errors.append(FieldViolation(field, f"{code!r} is not a known country code"))
    if hints.restrict_to_countries and not hints.country_codes:
        errors.append(FieldViolation(f"{path}.restrict_to_countries", "needs at least one country code"))
    _check_language(hints.language, f"{path}.language", errors)
    if hints.HasField("near"):
        lat, lon = hints.near.latitude, hints.near.longitude
        if not (math.isfinite(lat) and -90.0 <= lat <= 90.0):
            errors.append(FieldViolation(f"{path}.near.latitude", f"must be in [-90, 90], got {lat}"))
        if not (math.isfinite(lon) and -180.0 <= lon <= 180.0):
            errors.append(FieldViolation(f"{path}.near.longitude", f"must be in [-180, 180], got {lon}"))
    for i, kind in enumerate(hints.feature_kinds):
        if kind not in _KINDS:
            errors.append(FieldViolation(f"{path}.feature_kinds[{i}]", f"{kind} is not a known feature kind"))
    if not 0 <= hints.max_candidates <= MAX_CANDIDATES:
        errors.append(
            FieldViolation(f"{path}.max_candidates", f"must be in [0, {MAX_CANDIDATES}], got {hints.max_candidates}")
        )
    if not (math.isfinite(hints.min_confidence) and 0.0 <= hints.min_confidence <= 1.0):
        errors.append(FieldViolation(f"{path}.min_confidence", f"must be in [0, 1], got {hints.min_confidence}"))


def _check_language(tag: str, path: str, errors: list[FieldViolation]) -> None:
    if not tag:
        return
    if len(tag) > _MAX_TAG_LENGTH or not _LANGUAGE.match(tag):
        errors.append(FieldViolation(path, f"{_shown(tag)} is not a BCP 47 language tag"))
    elif not is_known_language(tag):
        errors.append(FieldViolation(path, f"{tag!r} does not start with a known ISO 639 language code"))


def _shown(value: str) -> str:
    """Quote a rejected value for an error message, cut short so a message never echoes a whole field."""
    return repr(value if len(value) <= _SHOWN_CHARACTERS else value[:_SHOWN_CHARACTERS] + "...")


def to_query(request: pb.ResolveRequest, path: str = "", *, max_name_length: int = MAX_NAME_LENGTH) -> Query:
    """Validate a ResolveRequest and turn it into a resolver :class:`Query`; raise :class:`InvalidRequestError`."""
    prefix = f"{path}." if path else ""
    errors: list[FieldViolation] = []
    _check_name(request.name, f"{prefix}name", max_name_length, errors)
    settings = _settings(request.hints, f"{prefix}hints", errors)
    if settings is None or errors:
        raise InvalidRequestError(errors)
    return Query(request.name, settings.hints, settings.limit, settings.min_confidence, settings.near_spellings)


class _Settings(NamedTuple):
    """What valid hints make of a query, besides its name."""

    hints: Hints
    limit: int
    min_confidence: float
    near_spellings: bool


_SETTINGS_KEPT = 1_024
_kept_settings: dict[bytes, _Settings] = {}


def _settings(hints: pb.ResolveHints, path: str, errors: list[FieldViolation]) -> _Settings | None:
    """The settings ``hints`` make, or ``None`` with their violations added to ``errors``.

    A batch, a stream and most callers send the same hints again and again: the settings of
    valid hints are kept by the hints' encoding (equal encodings are equal hints), which costs
    a small part of checking and converting them again.
    """
    encoded = hints.SerializeToString()
    kept = _kept_settings.get(encoded)
    if kept is not None:
        return kept
    found: list[FieldViolation] = []
    _check_hints(hints, path, found)
    if found:
        errors.extend(found)
        return None
    settings = _Settings(
        Hints(
            countries=frozenset(c.upper() for c in hints.country_codes),
            restrict_to_countries=hints.restrict_to_countries,
            language=hints.language,
            near=(hints.near.latitude, hints.near.longitude) if hints.HasField("near") else None,
            kinds=frozenset(_KINDS[k] for k in hints.feature_kinds),
        ),
        hints.max_candidates or DEFAULT_CANDIDATES,
        hints.min_confidence if hints.HasField("min_confidence") else DEFAULT_MIN_CONFIDENCE,
        hints.include_near_spellings,
    )
    if len(_kept_settings) >= _SETTINGS_KEPT:
        _kept_settings.clear()  # callers vary their hints far less than this; threads may race here harmlessly
    _kept_settings[encoded] = settings
    return settings


def _printable(text: str) -> bool:
    """Tell, at C speed, that ``text`` holds none of the characters a text may not hold.

    Printable means no control, format, private, surrogate, unassigned or separator character;
    line breaks, tabs and spaces are allowed. When this fails, the slow check names the case.
    """
    return text.replace("\n", "").replace("\r", "").replace("\t", "").replace(" ", "").isprintable()


def to_text_query(request: pb.ResolveTextRequest, *, max_text_length: int) -> tuple[str, Query]:
    """Validate a ResolveTextRequest; return its text and the query settings every mention shares."""
    errors: list[FieldViolation] = []
    text = request.text
    if _is_blank(text):
        errors.append(FieldViolation("text", "must not be empty or only whitespace"))
    elif len(text) > max_text_length:
        errors.append(FieldViolation("text", f"must be at most {max_text_length} characters, got {len(text)}"))
    elif not _printable(text) and any(
        unicodedata.category(c) in ("Cc", "Cs", "Co", "Cn") and c not in "\n\r\t" for c in text
    ):
        errors.append(
            FieldViolation(
                "text",
                "must not contain control characters (but line breaks and tabs), surrogates, private-use or "
                "unassigned code points",
            )
        )
    _check_hints(request.hints, "hints", errors)
    if errors:
        raise InvalidRequestError(errors)
    template = to_query(pb.ResolveRequest(name="-", hints=request.hints))
    return text, template


def check_batch_size(size: int, limit: int = MAX_BATCH_SIZE) -> None:
    """Reject a batch of more than ``limit`` requests."""
    if size > limit:
        raise InvalidRequestError([FieldViolation("requests", f"must hold at most {limit} items, got {size}")])


def check_place_request(request: pb.GetPlaceRequest) -> None:
    """Reject a missing or negative GeoNames ID, or a bad language tag.

    Zero is the proto default: the field was not set. No place has a negative ID, so asking for
    one is the caller's fault, not a place not found.
    """
    errors: list[FieldViolation] = []
    if request.geoname_id == 0:
        errors.append(FieldViolation("geoname_id", "is required"))
    elif request.geoname_id < 0:
        errors.append(FieldViolation("geoname_id", f"must be positive, got {request.geoname_id}"))
    _check_language(request.language, "language", errors)
    if errors:
        raise InvalidRequestError(errors)
