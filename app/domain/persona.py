"""The persona file contract: who the coachee is, what they want, what they hide and how they speak."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator, model_validator

from app.domain.acts import LINES_FALLBACK, RELATED_LINES, SCRIPTED_ACTS, ActKind
from app.domain.causes import Cause, Prerequisite, WorkingRule
from app.domain.questionnaire import Answer, Question

Slug = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9_-]*$", max_length=60)]
Level = Annotated[int, Field(ge=0, le=4)]
Lines = Annotated[list[Annotated[str, Field(min_length=1)]], Field(min_length=1)]

LEVEL_NAMES = {0: "guarded", 1: "polite surface", 2: "engaged", 3: "open", 4: "never told anyone"}


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Setting(_Strict):
    """Where the session happens and who the coach is to the client."""

    context: str = Field(
        description="The coaching setting, e.g. 'internal coaching pilot at a logistics firm'."
    )
    relationship: str = Field(description="Who the coach is to the client, in the client's eyes.")
    conflict_of_interest: str | None = Field(
        default=None,
        description="A role conflict (e.g. the coach is also their manager). Lowers starting trust "
        "until confidentiality and roles are addressed.",
    )


class ContractWishes(_Strict):
    """What the client would agree to if the coach contracts well."""

    goal: str = Field(description="What the client wants from this session (third person, for reports).")
    success: str = Field(description="How the client would know the session worked.")
    importance: str = Field(description="Why this matters to the client now.")
    working_style: str = Field(description="How the client likes to work with a coach.")
    wants_advice: bool = Field(
        default=False, description="True if the client asks for ideas; advice then costs less once invited."
    )
    focus_keywords: list[str] = Field(
        default_factory=list,
        description="Words that belong to the client's own topic; steering away from them costs trust.",
    )
    working_rules: list[WorkingRule] = Field(
        default_factory=list,
        description="How the client insists on being coached, enforced by the engine: story_first (closed "
        "questions before the story is told cost trust), wants_challenge (comfort again and again, with no "
        "question or reflection, costs), no_pep_talks, no_war_stories (any story of the coach's own costs).",
    )


class Difficulty(_Strict):
    """How guarded the client is and how quickly trust moves."""

    label: Literal["gentle", "moderate", "guarded"] = "moderate"
    initial_trust: float = Field(default=12.0, ge=0, le=39, description="Starting trust on the 0-100 scale.")
    gain: float = Field(default=1.0, gt=0, le=3, description="Multiplier on trust gains.")
    loss: float = Field(default=1.0, gt=0, le=3, description="Multiplier on trust losses.")
    repair_window: int = Field(
        default=0,
        ge=0,
        le=5,
        description="Turns the client waits for the coach to own a rupture (a breach, gossip, pushing past a "
        "no) before ending the session; until then nothing earns trust. 0: the client ends the session at once, "
        "with `lines.rupture`. Above 0, `lines.rupture` (or `reactions.<cause>.rupture`) is the first reaction "
        "and must not say the client is leaving; `lines.end_session` is how they leave.",
    )


class Hint(_Strict):
    """A hint tied to the disclosure it leads to: the client hints at what comes next in the topic."""

    text: str = Field(min_length=1, description="What the client lets slip, in their own voice.")
    leads_to: Slug | None = Field(
        default=None, description="The id of the disclosure in this topic that the hint points towards."
    )


class SensitiveTopic(_Strict):
    """An area the coach must ask permission to enter."""

    id: Slug
    label: str = Field(description="Short name used in reports, e.g. 'his father's illness'.")
    keywords: list[Annotated[str, Field(min_length=2)]] = Field(
        min_length=1, description="Words or phrases that show the coach is entering this topic."
    )
    hint_level: Level = Field(default=2, description="Trust level from which the client hints at the topic.")
    open_level: Level = Field(default=2, description="Lowest level at which a permission request is granted.")
    hints: Annotated[list[Annotated[str, Field(min_length=1)] | Hint], Field(min_length=1)] = Field(
        description="The client's hints, in their own voice, faintest first: each is said once, in this order. "
        "A hint written as {text, leads_to} is kept for the disclosure it leads to."
    )

    @model_validator(mode="after")
    def _hint_before_open(self) -> SensitiveTopic:
        if self.open_level < self.hint_level:
            raise ValueError("open_level must not be below hint_level")
        return self

    def hint_items(self) -> list[Hint]:
        """The hints in authored order, plain ones as hints that lead to no disclosure in particular."""
        return [hint if isinstance(hint, Hint) else Hint(text=hint) for hint in self.hints]


FactKind = Literal["people", "timeline", "events"]


class Fact(_Strict):
    """Something factual the client says when asked: who someone is, when or how long, what happened."""

    id: Slug
    about: list[Annotated[str, Field(min_length=2)]] = Field(
        min_length=1,
        description="Words a question names when it asks for this fact: names, places, 'how long', 'promotion'.",
    )
    level: Level = Field(default=0, description="Trust level from which the client will say it.")
    text: str = Field(min_length=1, description="What the client says, in their own voice.")


class Facts(_Strict):
    """The plain facts of the client's situation, so 'who', 'when', 'how long' and 'what happened' get answers."""

    people: list[Fact] = Field(default_factory=list, description="Who is who: names, roles, relationships.")
    timeline: list[Fact] = Field(default_factory=list, description="When things happened and for how long.")
    events: list[Fact] = Field(default_factory=list, description="What happened, what was said.")

    def by_kind(self) -> list[tuple[FactKind, Fact]]:
        return [
            *(("people", fact) for fact in self.people),
            *(("timeline", fact) for fact in self.timeline),
            *(("events", fact) for fact in self.events),
        ]

    @model_validator(mode="after")
    def _unique_ids(self) -> Facts:
        _require_unique("fact", [fact.id for _, fact in self.by_kind()])
        return self


