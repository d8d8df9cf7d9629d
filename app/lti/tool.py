"""pylti1p3 fitted to Rapport: its OIDC login, launch validation, deep link responses and score service, fed
from the registrations and keys in Rapport's database.

pylti1p3 is synchronous (it fetches the platform's JWKS and service tokens with `requests`), so callers run
these functions in a worker thread. Nothing here touches the database: what pylti1p3 would keep in a web
session is handed in (the nonce already checked, one use only) or handed back (the nonces to remember, the
state cookie to set)."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import requests
from pylti1p3.assignments_grades import AssignmentsGradesService
from pylti1p3.cookie import CookieService
from pylti1p3.deep_link import DeepLink
from pylti1p3.deep_link_resource import DeepLinkResource
from pylti1p3.deployment import Deployment
from pylti1p3.grade import Grade
from pylti1p3.lineitem import LineItem
from pylti1p3.message_launch import MessageLaunch
from pylti1p3.oidc_login import OIDCLogin
from pylti1p3.redirect import Redirect
from pylti1p3.registration import Registration
from pylti1p3.request import Request
from pylti1p3.service_connector import ServiceConnector
from pylti1p3.session import SessionService
from pylti1p3.tool_config.abstract import ToolConfAbstract

from app.domain.lti import KeyPair, Score
from app.lti.claims import ASSIGNMENT_PARAM, DEPLOYMENT
from app.lti.grades import SCORE_MAXIMUM
from app.store.lti import Destination, Platform

STATE_LIFETIME = 5 * 60  # seconds: pylti1p3's state cookie
HTTP_TIMEOUT = 15.0  # seconds for any call to an LMS (its JWKS, token or score endpoint)


class _TimedSession(requests.Session):
    """pylti1p3 calls the LMS with `requests` and no timeout: an LMS that never answers would hold a launch,
    or the score sender, for ever."""

    def request(self, *args: Any, **kwargs: Any) -> requests.Response:
        kwargs.setdefault("timeout", HTTP_TIMEOUT)
        return super().request(*args, **kwargs)


def _session() -> requests.Session:
    session = _TimedSession()
    session.headers["User-Agent"] = "Rapport (pylti1p3)"
    return session


@dataclass
class Incoming(Request):
    """One HTTP request's parameters (query and form) as pylti1p3 reads them."""

    params: Mapping[str, str]
    secure: bool

    @property
    def session(self) -> None:
        return None

    def is_secure(self) -> bool:
        return self.secure

    def get_param(self, key: str) -> str:
        return self.params.get(key, "")


@dataclass
class Cookies(CookieService):
    """The browser's cookies in; the ones pylti1p3 sets, out (for the response)."""

    sent: Mapping[str, str]
    to_set: dict[str, tuple[str, int]] = field(default_factory=dict)

    def _name(self, name: str) -> str:
        return f"{self._cookie_prefix}-{name}"

    def get_cookie(self, name: str) -> str | None:
        return self.sent.get(self._name(name))

    def set_cookie(self, name: str, value: str | int, exp: int | None = 3600) -> None:
        self.to_set[self._name(name)] = (str(value), exp or STATE_LIFETIME)


class OneUseNonces(SessionService):
    """pylti1p3's session, without a web session: nonces it makes are collected for the caller to store, and
    the one nonce a launch may use was checked (and used up) in the database before validation."""

    def __init__(self, valid_nonce: str | None = None) -> None:
        self.new_nonces: list[str] = []
        self.valid_nonce = valid_nonce

    def save_nonce(self, nonce: str) -> None:
        self.new_nonces.append(nonce)

    def check_nonce(self, nonce: str) -> bool:
        return self.valid_nonce is not None and nonce == self.valid_nonce

    def check_state_is_valid(self, state: str, id_token_hash: str) -> bool:
        return False  # never by a stored id_token: only the browser's own state cookie vouches for a launch

    def set_state_valid(self, state: str, id_token_hash: str) -> None:
        pass

    def save_launch_data(self, key: str, jwt_body: Any) -> None:
        pass  # nothing is resumed from a stored launch

    def save_state_params(self, state: str, params: Any) -> None:
        pass


def registration(platform: Platform, key: KeyPair) -> Registration:
    return (
        Registration()
        .set_issuer(platform.issuer)
        .set_client_id(platform.client_id)
        .set_auth_login_url(platform.auth_login_url)
        .set_auth_token_url(platform.token_url)
        .set_key_set_url(platform.jwks_url)
        .set_tool_private_key(key.private_pem)
        .set_tool_public_key(key.public_pem)
    )


