"""The director's development examples for issue 11's answer relevance: learner turns of every answer kind
(docs/labelling.md, "Answer kinds"), each with the act that answers it.

These are the director's own examples, written while working on app/tag/asked.py. The measured set
(tests/data/questions.jsonl, by another author) is only ever run by bench/coachee.py; nothing here is copied
from it. A case is played as the bench plays a labelled turn: the persona's starting trust, and for a turn
with a client line before it, a turn in the middle of a session.
"""

from __future__ import annotations

import importlib.util
import sys
from functools import cache
from pathlib import Path
from types import ModuleType

import pytest

from app.check.mid_session import mid_session
from app.check.repetition import repeated_sentences
from app.config import PROJECT_ROOT
from app.direct.brief import NOT_QUITE, voice_request
from app.domain.acts import Act, ActKind
from app.domain.asked import AskedKind
from app.domain.persona import Persona
from app.domain.revise import revised
from app.domain.transcript import Utterance
from app.files.loader import load_file
from app.session import Rehearsal
from app.tag.answer_kinds import AnswerKindReader, shipped_answer_weights
from app.tag.answer_training import DEV_SETS, ReadRow, fingerprint, read_rows, train
from app.tag.asked import what_was_asked
from app.tag.misread import misreads
from app.tag.signals import presses
from app.tag.text import content_words
from app.trust.engine import initial_state
from app.voice.scripted import ScriptedVoice
from tests.support.shipped import learned_tagger as tagger
from tests.support.shipped import shipped_persona as persona

FACT = frozenset({ActKind.ANSWER_FACT, ActKind.WITHHOLD_FACT})
# The acts that answer each kind of turn.
ANSWERING: dict[str, frozenset[ActKind]] = {
    "goal": frozenset({ActKind.ANSWER_GOAL}),
    "success": frozenset({ActKind.ANSWER_SUCCESS}),
    "importance": frozenset({ActKind.ANSWER_IMPORTANCE}),
    "working_style": frozenset({ActKind.ANSWER_WORKING_STYLE}),
    "confidentiality": frozenset({ActKind.ANSWER_CONFIDENTIALITY}),
    "who": FACT,
    "when": FACT,
    "how_long": FACT,
    "what_happened": FACT,
    "feeling": frozenset({ActKind.ANSWER_FEELING}),
    "meaning": frozenset({ActKind.ANSWER_MEANING}),
    "options": frozenset({ActKind.ANSWER_OPTIONS}),
    "reflection": frozenset({ActKind.FEEL_HEARD, ActKind.CORRECT_REFLECTION}),  # confirmed, or put right
    "summary": frozenset({ActKind.CONFIRM_SUMMARY, ActKind.CORRECT_REFLECTION}),
    "small_talk": frozenset({ActKind.SMALL_TALK}),
    "silence": frozenset({ActKind.GO_ON, ActKind.REVEAL, ActKind.HINT}),
    "closing": frozenset({ActKind.CLOSING}),
}

P, J, M, N, D, S = (
    "priya-team-lead",
    "joel-hardware-stores",
    "marcus-engineer",
    "nadia-picture-book",
    "dewi-teacher",
    "siobhan-surgical-registrar",
)

