"""TLS and mutual TLS for the server: read the certificate files and build gRPC server credentials.

A setting that cannot be used (a file missing, unreadable or not PEM) raises
:class:`SecurityConfigError` with a message naming the file, before the server listens.
"""

from __future__ import annotations

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


def server_credentials(tls: TlsFiles) -> grpc.ServerCredentials:
    """Build server credentials for TLS, requiring client certificates when ``tls.client_ca`` is set."""
    cert = read_pem(tls.cert, "TLS certificate")
    key = read_pem(tls.key, "TLS private key")
    client_ca = read_pem(tls.client_ca, "client CA certificate") if tls.client_ca else None
    return grpc.ssl_server_credentials(
        [(key, cert)],
        root_certificates=client_ca,
        require_client_auth=client_ca is not None,
    )
