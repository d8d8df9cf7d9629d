"""The trust engine: a pure function from (state, learner turn) to the next state, with every cause recorded."""

from __future__ import annotations

from app.domain.asked import AskedKind
from app.domain.codebook import (
    CODEBOOK,
    CONTRACTING_MOVES,
    ENTERING_MOVES,
    ERODING_MOVES,
    LISTENING_MOVES,
    Move,
)
from app.domain.persona import Disclosure, Persona
from app.domain.revise import revised
from app.domain.signals import TurnSignals
from app.domain.trust_state import ContractState, TopicStatus, TrustChange, TrustState, TurnEvents
from app.trust import weights as w
from app.trust.grants import undisclosed, waiting_for_own_ask
from app.trust.keeping import keeping_agreements
from app.trust.rules import working_rules
from app.trust.rupture import rupture
from app.trust.turn import Turn

# Each move's weight and the reason a learner reads come from its row in the codebook (app/domain/codebook.py);
# a contracting move's id names the agreement (the ContractState field) it puts in place.


def conflict_penalty(persona: Persona) -> float:
    """What an unaddressed conflict of interest takes off the starting trust."""
    if not persona.setting.conflict_of_interest:
        return 0.0
    return min(w.CONFLICT_OF_INTEREST_PENALTY, persona.difficulty.initial_trust)


def initial_state(persona: Persona) -> TrustState:
    """Where trust starts: the persona's guardedness, lowered by any unaddressed conflict of interest."""
    trust = persona.difficulty.initial_trust
    changes = []
    if persona.setting.conflict_of_interest:
        penalty = conflict_penalty(persona)
        trust -= penalty
        changes.append(
            TrustChange(
                turn=0,
                cause="conflict_of_interest",
                delta=-penalty,
                reason=f"conflict of interest not yet addressed: {persona.setting.conflict_of_interest}",
            )
        )
    return TrustState(
        trust=trust,
        topics={topic.id: TopicStatus.LOCKED for topic in persona.sensitive_topics},
        changes=changes,
    )


def update(state: TrustState, signals: TurnSignals, persona: Persona) -> TrustState:
    """Apply one learner turn. Pure and deterministic: same state and signals give the same result."""
    turn = Turn(
        persona=persona,
        state=state,
        signals=signals,
        number=state.turn + 1,
        contract=state.contract.model_dump(),
        topics=dict(state.topics),
        declined_at=dict(state.declined_at),
        move_counts=dict(state.move_counts),
        erosions=state.erosions,
        debt=state.debt,
        pending_topic=state.pending_topic,
        granted_at=dict(state.granted_at),
        misstep=state.misstep,
        rupture=state.rupture,
        rupture_at=state.rupture_at,
    )
    if signals.injection or signals.knows_unsaid:
        # Meta-talk, and knowledge taken from the persona's file, buy nothing: no move in the turn counts.
        reason = (
            "stepped out of the coaching conversation"
            if signals.injection
            else "named something the client has not told you"
        )
        turn.loss("out_of_frame", w.OUT_OF_FRAME, reason, compounding=False)
        turn.events["out_of_frame"] = True
    elif signals.has(Move.PRESSURE, Move.BREACH) or (_pressing(turn) and _declined_recently(turn)):
        # A push or a breach taints the turn: the kind words around it earn nothing.
        turn.events["tainted"] = True
        _probing(turn)
        _pushing_after_no(turn)
        _questioning(turn)
        _erosion(turn)
        _steering(turn)
    else:
        _contracting(turn)
        _probing(turn)
        _listening(turn)  # before permission: a reflection that leads into a request counts towards it
        _permission(turn)
        _questioning(turn)
        _erosion(turn)
        _steering(turn)
        working_rules(turn)
        _repair(turn)
    keeping_agreements(turn)  # a second session only: last session's agreements kept or dropped
    rupture(turn)
    for move in signals.moves:
        turn.move_counts[move] = turn.move_counts.get(move, 0) + 1
    return _settle(turn)