class Disclosure(_Strict):
    """Something the client reveals once trust (and permission, where needed) allow."""

    id: Slug
    level: Annotated[int, Field(ge=1, le=4)]
    topic: Slug | None = Field(default=None, description="Sensitive topic id this disclosure belongs to.")
    requires_permission: bool = False
    own_permission: bool = Field(
        default=False,
        description="Needs a yes of its own: a yes that already opened another disclosure of the topic does "
        "not open this one (the deepest moment gets its own ask).",
    )
    requires: list[Prerequisite] = Field(
        default_factory=list,
        description="Agreements that must be in place first, e.g. [confidentiality]; until then the client "
        "keeps it back and turns down a permission request that would lead to it.",
    )
    summary: str = Field(
        description="One line for the after-run report, e.g. 'she is thinking of resigning'."
    )
    text: str = Field(min_length=1, description="What the client says, in their own voice.")

    @model_validator(mode="after")
    def _permission_needs_topic(self) -> Disclosure:
        if self.requires_permission and self.topic is None:
            raise ValueError("a disclosure that requires permission must name its sensitive topic")
        if self.own_permission and not self.requires_permission:
            raise ValueError("own_permission needs requires_permission: true (it is a second, separate ask)")
        return self


def _require_unique(kind: str, ids: list[str]) -> None:
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise ValueError(f"duplicate {kind} id(s): {', '.join(duplicates)}")


