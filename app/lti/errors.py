"""pylti1p3's refusals, in words for the person launching (and for the log)."""

from __future__ import annotations

from app.lti.claims import LaunchRefused

AGAIN = "Start it again from your course in the LMS."
_MEANINGS = (
    ("Invalid Nonce", "This launch has already been used (a replayed id_token is refused) or has expired."),
    (
        '"nonce" is empty',
        "The launch carries no nonce: it cannot be checked against a login Rapport started.",
    ),
    ("State not found", "The launch does not belong to a login this browser started (state mismatch)."),
    ("Missing state", "The launch does not belong to a login this browser started (no state)."),
    ("Signature has expired", "The launch has expired."),
    ("Signature verification failed", "The launch's signature does not match the platform's keys (JWKS)."),
    ("Unable to find public key", "The launch was signed with a key the platform's JWKS does not list."),
    (
        "Registration not found",
        "The launch is not addressed to Rapport: unknown issuer or client id (audience).",
    ),
    ("Client id not registered", "The launch is not addressed to Rapport: wrong client id (audience)."),
    ("Could not find registration", "This platform (issuer and client id) is not registered with Rapport."),
    ("Unable to find deployment", "This deployment of the platform is not registered with Rapport."),
    ("Error during fetch URL", "Rapport could not read the platform's keys (JWKS URL)."),
    ("Missing id_token", "The launch carries no id_token."),
    ("JWT must contain 3 parts", "The launch's id_token is not a JWT."),
    ("can't be decoded", "The launch's id_token is not a JWT."),
)


def refusal(error: Exception) -> LaunchRefused:
    """The LaunchRefused for one of pylti1p3's exceptions, keeping its own words in the cause."""
    if isinstance(error, LaunchRefused):
        return error
    text = str(error)
    meaning = next((m for key, m in _MEANINGS if key in text), f"The launch was refused ({text}).")
    return LaunchRefused(f"{meaning} {AGAIN}")