def _contracting(turn: Turn) -> None:
    for move in sorted(CONTRACTING_MOVES & set(turn.signals.moves)):
        key = move.value
        if turn.contract[key]:
            turn.gain(move, w.REPEAT_CONTRACTING_GAIN, "checked in on the agreement")
            continue
        turn.contract[key] = True
        turn.gain(move, CODEBOOK[move].weight, CODEBOOK[move].reason)
        if move is Move.CONFIDENTIALITY and turn.persona.setting.conflict_of_interest:
            # Restores exactly what the conflict took at the start, whatever the persona's gain rate.
            turn.changes.append(
                TrustChange(
                    turn=turn.number,
                    cause="conflict_of_interest",
                    delta=conflict_penalty(turn.persona),
                    reason="addressed the conflict of interest: roles and confidentiality are clear",
                )
            )


def _target_topic(turn: Turn) -> str | None:
    """The topic a permission request is about: one it names, or else (unless it asks to sum up or to offer an
    idea) the topic the client just hinted at, or else the latest hinted that is still closed (a coach coming back
    to what the client touched on earlier)."""
    named = [topic for topic in turn.signals.topics if topic in turn.topics]
    summary = turn.signals.sums_up
    if summary:
        # "Can I try to sum up? …" asks leave to say back, not to go into what the client hinted at or named
        named = [
            topic
            for topic in named
            if turn.topics[topic] is not TopicStatus.HINTED and topic not in turn.signals.said_back_topics
        ]
    if named:
        return named[0]
    if summary or turn.signals.offers:
        return None  # leave to sum up or to offer an idea of the coach's own is not leave to go into the hint
    if turn.pending_topic is not None:
        return turn.pending_topic
    closed = [
        (at, topic_id)
        for topic_id, at in turn.state.hinted_at.items()
        if turn.topics.get(topic_id) is not TopicStatus.OPEN
        or waiting_for_own_ask(turn.state, turn.persona, topic_id)
    ]
    return max(closed)[1] if closed else None


def _permission(turn: Turn) -> None:
    if Move.PERMISSION not in turn.signals.moves:
        return
    if turn.state.rupture and not turn.signals.repair:
        return  # trust is broken: a request is not heard until the coach owns what happened
    topic_id = _target_topic(turn)
    if topic_id is not None and turn.topics[topic_id] is TopicStatus.OPEN:
        waiting = waiting_for_own_ask(turn.state, turn.persona, topic_id)
        if waiting is not None:
            if not _left_no_choice(turn, topic_id):
                _ask_again_for(turn, topic_id, waiting)
            return
    if topic_id is None or turn.topics[topic_id] is TopicStatus.OPEN:
        turn.gain(
            Move.PERMISSION, w.OFFER_PERMISSION_GAIN, "asked permission before offering an idea or going on"
        )
        turn.events["offer_accepted"] = True
        return
    topic = turn.persona.topic(topic_id)
    refused_at = turn.declined_at.get(topic_id)
    if refused_at is not None and turn.number - refused_at <= w.ASK_AGAIN_AFTER_TURNS:
        turn.loss("asked_again", w.ASKED_AGAIN_TOO_SOON, f"asked again about {topic.label} right after a no")
        turn.declined_at[topic_id] = turn.number
        turn.events["permission_declined"] = topic_id
        return
    if _left_no_choice(turn, topic_id):
        return
    missing = _missing_prerequisite(turn, topic_id)
    if missing is not None:
        # Turned down for a reason the coach can fix now: no "asked again" cost for asking once it is fixed.
        turn.gain(
            Move.PERMISSION,
            w.PERMISSION_DECLINED_GAIN,
            f"asked permission about {topic.label} (the client needs {missing.replace('_', ' ')} agreed first)",
        )
        turn.events["needs"] = f"needs_{missing}"
        turn.events["permission_declined"] = topic_id
        return
    if _level_now(turn) >= topic.open_level:
        turn.topics[topic_id] = TopicStatus.OPEN
        turn.granted_at[topic_id] = turn.number
        turn.pending_topic = None
        turn.gain(
            Move.PERMISSION, w.PERMISSION_GRANTED_GAIN, f"asked permission before going into {topic.label}"
        )
        turn.events["permission_granted"] = topic_id
    else:
        turn.topics[topic_id] = TopicStatus.DECLINED
        turn.declined_at[topic_id] = turn.number
        turn.gain(
            Move.PERMISSION,
            w.PERMISSION_DECLINED_GAIN,
            f"asked permission about {topic.label} (not ready yet)",
        )
        turn.events["permission_declined"] = topic_id


