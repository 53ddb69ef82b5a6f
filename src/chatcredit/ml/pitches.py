"""Pitches the spam head misses, and warnings it takes for one.

The spam head learned its n-grams from SMS and Telegram spam. Two pitches of other sites
slip under its review band, because no source teaches them:

- **a comment pitching the writer's own channel or music** and asking for something
  ("Like this comment if you want me to upload part 2 on my channel", "please support a
  small youtuber", "search "DJ Koko remix" on youtube"): a video site's comment spam;
- **a way to reach the writer beside a pitch** ("Want more views? I can help, message me",
  "an amazing opportunity that changed my life. DM for details", "grew my account from $500
  to $15k? Drop a message"): group chat's investment, job and follower offers.

Both lift spam into the review band (``bounds.LIFTED_TO``), never to a penalty: a person
decides. The reverse also happens: a member warning the group of a scam ("My brother lost
money in a crypto scam, be careful everyone") or thanking someone for their help ("Thank you
for your service") reads as one to the head; with nothing asked of the reader it is held
below review. So are a short line with nothing a pitch is made of ("hello everyone!") and a
link shared with words that neither invite to it nor offer anything (a headline and its
link): the head learned its n-grams from SMS and Telegram spam, and sent both to review on
sites it had not seen. The patterns are ours.
"""

from __future__ import annotations

import re

import ahocorasick

from chatcredit.detectors.normalization import fold, unleet
from chatcredit.ml.cues import SHORT_CODE, has_phone

