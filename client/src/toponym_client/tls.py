"""Channel credentials for a toponym server that serves TLS or mutual TLS.

Pass the result as ``credentials=`` to :class:`~toponym_client.ToponymClient` or
:class:`~toponym_client.AsyncToponymClient`::

    credentials = tls_credentials("ca.pem", certificate_chain="client.pem", private_key="client.key")
    with ToponymClient("toponym.internal:50051", credentials=credentials, token=token) as client:
        ...
"""

from __future__ import annotations

import os
from pathlib import Path

import grpc

__all__ = ["tls_credentials"]

PemSource = bytes | str | os.PathLike[str]
"""PEM data as bytes, or the path of a PEM file."""


def _pem(source: PemSource | None) -> bytes | None:
    if source is None or isinstance(source, bytes):
        return source
    return Path(source).read_bytes()


def tls_credentials(
    root_certificates: PemSource | None = None,
    *,
    certificate_chain: PemSource | None = None,
    private_key: PemSource | None = None,
) -> grpc.ChannelCredentials:
    """Return channel credentials trusting ``root_certificates`` and, for mutual TLS, presenting a client certificate.

    Args:
        root_certificates: CA certificate(s) that signed the server's certificate; the
            system's trusted roots when ``None``.
        certificate_chain: The client's certificate chain, for a server that requires one.
        private_key: The key of ``certificate_chain``.

    Raises:
        ValueError: Only one of ``certificate_chain`` and ``private_key`` was given.
        OSError: A file cannot be read.

    """
    if (certificate_chain is None) != (private_key is None):
        raise ValueError("a client certificate needs both certificate_chain and private_key")
    return grpc.ssl_channel_credentials(
        root_certificates=_pem(root_certificates),
        private_key=_pem(private_key),
        certificate_chain=_pem(certificate_chain),
    )
