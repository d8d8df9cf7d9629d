"""The skilled coaches' voices: four trainees who coach well, each in their own words. Pure data.

Each move has several wordings so that two runs, or two coaches, do not say the same thing; see
`app/check/style.py` for the templates' fields."""

from __future__ import annotations

from app.check.style import Style
from app.check.wording import casual

WARM_BRITISH = Style(
    id="skilled-warm",
    description="warm British: gentle and chatty, checks in often",
    hello=(
        "Hello {name}, lovely to meet you.",
        "Hi {name}, it's really good to see you.",
        "Morning {name}! Lovely to have this time with you.",
        "Hello {name}, it's so nice to meet you properly.",
    ),
    confidential=(
        "Before we get going, I just want to say that whatever you share in here stays between the two of us.",
        "Just so you know, anything we talk about today is completely confidential; it stays in this room.",
        "First things first: this is a confidential space, so what you tell me goes no further.",
        "Before anything else, I'd like you to know this is just between us. Nothing you say leaves this conversation.",
    ),
    roles=(
        "Before we get going, I know it's a bit odd with me also being your manager, so I want to be clear: in "
        "here I'm wearing my coaching hat. What you say stays between us, and none of it goes into your review.",
        "I'm aware I'm also your line manager, which might make this feel a bit strange. So let me say it "
        "plainly: what you tell me as your coach stays between us, and it won't come anywhere near your appraisal.",
        "Just to be upfront about the two hats I wear: I'm your manager, but in these sessions I'm only your "
        "coach. Everything here is confidential, and none of it feeds into your review.",
        "Because I'm also your boss, I want to be really clear before we start. This is confidential: what's said "
        "in coaching stays in coaching, and it won't be used in your review or anywhere else.",
    ),
    goal=(
        "So, what would you like to get out of our time together today?",
        "What would you most like to take away from today's session?",
        "Where would you like to have got to by the end of our chat today?",
        "What would you like us to focus on today, so it's really useful for you?",
    ),
    success=(
        "And how would you know, at the end, that we'd got there?",
        "What would tell you, when we finish, that it had been useful?",
        "If today went really well, what would you notice by the end of it?",
        "How will you know we've done what you needed today?",
    ),
    importance=(
        "What makes that feel important to you just now?",
        "Why does this matter so much to you at the moment?",
        "And what's made this feel like the right thing to work on now?",
        "What's at stake for you here, would you say?",
    ),
    working=(
        "How would you like us to work together? What suits you best?",
        "How do you like to work in a session like this? I'm happy to go at your pace.",
        "What would be most helpful from me today, in terms of how we work?",
        "How shall we work together, do you think? What helps you think things through?",
    ),
    reflect=(
        "It sounds as though {said}, and that must feel {feeling}.",
        "So {said}. That sounds {feeling}, if I'm honest.",
        "I'm hearing that {said}, and I imagine that feels {feeling}.",
        "Gosh, {said}. That sounds {feeling}.",
        "What strikes me is that {said}, and underneath that it sounds {feeling}.",
    ),
    unreflectable=(
        "That sounds like an awful lot to be carrying.",
        "I can hear how much this matters to you.",
        "That sounds really tough, honestly.",
        "Mm. There's a lot in that.",
    ),
    empathy=(
        "That sounds really hard.",
        "Oh, that must be difficult.",
        "I'm sorry, that sounds like a tough spot to be in.",
        "That's a lot to be dealing with.",
        "It makes complete sense that you'd feel that way.",
    ),
    acknowledge=(
        "It's clear how much you care about getting this right.",
        "I really appreciate how honest you're being.",
        "You've obviously given this a lot of thought.",
        "That took some courage to say.",
    ),
    space=(
        "Take your time. There's no rush at all.",
        "We can just sit with that for a moment, if you like.",
        "No hurry. Have a think.",
        "Take all the time you need, honestly.",
    ),
    open=(
        "What's that like for you?",
        "I'd love to hear a bit more about that.",
        "How are you feeling about it all?",
        "What feels most important to you about it?",
        "What's going on for you when that happens?",
    ),
    autonomy=(
        "It's entirely up to you where we go from here.",
        "You're in charge of where we take this.",
        "We can go wherever feels most useful to you.",
    ),
    focus=(
        "Just checking in: is this still the most useful thing for us to be looking at?",
        "Is this still what you'd like to focus on today?",
        "I want to make sure we're still on track for you. Does this feel like the right area?",
    ),
    ask=(
        "You mentioned that {topic}. Would it be all right if we talked about that for a bit?",
        "I noticed you said {topic}, and then moved on. Would you be happy to stay with that for a moment? "
        "It's fine to say no.",
        "Can I pick up on something? You said {topic}. Would you like to look at that, or would you rather leave it?",
        "You said {topic}. Is that something you'd feel comfortable exploring with me?",
        "Something you said stayed with me, that {topic}. Would it be OK to go there, or shall we leave it?",
    ),
    ask_again=(
        "Earlier you mentioned that {topic}. Would it feel all right to come back to that now?",
        "I'm still thinking about when you said {topic}. Would you like to talk about it now? Only if it feels right.",
        "Going back to something from earlier, when you said {topic}: is that something you'd like to look at now?",
    ),
    thanks=(
        "Thank you for trusting me with that. It can't have been easy to say.",
        "Thank you for telling me. That sounds really hard to have been carrying.",
        "I really appreciate you sharing that. That's a lot.",
        "Thank you. That took real courage to say out loud.",
    ),
    go_on=(
        "Go ahead, whenever you're ready. I'm listening.",
        "Take your time with it. I'm here.",
        "Whenever you're ready. Start wherever feels right.",
    ),
    accept_no=(
        "Of course. We'll leave that there; it's entirely your call.",
        "That's absolutely fine. We don't need to go anywhere you don't want to.",
        "No problem at all. Thank you for being clear with me.",
        "Of course, let's leave it. You're in charge of what we look at.",
    ),
    cycle=("reflect", "empathy", "open", "reflect", "acknowledge", "space", "open", "focus"),
)

