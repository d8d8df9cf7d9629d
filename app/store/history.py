"""Who owns what in Chainlit's chat history: used to guard Chainlit routes that do not check it themselves."""

from sqlalchemy import select

from app.store.db import Database
from app.store.schema import chainlit_feedbacks, chainlit_steps, chainlit_threads


async def thread_owner(db: Database, thread_id: str) -> str | None:
    async with db.reads() as session:
        owner: str | None = await session.scalar(
            select(chainlit_threads.c.userIdentifier).where(chainlit_threads.c.id == thread_id)
        )
        return owner


async def thread_of_step(db: Database, step_id: str) -> str | None:
    async with db.reads() as session:
        thread: str | None = await session.scalar(
            select(chainlit_steps.c.threadId).where(chainlit_steps.c.id == step_id)
        )
        return thread


async def thread_of_feedback(db: Database, feedback_id: str) -> str | None:
    async with db.reads() as session:
        thread: str | None = await session.scalar(
            select(chainlit_feedbacks.c.threadId).where(chainlit_feedbacks.c.id == feedback_id)
        )
        return thread