# the writer's own outlet, asked for ("check out my channel", "listen to my new song"); not
# "my page" or "my profile" ("can you check my page, the CSS is broken"), everyday words of
# the web, nor an outlet with no ask ("i buy my music off iTunes")
_OUTLET = (
    r"(?:my|our|her|his) (?:new |latest |first |youtube |yt |twitch |tiktok |soundcloud |spotify )?"
    r"(?:channel|videos?|vids?|music|songs?|tracks?|mixtape|covers?|remix(?:es)?|vlogs?|podcast|stream|beats|"
    r"soundcloud|spotify|"
    r"youtube|insta|instagram|tiktok|twitch|ep|album)\b"
)
_ASKED_FOR = re.compile(
    r"\b(?:check(?: out)?|watch|listen to|visit|subscribe to|sub to|follow|support|hear|see|look at|go to|"
    rf"head to|give|hit(?: up)?) {_OUTLET}|\b(?:listen|watch|find me|follow me|check it out|hear it) on {_OUTLET}"
    # "plz visit my page and like my video" (not "i like my videos short")
    rf"|\b(?:please|pls|plz|and|go|then) (?:like|rate|share) {_OUTLET}"
)
# ... or named with an ask elsewhere in the text: "like this comment if you want part 2 on my
# channel" (each looked for once: a text of either repeated is read once, not once a match)
_ON_OUTLET = re.compile(rf"\b(?:on|to) {_OUTLET}")
_CHANNEL_ASK = re.compile(r"\b(?:subscribe|sub|like this|upload|giveaways?|giving away)\b")
# ... or the writer's own work, with an ask to look or a link: "I just started making covers,
# would mean the world if you checked them out", "I make funny videos of my cat, go look
# youtube.com/c/..." (not "I make videos for work" with nothing asked)
_OWN_WORK = re.compile(
    r"\bi(?:'ve| have|'m| am)? (?:just |also )?(?:started |been )?(?:make|made|making|post|posting|posted|upload|"
    r"uploading|uploaded|record|recording|recorded|produce|producing|produced|released|dropped|stream|streaming|"
    r"sing|singing|do|draw|drawing) (?:(?!the\b)\w+ ){0,2}?"
    r"(?:covers?|music|beats|videos?|vids?|songs?|tracks?|vlogs?|edits|animations?|content|streams?)\b"
    # ... or their channel described: "My channel is all about makeup tutorials, go check it out!!"
    # (not a chat's channel: "our channel is #dev-help, check it out")
    r"|\b(?:my|our) (?:(?:new |youtube |yt |small |little )?channel (?:is (?:all )?about|features|has \d+k? "
    r"(?:subs|subscribers|videos))|(?:youtube|yt|small|little) channel (?:is|has))\b"
)
_LOOK = re.compile(
    r"\b(?:check (?:them|it|me) out|checked (?:them|it|me) out|go look|go see|take a look|have a look|"
    r"give (?:them|it|me) a (?:listen|watch|look|try)|would mean (?:the world|a lot|so much) if)\b"
    r"|https?://|\bwww\.|\b\w+\.(?:com|tv|be|net|ly|gg)/"
)
_PROMOTION = re.compile(
    r"\bsupport (?:a |this |my |our |the )?small (?:youtuber|channel|creator|content creator|artist|streamer)s?\b"
    r"|\bsearch (?:for |up )?[\"'“]?[^\"'”\n]{1,40}[\"'”]? on "
    r"(?:youtube|yt|spotify|soundcloud|tiktok|instagram|google)\b"
    # a film offered free ("Watch the full movie free here >>"), weight lost fast
    r"|\b(?:watch|download|stream) (?:the )?(?:full |whole )?(?:movie|film|episode|season|series)s? "
    r"(?:free|online free|for free|in hd free)\b"
    r"|\blose (?:weight|belly fat|\d+ ?(?:lbs|pounds|kg)) (?:fast|quickly|in \d+ days)\b"
    r"|\bgive (?:me|us|my (?:channel|music|videos?|songs?)) a (?:chance|try|listen|shot)\b"
    r"|\bsub(?:scribe)?s? (?:to me|back)\b|\bsub ?4 ?sub\b"
    # "please help me get 1000 subs", "subscribe to my feed"
    r"|\bhelp (?:me|us|my (?:channel|page)) (?:to )?(?:get|reach|hit|get to) (?:\d+k?|a (?:few )?(?:hundred|thousand)) "
    r"(?:subs|subscribers|followers|likes|views)\b"
    r"|\bsub(?:scribe)? to (?:my|our) (?:feed|blog|newsletter|page|profile|account)\b"
    r"|\bfollow (?:me|us) for (?:daily|more|free)\b"
    r"|\bfollow (?:me|us) on (?:twitter|insta\w*|ig|tiktok|twitch|soundcloud|spotify|youtube|snapchat|x)\b"
    # a link spelled out to pass a filter: "Visit viewboost dot com"
    r"|\b(?:visit|go to|check out|goto) [\w-]+ ?(?:dot|\(dot\)|\[dot\]) ?(?:com|net|org|biz|info|co|io)\b"
    r"|(?:^|[,.!] )(?:i|we)(?:'ll| will)? follow (?:u |you )?back\b"
    r"|\bf4f\b|\bfollow for follow\b"
    # "check the link in my profile", "search my name", "out now on iTunes", "click my name",
    # "support me by subscribing", "free robux", "get yours" or "visit my website" with a link
    r"|\blink in (?:my )?(?:bio|profile|description)\b|\bsearch (?:for )?my name\b"
    r"|\bout now on (?:itunes|spotify|apple music|soundcloud|youtube|amazon)\b"
    r"|\bclick (?:on )?my (?:name|profile|pic|picture|icon|avatar)(?:\W*$| for more\b| and (?:sub|follow|check)\b)"
    r"|\bsupport me by (?:subscribing|liking|sharing|following|watching)\b"
    r"|\bfree (?:robux|v-?bucks|gift ?cards?|(?:psn|xbox|steam|itunes|google play) (?:codes?|cards?|keys?|wallet))\b"
    r".{0,40}?(?:\b(?:at|here|link|on my|google|search|sign up)\b|https?://|\bwww\.|\bdot (?:com|org|net)\b|"
    r"\.(?:com|org|net)\b)"
    r"|(?:\bget yours\b.{0,60}?(?:https?://|\bwww\.)|(?:https?://|\bwww\.)\S+.{0,60}?\bget yours\b)"
    r"|\bvisit my (?:website|site|shop|store|blog|etsy)\b.{0,80}?"
    r"(?:https?://|\bwww\.|\b[\w-]+\.(?:com|net|org|shop|store|biz)\b)"
    # what the policy rule `spam-self-promotion` does not name: a bare ask to subscribe ("pls
    # subscribe"), a code to sign up with, a comment to be liked to the top, a plug owned up to
    # ("shameless self promo"); not "please follow the rules", "no self promo" nor "like this
    # comment if you agree"
    r"|\b(?:please|pls|plz|plse) (?:sub|subscribe)(?:\W*$| (?:to )?(?:me|us|my|our)\b)"
    r"|(?:^|[.!,] )(?:sub|subscribe) (?:please|pls|plz)\b"
    r"|\b(?:sign ?up|register|join) (?:with|using) my (?:referral |promo |invite )?(?:code|link)\b"
    r"|\b(?:use|enter|with) my (?:referral|promo|discount) (?:code|link)\b|\bmy referral (?:code|link)\b"
    r"|\b(?:get|push|bring) this (?:comment )?to the top\b"
    r"|\bshameless (?:self[- ]?)?(?:promo|promotion|plug)\b"
    # a discount with a link: "80% off only today ➡️ vpn-deal.shop"
    r"|\b\d{1,2} ?% off\b.{0,80}?(?:https?://|\bwww\.|\b[\w-]+\.(?:com|net|shop|store|io|xyz|club|win|biz|tk|ly)\b)"
    # a recovery testimonial: "I recovered my stolen crypto with the help of @RecoveryPro"
    r"|\b(?:(?:recovered|retrieved) (?:all )?my (?:stolen |lost |scammed )?"
    r"|got back (?:all )?my (?:stolen|lost|scammed) )"
    r"(?:crypto|funds|money|bitcoin|btc|usdt|coins|investment)\b"
    r".{0,60}?(?:with the help of|thanks to|contact|\b(?:he|she|they)(?:'s| is| are) (?:100% )?legit\b|@\w)"
    # people sought for easy money: "Looking for 5 serious people to work online, weekly payouts"
    r"|\b(?:looking for|need|seeking) (?:\d+ |a few |some )?(?:serious |motivated |active )?(?:people|persons|"
    r"individuals|partners)\b.{0,60}?\b(?:no experience|from home|payouts?|earn\w*|income|per (?:week|day|hour))\b"
)
# a way to reach the writer, or someone they name ("write to him directly", "reach him on telegram")
_CONTACT = re.compile(
    r"\b(?:dm|pm|inbox|message|text|write|write to|contact|reach(?: out to)?) (?:me|him|her|us)\b"
    r"|\b(?:dm|pm|text|message|inbox|comment|type)(?: me)? [\"'“]?(?:info|yes|start|join|interested)\b"
    r"|\b(?:comment|type|reply) [\"'“](?:me|info|yes|interested|start|join)[\"'”]"
    r"|\b(?:drop|send) (?:me )?a (?:message|dm|pm|line)\b|\b(?:dm|pm|inbox|message me) (?:for|to know|to learn|if)\b"
    r"|\b(?:on|via|through) (?:whatsapp|telegram)\b"
    r"|\b(?:me|us|him|her) (?:on|via|through) (?:insta|instagram|ig|snapchat|snap)\b"
    r"|\bhit me up\b|\bhmu\b"
)
# ... and what is pitched: money, an opportunity, an audience
_PITCH = re.compile(
    r"[$€£]\s?\d|\b\d+k\b|\b(?:opportunity|income|profits?|earn\w*|invest\w*|trading|crypto\w*|bitcoin|forex|"
    r"views|followers|subscribers|likes|loans?|hiring|paid|salary|signals|returns?|funds|selling|for sale|cheap|"
    r"make money|double (?:your|their|my) money|portfolio|serious people|lost money|recover\w*|get it back|collab|"
    r"beats|extra cash|from home)\b"
)
_WARNING = re.compile(
    r"\b(?:be careful|beware|watch out|careful|don'?t fall for|do not fall for|stay away|never send|report)\b"
)
_SCAM = re.compile(r"\b(?:scams?|scammers?|scammed|frauds?|fraudsters?|fake)\b")