# (persona, the client's line before the turn or None at the start, the learner's turn, what it asks for)
CASES: list[tuple[str, str | None, str, str]] = [
    # --- contracting: the goal
    (P, None, "So what would be most useful for us to look at this morning?", "goal"),
    (J, "Thanks for fitting me in.", "Where do you want to begin?", "goal"),
    (M, None, "what is the topic for today", "goal"),
    (N, "I've brought my sketchbook, for what it's worth.", "What are you hoping we'll work on?", "goal"),
    (D, None, "Is there something specific you want to talk through today?", "goal"),
    (S, "I wasn't sure what to bring, honestly.", "What's the thing you most want help with?", "goal"),
    (J, "There's a lot on my list.", "Out of all of that, which one should we take today?", "goal"),
    (M, "Work, mostly. Evenings.", "OK. What do you want to come out of this conversation with?", "goal"),
    # --- contracting: success
    (P, "Dan, basically.", "How will you know this hour was worth it?", "success"),
    (
        J,
        "Kettering. It's always Kettering.",
        "If today goes well, what will be different when you leave?",
        "success",
    ),
    (N, "The book, I suppose.", "What would make today a good use of your time?", "success"),
    (D, "My class 8C.", "Imagine it's the end of the session and it helped. What changed?", "success"),
    (S, "The exam.", "what result you want at end of our talk?", "success"),
    (M, "Delegation, I suppose.", "What would 'useful' look like for you by four o'clock?", "success"),
    # --- contracting: importance
    (P, "Dan and the stand-up.", "Why this, and why now?", "importance"),
    (J, "The Kettering lease.", "What's riding on this decision?", "importance"),
    (M, "Handing work to the juniors.", "What would it cost you if nothing changes?", "importance"),
    (N, "Finishing the book.", "What's made this feel pressing at the moment?", "importance"),
    (D, "The project lessons with 8C.", "why this is so urgent for you now?", "importance"),
    (S, "What went wrong in the exam.", "How important is this to you, out of ten?", "importance"),
    (J, "The lease, mostly.", "Why bring it here rather than to your accountant?", "importance"),
    (M, "The juniors.", "What's pushing you to sort this out now rather than later?", "importance"),
    # --- contracting: how to work
    (P, None, "How do you like to be coached?", "working_style"),
    (
        J,
        "I talk a lot, fair warning.",
        "Should I jump in when you go off on a tangent, or let you run?",
        "working_style",
    ),
    (M, "Fine.", "How direct would you like me to be?", "working_style"),
    (
        N,
        "I tend to make jokes when it gets close.",
        "If I notice you joking something away, do you want me to say so?",
        "working_style",
    ),
    (
        D,
        "I am a bit nervous.",
        "What kind of support helps you most in a conversation like this?",
        "working_style",
    ),
    (
        S,
        "I don't want hand-holding.",
        "Do you want me to push you hard, or give you room to think?",
        "working_style",
    ),
    (P, "Brisk is good.", "Is it all right if I interrupt when I think we're drifting?", "working_style"),
    (J, "Okay.", "what role u want me to play here", "working_style"),
    (M, "Go on then.", "Would you rather think out loud, or have me structure it?", "working_style"),
    (S, "Right.", "What's the most useful thing I can do in this session?", "working_style"),
    # --- contracting: confidentiality, roles, limits
    (
        P,
        None,
        "Before we start, I want to be clear that nothing you say here goes into your review.",
        "confidentiality",
    ),
    (
        M,
        None,
        "Just so you know, these conversations are private. I don't report anything back.",
        "confidentiality",
    ),
    (
        J,
        "Good to be here.",
        "I'll be taking a few notes, but they're only for me and I'll shred them after.",
        "confidentiality",
    ),
    (N, "Go on.", "The only time I'd break confidence is if I thought you were at risk.", "confidentiality"),
    (D, None, "Is there anything you'd want kept off the record today?", "confidentiality"),
    (S, "Okay.", "Are you comfortable with what I do with what you tell me?", "confidentiality"),
    (
        P,
        "Right.",
        "I know it's odd that I'm your manager and your coach. Can we talk about that?",
        "confidentiality",
    ),
    # --- facts: who
    (P, "Dan questioned my numbers again.", "Who else was at the stand-up?", "who"),
    (J, "My dad still comes in on Saturdays.", "Who runs the Kettering store day to day?", "who"),
    (M, "The bid went out late.", "Who signed it off in the end?", "who"),
    (N, "Someone asked about the book at work.", "Who was that?", "who"),
    (D, "The principal came to watch.", "who is your principal", "who"),
    (S, "One of the examiners kept interrupting me.", "Which examiner was it?", "who"),
    (J, "I haven't told anybody yet.", "Who would you normally talk these things through with?", "who"),
    # --- facts: when, how long
    (P, "The one-to-one is this week.", "What day is it?", "when"),
    (S, "The resit's coming up.", "When exactly is the resit?", "when"),
    (M, "The bid's due soon.", "When's the deadline?", "when"),
    (J, "The lease is up soon.", "How long have you had the Kettering store?", "how_long"),
    (N, "I started it ages ago.", "How long have you been working on the book?", "how_long"),
    (D, "I've been doing this a while.", "How many years have you been teaching?", "how_long"),
    # --- facts: what happened, what was said
    (P, "It happened again on Monday.", "What did Dan say exactly?", "what_happened"),
    (M, "The bid went out late.", "Talk me through what happened that week.", "what_happened"),
    (S, "The viva went badly.", "Can you take me through the station where it went wrong?", "what_happened"),
    (J, "My father and I had words about it.", "What did you say to him?", "what_happened"),
    (D, "The lesson fell apart.", "What happened in the lesson?", "what_happened"),
    (N, "I showed it to someone once.", "How did they react?", "what_happened"),
    (P, "He rolled his eyes.", "And what did you do then?", "what_happened"),
    (M, "One of the juniors had a go at it.", "How did that go?", "what_happened"),
    (S, "I froze.", "what happen after you froze", "what_happened"),
    (J, "We had a bad quarter.", "Can you give me an example of a bad week in Kettering?", "what_happened"),
    (D, "The children got loud.", "What was the moment you felt it slip?", "what_happened"),
    (N, "I got as far as the fig tree page.", "What stopped you there?", "what_happened"),
    # --- feeling
    (P, "He did it in front of the whole team.", "How was that for you?", "feeling"),
    (J, "I might close it.", "What comes up when you imagine telling your dad?", "feeling"),
    (M, "I was in the office till eleven.", "How are you holding up?", "feeling"),
    (S, "I failed.", "How did you take the result?", "feeling"),
    (N, "It's in a drawer.", "How does it sit with you, leaving it there?", "feeling"),
    (D, "They didn't listen.", "how you felt in that moment?", "feeling"),
    # --- meaning and values
    (P, "I want the team to respect me.", "What does being a good lead mean to you?", "meaning"),
    (J, "The stores were my dad's.", "What do the stores stand for, for you?", "meaning"),
    (M, "I used to love the design work.", "What kind of engineer do you want to be?", "meaning"),
    (N, "It's my grandmother's garden.", "What would finishing it mean to you?", "meaning"),
    (D, "The children deserve better.", "What do you believe good teaching is?", "meaning"),
    (
        S,
        "I've wanted this since I was twelve.",
        "What is it about surgery that matters so much to you?",
        "meaning",
    ),
    # --- options and next steps
    (P, "I keep letting it go.", "What could you do differently at Monday's stand-up?", "options"),
    (J, "I don't know where to start.", "Who could you talk to first?", "options"),
    (M, "I could give Aisha the steel package.", "What else might work?", "options"),
    (N, "I never find the time.", "When in your week could the book live?", "options"),
    (D, "They get noisy in groups.", "What's one small change you could try on Tuesday?", "options"),
    (S, "I rushed the history.", "How will you practise slowing down before the resit?", "options"),
    (
        J,
        "Renew, renegotiate or close.",
        "Which of those would you pick if you had to choose today?",
        "options",
    ),
    (P, "I want to sound calm.", "How would you open the conversation with Dan?", "options"),
    # --- a reflection to confirm (or correct)
    (
        P,
        "Nobody in the room said anything.",
        "So the hardest part was the silence from everyone else.",
        "reflection",
    ),
    (
        J,
        "Every time I think about it I go back to the spreadsheet.",
        "You keep looking for an answer in the numbers.",
        "reflection",
    ),
    (M, "If I don't check it, nobody will.", "It sounds like you feel it all rests on you.", "reflection"),
    (N, "Ha. Twenty years. Classic me.", "You joke about it, but it sounds like it hurts.", "reflection"),
    (D, "Thirty-six pupils and one of me.", "So you feel outnumbered?", "reflection"),
    (
        S,
        "I knew the answers. I just couldn't get them out.",
        "You knew it, but the pressure got in the way. Is that right?",
        "reflection",
    ),
    (P, "I should be able to handle one analyst.", "You're being pretty hard on yourself.", "reflection"),
    (
        M,
        "The juniors are good, really.",
        "So it's not their ability you doubt, it's letting go.",
        "reflection",
    ),
    (J, "Dad built that store.", "sounds like closing it would feel like letting him down", "reflection"),
    (
        N,
        "I don't know why I can't just do it.",
        "Part of you wants it badly, and part of you is scared of finishing.",
        "reflection",
    ),
    # --- a summary of several points
    (
        P,
        "That's about it.",
        "So far you've told me about Dan's comments, your manager staying quiet, and the quarter-end coming. Fair?",
        "summary",
    ),
    (
        J,
        "Yeah.",
        "Okay, if I've got this right: the lease is due in June, the store's lost money three years running, and you haven't told your dad.",
        "summary",
    ),
    (
        M,
        "And the bids.",
        "So there's the evenings, the two late bids, and the juniors waiting for work. Have I missed anything?",
        "summary",
    ),
    (
        N,
        "Mm.",
        "Let me play back what I've heard: the book, Lina leaving in September, and turning forty-five.",
        "summary",
    ),
    (
        D,
        "Yes, that too.",
        "So three things: the big class, the new curriculum, and the observation next month.",
        "summary",
    ),
    (
        S,
        "That's it really.",
        "Let me check I've followed: you knew the material, the examiner rattled you, and you rushed. Does that capture it?",
        "summary",
    ),
    (
        P,
        "Yes.",
        "Can I check my understanding? You want Dan on side, you're worried about March, and you're tired.",
        "summary",
    ),
    # --- small talk
    (P, None, "Morning! Did you find the room all right?", "small_talk"),
    (J, None, "Hey Joel, good to see you. How's business?", "small_talk"),
    (M, None, "Sorry I'm a few minutes late, the lift was broken.", "small_talk"),
    (N, None, "Can you hear me OK? My connection's a bit patchy.", "small_talk"),
    (D, None, "Selamat pagi, Bu Dewi. How was your journey here?", "small_talk"),
    (S, None, "Lovely day out there, isn't it?", "small_talk"),
    (P, None, "Would you like a coffee before we start?", "small_talk"),
    (J, None, "hi! how r u doing", "small_talk"),
    # --- silence
    (P, "I don't know.", "Mm-hmm.", "silence"),
    (M, "It's just a lot.", "Take all the time you need.", "silence"),
    (N, "I suppose...", "…", "silence"),
    (D, "It is difficult.", "", "silence"),
    (S, "I just froze.", "No hurry.", "silence"),
    (J, "Dad would say...", "Mm. I'm listening.", "silence"),
    # --- closing
    (P, "That's helpful.", "We're coming to the end of our time. What will you take from today?", "closing"),
    (J, "I'll call Rick on Monday.", "Great. Let's stop there for today, thanks Joel.", "closing"),
    (
        M,
        "I'll give Aisha the steel package.",
        "Thanks for your openness today, Marcus. Same time next month?",
        "closing",
    ),
    (N, "Tuesday evenings, then.", "That feels like a good place to end.", "closing"),
    (D, "Yes, I will try the roles.", "ok we finish here. thank you very much bu Dewi", "closing"),
    (
        S,
        "I'll book the mock.",
        "I'm conscious of the time, so I'll let you go. Good luck with the practice.",
        "closing",
    ),
    (P, "Noted.", "Any last thoughts before we finish?", "closing"),
    (J, "Yeah.", "We'll pick this up next time. Take care.", "closing"),
    (M, "Right.", "What's your main takeaway from this session?", "closing"),
    (N, "Okay.", "That's us for today, I think.", "closing"),
    (S, "Thanks.", "I think we should probably stop now? Thank you for today.", "closing"),
    (D, "Thank you.", "Time is up, I'm afraid. How are you leaving today?", "closing"),
    # a goodbye past the opening, hesitations dropped, tonight as well as today
    (M, "I'll ring Ola first thing.", "Good. So we'll, er, stop there? Thanks, Marcus.", "closing"),
    (J, "Same time in two weeks?", "Works for me. Talk then, Joel!", "closing"),
    (S, "That's the plan, anyway.", "Then that's where we'll leave it. Thanks, Siobhan.", "closing"),
    (N, "Tuesday evenings. The fig tree.", "lovely. lets finish for tonight, thank u nadia", "closing"),
    (P, "I think so, yes.", "Cheers, Priya. Bye for now.", "closing"),
    (D, "Yes. The roles and the timer.", "And what you are taking away from this session, Bu?", "closing"),
    (P, "One change on Monday. Noted.", "Great. That's time. Thank you, Priya.", "closing"),
    (M, "That's the plan, then.", "Right, our hour is done. Thanks, Marcus.", "closing"),
    (J, "I'll call Deb Friday.", "I know we're over time, so thank you, Joel.", "closing"),
    # --- a second round, other voices
    (M, None, "Tell me how you like to work with a coach.", "working_style"),
    (P, "Fine.", "What's worked for you with mentors before?", "working_style"),
    (J, "Shoot.", "How much structure do you want from me?", "working_style"),
    (N, "Okay.", "Should I ask lots of questions, or keep quiet and let you talk?", "working_style"),
    (D, "Yes.", "Any preferences for how we do this?", "working_style"),
    (S, "Fine.", "I can be quite blunt. Is that going to work for you?", "working_style"),
    (M, "Right.", "Are you someone who likes to be challenged?", "working_style"),
    (J, "Sure.", "What helps you think best when you're stuck?", "working_style"),
    (S, "Go on.", "How hard should I push?", "working_style"),
    (P, None, "Do you want solutions from me or a sounding board?", "working_style"),
    (N, "I'm fine.", "Is there a way of working that suits you best?", "working_style"),
    (
        D,
        "Okay.",
        "I notice you apologise a lot. Should I point that out when it happens, or let it go?",
        "working_style",
    ),
    (P, "Dan talks over me.", "Tell me what happened.", "what_happened"),
    (J, "It didn't go well.", "So what went wrong?", "what_happened"),
    (J, "Kettering's a mess.", "What's the story with Kettering?", "what_happened"),
    (M, "Everything piled up.", "How did it come to this?", "what_happened"),
    (S, "The examiner kept pressing.", "What did the examiner ask you?", "what_happened"),
    (D, "It was chaos.", "What was going on in the class at that point?", "what_happened"),
    (N, "My sister saw one page.", "What was her reaction?", "what_happened"),
    (P, "Then the meeting ended.", "Did he say anything after?", "what_happened"),
    (S, "I got the letter.", "what exactly happen in the exam", "what_happened"),
    (M, "I tried once.", "What did you end up doing?", "what_happened"),
    (J, "We argued.", "How did the conversation with your father end?", "what_happened"),
    (D, "The principal gave feedback.", "What did she write in the report?", "what_happened"),
    (P, "The review is in March.", "Is there anyone else involved?", "who"),
    (M, "I have two juniors.", "Which of your juniors is further along?", "who"),
    (J, "I run it with family.", "What's your brother like?", "who"),
    (N, "I told someone once.", "Whom did you show it to?", "who"),
    (S, "Nobody knows.", "Does anyone at home know?", "who"),
    (P, "It's a lot.", "Why is this so important to you right now?", "importance"),
    (J, "It's the lease.", "What happens if you don't decide by June?", "importance"),
    (M, "I keep thinking about it.", "Why did you choose this topic for today?", "importance"),
    (N, "The book, yes.", "How big a deal is this for you?", "importance"),
    (D, "The observation.", "What is so important about this for you now?", "importance"),
    (S, "The resit.", "What's driving this for you?", "importance"),
    (P, None, "Anything you say stays between the two of us.", "confidentiality"),
    (J, None, "Let me be upfront: I'm on the board that decides the store budgets.", "confidentiality"),
    (M, "Okay.", "Are you worried about what I might do with this?", "confidentiality"),
    (P, "Fine.", "Is it awkward that I'm your boss?", "confidentiality"),
    (S, "Right.", "What you tell me isn't shared with the training body.", "confidentiality"),
    (N, "Okay.", "This is a safe space, nothing goes anywhere.", "confidentiality"),
    (
        D,
        None,
        "Before we start, do you have any questions about who sees what from our sessions?",
        "confidentiality",
    ),
    (J, "I'm alright.", "Let's start with what you want from this hour.", "goal"),
    (N, "Where to start...", "What's the main thing on your plate?", "goal"),
    (S, None, "What are we working on today?", "goal"),
    (D, "I have many problems.", "Which one would you like to start with?", "goal"),
    (M, "So that's the background.", "And what would you like from me today?", "working_style"),
    (P, "Yes.", "What's the outcome you're after from this session?", "success"),
    (J, "Okay.", "What would you need to leave with for this to be worth the drive?", "success"),
    (N, "Mm.", "How would you know we'd got somewhere?", "success"),
    (P, "Dan again.", "How are you feeling about Thursday?", "feeling"),
    (M, "Eleven at night, most nights.", "What's that doing to you?", "feeling"),
    (S, "I failed.", "And emotionally, where are you with it?", "feeling"),
    (J, "It's been a hard year.", "How's all this landing with you?", "feeling"),
    (N, "I'm forty-four.", "What scares you about finishing it?", "feeling"),
    (P, "I want to be a good lead.", "What does a good lead look like to you?", "meaning"),
    (M, "The juniors need to learn.", "What do you want them to say about you as a boss one day?", "meaning"),
    (J, "Dad built it.", "What does the family name on the sign mean for you?", "meaning"),
    (D, "I became a teacher for the children.", "What kind of teacher you want to be?", "meaning"),
    (S, "I love operating.", "What does being a surgeon say about who you are?", "meaning"),
    (N, "I don't know.", "What would your grandmother want for this book?", "meaning"),
    (P, "I could say something at the stand-up.", "What would you say?", "options"),
    (J, "I need to decide.", "What are the possibilities, as you see them?", "options"),
    (M, "I could try.", "What would be a realistic first go at handing something over?", "options"),
    (N, "Mornings are free.", "How could you protect that time?", "options"),
    (D, "Maybe group roles.", "what you will try first?", "options"),
    (S, "I could do mocks.", "Who could help you practise?", "options"),
    (J, "Call the landlord, maybe.", "And by when?", "options"),
    (M, "It's been a slog.", "So the evenings have become the only time you can think.", "reflection"),
    (S, "I can't sleep before exams.", "The nerves are worse than the content.", "reflection"),
    (J, "I can't tell Dad.", "You're protecting him.", "reflection"),
    (D, "They laughed.", "That must have really stung.", "reflection"),
    (N, "It's silly.", "It doesn't sound silly to me; it sounds like it matters a great deal.", "reflection"),
    (P, "He's always been like this.", "You're tired of it.", "reflection"),
    (
        M,
        "I think that's everything.",
        "Right, so: you're the bottleneck, you don't trust the checking, and you're exhausted. That about it?",
        "summary",
    ),
    (
        N,
        "Yes.",
        "What I'm hearing overall is that time isn't really the problem, fear is, and the joke keeps it at bay. Close?",
        "summary",
    ),
    (J, "Yeah, that's it.", "Let me see if I can pull the threads together.", "summary"),
    (
        D,
        "Correct.",
        "So the main points are the class size, the time to prepare, and feeling alone with it.",
        "summary",
    ),
    (S, "True.", "So - the exam, the examiner, the freezing, and now the resit in ten weeks.", "summary"),
    (P, None, "Hi Priya, thanks for making time, how are things?", "small_talk"),
    (M, None, "Good to see you again. Did you get here OK with the roadworks?", "small_talk"),
    (S, None, "Hi! Long shift today?", "small_talk"),
    (D, None, "How is your family?", "small_talk"),
    (N, None, "I love your scarf.", "small_talk"),
    (P, "Sorry, I lost my thread.", "Take a moment.", "silence"),
    (J, "It's...", "I'm with you.", "silence"),
    (S, "I just...", "Hmm.", "silence"),
    (M, "I don't know.", "That's alright, no rush at all.", "silence"),
    (
        P,
        "I'll write it down.",
        "Okay, we need to wrap up in a minute. Thank you for your honesty.",
        "closing",
    ),
    (J, "Monday then.", "Thanks Joel. Let's meet again in two weeks.", "closing"),
    (M, "Yes.", "That's time. How was today for you?", "closing"),
    (N, "Okay.", "Before we finish, what's one word for how you feel now?", "closing"),
    (S, "Okay.", "We have to end here, I'm afraid.", "closing"),
    (D, "Terima kasih.", "Thank you Bu, see you in two weeks.", "closing"),
    # --- a third round: blunt, hesitant, non-native and Indian English
    (P, None, "Goal for today?", "goal"),
    (J, None, "Kindly tell me what is the issue you want to discuss today.", "goal"),
    (M, "Where do I start.", "Um, I was wondering, maybe, what you'd want to, er, get out of this?", "goal"),
    (N, None, "What is the thing you want to reach in this session?", "goal"),
    (S, "Fine.", "Success looks like what, for you?", "success"),
    (D, "Yes.", "How you will know our talk was useful?", "success"),
    (J, "Okay.", "What needs to happen today for you to feel it was worth coming?", "success"),
    (P, "Dan.", "Why now?", "importance"),
    (M, "It's been years.", "What is it that makes this important at this time?", "importance"),
    (N, "Mm.", "I'm curious - why this year, and not last year?", "importance"),
    (D, "The observation.", "What would it mean for your career if it goes badly?", "importance"),
    (S, None, "Do you want me to be tough with you?", "working_style"),
    (J, "Yeah.", "Do you want ideas from me, or would you rather come up with your own?", "working_style"),
    (M, "Okay.", "Is it helpful if I summarise as we go?", "working_style"),
    (N, "Okay.", "How involved would you like me to be?", "working_style"),
    (P, "Fine.", "What would help you most from me today?", "working_style"),
    (D, "Okay.", "How can we make this work best for you?", "working_style"),
    (
        S,
        "Sure.",
        "I, um, I'm not sure how you like to do these - more questions, or more space?",
        "working_style",
    ),
    (M, None, "Please do not worry, everything is confidential.", "confidentiality"),
    (D, None, "I am also your school supervisor, I want to be honest about that.", "confidentiality"),
    (N, "Okay.", "Nobody at the practice will know what we talk about.", "confidentiality"),
    (J, "Okay.", "Is there anything you'd like to ask about how I handle what you share?", "confidentiality"),
    (P, "He said it again.", "Who else heard?", "who"),
    (M, "Someone in the team.", "Who?", "who"),
    (S, "Another trainee failed too.", "what is his name", "who"),
    (J, "The lease is up.", "Since how long you have this store?", "how_long"),
    (N, "I started in my twenties.", "Twenty years? Since when exactly?", "when"),
    (D, "Next month.", "What date is the observation?", "when"),
    (P, "The forecast was wrong.", "What happened next?", "what_happened"),
    (M, "The bid was late.", "How did that happen?", "what_happened"),
    (S, "The examiner said something.", "What were his exact words?", "what_happened"),
    (J, "Dad came in.", "And? What did he do?", "what_happened"),
    (N, "Lina found the drawings.", "What did she make of them?", "what_happened"),
    (D, "The pupils ignored me.", "What was the lesson about?", "what_happened"),
    (P, "It was the stand-up.", "Feelings?", "feeling"),
    (M, "I keep going.", "What's it like for you, working every evening?", "feeling"),
    (S, "I failed.", "How are you in yourself about it?", "feeling"),
    (N, "It's in a drawer.", "What goes through you when you open that drawer?", "feeling"),
    (J, "The name is on the sign.", "What does it mean to you, carrying your father's name?", "meaning"),
    (D, "Children must learn.", "What is most important for you as a teacher?", "meaning"),
    (P, "I want respect.", "What kind of leader do you want to be remembered as?", "meaning"),
    (M, "I used to design.", "What gives you energy in this work?", "meaning"),
    (S, "I'm good with my hands.", "What do you love about surgery?", "meaning"),
    (N, "My grandmother's garden.", "Why does this story matter to you?", "meaning"),
    (J, "I don't know.", "Next step?", "options"),
    (P, "I need to do something.", "What will you do?", "options"),
    (M, "Maybe.", "What's stopping you from trying it this week?", "options"),
    (S, "I could ask.", "Which consultant could you ask to run a mock with you?", "options"),
    (D, "Maybe roles.", "Kindly tell me what you might try in the next lesson.", "options"),
    (N, "Tuesday evenings.", "How will you make sure it happens?", "options"),
    (P, "I'm the one who has to fix it.", "Sounds lonely.", "reflection"),
    (M, "It never stops.", "So it's relentless, then?", "reflection"),
    (J, "I don't want to let Dad down.", "Your dad's opinion still matters a lot to you.", "reflection"),
    (S, "I knew it cold.", "You knew the answers, but not in the moment.", "reflection"),
    (D, "I try my best.", "I can hear how much you care about these children.", "reflection"),
    (N, "It's just a hobby.", "You call it a hobby, but you've kept it for twenty years.", "reflection"),
    (J, "That's the lot.", "OK, let me see if I've got it all: money, your dad, and June.", "summary"),
    (P, "Yes.", "Recap: Dan, the stand-up, Thursday. Right?", "summary"),
    (
        M,
        "That's it.",
        "So you've told me about the late bids, the evenings, and the juniors you don't fully trust yet. Is that a fair summary?",
        "summary",
    ),
    (
        N,
        "Yes.",
        "Two things seem to be going on: you want to finish, and you're scared of what finishing means.",
        "summary",
    ),
    (S, None, "Hello, nice to meet you, did you come straight from theatre?", "small_talk"),
    (D, None, "Good afternoon Bu Dewi, is the room comfortable for you?", "small_talk"),
    (J, None, "How was the drive up from Dayton?", "small_talk"),
    (M, None, "Hiya, how are you doing?", "small_talk"),
    (N, "I...", "...", "silence"),
    (S, "It's hard to say.", "Take your time, really.", "silence"),
    (P, "It's complicated.", "Okay.", "silence"),
    (J, "Okay, I'll call him Monday.", "Great. That's all we have time for today.", "closing"),
    (M, "Thanks.", "Let's leave it there for this week.", "closing"),
    (N, "Yes.", "What are you leaving with today?", "closing"),
    (S, "Okay.", "Before you head off, what's the one thing you'll remember from this?", "closing"),
    (D, "Thank you.", "It was a good session, thank you. See you soon.", "closing"),
    (P, "Noted.", "Ok, we are finished for now, thank you Priya.", "closing"),
    # --- a fourth round: the kinds still weakest
    (P, "Fine.", "Before we go on, how do you want me to be in this conversation?", "working_style"),
    (J, "Okay.", "Do you want me to keep you on track if you wander?", "working_style"),
    (M, "Sure.", "Should I hold back my own views, or share them when I have one?", "working_style"),
    (N, "Okay.", "What do you need from this relationship?", "working_style"),
    (D, "Yes.", "Shall we agree how we'll work together first?", "working_style"),
    (S, "Fine.", "Tell me how you like feedback - straight, or cushioned?", "working_style"),
    (P, None, "How do you prefer to be supported when things get difficult?", "working_style"),
    (J, "Yeah.", "Is it better for you if I ask short questions or let you talk it out?", "working_style"),
    (M, "Right.", "What hasn't worked for you in coaching before?", "working_style"),
    (
        N,
        "Okay.",
        "Would you like me to notice out loud when you make a joke to dodge something?",
        "working_style",
    ),
    (
        J,
        "That's about it.",
        "Okay. Kettering's losing money, the lease is up in June, and you keep putting it off. That's where we are?",
        "summary",
    ),
    (
        P,
        "Yes.",
        "If I pull it together: Dan undermines you, your manager doesn't step in, and Thursday is the test.",
        "summary",
    ),
    (
        M,
        "Yes.",
        "Right - so the evenings, the late bids and the director's comment are all part of the same thing.",
        "summary",
    ),
    (
        N,
        "Yes.",
        "So there's the book, there's Lina leaving, and there's your birthday in March. Have I got the main pieces?",
        "summary",
    ),
    (D, "Ya.", "Let me summarise. Big class, no time, observation coming. Correct?", "summary"),
    (
        S,
        "Yes.",
        "What I've got so far: you knew the material, you froze with one examiner, and the resit is in ten weeks.",
        "summary",
    ),
    (P, "Okay.", "Just to recap what we've covered today before we move on.", "summary"),
    (P, "Dan and the stand-up.", "What makes this the right moment to tackle it?", "importance"),
    (J, "Kettering.", "Why is this the one that can't wait?", "importance"),
    (M, "Delegating.", "What will happen if you keep working every evening?", "importance"),
    (N, "The book.", "What's different this time, that you're bringing it now?", "importance"),
    (D, "8C.", "How much is riding on the observation for you?", "importance"),
    (S, "The resit.", "What would failing again cost you?", "importance"),
    (J, "Yeah.", "Why do you want to sort this out?", "importance"),
    (P, "Okay.", "Alright, I'm afraid that's our hour.", "closing"),
    (M, "Thanks.", "Let's finish there. What's the one thing you'll do this week?", "closing"),
    (N, "Okay.", "Thank you for today, Nadia. Look after yourself.", "closing"),
    (J, "Right.", "We should probably call it there. Thanks, Joel.", "closing"),
    (S, "Okay.", "Okay, we're at time. Anything you want to say before we stop?", "closing"),
    (D, "Yes.", "We will stop here for today. Thank you for your openness.", "closing"),
    (P, None, "Morning Priya, thanks for coming along.", "small_talk"),
    (J, None, "Hey, come on in, grab a seat.", "small_talk"),
    (M, None, "Hi Marcus. How was your morning?", "small_talk"),
    (N, None, "Hello! Did you manage to park all right?", "small_talk"),
    (S, None, "You must be exhausted after nights. How are you doing?", "small_talk"),
    (D, None, "Apa kabar, Bu? Are you well?", "small_talk"),
    (P, "Okay.", "So where shall we start today?", "goal"),
    (J, None, "What would you like to use this time for?", "goal"),
    (M, "Fine.", "What's the headline of what you want to look at?", "goal"),
    (N, "Mm.", "What are you hoping to get from these sessions?", "goal"),
    (S, None, "What do you want us to work on today?", "goal"),
    (D, "Yes.", "What's the most important thing to talk about today?", "goal"),
    (P, "Yes.", "What would be a good result from this hour?", "success"),
    (J, "Sure.", "What do you want to walk out of here with?", "success"),
    (M, "Okay.", "How will we know if today was useful?", "success"),
    (N, "Okay.", "What would make you glad you came today?", "success"),
    (D, "Okay.", "At the end of our time, what do you want to have?", "success"),
    (S, "Fine.", "What would make this session a success?", "success"),
    (P, "Dan again.", "Tell me about Dan.", "who"),
    (M, "The bid was late.", "What did it look like from the client's side?", "what_happened"),
    (J, "I keep putting it off.", "How do you want to handle the landlord?", "options"),
    (S, "I've been revising.", "Everything okay since last time?", "small_talk"),
    # --- questions put as statements, after a lead-in, or typed short
    (M, "Ola took over the wall.", "I'm curious how Ola got on with it.", "what_happened"),
    (P, "Someone always jumps in.", "I wonder who jumps in first, usually.", "who"),
    (J, "The accountant called.", "Kettering and the accountant — I'd love to know when that was.", "when"),
    (N, "I stopped after the rejection.", "hw long ago was that", "how_long"),
    (D, "The parents complained.", "What'd they say?", "what_happened"),
    # a fragment after a question offers answers to it; a "?" with no question word says something back
    (
        P,
        "The stand-up, mostly.",
        "What would you want from me here? Questions, silence, a push?",
        "working_style",
    ),
    (S, "I revise at night.", "Night's the only time it's quiet for you?", "reflection"),
    (
        J,
        "I keep the numbers to myself.",
        "So since the summer you've kept the numbers to yourself?",
        "reflection",
    ),
    # what the client just asked or said shapes what a reply asks
    (M, "Would Priti ever see any of this?", "No. I keep nothing she could read.", "confidentiality"),
    (N, "Good, thanks. The cat kept me up all night.", "Oh no, what was she up to?", "small_talk"),
    # ...but only what asks: a client who says they want it kept quiet has not asked who will hear
    (
        D,
        "Nobody at school knows, and I would like to keep it private.",
        "That sounds really hard.",
        "reflection",
    ),
]


