"""The one place that decides what a voice may see: the public profile, this turn's act and what it unlocked."""

from app.direct.follow_up import follow_up_lines, last_session_notes
from app.domain.acts import Act, ActKind
from app.domain.persona import LEVEL_NAMES, Persona
from app.domain.transcript import Utterance
from app.domain.trust_state import TrustState
from app.domain.voicing import PublicProfile, VoiceRequest

HISTORY_TURNS = 12

GUIDANCE: dict[ActKind, str] = {
    ActKind.OPENING: "Greet the coach and wait to see what they do; say little about yourself.",
    ActKind.FOLLOW_UP_OPENING: "This is your second session with this coach: greet them again and say, briefly, "
    "what you remember agreeing last time; then wait to see what they do.",
    ActKind.SMALL_TALK: "Respond briefly and politely to small talk or logistics.",
    ActKind.ANSWER_GOAL: "Say what you want from this session.",
    ActKind.ANSWER_SUCCESS: "Say how you would know the session worked.",
    ActKind.ANSWER_IMPORTANCE: "Say why this matters to you now.",
    ActKind.ANSWER_WORKING_STYLE: "Say how you like to work with a coach.",
    ActKind.ANSWER_CONFIDENTIALITY: "React to the coach making confidentiality and roles clear.",
    ActKind.ELABORATE: "Say a little more about your situation, no more openly than your mood allows.",
    ActKind.FEEL_HEARD: "Respond to feeling understood; go on a little.",
    ActKind.HINT: "Touch on the topic below obliquely, then pull back. Do not explain it.",
    ActKind.GRANT_PERMISSION: "Agree, a little hesitantly, to talk about the area the coach asked about.",
    ActKind.DECLINE_PERMISSION: "Politely say you would rather not go into that area today.",
    ActKind.ACCEPT_OFFER: "Agree to hear the coach's idea or observation.",
    ActKind.CONSIDER_ADVICE: "Weigh the idea you agreed to hear; say what fits and what doesn't.",
    ActKind.DEFLECT: "The coach went into a private area without asking: close it down, politely but firmly.",
    ActKind.RESIST_ADVICE: "The coach gave advice you did not ask for: push back, you have thought of that.",
    ActKind.HURT: "The coach judged you or brushed your feelings aside: show you feel hurt and guarded.",
    ActKind.WITHDRAW: "The coach is pushing or hurrying you: withdraw and give less.",
    ActKind.RUPTURE: "The coach broke your trust: you are shaken and want to stop sharing.",
    ActKind.REFOCUS: "The coach talked about themselves: wait politely, a little flat.",
    ActKind.OFF_CONTRACT: "The coach steered away from what you came for: remind them what you wanted.",
    ActKind.REPAIR_ACCEPTED: "The coach owned a misstep: accept it cautiously.",
    ActKind.OUT_OF_FRAME: "The coach said something odd and off-topic: be puzzled and steer back to your situation.",
    ActKind.REVEAL: "Say the thing below, in your own words, as someone telling it for the first time.",
    ActKind.END_SESSION: "Trust was broken and the coach has not owned it: say you are ending the session now.",
    ActKind.CLOSING: "The coach is wrapping up: close warmly or coolly, as your mood is.",
    ActKind.ANSWER_FACT: "The coach asked a factual question: answer it plainly with the fact below.",
    ActKind.WITHHOLD_FACT: "The coach asked for a detail you are not ready to give: sidestep it, in your own way.",
    ActKind.ANSWER_FEELING: "The coach asked how it feels: say how it feels, as openly as your mood allows.",
    ActKind.ANSWER_MEANING: "The coach asked what matters to you about it: say what it means to you.",
    ActKind.ANSWER_OPTIONS: "The coach asked about options or a next step: think aloud about what you could do.",
    ActKind.CONFIRM_SUMMARY: "The coach summed up what you said: confirm it, and add or correct a little.",
    ActKind.GO_ON: "The coach left you a pause: go on with what you were saying, a little deeper.",
    ActKind.CONFIRM: "Say a short yes to what the coach said back.",
    ActKind.CORRECT_REFLECTION: "The coach said back something you had just said was not so: do not agree. "
    'Correct it, briefly and without fuss ("Not quite, it\'s more that..."), and say what it is.',
}
# How any client starts to put a reflection right when their persona has no `correct_reflection` lines: the
# line that follows is one of their own, saying what it is instead.
NOT_QUITE = (
    "Not quite.",
    "Not exactly, no.",
    "Hm. That's not quite it.",
    "No, not really.",
    "That's not how I'd put it.",
    "Not quite, no. It's more this.",
)
CONFIRMS = "First say a short yes to what the coach said back, then answer their question."