CONCISE_AMERICAN = Style(
    id="skilled-concise",
    description="concise American: short, direct, friendly",
    hello=(
        "Hey {name}, good to meet you.",
        "Hi {name}. Glad we could connect.",
        "Hey {name}, thanks for making the time.",
        "Hi {name}, great to meet you.",
    ),
    confidential=(
        "Quick note up front: everything we talk about stays between us.",
        "Before we dive in: this is confidential. Nothing leaves this call.",
        "First, just so you know, this conversation is confidential.",
        "Up front: what you share here stays between us.",
    ),
    roles=(
        "Quick note up front, since I'm also your manager: in here I'm your coach. It's confidential, and nothing "
        "we discuss goes into your performance review.",
        "I know I'm your boss, so let me be clear: coaching is separate and confidential. What you say here stays "
        "here and won't touch your review.",
        "Since I wear two hats, I want to be upfront. This is confidential, and none of it feeds into your review "
        "or decisions about you.",
        "Before we start: yes, I'm also your manager. But this session is confidential and completely separate "
        "from your review.",
    ),
    goal=(
        "What do you want to walk away with today?",
        "What would you like to get out of this session?",
        "What's the outcome you're after today?",
        "What do you want to focus on today?",
    ),
    success=(
        "How will you know this was worth it?",
        "What would success look like by the end?",
        "At the end of the hour, how will you know we got there?",
        "What would tell you this session worked?",
    ),
    importance=(
        "Why is this important right now?",
        "What makes this matter to you?",
        "Why this, and why now?",
        "What's riding on this for you?",
    ),
    working=(
        "How do you want to work together?",
        "What works best for you in a session like this?",
        "How should we run this? What helps you most?",
        "What do you need from me today?",
    ),
    reflect=(
        "So {said}. Sounds {feeling}.",
        "Sounds like {said}. That must feel {feeling}.",
        "Got it: {said}. That sounds {feeling}.",
        "{said}. That sounds {feeling}.",
        "If I'm hearing you right, {said}, and it feels {feeling}.",
    ),
    unreflectable=(
        "That's a lot.",
        "Sounds rough.",
        "That sounds tough.",
        "Yeah, that's hard.",
    ),
    empathy=(
        "That sounds rough.",
        "That's tough. I'm sorry.",
        "Makes sense you'd feel that way.",
        "Oof. That's hard.",
    ),
    acknowledge=(
        "You've clearly thought a lot about this.",
        "Appreciate you being so candid.",
        "That's a real insight.",
        "You care about doing this right. That shows.",
    ),
    space=(
        "Take your time.",
        "No rush.",
        "Take a second if you need it.",
        "Go ahead and think about it.",
    ),
    open=(
        "What's that like?",
        "Tell me more.",
        "What's going on for you there?",
        "What matters most to you here?",
        "How are you feeling about it?",
    ),
    autonomy=(
        "Your call where we go next.",
        "You decide where we take this.",
        "Up to you what we look at next.",
    ),
    focus=(
        "Quick check: is this still the right thing to focus on?",
        "Is this still the most useful thing to work on?",
        "Are we still on what you want from today?",
    ),
    ask=(
        "You mentioned {topic}. OK if we talk about that?",
        "You said {topic}. Want to go there, or leave it?",
        "Can I ask about something you said, that {topic}? Totally fine to say no.",
        "You brought up that {topic}. Would you be open to talking about it?",
        "Mind if we look at that a bit? You said {topic}.",
    ),
    ask_again=(
        "Earlier you said {topic}. OK to come back to that now?",
        "Going back to when you said {topic}: want to look at it now?",
        "You mentioned {topic} before. Open to talking about it now?",
    ),
    thanks=(
        "Thanks for sharing that. That's a lot.",
        "Thank you for telling me. That sounds really hard.",
        "I appreciate you trusting me with that.",
        "Thanks. That took guts to say.",
    ),
    go_on=(
        "Go ahead. I'm listening.",
        "OK. Whenever you're ready.",
        "Sure. Start wherever you like.",
    ),
    accept_no=(
        "Got it. We'll leave it.",
        "No problem. Your call.",
        "Totally fine. We'll skip it.",
        "Sure thing. We don't have to go there.",
    ),
    cycle=("reflect", "open", "empathy", "reflect", "space", "open", "acknowledge", "focus"),
)

