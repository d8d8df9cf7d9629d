"""A launch from an LMS, start to end: the OIDC login, the id_token's validation (pylti1p3, in a worker
thread), and Rapport's side of it: the linked account, the assignment it opens, where the score will go."""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import jwt

from app.domain.lti import KeyPair
from app.lti import tool
from app.lti.claims import Launch, LaunchRefused, account_name, lti_name, read_launch
from app.lti.errors import refusal
from app.store import lti
from app.store.accounts import AccountView, Role, get_account
from app.store.assignments import AssignmentView, get_assignment
from app.store.db import Database

NO_KEY = "Rapport has no LTI key yet: an admin runs `rapport lti keys rotate` first."


@dataclass(frozen=True)
class Validated:
    launch: Launch
    body: dict[str, Any]
    platform: lti.Platform
    key: KeyPair


@dataclass(frozen=True)
class Arrival:
    """Who the launch logs in and where they land: an assignment (learners), the gradebook (instructors), or
    the Deep Linking picker (an instructor choosing what the LMS link opens)."""

    account: AccountView
    assignment: AssignmentView | None


async def _conf(db: Database) -> tool.ToolConf:
    key = await lti.signing_key(db)
    if key is None:
        raise LaunchRefused(NO_KEY)
    return tool.ToolConf(await lti.list_platforms(db), key)


async def begin_login(
    db: Database, params: Mapping[str, str], secure: bool, launch_url: str
) -> tool.LoginStart:
    conf = await _conf(db)
    try:
        start = await asyncio.to_thread(tool.start_login, tool.Incoming(params, secure), conf, launch_url)
    except Exception as error:
        raise refusal(error) from error
    await lti.remember_nonces(db, start.nonces)
    return start


def _claimed_nonce(id_token: str) -> str | None:
    # Read before the signature is checked, only to look the nonce up (and use it up); pylti1p3 then checks
    # the signature and that the nonce in the token is this one.
    try:
        nonce = jwt.decode(id_token, options={"verify_signature": False}).get("nonce")
    except jwt.PyJWTError:
        return None
    return nonce if isinstance(nonce, str) else None


async def validate(
    db: Database, params: Mapping[str, str], cookies: Mapping[str, str], secure: bool
) -> Validated:
    """The launch, once pylti1p3 has validated it; LaunchRefused (with a clear message) otherwise."""
    conf = await _conf(db)
    nonce = _claimed_nonce(params.get("id_token", ""))
    usable = nonce if nonce is not None and await lti.use_nonce(db, nonce) else None
    try:
        body = await asyncio.to_thread(
            tool.validate_launch, tool.Incoming(params, secure), cookies, conf, usable
        )
        launch = read_launch(body)
    except Exception as error:
        raise refusal(error) from error
    platform = next(
        (p for p in conf.platforms if (p.issuer, p.client_id) == (launch.issuer, launch.client_id)), None
    )
    if (
        platform is None
    ):  # pylti1p3 found the registration by the first audience; Rapport reads it the same way
        raise refusal(Exception("Registration not found."))
    return Validated(launch=launch, body=body, platform=platform, key=conf.key)


async def _account(db: Database, platform: lti.Platform, launch: Launch) -> AccountView:
    name = await lti.linked_account(db, platform.id, launch.subject)
    if name is None:
        names = [
            account_name(launch.issuer, launch.subject, launch.name_hint),
            lti_name(launch.issuer, launch.subject),
        ]
        name = await lti.link_new_account(db, platform.id, launch.subject, names, launch.role)
    account = await get_account(db, name)
    assert account is not None
    return account


async def arrive(db: Database, validated: Validated) -> Arrival:
    """The linked account (made on the first launch, with the role the LMS gives), and for a learner's launch
    into an assignment: the assignment set for them and the line item their score goes to."""
    launch, platform = validated.launch, validated.platform
    account = await _account(db, platform, launch)
    if launch.deep_linking:
        if account.role is not Role.INSTRUCTOR:
            raise LaunchRefused("Only an instructor can choose which assignment a course link opens.")
        return Arrival(account=account, assignment=None)
    if launch.assignment_id is None:
        return Arrival(account=account, assignment=None)
    assignment = await get_assignment(db, launch.assignment_id)
    if assignment is None:
        raise LaunchRefused(
            f"This link opens assignment {launch.assignment_id}, which Rapport no longer has: ask your instructor."
        )
    if account.role is Role.LEARNER:
        await lti.enrol(db, assignment.id, account.id)
        if launch.grade_target is not None:
            await lti.save_grade_target(
                db,
                account_id=account.id,
                assignment_id=assignment.id,
                platform_id=platform.id,
                subject=launch.subject,
                lineitem_url=launch.grade_target.lineitem_url,
                scopes=launch.grade_target.scopes,
            )
    return Arrival(account=account, assignment=assignment)


def deep_link_response(validated: Validated, launch_url: str, assignment: AssignmentView) -> tuple[str, str]:
    """(signed response JWT, the platform's return URL) for choosing `assignment`."""
    return tool.deep_link_jwt(
        validated.platform, validated.key, validated.body, launch_url, assignment.id, assignment.title
    )
