"""LTI 1.3 (Advantage) as a tool: launches from an LMS, Deep Linking, and grades sent back through Assignment
and Grade Services. The protocol work (OIDC, id_token against the platform's JWKS, service tokens, deep link
responses) is pylti1p3's; this package wraps it for Rapport's store and server. See docs/lms.md."""
