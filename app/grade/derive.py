"""Build the grader's facts: from a rehearsal's records (the engine's own decisions, so grade and trust agree)
or from a transcript alone (moves re-derived with the tagger, events read from the text around them)."""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from app.domain.codebook import ENTERING_MOVES, Move
from app.domain.persona import Persona
from app.domain.revise import revised
from app.domain.transcript import Transcript
from app.domain.trust_state import TrustChange
from app.domain.turns import TurnRecord
from app.grade.cues import Cue, matches, mentions
from app.grade.facts import CoachTurn, Conversation, Event, PersonaFact
from app.tag.context import ClientCue, client_cues
from app.tag.signals import FOCUS_ECHO, REDIRECT, REPAIR, is_parrot, share, shares_back
from app.tag.tagger import Tagger
from app.tag.text import content_words, count_questions, normalise, stem, words
from app.trust.weights import ASK_AGAIN_AFTER_TURNS

# Engine causes → grader events, by the sign of the change: (when it cost trust, when it earned trust).
CAUSE_EVENTS: dict[str, tuple[Event | None, Event | None]] = {
    "advice": (Event.UNINVITED_ADVICE, Event.INVITED_ADVICE),
    "probe": (Event.PROBE, None),
    "pushed_after_refusal": (Event.PUSHED_AFTER_REFUSAL, None),
    "asked_again": (Event.ASKED_AGAIN, None),
    "steering": (Event.STEERED_AWAY, None),
    "working_style": (
        Event.AGAINST_WORKING_STYLE,
        None,
    ),  # a gain under this cause is contracting, not an event
    "repair": (None, Event.REPAIR),
}
RECALL_WINDOW = 3  # client messages a reflection may reach back to


@dataclass(frozen=True)
class _Slot:
    turn: int
    text: str
    context: str | None  # the client's previous message
    echo: float  # share of the turn's content words taken from that message
    recall: float  # ...and from the client's last few messages
    heard: list[str]  # client messages since the previous coach turn, oldest first


def _coach_slots(transcript: Transcript) -> Iterator[_Slot]:
    """Each coach turn with the client's words around it."""
    recent: deque[tuple[str, frozenset[str]]] = deque(maxlen=RECALL_WINDOW)
    heard: list[str] = []
    for index, utterance in enumerate(transcript.turns):
        if utterance.speaker == "client":
            recent.append((utterance.text, content_words(utterance.text)))
            heard.append(utterance.text)
            continue
        own = content_words(utterance.text)
        context, said = recent[-1] if recent else (None, set())
        remembered = set().union(*(words for _, words in recent))
        echo, recall = round(share(own, said), 3), round(share(own, remembered), 3)
        yield _Slot(turn=index, text=utterance.text, context=context, echo=echo, recall=recall, heard=heard)
        heard = []


def _client_words(transcript: Transcript) -> int:
    return sum(len(words(u.text)) for u in transcript.turns if u.speaker == "client")


def events_from_changes(changes: Sequence[TrustChange]) -> frozenset[Event]:
    """The grader's events in one turn's trust changes."""
    found: set[Event] = set()
    for change in changes:
        on_loss, on_gain = CAUSE_EVENTS.get(change.cause, (None, None))
        event = on_loss if change.delta < 0 else on_gain
        if event is not None:
            found.add(event)
    return frozenset(found)


def _parroting(moves: Sequence[Move] | frozenset[Move], parrot: bool) -> frozenset[Event]:
    """A reflection that only says the client's words back; asking about them ("…flat. What's that
    flatness about?") is exploring them, not parroting."""
    only_said_back = parrot and Move.REFLECTION in moves and Move.OPEN_QUESTION not in moves
    return frozenset({Event.PARROT}) if only_said_back else frozenset()


def _own_story(moves: Sequence[Move] | frozenset[Move], brief_and_handed_back: bool) -> frozenset[Move]:
    """The moves a turn is graded on: a brief share of the coach's own that hands straight back to the client
    ("I've felt that too. What's it like for you?") is not self-focus; a story that takes over still is."""
    return frozenset(moves) - ({Move.SELF_FOCUS} if brief_and_handed_back else set())


def persona_facts(persona: Persona) -> frozenset[PersonaFact]:
    facts = set()
    if persona.setting.conflict_of_interest:
        facts.add(PersonaFact.CONFLICT_OF_INTEREST)
    if persona.sensitive_topics:
        facts.add(PersonaFact.SENSITIVE_TOPICS)
    return frozenset(facts)


def conversation_from_records(
    transcript: Transcript, records: Sequence[TurnRecord], persona: Persona | None = None
) -> Conversation:
    """Facts from a rehearsal: the moves and causes the trust engine itself used, turn by turn."""
    slots = list(_coach_slots(transcript))
    if [slot.text for slot in slots] != [record.learner for record in records]:
        raise ValueError("the records do not match the transcript's coach turns")
    coach = [
        CoachTurn(
            turn=slot.turn,
            ordinal=ordinal,
            text=slot.text,
            context=slot.context,
            moves=_own_story(record.moves, record.signals.shares_back),
            events=events_from_changes(record.changes) | _parroting(record.moves, record.signals.parrot),
            questions=record.signals.questions,
            words=len(words(slot.text)),
            echo=record.signals.echo,
            recall=slot.recall,
        )
        for ordinal, (slot, record) in enumerate(zip(slots, records, strict=True))
    ]
    return Conversation(
        transcript=transcript,
        coach=coach,
        client_words=_client_words(transcript),
        persona_facts=persona_facts(persona) if persona else frozenset(),
        from_records=True,
    )