# The reader's moves can make the engine react to what a turn did rather than what it asked (a judgment heard
# in a reflection, a probe into a closed area, pressure): the client's reaction is then the engine's business,
# and the test checks only that the director read the turn for what it asks.
REACTIONS = frozenset(
    {
        ActKind.OUT_OF_FRAME, ActKind.RUPTURE, ActKind.WITHDRAW, ActKind.GRANT_PERMISSION,
        ActKind.DECLINE_PERMISSION, ActKind.DEFLECT, ActKind.HURT, ActKind.RESIST_ADVICE,
        ActKind.CONSIDER_ADVICE, ActKind.ACCEPT_OFFER, ActKind.OFF_CONTRACT, ActKind.REFOCUS,
        ActKind.REPAIR_ACCEPTED, ActKind.END_SESSION,
    }
)  # fmt: skip
READ_AS: dict[str, frozenset[AskedKind]] = {
    "goal": frozenset({AskedKind.GOAL}),
    "success": frozenset({AskedKind.SUCCESS}),
    "importance": frozenset({AskedKind.IMPORTANCE}),
    "working_style": frozenset({AskedKind.WORKING_STYLE}),
    "confidentiality": frozenset({AskedKind.CONFIDENTIALITY}),
    "who": frozenset({AskedKind.FACT}),
    "when": frozenset({AskedKind.FACT}),
    "how_long": frozenset({AskedKind.FACT}),
    "what_happened": frozenset({AskedKind.FACT}),
    "feeling": frozenset({AskedKind.FEELING}),
    "meaning": frozenset({AskedKind.MEANING}),
    "options": frozenset({AskedKind.OPTIONS}),
    "reflection": frozenset({AskedKind.REFLECTION}),
    "summary": frozenset({AskedKind.SUMMARY}),
    "small_talk": frozenset({AskedKind.SMALL_TALK}),
    "silence": frozenset({AskedKind.SILENCE}),
    "closing": frozenset({AskedKind.CLOSING}),
}
# Turns whose words the director does not read as asked yet.
NOT_YET: dict[str, str] = {
    "Imagine it's the end of the session and it helped. What changed?": "the question is read, not the scene",
}


