"""The bounds on the classifier's calibrated probabilities: the frames' caps and lifts.

The heads' n-grams read words, not who they are aimed at. The frames (``frames.py``,
``threats.py``, ``derogation.py``, ``insults.py``, ``idioms.py``, ``tongues.py``) read that, and bound what
the heads say:

- **lifts** to ``LIFTED_TO``, in the default policy's review band and far below its
  automated band, so a person decides: a group derogated for what it is (hate), a threat to
  the person addressed (threat), a sexual demand to them (sexual), an insult to them or
  swearing in another tongue (harassment), spam written in look-alike letters;
- **caps** at ``ABOUT_AN_ATTACK_CAP``, below any sensible review band: hate with no slur
  and no group named beside a dehumanising word, "sexual" and "threat" without a word of
  ``wordlists.NAMING``, a group named plainly with nothing said against it, speech about an
  attack (quoted to denounce it, denied, reclaimed), the speaker blaming themself, a line
  that means no one or only praises a play ("nice kill"), refuse ("the white trash can is
  full"), a machine cursed ("stupid lag"), violence aimed only at things;
- automated harassment needs a swear word or a slur (``HARASSMENT_WITHOUT_A_SWEAR``);
- automated spam needs an ask (``SPAM_THAT_ASKS_NOTHING``); a warning of a scam, a line
  of thanks, a short line with nothing of a pitch or a link shared with words that sell
  nothing is held below review (``pitches.py``), and the pitches the spam head misses are
  lifted into it.

``bound`` is pure: probabilities, the dense cue columns and the texts' forms in, bounded
probabilities out. The frames are searched only on the rows a cue or a probability points
at, so the cost grows with the few messages that need them.
"""

from __future__ import annotations

import numpy as np

from chatcredit.ml.cues import DENSE, SHORT_CODE
from chatcredit.ml.derogation import derogates_a_group, may_name_a_group
from chatcredit.ml.frames import (
    UNCOUNTED_SEXUAL_WORDS,
    about_an_attack,
    describes_a_group,
    solicits_sex,
)
from chatcredit.ml.homonyms import says_a_homonym
from chatcredit.ml.idioms import (
    blames_oneself,
    curses_a_machine,
    means_no_one,
    praises_a_play,
    says_a_saying,
    speaks_of_refuse,
)
from chatcredit.ml.insults import has_an_insult_word, insults_the_addressee
from chatcredit.ml.name_calling import NOT_SWEARING
from chatcredit.ml.pitches import (
    has_a_number_to_call,
    is_courtesy,
    pitches,
    shares_a_link,
    too_short_to_pitch,
    warns_of_a_scam,
)
from chatcredit.ml.profanity import packaged_lexicon
from chatcredit.ml.threats import UNCOUNTED_THREAT_WORDS, threatens_the_addressee, violence_at_a_thing
from chatcredit.ml.tongues import swears_in_another_tongue
from chatcredit.ml.wordlists import NAMING