#: The most words a message with nothing a pitch is made of may have and still be held below
#: review as spam (``too_short_to_pitch``; the cues say "nothing": ``bounds._PITCH_CUES``).
SHORT_WITHOUT_A_PITCH = 15


def too_short_to_pitch(folded: str) -> bool:
    """A greeting, thanks or a line of help ("hello everyone!", "linuxnewbie, you have to
    recompile your kernel first"): too short for the n-grams it shares with spam to make it
    one where it holds nothing a pitch is made of (no link, money, ask or phone number: the
    caller's cues), and no code to text."""
    return len(folded.split()) <= SHORT_WITHOUT_A_PITCH and _sells_nothing(folded)


# What makes a shared link a pitch, beyond the cues' asks and sums of money: an invitation to
# go to it, look or get something ("log onto http://...", "to claim this week's offer, go to
# ..."), something offered ("free crochet patterns at ...", "great prizes", "hot singles"), a
# price ("25 рублей") or "join us". Matched on the classifier's form of the text, so the Russian words
# are folded as the texts are.
_SELLING = re.compile(
    r"\b(?:log ?on(?:to)?|go (?:to|on)|goto|visit|click|check (?:it |this |them )?out|download|get (?:\d|it|yours|"
    r"them|more|your|lots)|sign up|register|claim|reply|order|buy|shop|free|win|won|winners?|offers?|deals?|prizes?|"
    r"cash|vouchers?|discounts?|tickets?|singles|hook ?ups?|nudes|(?:hot|horny|lonely|sexy) (?:girls|singles|women|"
    r"moms|milfs|wives|guys)|"
    rf"{unleet(fold('присоединяйтесь'))}|{unleet(fold('присоединяйся'))})\b"
    rf"|\d ?(?:{unleet(fold('руб'))}\w*|eur|euros?|usd|dollars?|pounds|gbp)\b|\b18\+"
)
_LINK_IN_WORDS = re.compile(r"\S*(?:https?://|www\.)\S*")


