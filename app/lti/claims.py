"""What Rapport reads from a validated launch: who (issuer + subject), their role, which assignment, where
their score goes. Pure: the launch's claims in, plain values out."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from app.store.accounts import NAME, Role

ROLES = "https://purl.imsglobal.org/spec/lti/claim/roles"
MESSAGE_TYPE = "https://purl.imsglobal.org/spec/lti/claim/message_type"
CUSTOM = "https://purl.imsglobal.org/spec/lti/claim/custom"
DEPLOYMENT = "https://purl.imsglobal.org/spec/lti/claim/deployment_id"
AGS = "https://purl.imsglobal.org/spec/lti-ags/claim/endpoint"
DEEP_LINKING = "https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings"
SCORE_SCOPE = "https://purl.imsglobal.org/spec/lti-ags/scope/score"
# The custom parameter a deep link puts on the LMS's link, naming the assignment it opens.
ASSIGNMENT_PARAM = "rapport_assignment"

# Context and institution roles (LTI 1.3 §A.2) that teach; learners are the Learner role. Anything else
# (mentor, observer, guest) has no place in Rapport and is refused with a message.
_TEACHING = ("Instructor", "Administrator", "ContentDeveloper", "TeachingAssistant")
_LEARNING = ("Learner", "Student")


class LaunchRefused(Exception):
    """A launch Rapport will not honour: `str(error)` is the message for the person launching."""


@dataclass(frozen=True)
class GradeTarget:
    """The AGS line item a learner's score goes to, and the scopes the platform granted."""

    lineitem_url: str
    scopes: list[str]


@dataclass(frozen=True)
class Launch:
    issuer: str
    client_id: str
    subject: str
    role: Role
    name_hint: str | None
    deep_linking: bool
    assignment_id: int | None
    grade_target: GradeTarget | None


def _role_name(uri: str) -> str:
    # Full URIs (…/membership#Instructor, …/institution/person#Administrator) and short forms alike.
    return re.split(r"[#/]", uri)[-1]


def role_of(roles: list[str]) -> Role:
    names = {_role_name(uri) for uri in roles if isinstance(uri, str)}
    if names & set(_TEACHING):
        return Role.INSTRUCTOR
    if names & set(_LEARNING):
        return Role.LEARNER
    raise LaunchRefused(
        "Your role in the course is neither instructor nor learner: Rapport has no place for it."
    )


def account_name(issuer: str, subject: str, preferred: str | None) -> str:
    """A new account's name: the LMS's username when it is a valid, new-looking name, else a stable one made
    from who the user is at the platform (the caller falls back to it when the first is taken)."""
    if preferred and NAME.match(preferred):
        return preferred
    return lti_name(issuer, subject)


def lti_name(issuer: str, subject: str) -> str:
    return "lti-" + hashlib.sha256(f"{issuer}\n{subject}".encode()).hexdigest()[:16]


def _assignment(custom: Any) -> int | None:
    value = custom.get(ASSIGNMENT_PARAM) if isinstance(custom, Mapping) else None
    text = str(value).strip() if value is not None else ""
    return int(text) if text.isdigit() else None


def _grade_target(endpoint: Any) -> GradeTarget | None:
    if not isinstance(endpoint, Mapping):
        return None
    url, scopes = endpoint.get("lineitem"), endpoint.get("scope")
    if not isinstance(url, str) or not isinstance(scopes, list) or SCORE_SCOPE not in scopes:
        return None
    return GradeTarget(lineitem_url=url, scopes=[str(s) for s in scopes])


def read_launch(body: Mapping[str, Any]) -> Launch:
    """The validated id_token's body as Rapport needs it."""
    aud = body.get("aud")
    client_id = aud[0] if isinstance(aud, list) and aud else aud
    roles = body.get(ROLES)
    name = body.get("preferred_username") or body.get("name")
    return Launch(
        issuer=str(body["iss"]),
        client_id=str(client_id),
        subject=str(body["sub"]),
        role=role_of(roles if isinstance(roles, list) else []),
        name_hint=name if isinstance(name, str) else None,
        deep_linking=body.get(MESSAGE_TYPE) == "LtiDeepLinkingRequest",
        assignment_id=_assignment(body.get(CUSTOM)),
        grade_target=_grade_target(body.get(AGS)),
    )
