"""An assisting tagger (the LLM one) runs alongside the voice; what it finds is merged with the offline tags.

The engine must choose the coachee's act before the voice call starts, and it chooses from the offline tags:
waiting for a model to tag first would put a second model round-trip on every turn's critical path. So the
assisting tagger starts when the voice call does, in a worker thread, and its tags enrich the turn's record
(for grading and reports) without changing the act already chosen. A failed or slow assist costs nothing but
its tags: the record then has none.
"""

import logging
from concurrent.futures import Future, ThreadPoolExecutor

from app.domain.codebook import Move, sort_moves
from app.tag.tagger import Tagger

log = logging.getLogger(__name__)

# A few threads are plenty: each holds one tagging call, which runs while its own turn's voice call does.
_WORKERS = ThreadPoolExecutor(max_workers=4, thread_name_prefix="assist-tagger")


def begin(assist: Tagger | None, text: str, context: str | None) -> Future[list[Move]] | None:
    return _WORKERS.submit(assist.tag, text, context) if assist else None


def merged(offline: list[Move], pending: Future[list[Move]] | None) -> list[Move] | None:
    """The union of the offline and the assisting tags, or None when no assist ran or it failed."""
    if pending is None:
        return None
    try:
        assisted = pending.result()
    except Exception as error:  # the assist is optional: its failure must not touch the turn
        log.warning("assisting tagger failed: %s", error)
        return None
    return sort_moves({*offline, *assisted})  # the assisting tagger's output is validated to codebook ids