def _case(persona_id: str, context: str | None, text: str, kind: str) -> object:
    reason = NOT_YET.get(text)
    marks = [pytest.mark.xfail(strict=False, reason=reason)] if reason else []
    return pytest.param(persona_id, context, text, kind, marks=marks)


def read_and_act(persona_id: str, context: str | None, text: str) -> tuple[AskedKind, ActKind]:
    turn = mid_session(persona(persona_id), tagger(), context).prepare(text)
    return what_was_asked(turn.signals, turn.state.turn, turn.context).kind, turn.act.kind


@pytest.mark.parametrize(("persona_id", "context", "text", "kind"), [_case(*case) for case in CASES])
def test_the_reply_answers_what_was_asked(persona_id: str, context: str | None, text: str, kind: str) -> None:
    read, act = read_and_act(persona_id, context, text)
    # An open question that names a fact ("Tell me about Dan.") is answered with it.
    assert read in READ_AS[kind] or (read is AskedKind.OPEN and act in ANSWERING[kind])
    assert act in ANSWERING[kind] or act in REACTIONS


@pytest.mark.parametrize(("persona_id", "context", "text", "kind"), CASES[::7])
def test_what_was_asked_is_read_once_in_the_reading_step(
    persona_id: str, context: str | None, text: str, kind: str
) -> None:
    """The director answers the reading the reading step made, which is what it would read itself."""
    turn = mid_session(persona(persona_id), tagger(), context).prepare(text)
    assert turn.signals.asked is not None
    unread = revised(turn.signals, asked=None)
    assert what_was_asked(unread, turn.state.turn, turn.context) == turn.signals.asked
    assert what_was_asked(turn.signals, turn.state.turn, turn.context) is turn.signals.asked


