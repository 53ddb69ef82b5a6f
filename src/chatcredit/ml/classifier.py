"""The text classifier: hashed byte 4-grams (``bytegrams.py``) and word n-grams plus cues
that do not depend on the site (``cues.py``), one calibrated logistic-regression head per
kind of violation (``spam``, ``harassment``, ``hate``, ``threat``, ``sexual``).

Text is normalised to its skeleton first (the same one the keyword rules use), so the
evasions the rules see through do not fool the classifier either. The model file is a
plain ``.npz`` of weights and a JSON description — no pickle, so loading a model file
runs no code. Loading needs numpy, scipy and scikit-learn's stateless hashing
vectoriser; training (``training.py``) needs scikit-learn's estimators.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
from scipy.sparse import csr_matrix, hstack
from sklearn.feature_extraction.text import HashingVectorizer

from chatcredit.detectors.normalization import fold, skeleton_of_folded, unleet
from chatcredit.ml.bytegrams import byte_grams, unit_rows
from chatcredit.ml.cues import NAMES as CUES
from chatcredit.ml.cues import SHORT_CODE, cue_matrix
from chatcredit.ml.derogation import derogates_a_group, may_name_a_group
from chatcredit.ml.frames import (
    UNCOUNTED_SEXUAL_WORDS,
    UNCOUNTED_THREAT_WORDS,
    about_an_attack,
    describes_a_group,
    solicits_sex,
    threatens_the_addressee,
    violence_at_a_thing,
)
from chatcredit.ml.idioms import blames_oneself, means_no_one
from chatcredit.ml.insults import insults_the_addressee
from chatcredit.ml.second_opinion import profanity_probability
from chatcredit.ml.tongues import swears_in_another_tongue
from chatcredit.ml.wordlists import NAMING

FORMAT = "chatcredit-classifier/3"
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
_ASKING_CUES = ("contact", "call_to_action", "promotion", "invite_link", "phone")
DENSE = [*CUES, "profanity_check", "profanity_check_0.5"]  # the last columns of the features
N_BITS = 18
N_FEATURES = 2**N_BITS
_DENSE_AT = 2 * N_FEATURES  # the first dense column (after byte 4-grams and word n-grams)
_PROFANITY = DENSE.index("profanity")
_FRAME_CUES = ("slur", "identity_and_dehumanising", "you_and_profanity", "identity", "threat_words", "sexual_words")
_WORD = HashingVectorizer(
    analyzer="word",
    ngram_range=(1, 2),
    n_features=N_FEATURES,
    alternate_sign=False,
    token_pattern=r"(?u)\b\w+\b",
    norm=None,  # rows scaled by bytegrams.unit_rows: the same numbers without the per-call checks
)


#: One-word entries of the list that are not abuse in chat ("god" is a word of prayer as
#: much as of cursing; "lmao" and "omg" are laughter and surprise; "gay" and "queer" name
#: who someone is, and counting them as swearing flagged "my cousin is gay").
NOT_PROFANE = frozenset({"god", "omg", "lmao", "fat", "weed", "gai", "poop", "hell", "he11", "damn", "gay", "queer"})


@dataclass(frozen=True)
class Lexicon:
    """The profanity list's one-word entries as folded words, and in skeleton spelling where
    that is long enough not to collide with an everyday word (``milf`` and ``miss`` share
    the skeleton ``mif``; ``b.i.t.c.h`` and ``bitch`` share ``bitch``)."""

    folded: frozenset[str]
    skeletons: frozenset[str]

    def count(self, folded: str, skeleton: str) -> int:
        plain = sum(map(self.folded.__contains__, _TOKEN.findall(folded)))
        return max(plain, sum(map(self.skeletons.__contains__, skeleton.split())))


_TOKEN = re.compile(r"\w+")


def packaged_lexicon() -> Lexicon:
    lines = resources.files("chatcredit").joinpath("data/profanity_wordlist.txt").read_text("utf-8").splitlines()
    words = {fold(w.strip()) for w in lines if w.strip() and " " not in w.strip()} - NOT_PROFANE
    skeletons = {skeleton_of_folded(w) for w in words}
    return Lexicon(frozenset(words), frozenset(s for s in skeletons if len(s) >= 5))


def forms_of(texts: list[str]) -> list[tuple[str, str]]:
    """The classifier's ``(words, skeleton)`` of each text: ``unleet(fold)``, which the word
    lists and frames read, and the skeleton, which the n-grams read."""
    out = []
    for t in texts:
        folded = fold(t)
        out.append((unleet(folded), skeleton_of_folded(folded)))
    return out


def words_forms(forms: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The classifier's forms from the detectors' memoised ``(fold, skeleton)`` pairs."""
    return [(unleet(f), s) for f, s in forms]


