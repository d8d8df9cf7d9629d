"""The after-run report: strengths first, two or three growth points with better phrasings, the criteria
table, and for a rehearsal the trust timeline with its causes and the disclosures reached or still locked."""

import html
import json
import re
from functools import cache

from markdown_it import MarkdownIt

from app.domain.persona import LEVEL_NAMES
from app.grade.grader import grade_rehearsal, grade_transcript
from app.grade.markdown import render
from app.grade.report import Report, build_report, for_learner, hidden_labels
from app.practice.charts import trust_timeline
from app.practice.markup import escape
from tests.support.grading import load_transcript, persona, rehearse, rubric, tagger

SAM_TURNS = [
    "Before we start: what you say here stays between us.",
    "What would you like to get out of today?",
    "How will you know at the end that it was worth it?",
    "You should just hand the rota to someone else.",
    "Sorry, I jumped in there. What have you tried so far?",
    "You sound stretched thin, doing every evening yourself.",
]


@cache
def sam_report() -> Report:
    sam = persona("sam-fixture")
    transcript, records = rehearse(sam, SAM_TURNS)
    result = grade_rehearsal(transcript, records, rubric(), sam, tagger())
    return build_report(result, sam, records, transcript)


def test_the_timeline_has_trust_per_turn_with_signed_causes() -> None:
    report = sam_report()
    assert report.timeline is not None
    assert [p.turn for p in report.timeline] == list(range(len(SAM_TURNS) + 1))  # the start, then every turn
    assert [p.transcript_turn for p in report.timeline] == [None, 0, 2, 4, 6, 8, 10]
    start, *turns = report.timeline
    assert start.trust == persona("sam-fixture").difficulty.initial_trust
    assert all(p.level_name == LEVEL_NAMES[p.level] for p in report.timeline)
    advice = turns[3]
    assert any(c.delta < 0 and "advice" in c.reason for c in advice.causes)
    assert str(advice.causes[0]).startswith("-")  # "−8.0 gave advice before the client asked for it"
    assert any(str(c).startswith("+") and "repair" in c.reason for c in turns[4].causes)


def test_disclosures_reached_and_locked_with_what_would_open_them() -> None:
    report = sam_report()
    sam = persona("sam-fixture")
    assert report.disclosures_reached is not None and report.disclosures_locked is not None
    reached = {d.id for d in report.disclosures_reached}
    locked = {d.id for d in report.disclosures_locked}
    assert reached | locked == {d.id for d in sam.disclosures} and not reached & locked
    never = next(d for d in report.disclosures_locked if d.id == "never")
    assert never.opens_with == "trust level 4 (never told anyone) and permission to talk about his family"
    assert never.what_happened and f"peaked at level {report.peak_level}" in never.what_happened
    assert all(d.reached_at is not None for d in report.disclosures_reached)


def test_strengths_come_first_then_two_or_three_growth_points_with_better_phrasings() -> None:
    report = sam_report()
    assert report.strengths and all(
        s.id in {c.id for c in report.criteria if c.level == "consistent"} for s in report.strengths
    )
    assert 2 <= len(report.growth) <= 3
    assert all(point.better for point in report.growth)
    text = render(report)
    assert text.index("## Strengths") < text.index("## Growth points") < text.index("## Criteria")
    assert "## Trust timeline" in text and "## Disclosures" in text and "Still locked:" in text
    assert "| start |" in text


def test_blocking_errors_lead_the_growth_points() -> None:
    transcript = load_transcript("manager_gossip_breach")
    report = build_report(grade_transcript(transcript, rubric(), tagger()))
    assert report.growth[0].id == "confidentiality-breach"
    assert len({p.id for p in report.growth}) == len(report.growth)  # one point per rule, however many hits
    text = render(report)
    assert "## Blocking errors" in text and "**Result: not passed**" in text
    assert "## Trust timeline" not in text and "## Disclosures" not in text  # transcript alone: no trace


def test_the_report_as_json_round_trips() -> None:
    report = sam_report()
    assert Report.model_validate_json(report.model_dump_json()) == report


