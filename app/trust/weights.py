"""How much the engine's rules move trust, on a 0-100 scale; each move's own weight is in the codebook table
(app/domain/codebook.py). The tests pin the engine's behaviour."""

from app.domain.trust_state import LEVEL_THRESHOLDS

# Trust needed for each level (0 guarded, 1 polite surface, 2 engaged, 3 open, 4 never told anyone) is the
# domain's LEVEL_THRESHOLDS: personas are written in levels.
# Without an agreed goal the client cannot go past level 2.
NO_GOAL_CEILING = LEVEL_THRESHOLDS[3] - 0.1
MAX_TRUST = 100.0

CONFLICT_OF_INTEREST_PENALTY = 10.0

# A move's own weight (what a contracting move earns the first time it lands, a listening move earns, an eroding
# move costs) is in its row of the codebook table (app/domain/codebook.py). Repeating a contracting move later
# (re-contracting, checking in) is worth REPEAT.
REPEAT_CONTRACTING_GAIN = 1.0

# Saying the client's words back as they were is a simple reflection: worth little, and less each time.
SIMPLE_REFLECTION_GAIN = 1.0
# A reflection that keeps some of the client's words and adds meaning or feeling of the coach's own is worth more.
DEEPENING_BONUS = 2.0
DEEPENING_MIN_ADDED = 2
DEEPENING_MIN_ECHO = 0.1
# Each earlier use of the same listening move makes the next one worth a little less.
LISTENING_FATIGUE = 0.12
# The same moves as the turn before, again: each repeat in a row divides the listening gains once more.
REPEATED_MOVES_DECAY = 1.0

PERMISSION_GRANTED_GAIN = 4.0
PERMISSION_DECLINED_GAIN = 2.0  # asking was still right, even if the answer is no
OFFER_PERMISSION_GAIN = 2.0
INVITED_ADVICE_GAIN = 1.0

# Every earlier erosion makes the next one cost more, up to this multiplier.
COMPOUND_STEP = 0.5
COMPOUND_MAX = 2.5

ADVICE_AGAINST_WORKING_STYLE = 3.0
PROBE_WITHOUT_PERMISSION = 6.0
PUSHED_AFTER_REFUSAL = 20.0
ASKED_AGAIN_TOO_SOON = 5.0
ASK_AGAIN_AFTER_TURNS = 3
RAPID_CLOSED_QUESTIONS = 3.0  # third closed question in a row
STACKED_QUESTIONS = 4.0  # three or more questions in one turn
STACKED_QUESTION_COUNT = 3
STEERING_AWAY = 5.0
OUT_OF_FRAME = 2.0

# Repair wins back a share of the damage still outstanding: slower than the damage itself.
REPAIR_SHARE = 0.35
REPAIR_MAX = 8.0

# The persona's working rules (`contract.working_rules`), enforced.
STORY_FIRST_INTERRUPTION = 3.0  # closed questions before the client has told the story
CODDLING = 3.0  # comfort with nothing to think about, again, for a client who wants challenge
CODDLING_AFTER = 2  # ...from the second such turn in a row
PEP_TALK = 4.0
WAR_STORY = 3.0  # any story of the coach's own, for a client who asked for none