@dataclass(frozen=True)
class HeadWeights:
    """One calibrated head: p = 1 / (1 + exp(a · (w·x + b0) + b))."""

    coef: np.ndarray
    intercept: float
    a: float
    b: float
    summary: dict[str, Any] = field(default_factory=dict)


class TextClassifier:
    def __init__(self, heads: dict[str, HeadWeights], lexicon: Lexicon | None = None) -> None:
        self.heads = heads
        self.lexicon = lexicon if lexicon is not None else packaged_lexicon()
        self._names = list(heads)
        self._coef = np.column_stack([h.coef for h in heads.values()]) if heads else np.zeros((0, 0))
        self._intercept = np.array([h.intercept for h in heads.values()])
        self._a = np.array([h.a for h in heads.values()])
        self._b = np.array([h.b for h in heads.values()])

    def with_head(self, name: str, head: HeadWeights) -> TextClassifier:
        """This model with ``head`` added or replaced (the heads are stacked once, here)."""
        return TextClassifier({**self.heads, name: head}, self.lexicon)

    def features(self, texts: list[str], forms: list[tuple[str, str]] | None = None) -> csr_matrix:
        """The feature rows of ``texts`` (``forms``: as ``forms_of`` gives them)."""
        if forms is None:
            forms = forms_of(texts)
        folded = [f for f, _ in forms]
        skeletons = [s for _, s in forms]
        cues = cue_matrix(texts, folded, skeletons, self.lexicon)
        prior = profanity_probability(texts).reshape(-1, 1)
        dense = np.hstack([cues, prior, prior >= 0.5])
        words = unit_rows(_WORD.transform(skeletons))
        return hstack([byte_grams(skeletons, N_BITS), words, csr_matrix(dense)]).tocsr()

    def margins(self, x: csr_matrix) -> np.ndarray:
        """Each head's uncalibrated margin, one row per text, one column per head."""
        margins: np.ndarray = np.asarray(x @ self._coef) + self._intercept
        return margins

    def predict(self, texts: list[str], forms: list[tuple[str, str]] | None = None) -> dict[str, np.ndarray]:
        """Calibrated probabilities per head, one per text (``forms``: their ``(fold, skeleton)``
        if known, as the detectors memoise them)."""
        if not texts or not self.heads:
            return {name: np.zeros(len(texts)) for name in self.heads}
        forms = forms_of(texts) if forms is None else words_forms(forms)
        return self.calibrated(self.features(texts, forms), forms)

    def calibrated(self, x: csr_matrix, forms: list[tuple[str, str]]) -> dict[str, np.ndarray]:
        """``predict`` on features already computed (leave-one-source-out reuses them)."""
        p = 1.0 / (1.0 + np.exp(self._a * self.margins(x) + self._b))
        # Automated spam needs an ask (SPAM_THAT_ASKS_NOTHING); look-alike letters lift spam.
        # "Hate" needs a slur or a group named next to a dehumanising word (a neutral "my
        # cousin is gay" attacks no one); "sexual" and "threat" a word of wordlists.NAMING.
        # A group derogated for what it is (derogation.derogates_a_group) is lifted to the review
        # band as hate, however politely worded, a threat to the person addressed (frames.
        # threatens_the_addressee) as a threat, and a sexual demand to them (frames.
        # solicits_sex) as sexual.
        # Violence aimed only at things ("kill the process", frames.violence_at_a_thing) is
        # capped below the review band like speech about an attack.
        # Speech about an attack (quoted to denounce it, denied, reclaimed: frames.
        # about_an_attack) is then capped below the review band, unless it also insults the
        # person addressed, and so is the speaker blaming themself (idioms.blames_oneself) or a
        # line hating, praising or groaning at a thing, with no swear word or group (idioms.means_no_one).
        cap = ABOUT_AN_ATTACK_CAP
        cues = x[:, _DENSE_AT:].toarray()  # one slice of the sparse matrix, not one a column
        slur, group_attack, insult, identity, threat, sexual = (cues[:, DENSE.index(c)] > 0 for c in _FRAME_CUES)
        names = self._names
        if "spam" in names:
            k = names.index("spam")
            asks = (cues[:, [DENSE.index(c) for c in _ASKING_CUES]] > 0).any(axis=1)
            for n in np.flatnonzero(~asks & (p[:, k] > SPAM_THAT_ASKS_NOTHING)).tolist():
                if SHORT_CODE.search(forms[n][0]) is None:
                    p[n, k] = SPAM_THAT_ASKS_NOTHING
            p[:, k] = np.maximum(p[:, k], LIFTED_TO * (cues[:, DENSE.index("lookalike_letters")] >= 1))  # "Вeдy"
        if "hate" in names:
            k = names.index("hate")
            p[:, k] = np.where(slur | group_attack, p[:, k], np.minimum(p[:, k], cap))
        # "Sexual" and "threat" need a word that is more than swearing or a modal verb
        # (wordlists.NAMING): "mplayer kicks ass" is no sexual harassment, "damn it, I will"
        # no threat. The frames below still lift what they find.
        # Every NAMING word is also a word of its cue (a test says so), so a row without the
        # cue is capped at once and only the few with it are searched again.
        cue_of = {"sexual": sexual, "threat": threat}
        named = [(names.index(n), w, cue_of[n]) for w, n in enumerate(NAMING.names) if n in names]
        for k, _, cue in named:
            p[~cue, k] = np.minimum(p[~cue, k], cap)
        if named:
            for n in np.flatnonzero((p[:, [k for k, _, _ in named]] > cap).any(axis=1)).tolist():
                found = NAMING.count(forms[n][0])
                for k, w, _ in named:
                    if not found[w]:
                        p[n, k] = min(p[n, k], cap)
        hated = [names.index(n) for n in ("harassment", "hate") if n in names]
        if hated:
            # a group's word, or one misspelt, glued or spaced out ("wmoen", "ihatewomen")
            glance = [not named and may_name_a_group(f) for named, (f, _) in zip(identity, forms, strict=True)]
            grouped = identity | np.array(glance, dtype=bool)
            derogated = np.zeros(len(forms), dtype=bool)
            for n in np.flatnonzero(grouped).tolist():
                if derogates_a_group(forms[n][0]):
                    p[n, hated] = np.maximum(p[n, hated], LIFTED_TO)
                    derogated[n] = True
            # A group named plainly with nothing said against it, no swearing, slur, insult or
            # threat ("we are a group of gay people") is capped like speech about an attack.
            plain = identity & ~derogated & ~slur & ~group_attack & ~insult & ~threat & (cues[:, _PROFANITY] == 0)
            for n in np.flatnonzero(plain & (p[:, hated] > cap).any(axis=1)).tolist():
                if describes_a_group(forms[n][0]):
                    p[n, hated] = np.minimum(p[n, hated], cap)
        for lifted_heads, counted, uncounted, frame in (
            (("harassment", "threat"), threat, UNCOUNTED_THREAT_WORDS, threatens_the_addressee),
            (("harassment", "sexual"), sexual, UNCOUNTED_SEXUAL_WORDS, solicits_sex),
        ):
            lifted = [names.index(n) for n in lifted_heads if n in names]
            if lifted:
                maybe = counted | np.array([any(w in f for w in uncounted) for f, _ in forms], dtype=bool)
                for n in np.flatnonzero(maybe).tolist():
                    if frame(forms[n][0]):
                        p[n, lifted] = np.maximum(p[n, lifted], LIFTED_TO)
        if "harassment" in names:
            k = names.index("harassment")
            for n in np.flatnonzero(p[:, k] < LIFTED_TO).tolist():
                addressed = insults_the_addressee(forms[n][0])
                if addressed or swears_in_another_tongue(forms[n][0]):
                    p[n, k] = LIFTED_TO
                    insult[n] |= addressed  # a word of another tongue may be quoted, as English is
        threatened = [names.index(n) for n in ("harassment", "threat") if n in names]
        if hated:
            for n in np.flatnonzero((p[:, hated] > cap).any(axis=1) & ~insult).tolist():
                f = forms[n][0]
                own = not (slur[n] or group_attack[n])  # the speaker's own words, if anyone's
                plain = own and not (identity[n] or derogated[n] or cues[n, _PROFANITY])
                if about_an_attack(f) or (own and blames_oneself(f)) or (plain and means_no_one(f)):
                    p[n, hated] = np.minimum(p[n, hated], cap)
        if threatened:
            for n in np.flatnonzero((p[:, threatened] > cap).any(axis=1) & threat & ~insult).tolist():
                if violence_at_a_thing(forms[n][0]):
                    p[n, threatened] = np.minimum(p[n, threatened], cap)
        return {name: p[:, n] for n, name in enumerate(self._names)}

    def save(self, path: str | Path) -> None:
        arrays: dict[str, Any] = {}
        meta: dict[str, Any] = {"format": FORMAT, "n_features": N_FEATURES, "cues": DENSE, "heads": {}}
        for name, head in self.heads.items():
            arrays[f"coef_{name}"] = head.coef.astype(np.float32)
            meta["heads"][name] = {"intercept": head.intercept, "a": head.a, "b": head.b, "summary": head.summary}
        arrays["meta"] = np.array(json.dumps(meta, sort_keys=True))
        # np.savez stamps each member with the time of writing; a fixed stamp makes the same
        # model the same bytes (``make model`` is reproducible to the byte).
        with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for name, array in arrays.items():
                member = zipfile.ZipInfo(f"{name}.npy", date_time=(1980, 1, 1, 0, 0, 0))
                member.compress_type = zipfile.ZIP_DEFLATED
                buffer = io.BytesIO()
                np.lib.format.write_array(buffer, np.asanyarray(array), allow_pickle=False)
                archive.writestr(member, buffer.getvalue())

    @classmethod
    def load(cls, path: str | Path | None = None) -> TextClassifier:
        """A model file made by ``chatcredit train``; None = the packaged model."""
        source = resources.files("chatcredit").joinpath("data/classifier.npz") if path is None else Path(path)
        with source.open("rb") as fh, np.load(fh, allow_pickle=False) as data:
            meta = json.loads(str(data["meta"]))
            if meta.get("format") != FORMAT or meta.get("n_features") != N_FEATURES or meta.get("cues") != DENSE:
                raise ValueError(f"{source}: not a {FORMAT} model file of this version (retrain it: chatcredit train)")
            heads = {
                name: HeadWeights(
                    data[f"coef_{name}"].astype(np.float64), h["intercept"], h["a"], h["b"], h.get("summary", {})
                )
                for name, h in meta["heads"].items()
            }
        return cls(heads)
