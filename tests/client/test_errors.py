"""Mapping gRPC failures to the client's exceptions."""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
import textwrap
from pathlib import Path

import grpc
import pytest
from google.protobuf import any_pb2
from google.rpc import code_pb2, error_details_pb2, status_pb2

from toponym_client import (
    BatchError,
    Candidate,
    DeadlineExceededError,
    FeatureKind,
    FieldViolation,
    InternalError,
    InvalidArgumentError,
    MatchKind,
    NotFoundError,
    PermissionDeniedError,
    Place,
    ResourceExhaustedError,
    ToponymError,
    UnauthenticatedError,
    UnavailableError,
    UnexpectedStatusError,
)
from toponym_client.errors import error_for_status, error_from_rpc

CLIENT_SRC = Path(__file__).resolve().parents[2] / "client" / "src"


class FakeRpcError(grpc.RpcError):
    """What a failed sync call raises: an RpcError that is also a Call."""

    def __init__(
        self, code: grpc.StatusCode, details: str | None, trailers: tuple[tuple[str, str | bytes], ...] = ()
    ) -> None:
        self._code, self._details, self._trailers = code, details, trailers

    def code(self) -> grpc.StatusCode:
        return self._code

    def details(self) -> str | None:
        return self._details

    def trailing_metadata(self) -> tuple[tuple[str, str | bytes], ...]:  # type: ignore[override]
        return self._trailers


def _bad_request_trailer(*violations: tuple[str, str]) -> tuple[str, bytes]:
    bad_request = error_details_pb2.BadRequest(
        field_violations=[error_details_pb2.BadRequest.FieldViolation(field=f, description=d) for f, d in violations]
    )
    help_detail, bad_detail = any_pb2.Any(), any_pb2.Any()
    help_detail.Pack(error_details_pb2.Help(links=[error_details_pb2.Help.Link(url="https://aip.dev")]))
    bad_detail.Pack(bad_request)
    status = status_pb2.Status(code=code_pb2.INVALID_ARGUMENT, message="bad", details=[help_detail, bad_detail])
    return ("grpc-status-details-bin", status.SerializeToString())


@pytest.mark.parametrize(
    ("code", "cls"),
    [
        (grpc.StatusCode.INVALID_ARGUMENT, InvalidArgumentError),
        (grpc.StatusCode.NOT_FOUND, NotFoundError),
        (grpc.StatusCode.UNAVAILABLE, UnavailableError),
        (grpc.StatusCode.DEADLINE_EXCEEDED, DeadlineExceededError),
        (grpc.StatusCode.UNAUTHENTICATED, UnauthenticatedError),
        (grpc.StatusCode.PERMISSION_DENIED, PermissionDeniedError),
        (grpc.StatusCode.RESOURCE_EXHAUSTED, ResourceExhaustedError),
        (grpc.StatusCode.INTERNAL, InternalError),
    ],
)
def test_each_status_code_gets_its_class(code: grpc.StatusCode, cls: type[ToponymError]) -> None:
    err = error_from_rpc(FakeRpcError(code, "boom"))

    assert type(err) is cls
    assert isinstance(err, ToponymError)
    assert err.code is code
    assert err.details == "boom"
    assert err.field_violations == ()


@pytest.mark.parametrize("code", [grpc.StatusCode.UNIMPLEMENTED, grpc.StatusCode.CANCELLED, grpc.StatusCode.UNKNOWN])
def test_other_codes_fall_back_but_keep_the_code(code: grpc.StatusCode) -> None:
    err = error_from_rpc(FakeRpcError(code, "nope"))

    assert type(err) is UnexpectedStatusError
    assert err.code is code


def test_missing_details_fall_back_to_the_code_description() -> None:
    err = error_from_rpc(FakeRpcError(grpc.StatusCode.UNAVAILABLE, None))
    assert err.details == "unavailable"


def test_bare_rpc_error_becomes_unknown() -> None:
    err = error_from_rpc(grpc.RpcError())
    assert type(err) is UnexpectedStatusError
    assert err.code is grpc.StatusCode.UNKNOWN


def test_field_violations_are_decoded_from_the_trailer() -> None:
    trailer = _bad_request_trailer(("name", "must not be empty"), ("hints.language", "not a BCP 47 tag"))
    err = error_from_rpc(FakeRpcError(grpc.StatusCode.INVALID_ARGUMENT, "bad", (("x-other", "1"), trailer)))

    assert err.field_violations == (
        FieldViolation("name", "must not be empty"),
        FieldViolation("hints.language", "not a BCP 47 tag"),
    )
    assert str(err) == "INVALID_ARGUMENT: bad (name: must not be empty; hints.language: not a BCP 47 tag)"


def test_violations_the_details_already_name_are_printed_once() -> None:
    # What the toponym server sends: its details list every violation as "field: description".
    details = "name: must not be empty or only whitespace; hints.max_candidates: must be in [0, 50], got 80"
    trailer = _bad_request_trailer(
        ("name", "must not be empty or only whitespace"), ("hints.max_candidates", "must be in [0, 50], got 80")
    )
    err = error_from_rpc(FakeRpcError(grpc.StatusCode.INVALID_ARGUMENT, details, (trailer,)))

    assert len(err.field_violations) == 2
    assert str(err) == f"INVALID_ARGUMENT: {details}"