class ToolConf(ToolConfAbstract[Incoming]):
    """The registered platforms, looked up by issuer and client id (several clients per issuer allowed)."""

    def __init__(self, platforms: Sequence[Platform], key: KeyPair) -> None:
        self.platforms = list(platforms)
        self.key = key
        self.issuers_relation_types = {}
        for platform in self.platforms:
            self.set_iss_has_many_clients(platform.issuer)

    def _find(self, iss: str, client_id: str | None) -> Platform | None:
        of_issuer = [p for p in self.platforms if p.issuer == iss]
        if not client_id:  # an older platform's login names no client: fine while it has only one
            return of_issuer[0] if len(of_issuer) == 1 else None
        return next((p for p in of_issuer if p.client_id == client_id), None)

    def find_registration_by_issuer(  # type: ignore[override]
        self, iss: str, *args: Any, **kwargs: Any
    ) -> Registration | None:
        found = self._find(iss, None)
        return registration(found, self.key) if found else None

    # None tells pylti1p3 "not registered" (it checks for it); its stubs say a Registration always comes back.
    def find_registration_by_params(  # type: ignore[override]
        self, iss: str, client_id: str, *args: Any, **kwargs: Any
    ) -> Registration | None:
        found = self._find(iss, client_id)
        return registration(found, self.key) if found else None

    def find_deployment(self, iss: str, deployment_id: str) -> Deployment | None:
        return self.find_deployment_by_params(iss, deployment_id, "")

    def find_deployment_by_params(
        self, iss: str, deployment_id: str, client_id: str, *args: Any, **kwargs: Any
    ) -> Deployment | None:
        found = self._find(iss, client_id)
        known = found is not None and deployment_id in found.deployment_ids
        return Deployment().set_deployment_id(deployment_id) if known else None


class _Location(Redirect[str]):
    def __init__(self, url: str) -> None:
        self.url = url

    def do_redirect(self) -> str:
        return self.url

    def do_js_redirect(self) -> str:
        return self.url

    def set_redirect_url(self, location: str) -> None:
        self.url = location

    def get_redirect_url(self) -> str:
        return self.url


class _Login(OIDCLogin[Incoming, ToolConf, OneUseNonces, Cookies, str]):
    def get_redirect(self, url: str) -> _Location:
        return _Location(url)


class _Launch(MessageLaunch[Incoming, ToolConf, OneUseNonces, Cookies]):
    def _get_request_param(self, key: str) -> str:
        return self._request.get_param(key)


@dataclass(frozen=True)
class LoginStart:
    """Where to send the browser (the platform's auth endpoint), the state cookie and the nonce to keep."""

    redirect_url: str
    cookies: dict[str, tuple[str, int]]
    nonces: list[str]


def start_login(request: Incoming, conf: ToolConf, launch_url: str) -> LoginStart:
    """The OIDC third-party-initiated login: pylti1p3 checks the issuer and client, makes state and nonce."""
    cookies, session = Cookies(sent={}), OneUseNonces()
    url = _Login(request, conf, session, cookies).disable_check_cookies().redirect(launch_url)
    return LoginStart(redirect_url=str(url), cookies=cookies.to_set, nonces=session.new_nonces)


def validate_launch(
    request: Incoming, cookies: Mapping[str, str], conf: ToolConf, nonce: str | None
) -> dict[str, Any]:
    """The id_token's body once pylti1p3 has checked state, nonce, issuer and client (audience), signature
    against the platform's JWKS, expiry, deployment and message; its LtiException otherwise."""
    launch = _Launch(
        request,
        conf,
        session_service=OneUseNonces(nonce),
        cookie_service=Cookies(sent=cookies),
        requests_session=_session(),
    )
    return dict(launch.validate().get_launch_data())


def deep_link_jwt(
    platform: Platform, key: KeyPair, body: Mapping[str, Any], launch_url: str, assignment_id: int, title: str
) -> tuple[str, str]:
    """The signed Deep Linking response that puts one assignment in the LMS (with a 0-100 line item), and
    the platform's return URL to post it to."""
    settings = body["https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings"]
    resource = (
        DeepLinkResource()
        .set_url(launch_url)
        .set_title(title)
        .set_custom_params({ASSIGNMENT_PARAM: str(assignment_id)})
        .set_lineitem(
            LineItem()
            .set_score_maximum(SCORE_MAXIMUM)
            .set_label(title)
            .set_resource_id(f"rapport-assignment-{assignment_id}")
        )
    )
    link = DeepLink(registration(platform, key), str(body[DEPLOYMENT]), settings)
    return link.get_response_jwt([resource]), str(settings["deep_link_return_url"])


def send_score(destination: Destination, key: KeyPair, score: Score) -> None:
    """POST the score to the learner's line item (a service token first, by client credentials signed with
    the tool's key); pylti1p3's LtiServiceException or a requests error when the LMS does not take it."""
    grade = Grade()
    grade.set_user_id(score.userId).set_activity_progress(score.activityProgress.value)
    grade.set_grading_progress(score.gradingProgress.value).set_timestamp(score.timestamp)
    if score.scoreGiven is not None and score.scoreMaximum is not None:
        grade.set_score_given(score.scoreGiven).set_score_maximum(score.scoreMaximum)
    if score.comment:
        grade.set_comment(score.comment)
    connector = ServiceConnector(registration(destination.platform, key), _session())
    service = AssignmentsGradesService(
        connector,
        {"scope": destination.scopes, "lineitem": destination.lineitem_url},  # type: ignore[typeddict-item]
    )
    service.put_grade(grade)


def describe(error: Exception) -> str:
    """A sending error in one line for the outbox (pylti1p3 wraps the LMS's response in the exception)."""
    response = error.args[0] if error.args else None
    status, text = getattr(response, "status_code", None), getattr(response, "text", None)
    if status is not None:
        return f"the LMS answered {status}: {str(text)[:300]}"
    return f"{type(error).__name__}: {json.dumps(str(error))[:500]}"