def test_every_kind_has_examples() -> None:
    kinds = {kind for *_, kind in CASES}
    assert kinds == set(ANSWERING)


def prepared(persona_id: str, context: str | None, text: str) -> tuple[ActKind, str | None, str | None]:
    act = mid_session(persona(persona_id), tagger(), context).prepare(text).act
    return act.kind, act.topic, act.cause


def test_a_factual_question_into_a_closed_area_gets_the_fact_withheld() -> None:
    # Dewi's principal is a sensitive topic: the probe still costs trust, and the no answers the question asked.
    kind, topic, _ = prepared("dewi-teacher", "The principal came to watch.", "who is your principal")
    assert (kind, topic) == (ActKind.WITHHOLD_FACT, "principal")
    # Any other question into it is deflected as before.
    kind, topic, _ = prepared(
        "joel-hardware-stores", "I might close it.", "What comes up when you imagine telling your dad?"
    )
    assert (kind, topic) == (ActKind.DEFLECT, "dad")


def test_a_real_offer_is_still_accepted_and_a_plain_question_answered() -> None:
    assert (
        prepared(P, "I want to sound calm.", "Can I share an idea I have about Dan?")[0]
        is ActKind.ACCEPT_OFFER
    )
    assert prepared(P, "I want to sound calm.", "How would you open the conversation with Dan?")[0] is (
        ActKind.ANSWER_OPTIONS
    )


