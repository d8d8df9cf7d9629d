"""One practice run: each learner turn goes tag → trust → direct → voice, and is recorded."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence

from app.direct.brief import voice_request
from app.direct.director import direct, opening
from app.domain.codebook import Move
from app.domain.persona import Persona
from app.domain.transcript import Transcript, Utterance
from app.domain.trust_state import TrustState
from app.domain.turns import PreparedTurn, TurnRecord
from app.domain.voicing import VoiceRequest
from app.tag.answer_kinds import answers_for
from app.tag.assist import begin, merged
from app.tag.signals import AnswerReader, analyse
from app.tag.tagger import Tagger
from app.tag.unsaid import told_so_far
from app.trust.engine import initial_state, update
from app.voice.base import Voice
from app.voice.reply import Reply, Show, reply_of, stream_reply_of


class Rehearsal:
    def __init__(
        self,
        persona: Persona,
        tagger: Tagger,
        voice: Voice,
        seed: int = 0,
        assist: Tagger | None = None,
        start: TrustState | None = None,
        answers: AnswerReader | None = None,
        told_before: Sequence[str] = (),
    ) -> None:
        self.persona = persona
        self.tagger = tagger
        # what kind of answer a turn asks for, learned; by default the reader that goes with the tagger
        self.answers = answers or answers_for(tagger)
        self.assist = assist  # an optional second tagger, run alongside the voice (see app/tag/assist.py)
        self.voice = voice
        self.seed = seed
        # `start`: a second session's first state (app/trust/carryover.py); a first session starts afresh.
        self.states: list[TrustState] = [start or initial_state(persona)]
        # What the client had told this coach before the transcript begins, beyond what the state records (a
        # rehearsal set up mid-session, app/check/mid_session.py): the coach may name what it names.
        self.told_before = list(told_before)
        self.transcript: list[Utterance] = []
        self.records: list[TurnRecord] = []

    @property
    def state(self) -> TrustState:
        return self.states[-1]

    @property
    def ended(self) -> bool:
        """The client has ended the session (a rupture the coach did not repair): no more turns."""
        return self.state.stopped

    def opening(self) -> str:
        """The client's first words. Optional: a scripted rehearsal starts with the coach instead."""
        return self._opened(reply_of(self.voice, self._opening_request()).text)

    async def stream_opening(self, show: Show) -> str:
        """`opening` for a server: a model voice is awaited, not waited for with the event loop blocked."""
        return (await self.stream_opening_reply(show)).text

    async def stream_opening_reply(self, show: Show) -> Reply:
        """`stream_opening` with the voice's account of it: whether a stand-in spoke, and why."""
        reply = await stream_reply_of(self.voice, self._opening_request(), show)
        self._opened(reply.text)
        return reply

    def _opening_request(self) -> VoiceRequest:
        act = opening(self.persona, self.state)
        return voice_request(self.persona, act, self.transcript, seed=self.seed, turn=0, state=self.state)

    def _opened(self, text: str) -> str:
        self.transcript.append(Utterance(speaker="client", text=text))
        return text

    def prepare(self, learner: str) -> PreparedTurn:
        """Score and direct a learner turn. Pure: nothing is recorded until `commit`."""
        context = Transcript(turns=self.transcript).last_client_text()
        heard = [u.text for u in self.transcript if u.speaker == "client"][:-1]
        signals = analyse(
            learner,
            context,
            self.persona,
            self.tagger,
            heard,
            turn=self.state.turn + 1,
            answers=self.answers,
            told=[*self.told_before, *told_so_far(self.persona, self.state)],
        )
        scored = update(self.state, signals, self.persona)
        direction = direct(scored, signals, self.persona, context)
        history = [*self.transcript, Utterance(speaker="coach", text=learner)]
        request = voice_request(
            self.persona, direction.act, history, seed=self.seed, turn=scored.turn, state=direction.state
        )
        return PreparedTurn(
            learner=learner,
            context=context,
            signals=signals,
            state=direction.state,
            act=direction.act,
            request=request,
        )

    def commit(
        self,
        prepared: PreparedTurn,
        reply: str,
        voice: str,
        note: str | None = None,
        assisted_moves: list[Move] | None = None,
    ) -> TurnRecord:
        state = prepared.state
        record = TurnRecord(
            index=state.turn,
            learner=prepared.learner,
            moves=prepared.signals.moves,
            signals=prepared.signals,
            trust=state.trust,
            level=state.level,
            act=prepared.act,
            coachee=reply,
            disclosed=[prepared.act.disclosure] if prepared.act.disclosure else [],
            changes=state.changes_in(state.turn),
            voice=voice,
            note=note,
            assisted_moves=assisted_moves,
            start=self.states[0] if not self.records and self.states[0].carried is not None else None,
        )
        self.states.append(state)
        self.transcript.extend(
            [Utterance(speaker="coach", text=prepared.learner), Utterance(speaker="client", text=reply)]
        )
        self.records.append(record)
        return record

    def take_turn(self, learner: str) -> TurnRecord:
        prepared = self.prepare(learner)
        pending = begin(self.assist, learner, prepared.context)
        reply = reply_of(self.voice, prepared.request)
        assisted = merged(prepared.signals.moves, pending)
        return self.commit(prepared, reply.text, reply.voice, reply.note, assisted)

    async def stream_turn(self, learner: str, show: Show) -> TurnRecord:
        """`take_turn`, showing the reply's pieces as they come. When the record's `coachee` differs from what
        was shown (a stand-in replaced a failed model reply), show `coachee` instead; `note` says why."""
        record, _ = await self.stream_prepared(self.prepare(learner), show)
        return record

    async def stream_prepared(self, prepared: PreparedTurn, show: Show) -> tuple[TurnRecord, Reply]:
        """Voice a prepared turn, streaming, with the assisting tagger alongside, and commit it. The reply
        tells whether words already shown were `replaced`."""
        pending = begin(self.assist, prepared.learner, prepared.context)
        reply = await stream_reply_of(self.voice, prepared.request, show)
        if pending is not None:  # wait on the loop, not in one of asyncio's few shared threads; never raises
            await asyncio.wait([asyncio.wrap_future(pending)])
        assisted = merged(prepared.signals.moves, pending)
        return self.commit(prepared, reply.text, reply.voice, reply.note, assisted), reply

    def restore_opening(self, text: str) -> None:
        """The client's first words of a run kept in the store (a resumed run is not opened again)."""
        self._opened(text)

    def replay(self, record: TurnRecord, state: TrustState) -> None:
        """A turn kept in the store, added as if it had just been played."""
        self.states.append(state)
        self.records.append(record)
        self.transcript.extend(
            [
                Utterance(speaker="coach", text=record.learner),
                Utterance(speaker="client", text=record.coachee),
            ]
        )

    def rewind(self, turn: int) -> None:
        """Go back to just before learner turn `turn` (1-based), with the engine state exactly as it was."""
        if not 1 <= turn <= len(self.records) + 1:
            raise ValueError(f"cannot rewind to turn {turn}: the run has {len(self.records)} turns")
        kept = self.records[: turn - 1]
        opening_lines = len(self.transcript) - 2 * len(self.records)
        self.records = kept
        self.states = self.states[:turn]
        self.transcript = self.transcript[: opening_lines + 2 * len(kept)]

    def as_transcript(self) -> Transcript:
        return Transcript(turns=list(self.transcript))
