"""`rapport lti keys rotate|show`, `rapport lti platform add|list|remove`, `rapport lti review`: Rapport as an
LTI 1.3 tool (docs/lms.md). Keys and registrations live in the database."""

from __future__ import annotations

import json
from typing import Annotated

import typer

from app.cli.common import fail

cli = typer.Typer(no_args_is_help=True, help="Rapport as an LTI 1.3 tool: its keys and the LMS platforms.")
keys = typer.Typer(no_args_is_help=True, help="The tool's signing keys (published at /lti/jwks).")
platform = typer.Typer(no_args_is_help=True, help="LMS platforms allowed to launch Rapport.")
cli.add_typer(keys, name="keys")
cli.add_typer(platform, name="platform")


@keys.command("rotate")
def rotate() -> None:
    """Make a new signing key; the previous one stays in the JWKS for two days."""
    from app.practice import lti_admin
    from app.practice.storage import with_db

    made = with_db(lti_admin.rotate_key)
    typer.echo(f"new signing key {made.kid}")


@keys.command("show")
def show() -> None:
    """The tool's public JWKS (as served at /lti/jwks)."""
    from app.practice import lti_admin
    from app.practice.storage import with_db

    published = with_db(lti_admin.published_jwks)
    if not published["keys"]:
        raise fail("no key yet: run `rapport lti keys rotate`")
    typer.echo(json.dumps(published, indent=2))


@platform.command("add")
def add(
    issuer: Annotated[
        str, typer.Option("--issuer", help="The platform's issuer (iss), e.g. https://lms.example.edu.")
    ],
    client_id: Annotated[str, typer.Option("--client-id", help="The client id the LMS gave Rapport.")],
    auth_login_url: Annotated[
        str, typer.Option("--auth-login-url", help="The platform's OIDC auth endpoint.")
    ],
    token_url: Annotated[str, typer.Option("--token-url", help="The platform's OAuth2 token endpoint.")],
    jwks_url: Annotated[str, typer.Option("--jwks-url", help="The platform's public keys (JWKS).")],
    deployment_id: Annotated[
        list[str], typer.Option("--deployment-id", help="A deployment id (repeat for several).")
    ],
) -> None:
    """Register an LMS platform."""
    from app.practice import lti_admin
    from app.practice.lti_admin import LtiStoreError
    from app.practice.storage import with_db

    try:
        made = with_db(
            lambda db: lti_admin.add_platform(
                db,
                issuer=issuer,
                client_id=client_id,
                auth_login_url=auth_login_url,
                token_url=token_url,
                jwks_url=jwks_url,
                deployment_ids=deployment_id,
            )
        )
    except LtiStoreError as error:
        raise fail(str(error)) from None
    typer.echo(f"registered platform {made.id}: {made.issuer} (client id {made.client_id})")


@platform.command("list")
def list_(as_json: Annotated[bool, typer.Option("--json", help="As JSON.")] = False) -> None:
    """The registered platforms."""
    from app.practice import lti_admin
    from app.practice.storage import with_db

    found = with_db(lti_admin.list_platforms)
    if as_json:
        typer.echo(json.dumps([p.__dict__ for p in found], indent=2))
        return
    for p in found:
        typer.echo(f"{p.id}\t{p.issuer}\tclient {p.client_id}\tdeployments {', '.join(p.deployment_ids)}")


@platform.command("remove")
def remove(
    platform_id: Annotated[int, typer.Argument(help="The id `rapport lti platform list` shows.")],
) -> None:
    """Unregister a platform (accounts made through it stay; their link to the LMS goes)."""
    from app.practice import lti_admin
    from app.practice.lti_admin import LtiStoreError
    from app.practice.storage import with_db

    try:
        with_db(lambda db: lti_admin.remove_platform(db, platform_id))
    except LtiStoreError as error:
        raise fail(str(error)) from None
    typer.echo(f"removed platform {platform_id}")


@cli.command("review")
def review(
    assignment: Annotated[int, typer.Argument(help="The assignment's id.")],
    hold: Annotated[
        bool, typer.Option("--hold/--release", help="Hold grades as pending review until confirmed, or not.")
    ],
) -> None:
    """Whether an assignment's grades reach the LMS only once an instructor confirms them in the gradebook."""
    from app.practice import lti_admin
    from app.practice.lti_admin import LtiStoreError
    from app.practice.storage import with_db

    try:
        with_db(lambda db: lti_admin.set_hold(db, assignment, hold))
    except LtiStoreError as error:
        raise fail(str(error)) from None
    typer.echo(f"assignment {assignment}: grades {'held for review' if hold else 'sent as graded'}")


@cli.command("outbox")
def outbox(
    send_now: Annotated[
        bool, typer.Option("--send-now", help="Try every waiting score now (say, once an LMS is back).")
    ] = False,
) -> None:
    """Scores waiting for an LMS, with why the last try failed. The server retries them by itself."""
    from app.practice import lti_admin
    from app.practice.storage import with_db

    if send_now:
        sent, failed = with_db(lti_admin.send_waiting_now)
        typer.echo(f"sent {sent}, failed {failed}")
    for entry in with_db(lti_admin.waiting):
        typer.echo(f"attempt {entry.attempt_id}\ttries {entry.tries}\t{entry.last_error or 'not tried yet'}")