def public_profile(persona: Persona) -> PublicProfile:
    return PublicProfile(
        name=persona.name,
        role=persona.role,
        background=persona.background,
        speaking_style=persona.speaking_style,
        setting=persona.setting.context,
        relationship=persona.setting.relationship,
        goal=persona.contract.goal,
        success=persona.contract.success,
        importance=persona.contract.importance,
        working_style=persona.contract.working_style,
    )


def voice_request(
    persona: Persona,
    act: Act,
    history: list[Utterance],
    *,
    seed: int = 0,
    turn: int = 0,
    state: TrustState | None = None,
) -> VoiceRequest:
    """Everything the voice needs for this act, and nothing still locked. `history` is the whole run so far;
    `state` (after this turn) tells what has already been disclosed."""
    own_text = act.kind in (ActKind.HINT, ActKind.REVEAL, ActKind.ANSWER_FACT)
    if act.kind is ActKind.FOLLOW_UP_OPENING:  # its lines are optional: else built from last session
        scripted, spare = follow_up_lines(persona, act.level, state or TrustState(trust=0.0)), []
    else:
        # Lines written for what this act answers (its cause) come first: "I said no to that" only after a no.
        scripted = (
            []
            if own_text
            else persona.reaction_lines(act.kind, act.cause) or persona.lines_for(act.kind, act.level)
        )
        spare = [] if own_text else persona.spare_lines_for(act.kind, act.level)
        if act.kind is ActKind.CORRECT_REFLECTION and ActKind.CORRECT_REFLECTION not in persona.lines:
            scripted, spare = _not_quite(scripted), _not_quite(spare)
    guidance = f"{GUIDANCE[act.kind]} Your openness right now: {LEVEL_NAMES[act.level]}."
    mood = persona.mood_at(act.level)
    if mood:
        guidance = f"{guidance} Your mood: {mood}."
    if act.confirms:
        guidance = f"{CONFIRMS} {guidance}"
    disclosed = state.disclosed if state else []
    return VoiceRequest(
        profile=public_profile(persona),
        act=act,
        guidance=guidance,
        scripted_lines=scripted,
        spare_lines=spare,
        confirm_lines=persona.lines_for(ActKind.CONFIRM, act.level) if act.confirms else [],
        disclosure_text=persona.disclosure(act.disclosure).text if act.disclosure else None,
        fact_text=persona.fact(act.fact).text if act.fact else None,
        known_facts=[fact.text for _, fact in persona.facts.by_kind() if fact.level <= act.level],
        shared=[persona.disclosure(d).summary for d in disclosed if d != act.disclosure],
        hint_lines=_hint_lines(persona, act),
        last_session=last_session_notes(state),
        history=history[-HISTORY_TURNS:],
        client_said=[u.text for u in history if u.speaker == "client"],
        seed=seed,
        turn=turn,
    )


def _not_quite(lines: list[str]) -> list[str]:
    """A plain correction before each of the client's own lines about what it is."""
    return [f"{lead} {line}" for line in lines for lead in NOT_QUITE]


def _hint_lines(persona: Persona, act: Act) -> list[str]:
    """The one hint the director chose (a hint is said once, faintest first)."""
    hinted = act.topic if act.kind is ActKind.HINT else act.hint_topic
    if hinted is None:
        return []
    hints = persona.topic(hinted).hint_items()
    return [hints[act.hint].text] if act.hint is not None else [hint.text for hint in hints]
