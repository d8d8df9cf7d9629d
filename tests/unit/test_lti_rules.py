"""The pure parts of LTI: roles from the roles claim, what a launch names, pylti1p3's refusals in plain
words, the AGS score for each grade state, and the back-off."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from app.lti.claims import LaunchRefused, account_name, lti_name, read_launch, role_of
from app.lti.errors import refusal
from app.lti.grades import LONGEST_WAIT, next_try, score_message
from app.store.accounts import Role

MEMBERSHIP = "http://purl.imsglobal.org/vocab/lis/v2/membership#"


@pytest.mark.parametrize(
    ("roles", "role"),
    [
        ([MEMBERSHIP + "Instructor"], Role.INSTRUCTOR),
        (["http://purl.imsglobal.org/vocab/lis/v2/institution/person#Administrator"], Role.INSTRUCTOR),
        ([MEMBERSHIP + "Learner"], Role.LEARNER),
        ([MEMBERSHIP + "Learner", MEMBERSHIP + "Instructor"], Role.INSTRUCTOR),
        (["Learner"], Role.LEARNER),
    ],
)
def test_the_role_comes_from_the_roles_claim(roles: list[str], role: Role) -> None:
    assert role_of(roles) is role


def test_a_role_rapport_has_no_place_for_is_refused() -> None:
    with pytest.raises(LaunchRefused, match="neither instructor nor learner"):
        role_of([MEMBERSHIP + "Mentor"])
    with pytest.raises(LaunchRefused):
        role_of([])


def test_account_names_come_from_the_lms_or_from_who_the_user_is() -> None:
    assert account_name("https://lms", "42", "lena") == "lena"
    assert account_name("https://lms", "42", "not a valid name!") == lti_name("https://lms", "42")
    assert lti_name("https://lms", "42") != lti_name("https://other", "42")
    assert lti_name("https://lms", "42").startswith("lti-")


def test_a_launch_names_its_assignment_and_grade_target() -> None:
    body = {
        "iss": "https://lms",
        "aud": ["rapport"],
        "sub": "42",
        "preferred_username": "lena",
        "https://purl.imsglobal.org/spec/lti/claim/roles": [MEMBERSHIP + "Learner"],
        "https://purl.imsglobal.org/spec/lti/claim/message_type": "LtiResourceLinkRequest",
        "https://purl.imsglobal.org/spec/lti/claim/custom": {"rapport_assignment": "7"},
        "https://purl.imsglobal.org/spec/lti-ags/claim/endpoint": {
            "lineitem": "https://lms/lineitems/3",
            "scope": ["https://purl.imsglobal.org/spec/lti-ags/scope/score"],
        },
    }
    launch = read_launch(body)
    assert (launch.client_id, launch.assignment_id, launch.role) == ("rapport", 7, Role.LEARNER)
    assert launch.grade_target is not None and launch.grade_target.lineitem_url == "https://lms/lineitems/3"
    without_score = body | {
        "https://purl.imsglobal.org/spec/lti-ags/claim/endpoint": {"lineitem": "x", "scope": []}
    }
    assert read_launch(without_score).grade_target is None
    assert read_launch(body | {"https://purl.imsglobal.org/spec/lti/claim/custom": {}}).assignment_id is None


@pytest.mark.parametrize(
    ("library_says", "we_say"),
    [
        ("Invalid Nonce", "already been used"),
        ("State not found", "state mismatch"),
        ("Can't decode id_token: Signature verification failed", "signature does not match"),
        ("Can't decode id_token: Signature has expired", "has expired"),
        ("Registration not found.", "not addressed to Rapport"),
        ("Unable to find deployment", "deployment of the platform is not registered"),
        ("something new", "The launch was refused (something new)"),
    ],
)
def test_refusals_are_explained(library_says: str, we_say: str) -> None:
    explained = str(refusal(Exception(library_says)))
    assert we_say in explained and explained.endswith("Start it again from your course in the LMS.")


def test_the_score_for_each_grade_state() -> None:
    at = datetime(2026, 12, 5, 1, 2, 3, 456789, tzinfo=UTC)
    held = score_message(subject="42", score=80, held=True, comment=None, at=at).model_dump(exclude_none=True)
    assert held["gradingProgress"] == "PendingManual" and "scoreGiven" not in held
    assert held["timestamp"] == "2026-12-05T01:02:03.456789+00:00"
    graded = score_message(subject="42", score=80, held=False, comment="Well contracted", at=at)
    assert graded.model_dump(exclude_none=True) == {
        "userId": "42", "activityProgress": "Completed", "timestamp": held["timestamp"],
        "gradingProgress": "FullyGraded", "scoreGiven": 80, "scoreMaximum": 100.0, "comment": "Well contracted",
    }  # fmt: skip


def test_retries_back_off_to_at_most_an_hour() -> None:
    now = datetime(2026, 12, 5, tzinfo=UTC)
    waits = [next_try(tries, now) - now for tries in range(1, 12)]
    assert waits[:3] == [timedelta(seconds=30), timedelta(minutes=1), timedelta(minutes=2)]
    assert waits == sorted(waits) and waits[-1] == LONGEST_WAIT