def test_the_plotly_figure_shows_the_timeline() -> None:
    report = sam_report()
    figure = trust_timeline(report.timeline or [], "Trust timeline")
    trust = figure.data[0]
    assert list(trust.x) == [p.turn for p in report.timeline or []]
    assert list(trust.y) == [p.trust for p in report.timeline or []]
    assert "gave advice" in " ".join(trust.hovertext)
    assert json.loads(figure.to_json())["data"][0]["name"] == "trust"


def test_markdown_tables_survive_pipes_in_quotes() -> None:
    transcript = load_transcript("friendly_consultant").model_copy()
    turns = list(transcript.turns)
    turns[0] = turns[0].model_copy(update={"text": "Hi Tom | what would you like to talk about today?"})
    report = build_report(
        grade_transcript(transcript.model_copy(update={"turns": turns}), rubric(), tagger())
    )
    rows = [line for line in render(report).splitlines() if line.startswith("| ICF-3.1")]
    assert rows and "\\|" in rows[0] and rows[0].count(" | ") == 4


PROBE_TURNS = [
    "What would you like to get out of today?",
    "Tell me about your family.",  # goes into a hidden topic without asking: the engine names it in its cause
]


def _probe() -> tuple[Report, Report]:
    sam = persona("sam-fixture")
    transcript, records = rehearse(sam, PROBE_TURNS)
    full = build_report(
        grade_rehearsal(transcript, records, rubric(), sam, tagger()), sam, records, transcript
    )
    return full, for_learner(full, sam, records)


def test_a_learner_reads_what_stayed_closed_only_in_general_terms() -> None:
    full, learner = _probe()
    instructor_text, learner_text = render(full), render(learner)
    assert "he blames himself" in instructor_text and "permission to talk about his family" in instructor_text
    for secret in ["he blames himself", "his daughter is ill", "bad review", "his family"]:
        assert secret not in learner_text, secret
    assert "Something the client would share at level 4 (never told anyone)" in learner_text
    assert learner.audience == "learner" and full.audience == "instructor"


def test_the_learners_trace_names_no_hidden_topic_before_it_opened() -> None:
    full, learner = _probe()
    assert full.timeline is not None and learner.timeline is not None
    assert any("his family" in c.reason for p in full.timeline for c in p.causes)  # the engine names it
    assert not any("his family" in c.reason for p in learner.timeline for c in p.causes)
    assert any("a sensitive topic" in c.reason for p in learner.timeline for c in p.causes)
    # Once something about the topic is disclosed, the learner has heard it: the label may be named.
    assert hidden_labels(persona("sam-fixture"), []) == []


TYPED = "Is it **really** [fine](http://evil.example) <br> to say a_b_c | or `x`?"


def test_learner_words_in_the_report_read_exactly_as_typed() -> None:
    transcript = load_transcript("friendly_consultant").model_copy()
    turns = list(transcript.turns)
    turns[0] = turns[0].model_copy(update={"text": f"What would you like to talk about today? {TYPED}"})
    graded = grade_transcript(transcript.model_copy(update={"turns": turns}), rubric(), tagger())
    shown = MarkdownIt("commonmark").enable("table").render(render(build_report(graded), escape))
    assert "<a " not in shown and "<strong>really" not in shown and "<code>" not in shown
    words = html.unescape(re.sub(r"<[^>]+>", "", shown))
    assert TYPED in words
    # The only "<br>" showing as text is the learner's own: none of the report's table cells has one.
    assert shown.count("&lt;br&gt;") == words.count(TYPED)


def test_every_turn_the_report_names_is_the_learner_turn_the_app_shows() -> None:
    report = sam_report()
    cited = re.findall(r"turn (\d+): “([^”]+)”", render(report))
    assert len(cited) >= 3  # strengths, growth points and the criteria table all cite turns
    for number, quote in cited:
        assert quote in SAM_TURNS[int(number) - 1], (number, quote)
    verdict = " ".join(report.verdict)
    assert "turn" not in verdict or all(int(n) <= len(SAM_TURNS) for n in re.findall(r"turn (\d+)", verdict))
