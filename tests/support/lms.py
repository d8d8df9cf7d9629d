"""A small LMS for the LTI tests: the platform side of LTI 1.3 from the `lti1p3platform` package (its OIDC
login initiation, launch messages signed with the platform's key, deep linking settings and response
validation against the tool's JWKS, the OAuth2 token endpoint and the AGS score service), served by uvicorn
in a thread on a free local port. The test drives it as a browser would (an httpx client, or Chromium).

What the package leaves to its user is here: the registration (keys, URLs), the HTTP routes, where links,
line items and scores are kept, and a switch that takes the grade service down (503) to test retries."""

from __future__ import annotations

import json
import re
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from html import escape, unescape
from typing import Any

import httpx
import uvicorn
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from lti1p3platform.ltiplatform import LTI1P3PlatformConfAbstract
from lti1p3platform.message_launch import LTIAdvantageMessageLaunchAbstract
from lti1p3platform.oidc_login import OIDCLoginAbstract
from lti1p3platform.registration import Registration
from lti1p3platform.request import Request as PlatformRequest
from lti1p3platform.score import UpdateScoreStatus
from lti1p3platform.service_connector import AssignmentsGradesService

from tests.support.server import free_port

LEARNER = "http://purl.imsglobal.org/vocab/lis/v2/membership#Learner"
INSTRUCTOR = "http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor"
CLIENT_ID = "rapport-tool"
DEPLOYMENT_ID = "deployment-1"
WAIT = 60.0  # seconds a test waits for a score to arrive


def private_pem() -> str:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode()


def public_pem(private: str) -> str:
    key = serialization.load_pem_private_key(private.encode(), password=None)
    return (
        key.public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
        .decode()
    )


@dataclass
class Link:
    """A course link made by deep linking: what the tool asked the LMS to keep (custom parameters and a line
    item for its grades)."""

    id: str
    title: str
    url: str
    custom: dict[str, str]
    lineitem_id: str


@dataclass
class Form:
    """An HTML form the LMS or the tool sends to the browser to post on."""

    action: str
    fields: dict[str, str]


def form_in(html: str) -> Form:
    action = re.search(r"<form[^>]*action=[\"']([^\"']+)[\"']", html)
    assert action, f"no form in: {html[:500]}"
    fields = {
        unescape(name): unescape(value)
        for name, value in re.findall(
            r"<input[^>]*name=[\"']([^\"']+)[\"'][^>]*value=[\"']([^\"']*)[\"']", html
        )
    }
    return Form(action=unescape(action.group(1)), fields=fields)


