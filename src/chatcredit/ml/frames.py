"""Speech about an attack is not an attack.

Quoting or reporting an attack to denounce it, denying one ("X are not ..."), a group's own
reclaimed word, or affection for a group: the classifier's n-grams see the same words in
all of these as in the attack itself; these patterns see the frame
(``tests/fixtures/hate_contrasts.jsonl`` has cases of each). The classifier caps what such a
message scores as harassment and hate (``TextClassifier.calibrated``). The patterns are ours.

Known gap: an attacker can borrow the frame ("... and that's no lie" is not denouncing);
the cap keeps such a message out of the review band, so it is left to reports and rules.
"""

from __future__ import annotations

import re

_GROUP = (
    r"(?:wom[ae]n|girls|m[ae]n|gays?|gay (?:people|men|friends)|lesbians?|trans (?:people|women|men)|queers?|"
    r"black (?:people|men|women)|blacks|jews|jewish people|muslims|immigrants|refugees|migrants|disabled people|"
    r"asians|mexicans|africans|arabs|christians|hindus)"
)
_REPORTED = re.compile(
    r"[\"“”«»]|\b(?:said|says|saying|wrote|writes|posted|posts|called|calling|claim(?:s|ing)?|comparing|quoting|"
    r"telling|statements? that|the idea that|people saying)\b"
)
_DENOUNCED = re.compile(
    r"\b(?:racis[mt]|sexis[mt]|bigot(?:ry|ed|s)?|hateful|hate speech|dehumani[sz]\w*|antisemit\w*|homophob\w*|"
    r"transphob\w*|islamophob\w*|xenophob\w*|not okay|not ok|unacceptable|disgusting|vile|myth|stereotype|lie|"
    r"false|wrong|no place|call (?:it|this|that) out|reported|apologi[sz]e|stop|deleted|removed|"
    r"breaking the rules|won't stand|not backed|please don't|spreads? (?:it|hate)|quoting hate)\b"
)
_NEGATED = re.compile(
    rf"\b{_GROUP}\b[^.!?]{{0,30}}\b(?:are|is|were)(?:n't| not| never)\b"
    r"|\b(?:don't|do not|never|would never|no one should(?: ever)?)\s+(?:hate|call|say)\b"
)
_OWN = re.compile(
    r"\b(?:i'm|i am|we're|we are|as an?|my fellow|fellow|proud)\b[^.!?]{0,25}"
    r"\b(?:queers?|dykes?|gay|lesbian|trans|bi)\b"
    r"|\bqueer (?:folks?|people|community|and trans)\b"
)
_AFFECTION = re.compile(rf"\b(?:i|we) (?:love|support|respect|welcome|admire)\b[^.!?]{{0,20}}\b{_GROUP}")


def about_an_attack(folded: str) -> bool:
    """Quoting, reporting, denying or reclaiming: the frames in which an attack's words are
    not an attack (tests/fixtures/hate_contrasts.jsonl)."""
    return bool(
        (_REPORTED.search(folded) and _DENOUNCED.search(folded))
        or _NEGATED.search(folded)
        or _OWN.search(folded)
        or _AFFECTION.search(folded)
    )