class Persona(_Strict):
    """A simulated coachee. Everything except `brief`, `setting` and the contract is hidden from the learner."""

    id: Slug
    name: str
    role: str = Field(description="One line: age, job, situation.")
    brief: str = Field(description="What the learner reads before the session. Never the hidden material.")
    background: str = Field(
        description="Public facts the client would share with anyone (used by the LLM voice)."
    )
    speaking_style: str = Field(description="How they talk: register, pace, habits.")
    setting: Setting
    contract: ContractWishes
    difficulty: Difficulty = Difficulty()
    sensitive_topics: list[SensitiveTopic] = Field(default_factory=list)
    disclosures: list[Disclosure] = Field(min_length=1)
    facts: Facts = Field(
        default_factory=Facts,
        description="Plain facts (people, timeline, events), each said when asked, from its level on.",
    )
    lines: dict[ActKind, dict[Level, Lines]] = Field(
        description="Scripted voice lines per act and trust level; the highest level at or below the "
        "current one is used. A plain list means 'every level'."
    )
    reactions: dict[Cause, dict[ActKind, Lines]] = Field(
        default_factory=dict,
        description="Lines for an act when it answers a particular cause, e.g. reactions.pushing.rupture "
        '("I said no to that.") or reactions.advice.repair_accepted; `lines` are used where none are given.',
    )
    mood: dict[Level, str] = Field(
        default_factory=dict,
        description="How the client feels at each trust level, for the model voice; the highest level at or "
        "below the current one is used.",
    )
    after_session: dict[Question, dict[Answer, Lines]] = Field(
        default_factory=dict,
        description="Optional: what the client says after the session to each question (heard, agreed, "
        "got_there, pushed, book_again), per answer (yes, partly, no), in their own voice; plain lines are "
        "used where none are given. The answer is worked out from the run, never chosen by the file.",
    )

    @field_validator("lines", mode="before")
    @classmethod
    def _plain_list_means_every_level(cls, value: object) -> object:
        if isinstance(value, dict):
            return {act: ({0: lines} if isinstance(lines, list) else lines) for act, lines in value.items()}
        return value

    @field_validator("after_session", mode="before")
    @classmethod
    def _yes_and_no_are_answers(cls, value: object) -> object:
        # YAML 1.1 reads a bare `yes:` or `no:` key as a boolean: take it as the answer it spells.
        if isinstance(value, dict):
            spelled = {True: Answer.YES.value, False: Answer.NO.value}
            return {
                question: {
                    spelled.get(key, key) if isinstance(key, bool) else key: lines
                    for key, lines in by.items()
                }
                if isinstance(by, dict)
                else by
                for question, by in value.items()
            }
        return value

    @field_validator("sensitive_topics")
    @classmethod
    def _unique_topics(cls, topics: list[SensitiveTopic]) -> list[SensitiveTopic]:
        _require_unique("sensitive topic", [topic.id for topic in topics])
        return topics

    @field_validator("disclosures")
    @classmethod
    def _disclosures_fit_topics(cls, disclosures: list[Disclosure], info: ValidationInfo) -> list[Disclosure]:
        _require_unique("disclosure", [d.id for d in disclosures])
        if not any(disclosure.level == 4 for disclosure in disclosures):
            raise ValueError("needs at least one disclosure at level 4 (the thing never told anyone)")
        if "sensitive_topics" not in info.data:
            return disclosures  # the topics are invalid and already reported: checking against them is noise
        topics: list[SensitiveTopic] = info.data["sensitive_topics"]
        topic_ids = {topic.id for topic in topics}
        for disclosure in disclosures:
            if disclosure.requires_permission and disclosure.topic not in topic_ids:
                raise ValueError(f"disclosure {disclosure.id!r} names unknown topic {disclosure.topic!r}")
        for topic in topics:
            if not any(d.topic == topic.id and d.requires_permission for d in disclosures):
                raise ValueError(f"sensitive topic {topic.id!r} has no permission-gated disclosure")
            for hint in topic.hint_items():
                if hint.leads_to is not None and not any(
                    d.id == hint.leads_to and d.topic == topic.id for d in disclosures
                ):
                    raise ValueError(
                        f"a hint of topic {topic.id!r} leads to {hint.leads_to!r}, which is not a disclosure "
                        "of that topic"
                    )
        return disclosures

    @field_validator("lines")
    @classmethod
    def _every_scripted_act_has_lines(
        cls, lines: dict[ActKind, dict[int, list[str]]]
    ) -> dict[ActKind, dict[int, list[str]]]:
        missing = sorted(act.value for act in SCRIPTED_ACTS - LINES_FALLBACK.keys() if act not in lines)
        if missing:
            raise ValueError(f"lines missing for act(s): {', '.join(missing)}")
        return lines

    @field_validator("lines")
    @classmethod
    def _a_window_needs_a_way_out(
        cls, lines: dict[ActKind, dict[int, list[str]]], info: ValidationInfo
    ) -> dict[ActKind, dict[int, list[str]]]:
        difficulty = info.data.get("difficulty")
        if (
            isinstance(difficulty, Difficulty)
            and difficulty.repair_window > 0
            and ActKind.END_SESSION not in lines
        ):
            raise ValueError(
                "difficulty.repair_window above 0 needs lines.end_session: how the client leaves when the "
                "rupture is not repaired (lines.rupture is then the first reaction, not the goodbye)"
            )
        return lines

    @field_validator("reactions")
    @classmethod
    def _reactions_are_spoken_acts(
        cls, reactions: dict[Cause, dict[ActKind, list[str]]]
    ) -> dict[Cause, dict[ActKind, list[str]]]:
        for cause, by_act in reactions.items():
            unspoken = sorted(act.value for act in by_act if act not in SCRIPTED_ACTS)
            if unspoken:
                raise ValueError(
                    f"reactions.{cause.value}: {', '.join(unspoken)} speak(s) authored text, not lines"
                )
        return reactions

    # Lookups used by the engine, director and voice.
    def topic(self, topic_id: str) -> SensitiveTopic:
        return next(topic for topic in self.sensitive_topics if topic.id == topic_id)

    def disclosure(self, disclosure_id: str) -> Disclosure:
        return next(d for d in self.disclosures if d.id == disclosure_id)

    def reaction_lines(self, act: ActKind, cause: str | None) -> list[str]:
        """The authored lines for an act answering `cause`, or [] when there are none (use `lines_for`)."""
        if cause is None or cause not in set(Cause):
            return []
        return self.reactions.get(Cause(cause), {}).get(act, [])

    def mood_at(self, level: int) -> str | None:
        authored = [at for at in self.mood if at <= level]
        return self.mood[max(authored)] if authored else None

    def lines_for(self, act: ActKind, level: int) -> list[str]:
        """The authored variants for an act at the highest authored level at or below `level` (a newer act the
        persona has no lines for speaks with the lines of its fallback act)."""
        by_level = self.lines[self.lines_key(act)]
        eligible = [authored for authored in by_level if authored <= level]
        return by_level[max(eligible)] if eligible else by_level[min(by_level)]

    def spare_lines_for(self, act: ActKind, level: int) -> list[str]:
        """Every other line the act may use once those of its level are spent: its lower levels nearest first,
        then the lines of its fallback and related acts at the level, then at their lower levels. Never a line
        from a higher level."""
        key = self.lines_key(act)
        own = set(self.lines_for(act, level))
        lower = sorted((authored for authored in self.lines[key] if authored < level), reverse=True)
        spare = [line for authored in lower for line in self.lines[key][authored] if line not in own]
        related = [LINES_FALLBACK.get(act), *RELATED_LINES.get(act, ())]
        others = [o for o in related if o is not None and o is not key and self.lines_key(o) in self.lines]
        for other in others:
            spare += [line for line in self.lines_for(other, level) if line not in own]
        for other in others:
            by_level = self.lines[self.lines_key(other)]
            spare += [line for at in sorted(by_level, reverse=True) if at < level for line in by_level[at]]
        return [line for line in dict.fromkeys(spare) if line not in own]

    def lines_key(self, act: ActKind) -> ActKind:
        return act if act in self.lines else LINES_FALLBACK.get(act, act)

    def fact(self, fact_id: str) -> Fact:
        return next(fact for _, fact in self.facts.by_kind() if fact.id == fact_id)