def shares_a_link(folded: str) -> bool:
    """Words of their own beside a link that neither invite the reader to it nor offer
    anything: a headline, "I made this: <link>", "can anybody use this app? <link>". A
    message that is a link alone says nothing either way."""
    return len(_LINK_IN_WORDS.sub(" ", folded).split()) >= 2 and _sells_nothing(folded)


def has_a_number_to_call(folded: str) -> bool:
    """A phone number outside the links, or a chat link made of one ("wa.me/+79244317126"). The
    phone cue also reads digits after a letter in a link's path as one
    ("nature.com/articles/s41586-023-06543-x", 1.00 as spam, an automated penalty for sharing
    an article). Mending the cue changes one tg-spam training row, and without SMS the spam
    head learns a phone number's weight from the few tg-spam lines that hold one: SMS left out
    fell from 0.695 to 0.627, its automated precision under 0.9 (docs/detection.md). So the
    bounds read the text again instead."""
    return has_phone(_LINK_IN_WORDS.sub(lambda link: link.group() if "wa.me/" in link.group() else " ", folded))


def _sells_nothing(folded: str) -> bool:
    return _SELLING.search(folded) is None and _PITCH.search(folded) is None and SHORT_CODE.search(folded) is None


# One Aho-Corasick pass finds which searches a text needs at all (nine in ten need none): a
# word each of them cannot match without.
_NEEDS = {
    "outlet": (
        "channel", "video", "vids", "music", "song", "track", "mixtape", "cover", "podcast", "stream", "beats",
        "soundcloud", "spotify", "youtube", "insta", "tiktok", "twitch", "my ep", "album", "vlog", "edits", "animation",
        "content", "remix",
    ),
    # the rarer word of each pitch: "movie", not "watch"; "no experience", not "need"
    "promotion": (
        "small", "search", "give", "sub", "follow", "f4f", "movie", "film", "episode", "season", "series",
        "weight", "belly fat", "lbs", "pounds", "kg", "% off", "recovered", "retrieved", "my stolen", "my lost",
        "my scammed", "no experience", "from home", "payout", " earn", "income", "per week", "per day", "per hour",
        "code", "referral", "promo", "discount", "my link", "my invite", "top", "shameless", "dot", "views", "likes",
        "link in", "my name", "out now", "click", "support me", "robux", "bucks", "gift card", "giftcard", "psn",
        "xbox", "steam", "itunes", "google play", "get yours", "visit my",
    ),
    "contact": (
        "dm", "pm", "inbox", "message", "text", "write", "contact", "reach", "drop", "send", "whatsapp", "telegram",
        "hit me up", "hmu", "info", "interested", '"me', "'me", "“me", '"yes', "'yes", "“yes", '"start', "'start",
        "“start", '"join', "'join", "“join", "on insta", "on ig", "on snap", "via insta", "via ig", "via snap",
        "through insta", "through ig", "through snap",
    ),
}  # fmt: skip
_TRIGGERS = ahocorasick.Automaton()
for _search, _words in _NEEDS.items():
    for _word in _words:
        _TRIGGERS.add_word(_word, (*_TRIGGERS.get(_word, ()), _search))