def _left_no_choice(turn: Turn, topic_id: str) -> bool:
    """Asked leave but left the answer no choice (went in or answered for the client before they could answer,
    claimed a yes from before or from someone else, or put a price on a no): the ask opens nothing and earns
    nothing. The client turns it down for now; it is not held against an ask made properly next turn (no "asked
    again" cost)."""
    if not turn.signals.ask_leaves_no_choice:
        return False
    label = turn.persona.topic(topic_id).label
    turn.gain(Move.PERMISSION, 0.0, f"asked about {label} without leaving the answer free")
    turn.events["permission_declined"] = topic_id
    return True


def _ask_again_for(turn: Turn, topic_id: str, disclosure: Disclosure) -> None:
    """A fresh request about a topic already open, for the deeper thing that needs its own yes."""
    topic = turn.persona.topic(topic_id)
    refused_at = turn.declined_at.get(topic_id)
    if refused_at is not None and turn.number - refused_at <= w.ASK_AGAIN_AFTER_TURNS:
        turn.loss("asked_again", w.ASKED_AGAIN_TOO_SOON, f"asked again about {topic.label} right after a no")
        turn.declined_at[topic_id] = turn.number
        turn.events["permission_declined"] = topic_id
        return
    if _level_now(turn) >= max(topic.open_level, disclosure.level - 1):
        turn.granted_at[topic_id] = turn.number
        turn.pending_topic = None
        turn.gain(
            Move.PERMISSION, w.PERMISSION_GRANTED_GAIN, f"asked again before going deeper into {topic.label}"
        )
        turn.events["permission_granted"] = topic_id
        return
    turn.declined_at[topic_id] = turn.number
    turn.gain(
        Move.PERMISSION, w.PERMISSION_DECLINED_GAIN, f"asked to go deeper into {topic.label} (not ready yet)"
    )
    turn.events["permission_declined"] = topic_id


def _missing_prerequisite(turn: Turn, topic_id: str) -> str | None:
    """An agreement the topic's next disclosure waits for that is not in place yet."""
    waiting = undisclosed(turn.state, turn.persona, topic_id)
    if not waiting:
        return None
    return next((p.value for p in waiting[0].requires if not turn.contract[p.value]), None)


def _probing(turn: Turn) -> None:
    """Entering a sensitive topic with a question or a push, without permission."""
    signals = turn.signals
    if signals.has(Move.PERMISSION):
        return
    if not signals.has(*ENTERING_MOVES):
        return
    summary = signals.asked is not None and signals.asked.kind is AskedKind.SUMMARY
    entered = signals.topics or _taken_up_hint(turn)
    for topic_id in entered:
        status = turn.topics.get(topic_id)
        if status is None or status is TopicStatus.OPEN:
            continue
        if summary and (status is TopicStatus.HINTED or topic_id in signals.said_back_topics):
            continue  # a summary naming what the client touched on, checking only "is that it?", asks nothing
        label = turn.persona.topic(topic_id).label
        refused_at = turn.declined_at.get(topic_id)
        # Straight after a no it is pushing past it (a rupture); long after, it is going in without asking.
        if status is TopicStatus.DECLINED and refused_at is not None and _recent(turn, refused_at):
            turn.loss(
                "pushed_after_refusal", w.PUSHED_AFTER_REFUSAL, f"went into {label} after the client said no"
            )
            turn.events["pushed_after_refusal"] = topic_id
        else:
            turn.loss("probe", w.PROBE_WITHOUT_PERMISSION, f"went into {label} without asking permission")
            turn.events["probed"] = topic_id
        return


def _taken_up_hint(turn: Turn) -> list[str]:
    """The topic the client hinted at in their last reply, when an open question takes up the hint's own words
    ("What happened that morning?"): going in by its words, if not by its name. A yes/no question that takes
    them up is not charged: it may be asking leave in words the reader did not hear as such."""
    topic_id = turn.state.pending_topic
    if topic_id is None or turn.state.hinted_at.get(topic_id) != turn.state.turn:
        return []
    if topic_id not in turn.signals.takes_up or not turn.signals.has(Move.OPEN_QUESTION):
        return []
    return [topic_id]


