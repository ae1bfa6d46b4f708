"""Reading a name written with the areas it lies in: *Paris, Texas*, *Tripoli (Lebanon)*."""

from __future__ import annotations

import pytest

from toponym_server.matching.qualifier import MAX_AREAS, Qualified, is_area_code, qualified


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Paris, Texas", Qualified("Paris", ("Texas",))),
        ("Springfield, IL, USA", Qualified("Springfield", ("IL", "USA"))),
        ("  Paris ,  France ", Qualified("Paris", ("France",))),
        ("Tripoli (Lebanon)", Qualified("Tripoli", ("Lebanon",))),
        ("Paris ( France )", Qualified("Paris", ("France",))),
        ("London (Ontario), Canada", Qualified("London", ("Ontario", "Canada"))),
        ("حلب، سوريا", Qualified("حلب", ("سوريا",))),  # the Arabic comma
        ("Hama\uff0cSyria", Qualified("Hama", ("Syria",))),  # the full-width comma
    ],
)
def test_a_name_and_its_areas_innermost_first(text: str, expected: Qualified) -> None:
    assert qualified(text) == expected


@pytest.mark.parametrize("text", ["Aleppo", "Al-Hasakah", ", Syria", "Hama, ", "Hama, 12", "(Syria)", "Hama (", ""])
def test_a_name_without_areas_is_not_qualified(text: str) -> None:
    assert qualified(text) is None


def test_a_list_longer_than_a_name_and_its_areas_is_not_qualified() -> None:
    names = ["Raqqa", "Deir ez-Zor", "Hasakah", "Aleppo", "Idlib"]
    assert qualified(", ".join(names[: MAX_AREAS + 1])) is not None
    assert qualified(", ".join(names[: MAX_AREAS + 2])) is None


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("TX", True),
        ("SCT", True),
        ("Ill.", True),
        ("N.Y.", True),
        ("W.Va.", True),
        ("Calif.", True),
        ("Qld", True),
        ("Tx", False),
        ("Texas", False),
        ("T", False),
        ("Illinois.", False),
        ("ill.", False),
    ],
)
def test_an_area_code_is_two_or_three_capitals_or_an_abbreviation(text: str, code: bool) -> None:
    assert is_area_code(text) is code
