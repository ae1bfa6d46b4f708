"""The gRPC service end to end, through the client, against an in-process server."""

from __future__ import annotations

import grpc
import pytest
from grpc_health.v1 import health_pb2, health_pb2_grpc
from grpc_reflection.v1alpha import reflection_pb2, reflection_pb2_grpc

from toponym_client import BatchError, FeatureKind, InvalidArgumentError, MatchKind, NotFoundError, ToponymClient
from toponym_client._proto.toponym.v1 import toponym_pb2 as pb
from toponym_client._proto.toponym.v1 import toponym_pb2_grpc as pb_grpc

HASAKAH = 173811


def test_resolve_returns_typed_candidates_with_place_details(client: ToponymClient) -> None:
    top = client.resolve("Hasakeh")[0]
    assert top.geoname_id == HASAKAH
    assert top.country_code == "SY"
    assert top.feature_code == "PPL"
    assert top.place.feature_kind is FeatureKind.POPULATED_PLACE
    assert top.admin1_name
    assert 36 < top.lat < 37 and 40 < top.lon < 41
    assert top.place.population > 100_000
    assert 0.5 < top.confidence <= 1.0
    assert top.matched_name == "Hasakeh"
    assert top.match_kind is MatchKind.ALTERNATE_NAME
    assert "Hasakeh" in top.explanation


def test_limit_bounds_the_number_of_candidates(client: ToponymClient) -> None:
    assert len(client.resolve("Springfield", limit=3, min_confidence=0.0001)) == 3


def test_a_minimum_confidence_of_zero_keeps_the_candidates_the_default_drops(client: ToponymClient) -> None:
    every = client.resolve("Springfield", limit=50, min_confidence=0.0)
    default = client.resolve("Springfield", limit=50)
    assert len(every) > len(default)
    assert any(c.confidence < 0.3 for c in every)  # below the default minimum
    text = "We drove from Springfield to Shelbyville."
    assert len(client.resolve_text(text, min_confidence=0.0)) >= len(client.resolve_text(text))


def test_language_hint_fills_the_localized_name(client: ToponymClient) -> None:
    top = client.resolve("Syria", lang="ar")[0]
    assert top.localized_name == "سوريا"


def test_country_hint_restricts_when_asked(client: ToponymClient) -> None:
    answers = client.resolve("Damascus", country="US", restrict_to_country=True, min_confidence=0.0001)
    assert answers and all(c.country_code == "US" for c in answers)


def test_feature_kinds_filter(client: ToponymClient) -> None:
    answers = client.resolve("Raqqa", kinds=[FeatureKind.ADMIN_AREA], min_confidence=0.0001)
    assert answers[0].geoname_id == 172957


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"name": "   "}, "name"),
        ({"name": "x" * 300}, "name"),
        ({"name": "Ham\x00a"}, "name"),
        ({"name": "Hama", "near": (91.0, 0.0)}, "hints.near.latitude"),
        ({"name": "Hama", "near": (0.0, 181.0)}, "hints.near.longitude"),
        ({"name": "Hama", "country": "Syria"}, "hints.country_codes[0]"),
        ({"name": "Hama", "lang": "not a tag"}, "hints.language"),
        ({"name": "Hama", "limit": 51}, "hints.max_candidates"),
        ({"name": "Hama", "min_confidence": 1.5}, "hints.min_confidence"),
    ],
)
def test_invalid_input_names_the_field_and_the_server_keeps_serving(
    client: ToponymClient, kwargs: dict[str, object], field: str
) -> None:
    name = kwargs.pop("name")
    with pytest.raises(InvalidArgumentError) as caught:
        client.resolve(name, **kwargs)  # type: ignore[arg-type]
    assert field in [v.field for v in caught.value.field_violations]
    assert field.split(".")[-1].split("[")[0] in str(caught.value)
    assert client.resolve("Hama")[0].geoname_id == 170017


def test_batch_answers_in_order(client: ToponymClient) -> None:
    answers = client.resolve_batch(["Aleppo", "Homs", "Ramadi"])
    assert [a[0].geoname_id for a in answers] == [170063, 169577, 98717]


def test_a_bad_batch_item_gets_its_own_error(client: ToponymClient) -> None:
    with pytest.raises(BatchError) as caught:
        client.resolve_batch(["Aleppo", "", "Homs"])
    results = caught.value.results
    assert results[0][0].geoname_id == 170063  # type: ignore[index]
    assert isinstance(results[1], InvalidArgumentError)
    assert results[2][0].geoname_id == 169577  # type: ignore[index]


def test_stream_answers_each_name_in_order(client: ToponymClient) -> None:
    answers = list(client.stream_resolve(["Damascus", "", "الرقة"]))
    assert answers[0][1][0].geoname_id == 170654  # type: ignore[index]
    assert isinstance(answers[1][1], InvalidArgumentError)
    assert answers[2][1][0].geoname_id == 172955  # type: ignore[index]