def _pushing_after_no(turn: Turn) -> None:
    """Pressing on shortly after the client declined is pushing past the refusal, named topic or not."""
    if turn.events.get("pushed_after_refusal") or not _pressing(turn):
        return
    recent = _declined_recently(turn)
    if not recent:
        return
    topic_id = max(recent)[1]
    label = turn.persona.topic(topic_id).label
    turn.loss(
        "pushed_after_refusal", w.PUSHED_AFTER_REFUSAL, f"pressed on about {label} after the client said no"
    )
    turn.events["pushed_after_refusal"] = topic_id


def _pressing(turn: Turn) -> bool:
    """Pressure read by the reader, or words that press to go into something ("you need to talk about
    this") in a turn that does not also ask leave or leave the choice."""
    signals = turn.signals
    return signals.has(Move.PRESSURE) or (
        signals.presses and not signals.has(Move.PERMISSION, Move.AUTONOMY, Move.SPACE)
    )


def _declined_recently(turn: Turn) -> list[tuple[int, str]]:
    """(turn, topic) of the refusals recent enough that pressing now is pushing past them."""
    return [(at, topic_id) for topic_id, at in turn.declined_at.items() if _recent(turn, at)]


def _recent(turn: Turn, refused_at: int) -> bool:
    return turn.number - refused_at <= w.ASK_AGAIN_AFTER_TURNS


def _listening(turn: Turn) -> None:
    if turn.events.get("probed") or turn.events.get("pushed_after_refusal"):
        return  # a probing question earns nothing for being open
    signals = turn.signals
    repeating = _repeats_last_turn(turn)
    sameness = 1 / (1 + w.REPEATED_MOVES_DECAY * (turn.state.same_moves_streak + 1)) if repeating else 1.0
    for move in sorted(LISTENING_MOVES & set(signals.moves)):
        fatigue = 1 / (1 + w.LISTENING_FATIGUE * turn.move_counts.get(move, 0)) * sameness
        if move is Move.REFLECTION and signals.parrot:
            simple = w.SIMPLE_REFLECTION_GAIN / (1 + turn.state.simple_reflections)
            turn.gain(move, simple * sameness, "said the client's words back (a simple reflection)")
            continue
        reason = CODEBOOK[move].reason + (" (the same moves as last turn)" if repeating else "")
        turn.gain(move, CODEBOOK[move].weight * fatigue, reason)
    if (
        Move.REFLECTION in signals.moves
        and not signals.parrot
        and signals.added >= w.DEEPENING_MIN_ADDED
        and signals.recall >= w.DEEPENING_MIN_ECHO
    ):
        turn.gain(Move.REFLECTION, w.DEEPENING_BONUS * sameness, "kept the client's words and added meaning")


def _repeats_last_turn(turn: Turn) -> bool:
    moves = sorted(set(turn.signals.moves))
    return bool(moves) and moves == sorted(turn.state.last_moves)


def _questioning(turn: Turn) -> None:
    signals = turn.signals
    if signals.questions >= w.STACKED_QUESTION_COUNT:
        turn.loss("stacked_questions", w.STACKED_QUESTIONS, f"fired {signals.questions} questions at once")
    only_closed = signals.has(Move.CLOSED_QUESTION) and not signals.has(
        Move.OPEN_QUESTION, Move.REFLECTION, Move.EMPATHY, Move.PERMISSION, *CONTRACTING_MOVES
    )
    if only_closed and turn.state.closed_streak >= 2:
        turn.loss(
            "rapid_questions", w.RAPID_CLOSED_QUESTIONS, "a third closed question in a row: interrogating"
        )


