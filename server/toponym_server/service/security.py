"""TLS and mutual TLS for the server: read the certificate files and build gRPC server credentials.

A setting that cannot be used (a file missing, unreadable or not PEM, a key that is not the
certificate's) raises :class:`SecurityConfigError` with a message naming the file, before the
server listens.
"""

from __future__ import annotations

import ssl
from dataclasses import dataclass
from pathlib import Path

import grpc


class SecurityConfigError(Exception):
    """A TLS or authentication setting cannot be used."""


@dataclass(frozen=True, slots=True)
class TlsFiles:
    """PEM files for TLS: the server's certificate chain and key, and optionally a CA for client certificates.

    With ``client_ca`` set, the server requires every client to present a certificate signed by
    that CA (mutual TLS).
    """

    cert: Path
    key: Path
    client_ca: Path | None = None


def read_pem(path: Path, what: str) -> bytes:
    """Read a PEM file, or raise :class:`SecurityConfigError` saying which file and why."""
    try:
        data = Path(path).read_bytes()
    except OSError as err:
        raise SecurityConfigError(f"cannot read the {what} {path}: {err.strerror or err}") from err
    if b"-----BEGIN " not in data:
        raise SecurityConfigError(f"the {what} {path} is not a PEM file")
    return data


def _check_loadable(tls: TlsFiles) -> None:
    """Raise :class:`SecurityConfigError` unless the certificate, its key and the client CA load together.

    gRPC reads them only when it binds the port, and says no more than that it could not listen
    there: a key of another certificate, or a file PEM in name only, read as a busy address.
    """
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    try:
        # An encrypted key asks for a password, which gRPC has no way to give: refuse it too.
        context.load_cert_chain(tls.cert, tls.key, password=lambda: b"")
    except (ssl.SSLError, ValueError) as err:
        raise SecurityConfigError(
            f"the TLS certificate {tls.cert} and private key {tls.key} do not load together "
            f"(a key of another certificate, an encrypted key or a damaged file): {err}"
        ) from err
    if tls.client_ca is not None:
        try:
            context.load_verify_locations(tls.client_ca)
        except ssl.SSLError as err:
            raise SecurityConfigError(f"the client CA certificate {tls.client_ca} cannot be loaded: {err}") from err


def server_credentials(tls: TlsFiles) -> grpc.ServerCredentials:
    """Build server credentials for TLS, requiring client certificates when ``tls.client_ca`` is set."""
    cert = read_pem(tls.cert, "TLS certificate")
    key = read_pem(tls.key, "TLS private key")
    client_ca = read_pem(tls.client_ca, "client CA certificate") if tls.client_ca else None
    _check_loadable(tls)
    return grpc.ssl_server_credentials(
        [(key, cert)],
        root_certificates=client_ca,
        require_client_auth=client_ca is not None,
    )