_TRIGGERS.make_automaton()


def pitches(folded: str) -> bool:
    """The writer's own channel or music pitched with an ask, or a way to reach them beside
    money, an opportunity or an audience."""
    needed = {search for _, searches in _TRIGGERS.iter(folded) for search in searches}
    if not needed:
        return False
    if "promotion" in needed and _PROMOTION.search(folded):
        return True
    if "outlet" in needed and (
        _ASKED_FOR.search(folded)
        or (_ON_OUTLET.search(folded) and _CHANNEL_ASK.search(folded))
        or (_OWN_WORK.search(folded) and _LOOK.search(folded))
    ):
        return True
    return "contact" in needed and _CONTACT.search(folded) is not None and _PITCH.search(folded) is not None


# A short line of thanks for help, or asking the thread for an answer: "Thank you for your
# service" (0.85 as spam), "thanks for your help" (0.73), "Reply to this thread with your
# availability" (0.86), "You have won the game!" (0.52); SMS spam thanks for an order or a
# subscription, and asks for a reply by text.
_COURTESY = re.compile(
    r"^(?=.{0,80}$)\W*(?:"
    r"(?:thanks|thank you|thanx|thx|ty|tnx)(?: so much| very much| a lot)? for (?:your|the|all|ur) "
    r"(?:kind |quick |great )?(?:help|service|support|time|reply|replies|answer|answers|patience|advice|input|"
    r"feedback|wishes|message|words|hard work|explanation|tips?)\b"
    r"|reply (?:to|in|on) (?:this|the) (?:thread|post|chat|group|topic)\b"
    r"|(?:can|could|pls|please) (?:everyone|everybody|every1|you all|y'?all|you guys|u guys|all) "
    r"(?:please )?(?:confirm|rsvp|reply|respond|vote)\b"
    r"|(?:you|we|they|u) (?:have |just )?won the (?:game|match|round|set|final|tournament|raffle|race|debate)\b"
    # game talk: "free win", "ty for free mmr" (0.71), "text chat only", "join voice chat"
    r"|(?:(?:thanks|thank you|thx|ty) (?:for|4) (?:the )?)?(?:free|ez|easy) (?:win|wins|elo|mmr|lp|rr|farm|gold|kill|"
    r"kills)\W*$|text chat only\b"
    r"|join (?:the )?(?:voice|vc|voice chat|team chat|party chat)\b)"
)


def is_courtesy(folded: str) -> bool:
    """A short line of thanks for help or service, a request to reply in the thread, a game
    won, or game talk ("free win", "text chat only"): nothing pitched."""
    return _COURTESY.match(folded) is not None


def warns_of_a_scam(folded: str) -> bool:
    """A scam named beside a warning ("be careful", "beware", "don't fall for")."""
    return _SCAM.search(folded) is not None and _WARNING.search(folded) is not None
