"""The tool's signing keys: RSA pairs as PEM, and their public JWK (the `kid` is the key's RFC 7638
thumbprint, as pylti1p3 computes it when it signs)."""

from __future__ import annotations

from typing import Any

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from pylti1p3.registration import Registration

from app.domain.lti import KeyPair

KEY_BITS = 2048


def public_jwk(public_pem: str) -> dict[str, Any]:
    """The JWK a platform reads from Rapport's JWKS URL (with `kid`, `alg` RS256 and `use` sig)."""
    return dict(Registration.get_jwk(public_pem))


def new_key_pair() -> KeyPair:
    private = rsa.generate_private_key(public_exponent=65537, key_size=KEY_BITS)
    private_pem = private.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode()
    public_pem = (
        private.public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
        .decode()
    )
    return KeyPair(kid=str(public_jwk(public_pem)["kid"]), private_pem=private_pem, public_pem=public_pem)