def _erosion(turn: Turn) -> None:
    signals = turn.signals
    for move in sorted(ERODING_MOVES & set(signals.moves)):
        if move is Move.ADVICE and turn.state.offer_open:
            turn.gain(Move.ADVICE, w.INVITED_ADVICE_GAIN, "offered an idea the client had agreed to hear")
            turn.events["invited_advice"] = True
            continue
        if move is Move.PRESSURE and turn.events.get("pushed_after_refusal"):
            continue  # already counted as the rupture it is
        if move is Move.SELF_FOCUS and signals.shares_back:
            continue  # a brief share of the coach's own, handed straight back: authenticity, not self-focus
        spec = CODEBOOK[move]
        turn.loss(move, spec.weight, spec.reason)
        if spec.reaction is not None:
            turn.events[spec.reaction] = True
        if move is Move.ADVICE and turn.contract["working_style"] and not turn.persona.contract.wants_advice:
            turn.loss(
                "working_style", w.ADVICE_AGAINST_WORKING_STYLE, "went against the agreed way of working"
            )


def _steering(turn: Turn) -> None:
    signals = turn.signals
    if (
        turn.contract["goal"]
        and signals.redirect
        and not signals.on_focus
        and not signals.has(Move.PERMISSION)
    ):
        turn.loss("steering", w.STEERING_AWAY, "steered away from the topic the client chose")
        turn.events["steered_away"] = True


def _repair(turn: Turn) -> None:
    signals = turn.signals
    just_erred = any(change.delta < 0 for change in turn.state.changes_in(turn.state.turn))
    # Re-contracting right after a slip mends it; a rupture needs the coach to own what they did.
    recontracting = (
        signals.has(Move.GOAL, Move.WORKING_STYLE, Move.INVITE) and just_erred and not turn.state.rupture
    )
    if turn.state.debt <= 0 or not (signals.repair or recontracting):
        return
    if any(change.delta < 0 for change in turn.changes):
        return  # no repair in a turn that does new damage
    recovered = min(turn.state.debt * w.REPAIR_SHARE, w.REPAIR_MAX)
    turn.changes.append(
        TrustChange(
            turn=turn.number, cause="repair", delta=recovered, reason="owned the misstep and repaired"
        )
    )
    turn.debt -= recovered
    turn.events["repaired"] = True


def _level_now(turn: Turn) -> int:
    """The level as it stands mid-turn, including this turn's earlier changes."""
    trust = turn.state.trust + sum(change.delta for change in turn.changes)
    if not turn.contract["goal"]:
        trust = min(trust, w.NO_GOAL_CEILING)
    return TrustState(trust=max(trust, 0.0)).level


def _settle(turn: Turn) -> TrustState:
    state, signals = turn.state, turn.signals
    raw = state.trust + sum(change.delta for change in turn.changes)
    trust = min(max(raw, 0.0), w.MAX_TRUST)
    if not turn.contract["goal"] and trust > w.NO_GOAL_CEILING:
        turn.changes.append(
            TrustChange(
                turn=turn.number,
                cause="no_goal_ceiling",
                delta=w.NO_GOAL_CEILING - trust,
                reason="held below level 3: no session goal agreed yet",
            )
        )
        trust = w.NO_GOAL_CEILING
    only_closed = signals.has(Move.CLOSED_QUESTION) and not signals.has(Move.OPEN_QUESTION)
    return revised(
        state,
        turn=turn.number,
        trust=round(trust, 2),
        contract=ContractState(**turn.contract),
        topics=turn.topics,
        declined_at=turn.declined_at,
        pending_topic=turn.pending_topic,
        # An accepted offer invites the advice of the next turn only.
        offer_open=bool(turn.events.get("offer_accepted")),
        move_counts=turn.move_counts,
        erosions=turn.erosions,
        closed_streak=state.closed_streak + 1 if only_closed else 0,
        last_moves=sorted(set(signals.moves)),
        same_moves_streak=state.same_moves_streak + 1 if _repeats_last_turn(turn) else 0,
        simple_reflections=state.simple_reflections
        + (1 if signals.parrot and Move.REFLECTION in signals.moves else 0),
        debt=round(max(turn.debt, 0.0), 2),
        misstep=turn.misstep,
        rupture=turn.rupture,
        rupture_at=turn.rupture_at,
        stopped=bool(turn.events.get("stopped")),
        comfort_streak=turn.comfort_streak,
        granted_at=turn.granted_at,
        changes=[*state.changes, *turn.changes],
        events=TurnEvents.model_validate(turn.events),
    )