def test_a_check_after_a_reflection_asks_nothing_new() -> None:
    text = "You knew it, but the pressure got in the way. Is that right?"
    assert prepared(S, "I knew the answers. I just couldn't get them out.", text)[0] is ActKind.FEEL_HEARD


def test_the_clients_own_words_said_back_are_a_nudge_to_go_on() -> None:
    kind, *_ = prepared(D, "I'd rather stay with my class.", "So I'd rather stay with my class.")
    assert kind in ANSWERING["silence"]


def test_saying_back_the_clients_words_is_not_pressing() -> None:
    lonely = content_words("Lonely. There's nobody at my level I can say this to.")
    said_back = "there's something underneath that: there's nobody at your level you can say this to."
    assert not presses(said_back, lonely)
    refused = content_words("I don't want to talk about it.")
    assert presses("you really need to talk about this.", refused)


# --- a reflection that gets the client wrong ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("context", "reflection", "wrong"),
    [
        ("It's not the money, it's Dad.", "So it's really about the money.", True),
        ("It's not the money, it's Dad.", "So it's your dad, more than the money.", False),
        ("I'm not angry. I'm tired.", "You sound really angry.", True),
        ("I'm not angry. I'm tired.", "You're tired.", False),
        ("I don't want to quit.", "Part of you wants to quit.", True),
        ("I'm not scared of Dan. I'm scared of being found out.", "You're scared of Dan.", True),
        ("I'm not worried about the juniors. I'm worried about what happens if something slips.",
         "So you're worried about the juniors.", True),
        ("I never wanted to be a manager.", "You never wanted to be a manager.", False),
        ("I don't know.", "You know more than you think.", False),
        ("I don't know what to do about the money.", "The money is weighing on you.", False),
        ("Nobody in the room said anything.", "So the hardest part was the silence from everyone else.", False),
    ],
)  # fmt: skip
def test_a_reflection_that_asserts_what_the_client_denied_misreads(
    context: str, reflection: str, wrong: bool
) -> None:
    assert misreads(reflection, context) is wrong