def test_get_place_returns_every_name_with_its_language(client: ToponymClient) -> None:
    details = client.get_place(163843, lang="de")
    assert details.place.name == "Syria"
    assert details.localized_name == "Syrien"
    assert ("سوريا", "ar") in {(n.name, n.language) for n in details.names}


def test_get_place_of_an_unknown_id_is_not_found(client: ToponymClient) -> None:
    with pytest.raises(NotFoundError, match="999999999"):
        client.get_place(999_999_999)


def test_health_service_reports_serving(target: str) -> None:
    with grpc.insecure_channel(target) as channel:
        stub = health_pb2_grpc.HealthStub(channel)
        for service in ("", "toponym.v1.ToponymService"):
            response = stub.Check(health_pb2.HealthCheckRequest(service=service), timeout=5)
            assert response.status == health_pb2.HealthCheckResponse.SERVING


def test_reflection_lists_the_services(target: str) -> None:
    with grpc.insecure_channel(target) as channel:
        stub = reflection_pb2_grpc.ServerReflectionStub(channel)
        request = reflection_pb2.ServerReflectionRequest(list_services="")
        response = next(stub.ServerReflectionInfo(iter([request]), timeout=5))
        names = {s.name for s in response.list_services_response.service}
    assert {"toponym.v1.ToponymService", "grpc.health.v1.Health"} <= names


def test_batch_context_pulls_names_toward_one_region(target: str) -> None:
    with grpc.insecure_channel(target) as channel:
        stub = pb_grpc.ToponymServiceStub(channel)
        request = pb.ResolveBatchRequest(
            requests=[pb.ResolveRequest(name=n) for n in ("Homs", "Aleppo", "Hama")], use_context=True
        )
        response = stub.ResolveBatch(request, timeout=10)
    assert [r.candidates[0].place.country_code for r in response.results] == ["SY", "SY", "SY"]


def test_batch_context_settles_names_that_pull_each_other_across(target: str) -> None:
    # Against each other's lone answers, Tripoli went to Lebanon and Saida to Algeria.
    with grpc.insecure_channel(target) as channel:
        stub = pb_grpc.ToponymServiceStub(channel)
        request = pb.ResolveBatchRequest(
            requests=[pb.ResolveRequest(name=n) for n in ("Tripoli", "Saida")], use_context=True
        )
        response = stub.ResolveBatch(request, timeout=10)
    assert [r.candidates[0].place.geoname_id for r in response.results] == [266826, 268064]


def test_batch_context_lets_names_unsure_alone_meet_where_they_lie_together(client: ToponymClient) -> None:
    # Alone, Kingston is Jamaica's capital and Prescott the Arizona city; together, both Ontario's.
    together = client.resolve_batch(["Kingston", "Prescott"], context=True)
    assert [answers[0].geoname_id for answers in together] == [5992500, 6113027]


def test_batch_context_answers_names_unsure_alone_that_the_context_makes_sure(client: ToponymClient) -> None:
    # Alone, Kingston (0.54) and Prescott (0.52) are below 0.6; together each is Ontario's, surer than 0.9.
    together = client.resolve_batch(["Kingston", "Prescott"], context=True, min_confidence=0.6)
    assert [answers[0].geoname_id if answers else None for answers in together] == [5992500, 6113027]
    assert all(c.confidence >= 0.6 for answers in together for c in answers)


def test_near_spellings_are_ranked_beside_exact_namesakes_when_asked(client: ToponymClient) -> None:
    # Barrancas is the exact name of Colombian and Venezuelan towns; Barrancos (Portugal) sounds
    # like it, and only a caller asking for near spellings gets it among the alternatives.
    for method in (client.resolve, lambda name, **hints: client.resolve_batch([name], **hints)[0]):
        exact_only = method("Barrancas", limit=10, min_confidence=0.001)
        with_near = method("Barrancas", limit=10, min_confidence=0.001, near_spellings=True)
        assert "Barrancos" not in {candidate.name for candidate in exact_only}
        assert "Barrancos" in {candidate.name for candidate in with_near}
    streamed = dict(client.stream_resolve(["Barrancas"], limit=10, min_confidence=0.001, near_spellings=True))
    assert "Barrancos" in {candidate.name for candidate in streamed["Barrancas"]}  # type: ignore[union-attr]


def test_a_batch_resolved_as_a_document_ranks_near_spellings_of_exact_names(client: ToponymClient) -> None:
    # Gada is a Nigerian town's name; beside Dutch towns the document makes it a misspelt Gouda.
    names = ["Gada", "Rotterdam", "Utrecht", "Leiden"]
    assert client.resolve_batch(names)[0][0].country_code == "NG"
    assert client.resolve_batch(names, context=True)[0][0].name == "Gouda"
