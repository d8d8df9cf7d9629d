"""The hidden state of one coachee during a run. Immutable: every turn makes a new one, so rewind is a lookup."""

from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

# The trust at which each level begins: 0 guarded, 1 polite surface, 2 engaged, 3 open, 4 never told anyone.
# Personas unlock disclosures by level; the engine's weights (app/trust/weights.py) move trust between them.
LEVEL_THRESHOLDS = (0.0, 20.0, 40.0, 60.0, 80.0)


class TopicStatus(StrEnum):
    LOCKED = "locked"
    HINTED = "hinted"
    OPEN = "open"
    DECLINED = "declined"


class TrustChange(BaseModel):
    """One cause of a trust change, readable after the run: '+3 reflected her own words'."""

    model_config = ConfigDict(frozen=True)

    turn: int
    cause: str  # a codebook move id, or an engine cause such as 'probe' or 'no_goal_ceiling'
    delta: float
    reason: str


class TurnEvents(BaseModel):
    """What the engine decided this turn, for the director to act on."""

    model_config = ConfigDict(frozen=True)

    permission_granted: str | None = None  # topic id
    permission_declined: str | None = None  # topic id
    offer_accepted: bool = False
    probed: str | None = None  # topic id entered without permission
    pushed_after_refusal: str | None = None  # topic id
    breach: bool = False
    pressure: bool = False
    hurt: bool = False  # judged or dismissed
    uninvited_advice: bool = False
    invited_advice: bool = False
    steered_away: bool = False
    self_focus: bool = False
    repaired: bool = False
    out_of_frame: bool = False
    tainted: bool = False  # pushed or broke confidentiality: nothing else in the turn earns trust
    rupture: str | None = None  # a Cause in RUPTURES: trust broken this turn
    held: bool = False  # a rupture is still unrepaired: nothing this turn earned trust
    stopped: bool = False  # the client ends the session
    needs: str | None = None  # a permission request turned down until an agreement is in place (a Cause)
    broke_rule: str | None = None  # a working rule of the client's broken this turn (a Cause)


class ContractState(BaseModel):
    model_config = ConfigDict(frozen=True)

    goal: bool = False
    success_measure: bool = False
    importance: bool = False
    working_style: bool = False
    confidentiality: bool = False


def level_for(trust: float) -> int:
    return max(level for level, threshold in enumerate(LEVEL_THRESHOLDS) if trust >= threshold)


class TrustState(BaseModel):
    model_config = ConfigDict(frozen=True)

    turn: int = 0
    trust: float
    contract: ContractState = ContractState()
    topics: dict[str, TopicStatus] = Field(default_factory=dict)
    hinted_at: dict[str, int] = Field(default_factory=dict)  # topic id -> turn of the latest hint
    declined_at: dict[str, int] = Field(default_factory=dict)  # topic id -> turn of the refusal
    pending_topic: str | None = (
        None  # hinted and not yet opened: a bare "may I ask about that?" means this one
    )
    offer_open: bool = False  # the client agreed to hear an idea: the next advice is invited
    move_counts: dict[str, int] = Field(default_factory=dict)
    erosions: int = 0
    closed_streak: int = 0
    last_moves: list[str] = Field(default_factory=list)  # the previous turn's moves
    same_moves_streak: int = 0  # turns in a row with the same moves as the one before
    simple_reflections: int = 0  # reflections so far that only said the client's words back
    debt: float = 0.0  # trust lost to errors and not yet repaired
    misstep: str | None = None  # the cause of the latest loss (a Cause), so a repair is answered in kind
    rupture: str | None = None  # a rupture's cause while it is unrepaired: the client stays closed
    rupture_at: int | None = None  # the turn of that rupture
    stopped: bool = False  # the client has ended the session
    comfort_streak: int = 0  # turns in a row of comfort only (no question, no reflection)
    granted_at: dict[str, int] = Field(default_factory=dict)  # topic id -> turn of the latest yes
    disclosed_at: dict[str, int] = Field(default_factory=dict)  # disclosure id -> turn it was said
    disclosed: list[str] = Field(default_factory=list)
    facts_told: list[str] = Field(default_factory=list)  # fact ids the client has said (each is said once)
    hints_used: dict[str, list[int]] = Field(default_factory=dict)  # topic id -> indices of hints said
    # A second session: the agreements kept from the one before (app/trust/carryover.py); None in a first one.
    carried: ContractState | None = None
    # A later session: the names from the client's hidden material they said in earlier ones, which the coach
    # may use (app/tag/unsaid.py).
    carried_names: list[str] = Field(default_factory=list)
    changes: list[TrustChange] = Field(default_factory=list)  # the whole run's trace, oldest first
    events: TurnEvents = TurnEvents()

    @property
    def level(self) -> int:
        return level_for(self.trust)

    def changes_in(self, turn: int) -> list[TrustChange]:
        return [change for change in self.changes if change.turn == turn]
