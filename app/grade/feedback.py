"""Mentor-style feedback: name the behaviour, its effect on the client, and one better phrasing for the
weakest moment. The words come from the rubric; this module picks the moment and fills the phrasing in."""

from __future__ import annotations

from app.grade.cues import Cue, first_match
from app.grade.facts import CoachTurn
from app.grade.quotes import sentences
from app.grade.result import BlockingHit, Evidence
from app.grade.rubric import PLACEHOLDER, FeedbackText, Level, Phrasing
from app.tag.text import content_words, stem, words

MIN_CLIENT_WORD = 4  # shorter content words ("job", "day") make a thin reflection


def placeholder_values(moment: CoachTurn | None) -> dict[str, str]:
    """What a better phrasing may borrow from the weakest moment: the client's own word or feeling, or the
    first of the coach's stacked questions."""
    if moment is None:
        return {}
    values: dict[str, str] = {}
    if moment.context:
        content = content_words(moment.context)
        candidates = [w for w in words(moment.context) if stem(w) in content and len(w) >= MIN_CLIENT_WORD]
        if candidates:
            values["client_word"] = max(candidates, key=len)
        feeling = first_match(moment.context, Cue.EMOTION)
        if feeling:
            values["client_feeling"] = feeling.lower()
    question = next((part for part in sentences(moment.text) if part.endswith("?")), None)
    if question and moment.questions > 1:
        values["first_question"] = question
    return values


def fits(phrasing: Phrasing, moment: CoachTurn | None) -> bool:
    """Whether the phrasing is meant for this kind of moment (unconditional phrasings fit any)."""
    if not (phrasing.when_moves or phrasing.when_events):
        return True
    return moment is not None and (moment.has(*phrasing.when_moves) or moment.did(*phrasing.when_events))


def better_phrasing(feedback: FeedbackText, moment: CoachTurn | None) -> str:
    """The first phrasing that fits the moment and whose placeholders it can fill (the last always can)."""
    values = placeholder_values(moment)
    options = feedback.phrasings()
    for option in options:
        if fits(option, moment) and all(name in values for name in PLACEHOLDER.findall(option.text)):
            return PLACEHOLDER.sub(lambda match: values[match.group(1)], option.text)
    return options[-1].text


def turn_of(cited: Evidence | BlockingHit) -> str:
    """The turn as people read it: the learner turn the practice app shows, not the transcript index."""
    if cited.learner_turn is None:  # cited from outside the grader (a reviewer's quote): a transcript line
        return f"transcript line {cited.turn + 1}"
    return f"turn {cited.learner_turn}"


def _cite(evidence: Evidence) -> str:
    return f"{turn_of(evidence)}: “{evidence.quote}”"


def criterion_feedback(
    text: FeedbackText,
    level: Level,
    reason: str,
    evidence: list[Evidence],
    weakest: Evidence | None,
    better: str | None,
) -> str:
    """One paragraph: what you did (or did not), what it did for the client, and what to try."""
    if level is Level.NOT_APPLICABLE:
        return f"Not applicable: {reason}."
    if level is Level.CONSISTENT:
        example = f" For example {_cite(evidence[0])}." if evidence else ""
        return f"{text.strength}{example} {text.effect_strength}"
    parts = [f"Partly there ({reason})." if level is Level.PARTIAL else text.gap]
    if level is Level.PARTIAL and evidence:
        parts.append(f"A start: {_cite(evidence[0])}.")
    parts.append(text.effect_gap)
    if weakest is not None:
        parts.append(f"Weakest moment, {_cite(weakest)}.")
    if better:
        parts.append(f"Try: “{better}”")
    return " ".join(parts)


def blocking_feedback(feedback: str, hit: Evidence, better: str) -> str:
    return f"{feedback} At {_cite(hit)}. Try: “{better}”"
