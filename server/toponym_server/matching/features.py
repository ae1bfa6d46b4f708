"""Feature classes and codes of GeoNames, grouped into the broad kinds the API exposes."""

from __future__ import annotations

from enum import StrEnum


class Kind(StrEnum):
    """Broad kinds of features; values mirror ``toponym.v1.FeatureKind`` names."""

    COUNTRY = "country"
    ADMIN_AREA = "admin_area"
    POPULATED_PLACE = "populated_place"
    OTHER = "other"


COUNTRY_CODE_PREFIX = "PCL"
"""The start of the feature codes of countries (``PCLI``, ``PCLD`` ...), of class ``A``."""
OTHER_COUNTRY_CODES = ("TERR", "PRSH")
"""The other feature codes of class ``A`` that are countries: a territory, a parish (Andorra's)."""


def kind_of_feature(feature_class: str, feature_code: str) -> Kind:
    """Classify a GeoNames feature class and code."""
    if feature_class == "A":
        if feature_code.startswith(COUNTRY_CODE_PREFIX) or feature_code in OTHER_COUNTRY_CODES:
            return Kind.COUNTRY
        if feature_code.startswith("ADM"):
            return Kind.ADMIN_AREA
        return Kind.OTHER
    if feature_class == "P":
        return Kind.POPULATED_PLACE
    return Kind.OTHER