#: The most a message framed as speech about an attack can score as harassment: below any
#: sensible review band, so it is never flagged for its quoted words alone.
ABOUT_AN_ATTACK_CAP = 0.25
#: The least a message that derogates a group scores as harassment and hate, that threatens
#: the person addressed as harassment and threat, that solicits sex as harassment and sexual,
#: or that is written in look-alike letters as spam: in the default policy's review band (0.5),
#: far below its automated band (0.98), so a person decides. A policy with ``review_at``
#: above it does not see the lift.
LIFTED_TO = 0.75
#: The most a message that asks for no answer scores as spam: in the review band of the
#: default policy, never its automated band (0.98). Spam asks: "DM me", "click the link",
#: "subscribe", "join now", a chat invite, a phone number, "txt WIN to 80086"
#: (``cues.SHORT_CODE``). A link, a mention, an amount of money or a long text alone is how
#: people share news in a group: leaving one source out, shared headlines and sums of money
#: in political comments were most of the automated spam on tweets and news comments. A
#: person decides; an automated penalty's statement of reasons can always point at the ask.
SPAM_THAT_ASKS_NOTHING = 0.95
#: The most a message with no swear word and no slur scores as harassment: in the review band
#: of the default policy, never its automated band. Name-calling alone ("You are a fool.",
#: "Moron.", "what a jerk you are", "you are so stupid") is what raters split on: Toxic Spans
#: labels "You are a fool." not toxic and "you are a fool" toxic, "Moron." not and "MORON."
#: toxic. Leaving one source out, these made most of the automated band's false alarms on news
#: comments. A person decides; swearing at someone ("you fucking moron") or a slur still
#: reaches the automated band.
HARASSMENT_WITHOUT_A_SWEAR = 0.95
#: A message with nothing a pitch is made of (no link, chat invite, money word, sum, ask,
#: contact, phone number, shouting or look-alike letters) and too short to carry evidence of
#: its own (``pitches.too_short_to_pitch``), or a link shared with words that neither invite
#: to it nor offer anything (``pitches.shares_a_link``), is held below review as spam.
_PITCH_CUES = [DENSE.index(c) for c in ("spam_cues", "money_symbol", "shouting", "lookalike_letters")]
_LINK = DENSE.index("link")
_MONEY_CUES = [DENSE.index(c) for c in ("money_symbol", "money_words")]
_ASKING_CUES = [DENSE.index(c) for c in ("contact", "call_to_action", "promotion", "invite_link")]
_PHONE = DENSE.index("phone")
_LOOKALIKE = DENSE.index("lookalike_letters")
_PROFANITY = DENSE.index("profanity")
_PROFANITY_COUNT = DENSE.index("profanity_count")
_FRAME_CUES = ("slur", "identity_and_dehumanising", "you_and_profanity", "identity", "threat_words", "sexual_words")
_CAP = ABOUT_AN_ATTACK_CAP

Forms = list[tuple[str, str]]