@dataclass
class Lms:
    tool_url: str  # Rapport's base URL
    port: int = field(default_factory=free_port)
    key: str = field(default_factory=private_pem)
    # What happens to the next launch message: None, "wrong-key", "wrong-audience", "expired".
    tamper: str | None = None
    grades_up: bool = True
    links: dict[str, Link] = field(default_factory=dict)
    scores: list[tuple[str, dict[str, Any]]] = field(default_factory=list)  # (line item id, score)
    refused_scores: int = 0  # token or score requests turned away while the grade service is down
    arrived: threading.Condition = field(default_factory=threading.Condition)
    server: uvicorn.Server | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    # --- what an admin types into `rapport lti platform add` ---------------------------------------------

    @property
    def issuer(self) -> str:
        return self.url

    @property
    def registration_args(self) -> list[str]:
        return [
            "--issuer", self.issuer, "--client-id", CLIENT_ID,
            "--auth-login-url", f"{self.url}/auth", "--token-url", f"{self.url}/token",
            "--jwks-url", f"{self.url}/jwks", "--deployment-id", DEPLOYMENT_ID,
        ]  # fmt: skip

    def registration(self) -> Registration:
        return (
            Registration()
            .set_iss(self.issuer)
            .set_client_id(CLIENT_ID)
            .set_deployment_id(DEPLOYMENT_ID)
            .set_launch_url(f"{self.tool_url}/lti/launch")
            .set_deeplink_launch_url(f"{self.tool_url}/lti/launch")
            .set_oidc_login_url(f"{self.tool_url}/lti/login")
            .set_tool_key_set_url(f"{self.tool_url}/lti/jwks")
            .set_platform_public_key(public_pem(self.key))
            .set_platform_private_key(self.key)
        )

    # --- scores as they arrive ---------------------------------------------------------------------------

    def wait_for_scores(self, count: int) -> list[tuple[str, dict[str, Any]]]:
        """The scores received, once there are at least `count` (waiting on their arrival)."""
        with self.arrived:
            if not self.arrived.wait_for(lambda: len(self.scores) >= count, timeout=WAIT):
                raise AssertionError(
                    f"the LMS received {len(self.scores)} scores, not {count}: {self.scores}"
                )
            return list(self.scores)

    def wait_for_refusals(self, count: int) -> None:
        with self.arrived:
            if not self.arrived.wait_for(lambda: self.refused_scores >= count, timeout=WAIT):
                raise AssertionError(f"the LMS refused {self.refused_scores} scores, not {count}")

    # --- the browser's side ------------------------------------------------------------------------------

    def launch(
        self, browser: httpx.Client, user: str, role: str, link: str | None = None, deep: bool = False
    ) -> Form:
        """Start a launch from the course page as `user`: the LMS initiates the login at Rapport, Rapport sends
        the browser to the LMS's auth endpoint, and the LMS answers with the form that posts the id_token to
        Rapport. That form (not yet posted)."""
        hint = json.dumps({"role": role, "link": link, "deep": deep})
        page = browser.get(f"{self.url}/course", params={"user": user, "hint": hint}, follow_redirects=True)
        assert page.status_code == 200, page.text
        return form_in(page.text)

    # --- running -------------------------------------------------------------------------------------------

    @contextmanager
    def running(self) -> Iterator[Lms]:
        config = uvicorn.Config(app(self), host="127.0.0.1", port=self.port, log_level="warning")
        self.server = uvicorn.Server(config)
        thread = threading.Thread(target=self.server.run, name="test-lms", daemon=True)
        thread.start()
        deadline = time.monotonic() + 30
        while not self.server.started:
            if not thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("the test LMS did not start")
            time.sleep(0.05)  # polling uvicorn's own started flag: it offers no event to wait on
        try:
            yield self
        finally:
            self.server.should_exit = True
            thread.join(timeout=10)


class _Conf(LTI1P3PlatformConfAbstract):
    def init_platform_config(self, **kwargs: Any) -> None:
        self._registration = kwargs["lms"].registration()

    def get_registration_by_params(self, **kwargs: Any) -> Registration:
        assert self._registration is not None
        return self._registration


class _Login(OIDCLoginAbstract):
    def set_lti_message_hint(self, **kwargs: Any) -> None:
        self._lti_message_hint = kwargs["hint"]

    def get_redirect(self, url: str) -> RedirectResponse:
        return RedirectResponse(url)


class _Incoming(PlatformRequest):
    def __init__(self, request: dict[str, Any]) -> None:
        self.request = request  # type: ignore[assignment]


class _Launch(LTIAdvantageMessageLaunchAbstract):
    lms: Lms

    def prepare_launch(self, preflight_response: dict[str, Any]) -> None:
        hint = json.loads(preflight_response["lti_message_hint"])
        user = preflight_response["login_hint"]
        self.set_user_data(user, [hint["role"]], full_name=user.title(), preferred_username=user)
        self.set_launch_context_claim("course-1", context_title="Coaching skills")
        if hint["deep"]:
            self.set_dl(f"{self.lms.url}/deep-link-return", title="Rapport", accept_types={"ltiResourceLink"})
            return
        link = self.lms.links[hint["link"]]
        self.set_resource_link_claim(link.id, title=link.title)
        self.set_custom_parameters_claim(link.custom)
        self.set_ags(f"{self.lms.url}/lineitems", f"{self.lms.url}/lineitems/{link.lineitem_id}")

    def get_launch_message(self, include_extra_claims: bool = True) -> dict[str, Any]:
        message: dict[str, Any] = super().get_launch_message(include_extra_claims)
        if self.lms.tamper == "wrong-audience":
            message["aud"] = message["azp"] = "some-other-tool"
        return message

    def generate_launch_request(self) -> Any:
        if self.lms.tamper == "expired":
            self.set_id_token_expiration(-120)
        if self.lms.tamper != "wrong-key":
            return super().generate_launch_request()
        # Signed by someone else's key, claiming the platform's key id.
        message, state = self.get_launch_data()
        assert self._registration is not None
        headers = {"kid": self._registration.get_kid()}
        forged = Registration.encode_and_sign(message, private_pem(), headers, expiration=300)
        return {"state": state, "id_token": forged}

    def render_launch_form(self, launch_data: dict[str, Any], **kwargs: Any) -> HTMLResponse:
        return HTMLResponse(
            _auto_post(launch_data["launch_url"], {k: launch_data[k] for k in ("id_token", "state")})
        )