def test_the_client_corrects_a_reflection_that_gets_them_wrong() -> None:
    for seed in range(3):
        run = Rehearsal(persona(M), tagger(), ScriptedVoice(), seed=seed)
        run.transcript.append(
            Utterance(
                speaker="client",
                text="I'm not worried about the juniors. I'm worried about what happens if something slips.",
            )
        )
        record = run.take_turn("So you're worried about the juniors.")
        assert record.act.kind is ActKind.CORRECT_REFLECTION
        assert record.coachee in persona(M).lines_for(ActKind.CORRECT_REFLECTION, record.level)
    # Said back right, the same worry is confirmed, not corrected.
    run = Rehearsal(persona(M), tagger(), ScriptedVoice())
    run.transcript.append(
        Utterance(speaker="client", text="I'm worried about what happens if something slips.")
    )
    assert (
        run.take_turn("So you're worried about something slipping.").act.kind
        is not ActKind.CORRECT_REFLECTION
    )


def test_a_persona_without_correction_lines_says_not_quite_and_what_it_is() -> None:
    sam = load_file(PROJECT_ROOT / "tests" / "data" / "personas" / "sam-fixture.yaml", Persona)
    assert ActKind.CORRECT_REFLECTION not in sam.lines
    state = initial_state(sam)
    act = Act(kind=ActKind.CORRECT_REFLECTION, level=state.level)
    request = voice_request(sam, act, [], state=state)
    elaborate = sam.lines_for(ActKind.ELABORATE, state.level)
    assert request.scripted_lines
    for line in request.scripted_lines:
        lead, rest = next((lead, line[len(lead) + 1 :]) for lead in NOT_QUITE if line.startswith(lead))
        assert lead and rest in elaborate
    assert "Correct it" in request.guidance