def bound(p: np.ndarray, names: list[str], cues: np.ndarray, forms: Forms) -> np.ndarray:
    """``p`` (one row per text, one column per head of ``names``) bounded by the frames;
    ``cues`` are the texts' dense columns (``DENSE``), ``forms`` their ``(words, skeleton)``.
    ``p`` is changed in place and returned."""
    slur, group_attack, insult, identity, threat, sexual = (cues[:, DENSE.index(c)] > 0 for c in _FRAME_CUES)
    col = {name: k for k, name in enumerate(names)}
    if "spam" in col:
        _bound_spam(p[:, col["spam"]], cues, forms)
    if "hate" in col:
        k = col["hate"]
        p[:, k] = np.where(slur | group_attack, p[:, k], np.minimum(p[:, k], _CAP))
    _cap_unnamed(p, col, {"sexual": sexual, "threat": threat}, forms)
    hated = [col[n] for n in ("harassment", "hate") if n in col]
    derogated = np.zeros(len(forms), dtype=bool)
    if hated:
        derogated = _lift_derogation(p, hated, identity, forms)
        # A group named plainly with nothing said against it, no swearing, slur, insult or
        # threat ("we are a group of gay people") is capped like speech about an attack.
        plain = identity & ~derogated & ~slur & ~group_attack & ~insult & ~threat & (cues[:, _PROFANITY] == 0)
        for n in np.flatnonzero(plain & (p[:, hated] > _CAP).any(axis=1)).tolist():
            if describes_a_group(forms[n][0]):
                p[n, hated] = np.minimum(p[n, hated], _CAP)
    _lift_frames(p, col, threat, sexual, forms)
    if "harassment" in col:
        insult = insult | _lift_insults(p[:, col["harassment"]], forms)
    if hated:
        # refuse, a machine or a saying, not a person ("the white trash can is full", "stupid
        # lag", "shut up and take my money"), however the cues read it
        unsworn = cues[:, _PROFANITY] == 0
        profane_words = np.rint(cues[:, _PROFANITY_COUNT] * 5).astype(int)  # the cue is min(n, 5) / 5
        for n in np.flatnonzero((p[:, hated] > _CAP).any(axis=1) & ~slur & ~insult).tolist():
            f = forms[n][0]
            if (
                (unsworn[n] and speaks_of_refuse(f))
                or curses_a_machine(f, int(profane_words[n]))
                or says_a_saying(f, int(profane_words[n]))
            ):
                p[n, hated] = np.minimum(p[n, hated], _CAP)
        # a slur's homonym in a set phrase, whoever it is said to ("can I bum a fag off you")
        for n in np.flatnonzero((p[:, hated] > _CAP).any(axis=1) & slur).tolist():
            if says_a_homonym(forms[n][0]):
                p[n, hated] = np.minimum(p[n, hated], _CAP)
        own = ~(slur | group_attack)  # the speaker's own words, if anyone's
        plain = own & ~(identity | derogated | (cues[:, _PROFANITY] > 0))
        for n in np.flatnonzero((p[:, hated] > _CAP).any(axis=1) & ~insult).tolist():
            f = forms[n][0]
            if (
                about_an_attack(f)
                or (own[n] and (blames_oneself(f) or praises_a_play(f)))
                or (plain[n] and means_no_one(f))
            ):
                p[n, hated] = np.minimum(p[n, hated], _CAP)
    threatened = [col[n] for n in ("harassment", "threat") if n in col]
    if threatened:
        for n in np.flatnonzero((p[:, threatened] > _CAP).any(axis=1) & threat & ~insult).tolist():
            # "another ignorant loser lefty ... killing it": the thing is a bill, the loser a person
            if violence_at_a_thing(forms[n][0]) and not has_an_insult_word(forms[n][0]):
                p[n, threatened] = np.minimum(p[n, threatened], _CAP)
    if "harassment" in col:
        _cap_unsworn(p[:, col["harassment"]], cues, slur | threat | sexual, forms)
    return p


def _cap_unsworn(harassment: np.ndarray, cues: np.ndarray, graver: np.ndarray, forms: Forms) -> None:
    """Automated harassment needs a swear word, a slur, a threat's or a sexual word (``graver``):
    name-calling alone goes to a person. A row without the profanity cue has no word of the
    list at all; the others are read again without the names that are not swearing
    (``name_calling.NOT_SWEARING``)."""
    lexicon = packaged_lexicon()
    for n in np.flatnonzero((harassment > HARASSMENT_WITHOUT_A_SWEAR) & ~graver).tolist():
        if cues[n, _PROFANITY] == 0 or not lexicon.swears(forms[n][0], NOT_SWEARING):
            harassment[n] = HARASSMENT_WITHOUT_A_SWEAR


def _bound_spam(spam: np.ndarray, cues: np.ndarray, forms: Forms) -> None:
    """Automated spam needs an ask; a short line with nothing of a pitch, a link shared with
    words that sell nothing, a warning of a scam or courtesy ("Thank you for your service")
    that asks nothing is held below review; look-alike letters ("Вeдy") and the
    pitches the head misses (``pitches``) then lift spam to review."""
    phone = cues[:, _PHONE] > 0
    for n in np.flatnonzero(phone & (spam > _CAP) & (cues[:, _LINK] > 0)).tolist():
        phone[n] = has_a_number_to_call(forms[n][0])
    asks = (cues[:, _ASKING_CUES] > 0).any(axis=1) | phone  # the rows below ask nothing: no number either
    bare = (cues[:, _PITCH_CUES] == 0).all(axis=1)
    shared = (cues[:, _LINK] > 0) & (cues[:, _MONEY_CUES] == 0).all(axis=1)
    for n in np.flatnonzero(~asks & (spam > _CAP)).tolist():
        f = forms[n][0]
        if (bare[n] and too_short_to_pitch(f)) or (shared[n] and shares_a_link(f)):
            spam[n] = _CAP
            continue
        if spam[n] > SPAM_THAT_ASKS_NOTHING and SHORT_CODE.search(f) is None:
            spam[n] = SPAM_THAT_ASKS_NOTHING
        if (warns_of_a_scam(f) and not pitches(f)) or is_courtesy(f):
            spam[n] = min(spam[n], _CAP)
    np.maximum(spam, LIFTED_TO * (cues[:, _LOOKALIKE] >= 1), out=spam)
    for n in np.flatnonzero(spam < LIFTED_TO).tolist():
        if pitches(forms[n][0]):
            spam[n] = LIFTED_TO