def sensitive_areas(text: str) -> set[str]:
    """The sensitive areas a text names, as the stem of each phrase's last word."""
    return {stem(phrase.split()[-1]) for phrase in matches(text, Cue.SENSITIVE)}


@dataclass
class _Reading:
    """What the conversation so far tells the transcript-only reader; updated utterance by utterance."""

    # Sensitive areas as word stems ("at home" → "home"), so "your marriage" meets "the marriage".
    client_sensitive: set[str] = field(default_factory=set)  # areas the client has raised
    granted: set[str] = field(default_factory=set)  # areas the client agreed to go into
    refused: set[str] = field(default_factory=set)  # areas the client said no to
    refused_at: int | None = None  # ordinal of the coach turn the client last said no to
    offer_pending: bool = False  # the last coach turn asked permission
    offer_open: bool = False  # ...and the client did not say no: the next advice is invited
    advice_asked: bool = False  # the client's last message asked for ideas
    no_advice: bool = False  # the client said they do not want advice
    goal_agreed: bool = False
    erred: bool = False
    last_coach: CoachTurn | None = None
    answered: bool = False  # the client has already replied to the last coach turn

    def hear(self, client_text: str) -> None:
        """One client message. Several may answer one coach turn: a no in any of them counts."""
        refusal = mentions(client_text, Cue.REFUSAL)
        # An area the client touches on and pulls back from ("my family thing is... anyway") is a hint, not
        # an opening: going into it without asking is still a probe.
        if ClientCue.PULLED_BACK not in client_cues(client_text):
            self.client_sensitive |= sensitive_areas(client_text)
        self.advice_asked = self.advice_asked or mentions(client_text, Cue.ADVICE_REQUEST)
        self.no_advice = self.no_advice or mentions(client_text, Cue.NO_ADVICE)
        if self.offer_pending:
            self.offer_open, self.offer_pending = not refusal, False
        previous = self.last_coach
        if previous is None:
            return
        asked_about = sensitive_areas(previous.text)
        if refusal:
            self.refused |= asked_about
            self.refused_at = previous.ordinal
            self.offer_open = False
        elif previous.has(Move.PERMISSION) and not self.answered:
            self.granted |= asked_about
            self.refused -= asked_about
        self.answered = True

    def read(self, turn: CoachTurn) -> frozenset[Event]:
        events: set[Event] = set()
        if turn.has(Move.ADVICE):
            if self.offer_open or self.advice_asked:
                events.add(Event.INVITED_ADVICE)
            else:
                events.add(Event.UNINVITED_ADVICE)
                if self.no_advice:
                    events.add(Event.AGAINST_WORKING_STYLE)
        events |= self._territory(turn)
        if (
            self.goal_agreed
            and not turn.has(Move.PERMISSION)
            and turn.echo < FOCUS_ECHO
            and REDIRECT.search(normalise(turn.text))
        ):
            events.add(Event.STEERED_AWAY)
        if self.erred and REPAIR.search(normalise(turn.text)):
            events.add(Event.REPAIR)
        self._after(turn, events)
        return frozenset(events)

    def _territory(self, turn: CoachTurn) -> set[Event]:
        named = sensitive_areas(turn.text)
        # A declined area comes back in any words of the turn ("at home" declined, "back to home" asked).
        returns_to_refused = bool(content_words(turn.text) & self.refused)
        recent_no = self.refused_at is not None and turn.ordinal - self.refused_at <= ASK_AGAIN_AFTER_TURNS
        if turn.has(Move.PERMISSION):
            return {Event.ASKED_AGAIN} if recent_no and returns_to_refused else set()
        if recent_no and turn.has(Move.PRESSURE):
            return {Event.PUSHED_AFTER_REFUSAL}
        if not turn.has(*ENTERING_MOVES):  # moves that enter a topic rather than ask to
            return set()
        if returns_to_refused:
            return {Event.PUSHED_AFTER_REFUSAL}
        if named - self.client_sensitive - self.granted:
            return {Event.PROBE}
        return set()

    def _after(self, turn: CoachTurn, events: set[Event]) -> None:
        self.goal_agreed = self.goal_agreed or turn.has(Move.GOAL)
        harmful = events - {Event.INVITED_ADVICE, Event.REPAIR}
        self.erred = (
            self.erred or bool(harmful) or turn.has(Move.JUDGMENT, Move.DISMISS, Move.PRESSURE, Move.BREACH)
        )
        self.offer_pending = turn.has(Move.PERMISSION)
        self.offer_open = False
        self.advice_asked = False
        self.last_coach = turn
        self.answered = False


def conversation_from_transcript(transcript: Transcript, tagger: Tagger) -> Conversation:
    """Facts from a transcript alone: the tagger's moves (client's previous message as context) and the events
    the surrounding text shows (a refusal, a request for ideas, a sensitive area the client never raised)."""
    reading = _Reading()
    coach: list[CoachTurn] = []
    for ordinal, slot in enumerate(_coach_slots(transcript)):
        for text in slot.heard:
            reading.hear(text)
        plain = CoachTurn(
            turn=slot.turn,
            ordinal=ordinal,
            text=slot.text,
            context=slot.context,
            moves=_own_story(
                tagger.tag(slot.text, slot.context), shares_back(normalise(slot.text), slot.recall)
            ),
            questions=count_questions(slot.text),
            words=len(words(slot.text)),
            echo=slot.echo,
            recall=slot.recall,
        )
        parroting = _parroting(plain.moves, is_parrot(slot.text, slot.context))
        coach.append(revised(plain, events=reading.read(plain) | parroting))
    return Conversation(transcript=transcript, coach=coach, client_words=_client_words(transcript))
