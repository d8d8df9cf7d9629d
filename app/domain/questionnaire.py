"""The client's side of the story: the five questions the client answers after a session, and the answers they
can give. Shared by the persona file (optional lines per question and answer) and the grader, which derives the
answers from what happened in the run (app/grade/client_side.py)."""

from enum import StrEnum


class Question(StrEnum):
    HEARD = "heard"
    AGREED = "agreed"
    GOT_THERE = "got_there"
    PUSHED = "pushed"
    BOOK_AGAIN = "book_again"


class Answer(StrEnum):
    YES = "yes"
    PARTLY = "partly"
    NO = "no"


# How each question is put to the client, in the client's own first person.
ASKED: dict[Question, str] = {
    Question.HEARD: "Did I feel heard?",
    Question.AGREED: "Did we agree what I wanted from the session?",
    Question.GOT_THERE: "Did we get there?",
    Question.PUSHED: "Was I pushed anywhere I didn't want to go?",
    Question.BOOK_AGAIN: "Would I book another session?",
}

# What any client says when their persona has no line of its own for an answer.
PLAIN_LINES: dict[Question, dict[Answer, str]] = {
    Question.HEARD: {
        Answer.YES: "Yes. I felt listened to, and what I said came back to me the way I meant it.",
        Answer.PARTLY: "Partly. Some of it landed; other times I wasn't sure I'd been heard.",
        Answer.NO: "Not really. I said things and they didn't seem to go anywhere.",
    },
    Question.AGREED: {
        Answer.YES: "Yes. We were clear early on what I wanted and how I'd know we'd got it.",
        Answer.PARTLY: "Sort of. We touched on what I wanted, but it never quite got pinned down, or we drifted.",
        Answer.NO: "No. I'm not sure we ever said what the session was for.",
    },
    Question.GOT_THERE: {
        Answer.YES: "Yes. I leave with more than I came in with.",
        Answer.PARTLY: "Part of the way. It moved, but not as far as I'd hoped.",
        Answer.NO: "No. I leave more or less where I started.",
    },
    Question.PUSHED: {
        Answer.YES: "Yes. I said no to something and we went there anyway.",
        Answer.PARTLY: "A little. There were moments it felt rushed or a bit too close.",
        Answer.NO: "No. Where we went was up to me.",
    },
    Question.BOOK_AGAIN: {
        Answer.YES: "Yes. I'd book another one.",
        Answer.PARTLY: "Maybe. I'd want to think about it.",
        Answer.NO: "No, I don't think I would.",
    },
}