def test_only_the_violations_the_details_do_not_name_are_added() -> None:
    err = InvalidArgumentError(
        "name: must not be empty",
        field_violations=[FieldViolation("name", "must not be empty"), FieldViolation("x", "y")],
    )
    assert str(err) == "INVALID_ARGUMENT: name: must not be empty (x: y)"


def test_malformed_trailer_does_not_hide_the_error() -> None:
    trailer = ("grpc-status-details-bin", b"\xff\xff not a status")
    err = error_from_rpc(FakeRpcError(grpc.StatusCode.INVALID_ARGUMENT, "bad", (trailer,)))

    assert isinstance(err, InvalidArgumentError)
    assert err.field_violations == ()


def test_error_for_status_takes_google_rpc_code_numbers() -> None:
    assert type(error_for_status(code_pb2.INVALID_ARGUMENT, "x")) is InvalidArgumentError
    assert type(error_for_status(code_pb2.NOT_FOUND, "x")) is NotFoundError
    unknown = error_for_status(999, "from the future")
    assert type(unknown) is UnexpectedStatusError
    assert unknown.code is grpc.StatusCode.UNKNOWN


def test_errors_can_be_raised_directly() -> None:
    err = NotFoundError("no such place")
    assert err.code is grpc.StatusCode.NOT_FOUND
    assert repr(err) == "NotFoundError(code=NOT_FOUND, details='no such place')"
    with pytest.raises(ToponymError, match="no such place"):
        raise err


def test_batch_error_summarises_and_indexes_failures() -> None:
    missing = NotFoundError("gone")
    invalid = InvalidArgumentError("empty", field_violations=[FieldViolation("name", "must not be empty")])
    err = BatchError([[], missing, [], invalid])

    assert err.errors == {1: missing, 3: invalid}
    assert err.code is grpc.StatusCode.NOT_FOUND
    assert err.details == "2 of 4 batch items failed: item 1: gone; item 3: empty"
    with pytest.raises(ValueError):
        BatchError([[], []])


def test_errors_and_results_survive_pickling() -> None:
    place = Place(
        geoname_id=2988507,
        name="Paris",
        ascii_name="Paris",
        country_code="FR",
        admin1_code="11",
        admin1_name="Île-de-France",
        admin2_code="75",
        feature_class="P",
        feature_code="PPLC",
        feature_kind=FeatureKind.POPULATED_PLACE,
        lat=48.85341,
        lon=2.3488,
        population=2138551,
    )
    candidate = Candidate(
        place=place,
        confidence=0.8,
        match_kind=MatchKind.EXACT,
        matched_name="Paris",
        localized_name="",
        explanation="",
    )
    invalid = InvalidArgumentError("empty", field_violations=[FieldViolation("name", "must not be empty")])
    err = BatchError([[candidate], invalid])

    copy = pickle.loads(pickle.dumps(err))

    assert type(copy) is BatchError
    assert copy.results[0] == [candidate]
    restored = copy.results[1]
    assert type(restored) is InvalidArgumentError
    assert restored.code is grpc.StatusCode.INVALID_ARGUMENT
    assert restored.field_violations == invalid.field_violations
    assert str(copy) == str(err)


def test_violations_are_decoded_without_googleapis_common_protos() -> None:
    # Before, a client installed alone (grpcio and protobuf) never had field violations.
    from google.protobuf import any_pb2
    from google.rpc import error_details_pb2, status_pb2

    detail = any_pb2.Any()
    detail.Pack(
        error_details_pb2.BadRequest(
            field_violations=[error_details_pb2.BadRequest.FieldViolation(field="name", description="is empty")]
        )
    )
    status = status_pb2.Status(code=3, message="bad", details=[detail]).SerializeToString()
    script = textwrap.dedent(
        f"""
        import sys
        sys.modules["google.rpc"] = None  # make `from google.rpc import ...` fail
        import grpc
        from toponym_client.errors import error_from_rpc, FieldViolation, InvalidArgumentError

        class Err(grpc.RpcError):
            def __init__(self, details): self._details = details
            def code(self): return grpc.StatusCode.INVALID_ARGUMENT
            def details(self): return "bad"
            def trailing_metadata(self): return (("grpc-status-details-bin", self._details),)

        err = error_from_rpc(Err(bytes.fromhex("{status.hex()}")))
        assert type(err) is InvalidArgumentError, type(err)
        assert err.field_violations == (FieldViolation("name", "is empty"),), err.field_violations
        assert error_from_rpc(Err(b"\\xff\\xff")).field_violations == ()  # a malformed trailer
        assert not any(m.startswith("google.rpc.") for m in sys.modules), "google.rpc was imported"
        print("ok")
        """
    )
    env = {**os.environ, "PYTHONPATH": str(CLIENT_SRC)}
    done = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "ok"
