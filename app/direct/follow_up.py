"""The client's memory of last session, as a voice may use it: the first words of a follow-up (the persona's own
`lines.follow_up_opening`, or a plain line built from what was agreed last time) and, for a model voice, what was
agreed. Only agreements and what was actually disclosed: nothing still locked. Pure."""

from __future__ import annotations

from app.domain.acts import ActKind
from app.domain.persona import Persona
from app.domain.trust_state import ContractState, TrustState

# What the client remembers agreeing, in their own words (first person) and for a model's notes.
AGREED_SAID = {
    "goal": "what I wanted to get out of this",
    "success_measure": "how I'd know it had worked",
    "importance": "why it matters to me",
    "working_style": "how I like to work",
    "confidentiality": "that it stays between us",
}
AGREED_NOTED = {
    "goal": "what you want from the sessions",
    "success_measure": "how you would know it worked",
    "importance": "why it matters to you now",
    "working_style": "how you like to work",
    "confidentiality": "that what you say stays confidential",
}


def _agreed(carried: ContractState) -> list[str]:
    return [name for name, kept in carried.model_dump().items() if kept]


def _listed(items: list[str]) -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"


def _unrepaired(state: TrustState) -> bool:
    return any(change.turn == 0 and change.cause == "rupture_unrepaired" for change in state.changes)


def follow_up_lines(persona: Persona, level: int, state: TrustState) -> list[str]:
    """The first words of a second session: the persona's authored lines when it has them, else one plain line
    that says what was agreed and told last time."""
    if ActKind.FOLLOW_UP_OPENING in persona.lines:
        return persona.lines_for(ActKind.FOLLOW_UP_OPENING, level)
    parts = ["Hello again."]
    if _unrepaired(state):
        parts.append("I'll be honest, I nearly didn't come back after last time.")
    agreed = _agreed(state.carried or ContractState())
    if agreed:
        parts.append(f"Last time we agreed {_listed([AGREED_SAID[name] for name in agreed])}.")
    else:
        parts.append("Last time we never quite pinned down what I wanted from this.")
    if state.disclosed:
        parts.append("I told you more than I usually tell people, last time.")
    parts.append("I've been thinking about it since.")
    return [" ".join(parts)]


def last_session_notes(state: TrustState | None) -> list[str]:
    """For a model voice: that this is a second session and what was agreed in the first."""
    if state is None or state.carried is None:
        return []
    notes = ["This is not your first session with this coach: you remember the last one."]
    agreed = _agreed(state.carried)
    if agreed:
        notes.append(f"Last time you agreed {_listed([AGREED_NOTED[name] for name in agreed])}.")
    if _unrepaired(state):
        notes.append("Last time the coach broke your trust and never owned it: you are wary.")
    return notes