HESITANT_NOVICE = Style(
    id="skilled-novice",
    description="hesitant novice: types fast in lower case, with typos and shorthand",
    hello=(
        "hi {name}! nice to meet u",
        "hey {name}, hope ur doing ok",
        "hi {name} :) good to meet you",
        "hello {name}, nice to finally meet",
    ),
    confidential=(
        "um so first, just so u know, everything we say here is confidential",
        "before we start i should say this is all confidental, it stays between us",
        "just wanted to say first that whatever u tell me stays between us ok",
        "oh and this is confidential btw, nothing leaves this chat",
    ),
    roles=(
        "i know its a bit weird bc im also ur manager, but what u say in coaching stays between us and wont go "
        "in ur review",
        "so i know im ur boss too which is kind of awkward lol. but this is confidential and nothing goes into ur "
        "review i promise",
        "before we start, even tho im ur manager, in here im just ur coach. its all confidential, nothing u say "
        "goes in ur review or anything",
    ),
    goal=(
        "so what would u like to get out of today?",
        "what do u want to get out of this session?",
        "um what would you like to work on today",
        "waht would be most useful for u to get out of today?",
    ),
    success=(
        "and how would u know its been useful? like at the end",
        "how will u know we got there by the end?",
        "what would tell u today worked?",
        "how would u know if this was a good sesion?",
    ),
    importance=(
        "why is that important to u right now?",
        "what makes this matter to u at the moment",
        "why is this important for u rn?",
        "what makes it important to you?",
    ),
    working=(
        "how do u want us to work together?",
        "how would u like to do this, like what works for u?",
        "whats the best way for us to work today do u think",
    ),
    reflect=(
        "so {said}... that sounds {feeling}",
        "it sounds like {said}, that must feel {feeling}",
        "ok so {said}. that sounds {feeling} tbh",
        "so if i get it right {said}, and that feels {feeling}",
    ),
    unreflectable=(
        "that sounds like alot",
        "oh wow thats hard",
        "that sounds rly tough",
    ),
    empathy=(
        "that sounds rly hard",
        "oh no, im sorry, that sounds tough",
        "that must be so hard",
        "makes sense u feel like that",
    ),
    acknowledge=(
        "thats really honest of u to say",
        "u have clearly thought about this alot",
        "i can tell u care alot about getting it right",
    ),
    space=(
        "take ur time, no rush",
        "its ok, take a sec",
        "no rush at all",
    ),
    open=(
        "whats that like for u?",
        "can u tell me more about that?",
        "how do u feel about it?",
        "what feels most important about it for u?",
    ),
    autonomy=(
        "its up to u where we go next",
        "u decide what we talk about ok",
    ),
    focus=(
        "is this still what u want to focus on?",
        "just checking, is this still the main thing for today?",
    ),
    ask=(
        "u said {topic}... would it be ok to talk about that?",
        "can i ask about when u said {topic}? its fine if not",
        "sorry to pick up on it but u mentioned {topic}, do u want to talk about that or leave it?",
        "u mentioned {topic}. is it ok if we go into that a bit?",
    ),
    ask_again=(
        "earlier u said {topic}, would it be ok to go back to that now?",
        "can i go back to when u said {topic}? only if u want",
        "sorry, u mentioned {topic} before, would u be ok talking about it now?",
    ),
    thanks=(
        "thank u for telling me that, i know it wasnt easy",
        "thanks for trusting me with that",
        "wow ok. thank u for sharing that",
    ),
    go_on=(
        "ok, go ahead whenever ur ready",
        "take ur time, im listening",
        "ok :) start wherever u want",
    ),
    accept_no=(
        "ok no worries, we can leave it",
        "of course thats fine",
        "sure, sorry, we dont have to",
    ),
    cycle=("reflect", "empathy", "open", "space", "reflect", "open", "acknowledge", "focus"),
    render=casual,
)