def test_a_mixed_turn_with_a_wrong_reflection_gets_no_yes_before_the_answer() -> None:
    run = mid_session(persona(P), tagger(), "It's not really Dan. It's that nobody in the room backs me.")
    record = run.take_turn("So it sounds like Dan is the problem. What could you try on Monday?")
    assert record.act.kind is ActKind.ANSWER_OPTIONS and not record.act.confirms


def test_once_every_line_is_spent_only_its_unsaid_part_is_said() -> None:
    history = [
        Utterance(speaker="coach", text="So Dan talks over you."),
        Utterance(speaker="client", text="That's it. Nobody backs me."),
        Utterance(speaker="coach", text="Nobody backs you."),
    ]
    request = voice_request(persona(P), Act(kind=ActKind.FEEL_HEARD, level=2), history, turn=2)
    spent = request.model_copy(
        update={"scripted_lines": ["That's it. Nobody's put it that simply before."], "spare_lines": []}
    )
    assert ScriptedVoice().speak(spent) == "Nobody's put it that simply before."


def test_a_steerer_hears_what_the_client_came_for_again_not_the_same_words() -> None:
    nadia = persona(N)
    voice = ScriptedVoice()
    history: list[Utterance] = []
    for turn in range(6):  # a steerer who steers away again and again
        history.append(Utterance(speaker="coach", text="Let's talk about your job instead."))
        request = voice_request(nadia, Act(kind=ActKind.OFF_CONTRACT, level=2), history, turn=turn)
        history.append(Utterance(speaker="client", text=voice.speak(request)))
    assert repeated_sentences([u.text for u in history if u.speaker == "client"]) == []


# --- the development sets, author-disjoint -----------------------------------------------------------------

# Answer relevance of the answer-kind model trained on the earlier development authors (answers_dev2.jsonl to
# answers_dev5.jsonl) and played on the newest, answers_dev6.jsonl, a sixth author nobody tuned the rules or the
# model on: 75.8% when it arrived (the rules alone: 66.9%; dev5, played the same way against dev2 to dev4 when
# it was the newest: 82.9%). The shipped model is trained on every set, so only a split like this one measures
# how it generalises; a change that makes a new author's turns answered less often fails here.
# bench/answer_kinds.py plays every author against a model trained on the others, and lists misses.
CROSS_AUTHOR_FLOOR = 0.75
*EARLIER, NEWEST = DEV_SETS


@cache
def _read_rows(path: Path) -> list[ReadRow]:
    return read_rows(path, tagger())


@cache
def _answer_dev() -> ModuleType:
    spec = importlib.util.spec_from_file_location("answer_dev", PROJECT_ROOT / "bench" / "answer_dev.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


def _assert_answers(path: Path, reader: AnswerKindReader, floor: float) -> None:
    """`reader` plays every turn of the author's set at `path`; at least `floor` of them are answered as asked."""
    harness = _answer_dev()
    played = harness.play(path, reader)
    assert len(played) >= 450
    misses = "\n".join(f"{p.expected} -> {p.act}: {p.row['text']}" for p in played if not p.hit)
    assert harness.relevance(played) >= floor, misses


def test_a_model_trained_on_one_author_answers_another_authors_turns() -> None:
    rows = [row for path in EARLIER for row in _read_rows(path)]
    reader = AnswerKindReader(weights=train(rows, fingerprint(EARLIER)), embedder=tagger().embedder)
    _assert_answers(NEWEST, reader, CROSS_AUTHOR_FLOOR)


# The shipped model on a seventh author it is never trained on (bench/answer_dev.py's HELD_OUT_SET): 90.2% when
# it arrived (2026-12-07; the rules alone 82.1%).
HELD_OUT_FLOOR = 0.85


def test_the_shipped_model_answers_an_author_it_was_never_trained_on() -> None:
    _assert_answers(_answer_dev().HELD_OUT_SET, AnswerKindReader(embedder=tagger().embedder), HELD_OUT_FLOOR)


def test_the_shipped_answer_kind_weights_are_a_fresh_training() -> None:
    rows = [row for path in DEV_SETS for row in _read_rows(path)]
    fresh = train(rows, fingerprint(DEV_SETS))
    assert shipped_answer_weights().corpus == fresh.corpus, "the dev sets changed: run make train"
    # the shipped weights are stored as float16: they must read every training turn as a fresh training does
    shipped, retrained = AnswerKindReader(), AnswerKindReader(weights=fresh)
    for row in rows:
        moves = list(row.signals.moves)
        assert (
            shipped.read(row.text, row.context, moves, row.rules)[0]
            == retrained.read(row.text, row.context, moves, row.rules)[0]
        ), f"{row.text!r}: run make train"