def _auto_post(action: str, fields: dict[str, str]) -> str:
    inputs = "".join(
        f"<input type='hidden' name='{escape(k)}' value='{escape(v)}'>" for k, v in fields.items()
    )
    return (
        f"<html><body><form id='f' method='post' action='{escape(action)}'>{inputs}</form>"
        "<script>document.getElementById('f').submit()</script></body></html>"
    )


class _Grades(AssignmentsGradesService):
    lms: Lms

    def find_lineitems(self, *args: Any, **kwargs: Any) -> Any:
        raise NotImplementedError

    def find_lineitem(self, line_item_id: str) -> Any:
        raise NotImplementedError

    def create_lineitem(self, creation_data: Any) -> Any:
        raise NotImplementedError

    def update_lineitem(self, update_data: Any) -> Any:
        raise NotImplementedError

    def delete_lineitem(self, line_item_id: str) -> None:
        raise NotImplementedError

    def get_results(self, *args: Any, **kwargs: Any) -> Any:
        raise NotImplementedError

    def update_score(self, line_item_id: str, score: Any) -> UpdateScoreStatus:
        with self.lms.arrived:
            self.lms.scores.append((line_item_id, dict(score)))
            self.lms.arrived.notify_all()
        return UpdateScoreStatus.SUCCESS


def app(lms: Lms) -> FastAPI:
    web = FastAPI()

    def conf() -> _Conf:
        return _Conf(lms=lms)

    @web.get("/jwks")
    def jwks() -> JSONResponse:
        platform = conf()
        platform.get_registration()
        return JSONResponse(platform.get_jwks())

    @web.get("/course")
    def course(user: str, hint: str) -> Response:
        platform = conf()
        login = _Login(None, platform)
        login.set_lti_message_hint(hint=hint)
        if json.loads(hint)["deep"]:
            login.set_deeplinking_launch_url()
        response: Response = login.initiate_login(user)
        return response

    @web.get("/auth")
    def auth(request: Request) -> Response:
        launch = _Launch(_Incoming({"get_data": dict(request.query_params), "form_data": {}}), conf())
        launch.lms = lms
        response: Response = launch.lti_launch()
        return response

    @web.post("/deep-link-return")
    async def deep_link_return(request: Request) -> HTMLResponse:
        form = await request.form()
        items = conf().validate_deeplinking_resp({"JWT": str(form["JWT"])})
        for item in items:
            number = len(lms.links) + 1
            lms.links[f"link-{number}"] = Link(
                id=f"link-{number}",
                title=str(item.get("title")),
                url=str(item.get("url")),
                custom=dict(item.get("custom") or {}),
                lineitem_id=f"item-{number}",
            )
        titles = ", ".join(escape(link.title) for link in lms.links.values())
        return HTMLResponse(f"<html><body><h1>Course links</h1><p>{titles}</p></body></html>")

    def down() -> Response:
        with lms.arrived:
            lms.refused_scores += 1
            lms.arrived.notify_all()
        return Response("the LMS is down for maintenance", status_code=503)

    @web.post("/token")
    async def token(request: Request) -> Response:
        if not lms.grades_up:
            return down()
        form = {k: str(v) for k, v in (await request.form()).items()}
        return JSONResponse(dict(conf().get_access_token(form)))

    @web.post("/lineitems/{line_item_id}/scores")
    async def scores(line_item_id: str, request: Request) -> Response:
        if not lms.grades_up:
            return down()
        body = json.loads(await request.body())
        incoming = _Incoming({"method": "POST", "headers": request.headers, "json": body, "get_data": {}})
        platform = conf()
        platform.get_registration()
        service = _Grades(incoming, platform, f"{lms.url}/lineitems", f"{lms.url}/lineitems/{line_item_id}")
        service.lms = lms
        answer = service.handle_resp(service.handle_update_score, line_item_id=line_item_id)
        return JSONResponse({"message": answer.message}, status_code=answer.code)

    return web