SEASONED_EXECUTIVE = Style(
    id="skilled-executive",
    description="seasoned executive coach: measured, spare, leaves silence",
    hello=(
        "Good to see you, {name}.",
        "{name}, welcome. I'm glad we have this time.",
        "Hello {name}. I'm glad you're here.",
        "{name}, good to meet you.",
    ),
    confidential=(
        "Before we begin, a word on confidentiality: what we discuss stays between us, unless you choose otherwise.",
        "One thing to say at the outset: this conversation is confidential. What you bring here remains yours.",
        "Let me start with confidentiality. Nothing you say in our sessions goes beyond the two of us.",
    ),
    roles=(
        "Before we begin, I want to name something: I'm also your manager. In this conversation I'm here only as "
        "your coach, and what you say stays between us. It will not inform your review.",
        "Let me be explicit about roles. Outside this room I'm your line manager; in here I'm your coach. This "
        "conversation is confidential and sits entirely apart from your performance review.",
        "It's worth naming the two roles I hold. As your coach, I keep what you tell me confidential, and none of "
        "it will find its way into your appraisal or decisions about you.",
    ),
    goal=(
        "What would you like to have by the end of our time today?",
        "Where would you like to focus our time today?",
        "What outcome would you like from today's conversation?",
        "What would you like to leave this session with?",
    ),
    success=(
        "And what would you notice, at the end, that told you it had been worthwhile?",
        "How will you know we've made progress by the time we finish?",
        "What would a good result look like to you, in concrete terms?",
    ),
    importance=(
        "Why does this matter to you now?",
        "What's at stake for you in getting this right?",
        "What makes this the conversation to have today?",
    ),
    working=(
        "How would you like to work with me? What do you need from me?",
        "How do you think best, and how can I support that?",
        "What would you like from me as your coach today: more challenge, or more space?",
    ),
    reflect=(
        "There's something underneath that: {said}, and it sounds {feeling}.",
        "I notice that {said}. That sounds {feeling}.",
        "What I'm hearing is that {said}, and that it feels {feeling}.",
        "So {said}, and it sounds {feeling}.",
    ),
    unreflectable=(
        "There's a lot of weight in what you've just said.",
        "I notice how carefully you're choosing your words.",
        "That's a great deal to hold.",
    ),
    empathy=(
        "That sounds genuinely difficult.",
        "I can see why that would be hard.",
        "That's a difficult place to be.",
        "It makes sense that you'd feel that.",
    ),
    acknowledge=(
        "That's a candid observation, and it takes some courage.",
        "You've clearly given this real thought.",
        "I appreciate your honesty there.",
        "That's an important insight.",
    ),
    space=(
        "Take whatever time you need.",
        "Let's pause there for a moment.",
        "There's no hurry. Let that settle.",
    ),
    open=(
        "What's going on for you as you say that?",
        "What does that bring up for you?",
        "What's the part of this that matters most?",
        "Say more.",
        "What feels most true about that?",
    ),
    autonomy=(
        "You choose where we go from here.",
        "It's your agenda. Take it wherever is most useful.",
        "You're in charge of what we look at.",
    ),
    focus=(
        "Let me check in: is this still the most useful place for our time?",
        "Is this still where you want to focus?",
    ),
    ask=(
        "You mentioned that {topic}. May we explore that, or would you rather leave it?",
        "I noticed you touched on something, that {topic}, and then stepped back. Would you like to go there?",
        "You said {topic}. Is that something you'd want to look at today? It's entirely your choice.",
        "May I ask about something you said, that {topic}? You can say no.",
    ),
    ask_again=(
        "Earlier you said {topic}. Would now be a better moment to look at that?",
        "I'd like to return to something, if you're willing: you said {topic}. Shall we?",
        "You touched on it earlier, that {topic}. Is there room for that now?",
    ),
    thanks=(
        "Thank you. That's a lot to have been carrying.",
        "Thank you for trusting me with that.",
        "I appreciate you telling me. That can't have been easy.",
    ),
    go_on=(
        "Whenever you're ready.",
        "Take your time. I'm listening.",
        "Start wherever it feels right to start.",
    ),
    accept_no=(
        "Understood. We'll leave it there.",
        "That's fine. It's your call, and I respect it.",
        "Of course. We can stay with what you brought.",
    ),
    cycle=("reflect", "space", "open", "reflect", "acknowledge", "open", "empathy", "focus"),
)

SKILLED_STYLES: tuple[Style, ...] = (WARM_BRITISH, CONCISE_AMERICAN, HESITANT_NOVICE, SEASONED_EXECUTIVE)