@lru_cache(maxsize=256)
def _compiled(keywords: tuple[str, ...]) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(keyword.lower()) for keyword in sorted(keywords, key=len, reverse=True))
    return re.compile(rf"\b(?:{alternatives})\b", re.IGNORECASE)


def keyword_pattern(keywords: list[str]) -> re.Pattern[str]:
    """A whole-word pattern matching any of the keywords (compiled once per keyword list)."""
    return _compiled(tuple(keywords))


def authoring_warnings(persona: Persona) -> list[tuple[str, str]]:
    """Legal but likely mistakes, as (field, reason): things that make a persona behave oddly in practice."""
    warnings: list[tuple[str, str]] = []
    contract_text = " ".join(
        [
            persona.contract.goal,
            persona.contract.success,
            persona.contract.importance,
            *persona.contract.focus_keywords,
        ]
    )
    for index, topic in enumerate(persona.sensitive_topics):
        clash = keyword_pattern(topic.keywords).search(contract_text)
        if clash:
            warnings.append(
                (
                    f"sensitive_topics.{index}.keywords",
                    f"{clash.group(0)!r} is also in the client's own contract: an ordinary question about "
                    "their goal would count as probing this topic",
                )
            )
        gated = [d.level for d in persona.disclosures if d.topic == topic.id and d.requires_permission]
        if gated and min(gated) > max(topic.open_level, 1):
            warnings.append(
                (
                    f"sensitive_topics.{index}.open_level",
                    f"permission is granted from level {topic.open_level} but the topic's first disclosure is at "
                    f"level {min(gated)}: the client says yes and then has nothing to say yet",
                )
            )
    return warnings
