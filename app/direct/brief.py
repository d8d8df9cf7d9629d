"""The one place that decides what a voice may see: the public profile, this turn's act and what it unlocked."""

from app.domain.acts import Act, ActKind
from app.domain.persona import LEVEL_NAMES, Persona
from app.domain.transcript import Utterance
from app.domain.voicing import PublicProfile, VoiceRequest

HISTORY_TURNS = 12

GUIDANCE: dict[ActKind, str] = {
    ActKind.OPENING: "Greet the coach and wait to see what they do; say little about yourself.",
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
    ActKind.CLOSING: "The coach is wrapping up: close warmly or coolly, as your mood is.",
}


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
    persona: Persona, act: Act, history: list[Utterance], *, seed: int = 0, turn: int = 0
) -> VoiceRequest:
    """Everything the voice needs for this act, and nothing still locked."""
    scripted = [] if act.kind in (ActKind.HINT, ActKind.REVEAL) else persona.lines_for(act.kind, act.level)
    hinted = act.topic if act.kind is ActKind.HINT else act.hint_topic
    guidance = f"{GUIDANCE[act.kind]} Your openness right now: {LEVEL_NAMES[act.level]}."
    return VoiceRequest(
        profile=public_profile(persona),
        act=act,
        guidance=guidance,
        scripted_lines=scripted,
        disclosure_text=persona.disclosure(act.disclosure).text if act.disclosure else None,
        hint_lines=persona.topic(hinted).hints if hinted else [],
        history=history[-HISTORY_TURNS:],
        seed=seed,
        turn=turn,
    )
