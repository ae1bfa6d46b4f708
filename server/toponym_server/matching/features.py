"""Feature classes and codes of GeoNames, grouped into the broad kinds the API exposes."""

from __future__ import annotations

from enum import StrEnum


class Kind(StrEnum):
    """Broad kinds of features; values mirror ``toponym.v1.FeatureKind`` names."""

    COUNTRY = "country"
    ADMIN_AREA = "admin_area"
    POPULATED_PLACE = "populated_place"
    OTHER = "other"


def kind_of_feature(feature_class: str, feature_code: str) -> Kind:
    """Classify a GeoNames feature class and code."""
    if feature_class == "A":
        if feature_code.startswith("PCL") or feature_code in ("TERR", "PRSH"):
            return Kind.COUNTRY
        if feature_code.startswith("ADM"):
            return Kind.ADMIN_AREA
        return Kind.OTHER
    if feature_class == "P":
        return Kind.POPULATED_PLACE
    return Kind.OTHER