def _cap_unnamed(p: np.ndarray, col: dict[str, int], cue_of: dict[str, np.ndarray], forms: Forms) -> None:
    """ "Sexual" and "threat" need a word that is more than swearing or a modal verb
    (``wordlists.NAMING``): "mplayer kicks ass" is no sexual harassment, "damn it, I will"
    no threat. Every NAMING word is also a word of its cue (a test says so), so a row without
    the cue is capped at once and only the few with it are searched again."""
    named = [(col[n], w, cue_of[n]) for w, n in enumerate(NAMING.names) if n in col]
    for k, _, cue in named:
        p[~cue, k] = np.minimum(p[~cue, k], _CAP)
    if not named:
        return
    for n in np.flatnonzero((p[:, [k for k, _, _ in named]] > _CAP).any(axis=1)).tolist():
        found = NAMING.count(forms[n][0])
        for k, w, _ in named:
            if not found[w]:
                p[n, k] = min(p[n, k], _CAP)


def _lift_derogation(p: np.ndarray, hated: list[int], identity: np.ndarray, forms: Forms) -> np.ndarray:
    """Lift a group derogated for what it is, however politely worded; the rows lifted.
    A group's word may be misspelt, glued or spaced out ("wmoen", "ihatewomen")."""
    glance = [not named and may_name_a_group(f) for named, (f, _) in zip(identity, forms, strict=True)]
    derogated = np.zeros(len(forms), dtype=bool)
    for n in np.flatnonzero(identity | np.array(glance, dtype=bool)).tolist():
        if derogates_a_group(forms[n][0]):
            p[n, hated] = np.maximum(p[n, hated], LIFTED_TO)
            derogated[n] = True
    return derogated


def _lift_frames(p: np.ndarray, col: dict[str, int], threat: np.ndarray, sexual: np.ndarray, forms: Forms) -> None:
    """Lift a threat to the person addressed and a sexual demand to them."""
    for lifted_heads, counted, uncounted, frame in (
        (("harassment", "threat"), threat, UNCOUNTED_THREAT_WORDS, threatens_the_addressee),
        (("harassment", "sexual"), sexual, UNCOUNTED_SEXUAL_WORDS, solicits_sex),
    ):
        lifted = [col[n] for n in lifted_heads if n in col]
        if not lifted:
            continue
        maybe = counted | np.array([any(w in f for w in uncounted) for f, _ in forms], dtype=bool)
        for n in np.flatnonzero(maybe).tolist():
            if frame(forms[n][0]):
                p[n, lifted] = np.maximum(p[n, lifted], LIFTED_TO)


def _lift_insults(harassment: np.ndarray, forms: Forms) -> np.ndarray:
    """Lift an insult to the person addressed, or swearing in another tongue, as harassment;
    the rows that insult the addressee. A word of another tongue may be quoted, as English
    is, so it lifts the line without marking it an insult."""
    addressed_rows = np.zeros(len(forms), dtype=bool)
    for n in np.flatnonzero(harassment < LIFTED_TO).tolist():
        addressed = insults_the_addressee(forms[n][0])
        if addressed or swears_in_another_tongue(forms[n][0]):
            harassment[n] = LIFTED_TO
            addressed_rows[n] = addressed
    return addressed_rows
