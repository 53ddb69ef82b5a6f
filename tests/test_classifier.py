"""The shipped classifier, training and the evaluation harness."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from chatcredit.cli import main
from chatcredit.ml.classifier import TextClassifier
from chatcredit.ml.datasets import in_test_split, read_labeled
from chatcredit.policy import default_policy

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"
SMS = SHARED / "sms-spam" / "SMSSpamCollection"
DAVIDSON = SHARED / "davidson-hate-offensive" / "labeled_data.csv"


@pytest.fixture(scope="module")
def model() -> TextClassifier:
    return TextClassifier.load()


def test_packaged_model_has_calibrated_heads(model: TextClassifier) -> None:
    assert set(model.heads) == {"spam", "harassment", "hate", "threat", "sexual"}
    deciding = ("spam", "harassment", "hate")  # threat and sexual: one source labels each
    assert all(model.heads[h].summary["calibration"].startswith("out of source") for h in deciding)
    probs = model.predict(
        [
            "WINNER!! claim your free prize, txt WIN to 80082 now",
            "see you at lunch?",
            "shut up you stupid bitch",
            "thanks, the meeting notes are in the shared folder",
            "Earn $500 a day trading crypto, DM me or join https://t.me/+abcdef",
        ]
    )
    review = default_policy().classifier.review_at
    assert probs["spam"][0] >= review and probs["spam"][4] >= review and probs["spam"][1] < 0.2
    assert probs["harassment"][2] >= review and probs["harassment"][3] < 0.2
    assert all(((p >= 0) & (p <= 1)).all() for p in probs.values())


def test_classifier_sees_through_the_same_evasions(model: TextClassifier) -> None:
    plain, evaded = model.predict(["shut up you stupid bitch", "shut up you stup1d b.i.t.c.h"])["harassment"]
    assert evaded >= default_policy().classifier.review_at and abs(plain - evaded) < 0.25


def _fixture(name: str) -> list[dict[str, str]]:
    text = (Path(__file__).parent / "fixtures" / name).read_text("utf-8")
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def _flagged(model: TextClassifier, texts: list[str]) -> np.ndarray:
    """What the detector would act on: a deciding head (not one that only names a category)
    at or above the review band."""
    c = default_policy().classifier
    probs = model.predict(texts)
    deciding = [probs[n] for n in c.flagging if n in probs]
    return np.vstack(deciding).max(axis=0) >= c.review_at


def _reaching_review(model: TextClassifier, texts: list[str], head: str = "harassment") -> list[str]:
    """The texts whose ``head`` is at or above the review band, in order."""
    review = default_policy().classifier.review_at
    return [t for t, p in zip(texts, model.predict(texts)[head], strict=True) if p >= review]


def test_civil_political_speech_is_not_flagged_more_than_other_civil_speech(model: TextClassifier) -> None:
    rows = _fixture("civility.jsonl")
    flagged = _flagged(model, [r["text"] for r in rows])
    counts = {
        kind: [f for r, f in zip(rows, flagged, strict=True) if r["kind"] == kind] for kind in ("political", "civil")
    }
    assert len(counts["political"]) == len(counts["civil"]) == 200
    political, civil = sum(counts["political"]), sum(counts["civil"])
    # measured in docs/detection.md; the bar: a flag rate at most 1.1 times the other's
    assert political <= 1.1 * civil
    assert political + civil <= 8  # and civil speech of either kind is almost never flagged


def test_counter_speech_negation_identity_and_reclaimed_words_are_not_hate(model: TextClassifier) -> None:
    rows = _fixture("hate_contrasts.jsonl")
    assert {r["kind"] for r in rows} == {
        "counter-quote",
        "counter-reference",
        "negated",
        "identity-neutral",
        "identity-positive",
        "reclaimed",
    }
    texts = [r["text"] for r in rows]
    c = default_policy().classifier
    probs = model.predict(texts)
    flagged = _flagged(model, texts)
    as_hate = [t for t, f, h in zip(texts, flagged, probs["hate"], strict=True) if f and h >= 0.5]
    assert as_hate == []
    # positive and neutral statements about a group are almost never flagged at all (measured:
    # "my cousin is gay ..." reaches the review band as harassment, not as hate: the word
    # carries Davidson's insults with it; docs/detection.md)
    calm = [r["text"] for r, f in zip(rows, flagged, strict=True) if f and r["kind"].startswith("identity")]
    assert len(calm) <= 1
    assert c.heads["hate"].refines == "harassment"


def test_a_quote_or_a_denial_holds_back_only_speech_about_an_attack_on_a_group(model: TextClassifier) -> None:
    """The frames that hold back speech about an attack read a quotation mark, a reporting
    verb or a denial. Until 2026-12-07 any quotation mark beside a word such as "wrong" or
    "stop" held a line back, and so did "a man is human": on the five sources' labeled texts
    they held back 430 lines labeled abusive for 165 not. They now need a group named, or the
    attack called one ("homophobic", "got banned"); counter-speech stays clean
    (tests/fixtures/hate_contrasts.jsonl)."""
    from chatcredit.detectors.normalization import fold
    from chatcredit.ml.frames import about_an_attack

    abuse = [
        '"The fuck be wrong with these bitches?" nobody knows',
        "i love to rape girls",
        "The man is human garbage.",
        'he said "stop being such a whiny bitch" and he was right, you are one',
    ]
    assert [t for t in abuse if about_an_attack(fold(t))] == []
    assert _reaching_review(model, abuse) == abuse
    about = [
        '"women are a burden" is a vile lie and you know it',
        "calling someone a pidor is homophobic",
        "I love my gay friends",
    ]
    assert [t for t in about if not about_an_attack(fold(t))] == []


def test_speech_about_an_attack_that_calls_someone_a_name_is_not_held_back() -> None:
    """A quotation and the word "racist" held back whole comments whose writer, outside the
    quote, called someone an idiot or swore at them: leaving each source out, the frame held
    back 97 lines labeled abusive for 49 not (bench/bounds_audit.py, 2026-12-07). The
    speaker's own words are now read without what they quote, what they report someone as
    calling someone, and the words that denounce it; a slur there is what the frame is for."""
    from chatcredit.detectors.normalization import fold
    from chatcredit.ml.frames import about_an_attack

    own_insults = [
        'He said "racist" again, what a clown. Conservative idiot.',
        'The mods called my post "racist" and deleted it, these morons.',
        "such a racist cunt, the receptionist said she'd call back and never did",
        "Muslims are great! She's an idiot.",
        'Had to toss in your racist viewpoint by saying "white people", thou hypocrite.',
        # all quote: the denouncing word is the quoted speaker's, not the writer's
        '"@someone: that bitch just said the most racist thing"',
    ]
    assert [t for t in own_insults if about_an_attack(fold(t))] == []
    counter_speech = [
        'Someone wrote "all immigrants are vermin" and that is disgusting.',
        "Statements like 'women are scum' are deeply hurtful.",
        "stop calling women bitches, it is sexist",
        "As a proud dyke I'm happy to host the book club this month.",
        "that was the chink in their armour",
        "he called me a stupid idiot in chat and that is homophobic",
    ]
    assert [t for t in counter_speech if not about_an_attack(fold(t))] == []


def test_a_slur_s_homonym_a_word_mentioned_and_a_denial_are_not_attacks(model: TextClassifier) -> None:
    """hc40-hc42 (bench/probes, ours): a cigarette in British English reached the automated
    band ("Can I bum a fag off you, mate?" 0.99), a word spoken of as a word and a vile claim
    denied reached review. The phrase is taken out and the rest read: swearing or a slur
    beside it still counts, and "I'm not saying ..., but" is the hedge before an attack."""
    from chatcredit.detectors.normalization import fold
    from chatcredit.ml.frames import about_an_attack
    from chatcredit.ml.homonyms import says_a_homonym

    meant_no_one = [
        "Can I bum a fag off you, mate?",
        "nipped out for a fag before the meeting",
        "my grandad called cigarettes fags, he was from leeds",
        "bundle of sticks = faggot, old english, look it up",
    ]
    assert [t for t in meant_no_one if not says_a_homonym(fold(t))] == []
    assert _reaching_review(model, meant_no_one) == []
    still_abuse = [
        "can i bum a fag off you, you fucking faggot",
        "you fag",
        "I'm not saying women are stupid, but they are",
        "nobody says it but women are trash",
    ]
    assert [t for t in still_abuse if says_a_homonym(fold(t)) or about_an_attack(fold(t))] == []
    assert _reaching_review(model, still_abuse) == still_abuse
    spoken_of = [
        'the word "queer" was reclaimed by the community decades ago',
        'is it offensive to say "the blacks"? asking honestly',
        "i don't think muslims are terrorists, that's ridiculous",
    ]
    assert [t for t in spoken_of if not about_an_attack(fold(t))] == []


def test_split_is_deterministic_and_deduplicated() -> None:
    assert in_test_split("hello there") == in_test_split("HELLO  there")  # same skeleton, same side
    train = read_labeled(SMS, "1", "0", ["spam"], split="train")
    test = read_labeled(SMS, "1", "0", ["spam"], split="test")
    assert train.duplicates > 300  # the SMS corpus repeats its spam templates
    texts = {e.text for e in train.examples}
    assert not texts & {e.text for e in test.examples}
    assert 0.15 < len(test.examples) / (len(train.examples) + len(test.examples)) < 0.25


def test_train_and_eval_commands(tmp_path: Path) -> None:
    small = tmp_path / "small.csv"
    rows = [r for r in DAVIDSON.read_text("utf-8").splitlines()]
    small.write_text("\n".join(rows[:1] + rows[1:1500]), "utf-8")
    out = tmp_path / "model.npz"
    runner = CliRunner()
    trained = runner.invoke(
        main,
        [
            "train",
            "--data",
            str(small),
            "--text-column",
            "tweet",
            "--label-column",
            "class",
            "--positive",
            "0",
            "--positive",
            "1",
            "--head",
            "offensive",
            "--out",
            str(out),
            "--json",
        ],
        catch_exceptions=False,
    )
    assert trained.exit_code == 0, trained.output
    report = json.loads(trained.stdout)
    assert report["rows"] > 1000 and report["held_out"]["f1"] > 0.85
    # a new head beside the packaged ones, scored on the held-out fifth with its own weights
    assert set(TextClassifier.load(out).heads) == {"spam", "harassment", "hate", "threat", "sexual", "offensive"}
    evaluated = runner.invoke(
        main,
        [
            "eval",
            "--data",
            str(SMS),
            "--text-column",
            "1",
            "--label-column",
            "0",
            "--positive",
            "spam",
            "--model",
            str(out),
            "--json",
        ],
        catch_exceptions=False,
    )
    assert evaluated.exit_code == 0, evaluated.output
    summary = json.loads(evaluated.stdout)
    assert summary["split"] == "test" and summary["rows"] > 1000
    by_name = {r["name"]: r for r in summary["results"]}
    spam = by_name["classifier:spam (p ≥ 0.5)"]
    assert spam["f1"] > 0.9 and spam["roc_auc"] > 0.98 and spam["messages_per_second"] > 0
    assert {"tp", "fp", "fn", "tn"} <= set(spam)


def test_bad_training_files_are_explained(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("text,label\nhello,0\n")
    result = CliRunner().invoke(
        main,
        [
            "train",
            "--data",
            str(bad),
            "--text-column",
            "body",
            "--label-column",
            "label",
            "--positive",
            "1",
            "--head",
            "x",
            "--out",
            str(tmp_path / "m.npz"),
        ],
    )
    assert result.exit_code == 1 and "no column 'body'" in result.stderr
    one_class = tmp_path / "one.csv"
    one_class.write_text("text,label\n" + "\n".join(f"message number {i},0" for i in range(50)))
    result = CliRunner().invoke(
        main,
        [
            "train",
            "--data",
            str(one_class),
            "--text-column",
            "text",
            "--label-column",
            "label",
            "--positive",
            "1",
            "--head",
            "x",
            "--split",
            "all",
            "--out",
            str(tmp_path / "m.npz"),
        ],
    )
    assert result.exit_code == 1 and "both classes" in result.stderr


def test_the_second_opinion_is_the_packages_own_number() -> None:
    from profanity_check import predict_prob

    from chatcredit.ml.second_opinion import profanity_probability

    texts = ["", "!!!", "you are an IDIOT", "see you at the meeting", "Ünïcödé naïve café", "shut up " * 50]
    assert np.allclose(profanity_probability(texts), np.asarray(predict_prob(texts)), atol=1e-12)


def test_word_lists_count_whole_words_and_stems_in_one_pass() -> None:
    from chatcredit.detectors.normalization import fold
    from chatcredit.ml.wordlists import WORDS, WordLists

    def counts(text: str) -> dict[str, int]:
        return {name: n for name, n in zip(WORDS.names, WORDS.count(text), strict=True) if n}

    assert counts("i will kill you") == {"you": 1, "threat": 2, "dehumanise": 1}  # "will", "kill*"
    assert counts("killing it, skills") == {"threat": 1, "dehumanise": 1}  # a stem starts a word only
    assert counts("youth and yours") == {}  # whole words: "you" is not in "youth"
    assert counts("check out my channel") == {"promotion": 2}  # "check out my", "my channel"
    assert counts("they said so") == {"counter": 1}
    # Russian pitches, folded like the texts (look-alike letters become Latin)
    assert counts(fold("Ищу людей для совместного заработка, пишите мне в ЛС")) == {"money": 1, "contact": 2}
    assert counts(fold("Хотя тоже думаю переходить на M3")) == {}  # switching, not a click
    assert counts(fold("Это хорошая инвестиция в город")) == {}  # the noun, like "investment"
    with pytest.raises(ValueError, match="a stem in one list"):
        WordLists.of({"a": ["kill*"], "b": ["kill"]})


def test_a_group_derogated_without_swearing_reaches_review_as_hate(model: TextClassifier) -> None:
    """tests/fixtures/group_attacks.jsonl (ours): a group called vile, hated, to be removed,
    kept in its place or denied its humanity. Each reaches the review band as hate (the
    frame lifts it to 0.75: a person decides, never an automatic penalty from the lift)."""
    rows = _fixture("group_attacks.jsonl")
    assert {r["kind"] for r in rows} == {
        "vile",
        "hatred",
        "removal",
        "place",
        "not-human",
        "question",
        "threat",
        "misspelt",
        "unwelcome",
        "slur",
    }
    texts = [r["text"] for r in rows]
    probs = model.predict(texts)
    c = default_policy().classifier
    pairs = zip(texts, probs["harassment"], probs["hate"], strict=True)
    missed = [t for t, h, k in pairs if h < c.review_at or k < 0.5]
    assert missed == []


def test_a_view_on_migration_policy_is_not_lifted_as_an_attack() -> None:
    """Who should be let in or sent back is policy: a view on it, either way, is not a group
    derogated (viewpoint neutrality); calling the same people vermin is."""
    from chatcredit.detectors.normalization import fold
    from chatcredit.ml.derogation import derogates_a_group

    views = [
        "Illegal immigrants should be deported.",
        "Immigrants should not be allowed to vote in national elections.",
        "Refugees should be allowed to work while they wait.",
        "We should deport people who overstay their visas.",
        "Migrants must get a fair hearing.",
        # a policy's harm, a death mourned, a statistic, an argument for equality
        "Cuts to welfare will hurt disabled people.",
        "No immigrant should die at sea.",
        "Police kill black people at a higher rate, the data shows.",
        "Women will never be equal as long as the pay gap exists.",
        "Why are immigrants so often blamed for everything?",
        "I'm going to vote for trans rights.",
        "Refugees shouldn't be allowed to vote.",
        "Why do we even let migrants in?",
        # a cause, not the people: "sick of women's football being ignored"
        "I'm so sick of women's football being ignored.",
        # a view on a law, not on the people: the group's word is not its subject
        "Same-sex marriage is destroying the family.",
        "Gay marriage will never be real marriage to me.",
    ]
    assert [v for v in views if derogates_a_group(fold(v))] == []
    assert derogates_a_group(fold("refugees are vermin"))


def test_a_threat_to_the_person_addressed_reaches_review_as_a_threat(model: TextClassifier) -> None:
    """tests/fixtures/threats.jsonl (ours): direct and veiled threats and urging self-harm
    reach the review band named as threats; a game, a process, an email or a joke with the
    same verbs is not lifted by the frame, and where the verb is aimed only at a thing
    ("kill the boss first", "kill -9 1234") it is held below review."""
    from chatcredit.detectors.normalization import fold
    from chatcredit.ml.threats import threatens_the_addressee, violence_at_a_thing

    rows = _fixture("threats.jsonl")
    threats = [r["text"] for r in rows if r["kind"] != "not-a-threat"]
    others = [r["text"] for r in rows if r["kind"] == "not-a-threat"]
    assert len(threats) >= 20 and len(others) >= 10
    probs = model.predict(threats)
    c = default_policy().classifier
    pairs = zip(threats, probs["harassment"], probs["threat"], strict=True)
    assert [t for t, h, k in pairs if h < c.review_at or k < 0.5] == []
    assert [t for t in others if threatens_the_addressee(fold(t))] == []
    # violence aimed only at a thing is held below review, whatever the verb's n-grams say
    at_things = [t for t in others if violence_at_a_thing(fold(t))]
    assert len(at_things) >= 6
    # a game's objective or a map's choke point is a thing; a threat beside one is still a threat
    assert {"hold the choke, they'll come through", "shoot the bomb carrier"} <= set(at_things)
    assert not violence_at_a_thing(fold("shoot the boss first and then i'll stab you"))
    assert [t for t, h in zip(at_things, model.predict(at_things)["harassment"], strict=True) if h >= c.review_at] == []


def test_violence_at_a_thing_holds_nothing_back_beside_a_name_called() -> None:
    """ "the morons in congress want to kill it" aims the verb at a bill and the name at people:
    the cap for violence aimed at a thing does not hide the name (bench/bounds_audit.py)."""
    from chatcredit.ml.bounds import ABOUT_AN_ATTACK_CAP, bound
    from chatcredit.ml.classifier import forms_of
    from chatcredit.ml.corpus import HEADS
    from chatcredit.ml.cues import DENSE

    texts = ["the morons in congress want to kill it already", "kill it already and start over"]
    p = np.array([[0.0, 0.9, 0.0, 0.9, 0.0]] * 2)
    cues = np.zeros((2, len(DENSE)))
    cues[:, DENSE.index("threat_words")] = 1
    bounded = bound(p, list(HEADS), cues, forms_of(texts))
    assert bounded[0, 1] == 0.9 and bounded[1, 1] == ABOUT_AN_ATTACK_CAP


def test_a_sexual_demand_to_the_person_addressed_reaches_review_as_sexual(model: TextClassifier) -> None:
    """tests/fixtures/solicitations.jsonl (ours): "send nudes", "show me your tits" and the
    like reach the review band named as sexual; asking for logs, code or a cat picture is
    not lifted."""
    from chatcredit.detectors.normalization import fold
    from chatcredit.ml.frames import solicits_sex

    rows = _fixture("solicitations.jsonl")
    asked = [r["text"] for r in rows if r["kind"] == "solicitation"]
    others = [r["text"] for r in rows if r["kind"] != "solicitation"]
    probs = model.predict(asked)
    c = default_policy().classifier
    pairs = zip(asked, probs["harassment"], probs["sexual"], strict=True)
    assert [t for t, h, k in pairs if h < c.review_at or k < 0.5] == []
    assert [t for t in others if solicits_sex(fold(t))] == []


def test_belittling_the_person_addressed_reaches_review_as_harassment(model: TextClassifier) -> None:
    """tests/fixtures/insults.jsonl (ours): game chat's "ur trash", "you noob", "shut up
    loser" reach the review band (never more from the frame alone: an automated penalty
    needs the model's own 0.98); the frame lifts no negated, self-directed or technical
    use ("you're not an idiot" may still reach review by the model's own n-grams)."""
    from chatcredit.detectors.normalization import fold
    from chatcredit.ml.insults import insults_the_addressee

    rows = _fixture("insults.jsonl")
    insults = [r["text"] for r in rows if r["kind"] == "insult"]
    others = [r["text"] for r in rows if r["kind"] == "not-an-insult"]
    assert len(insults) >= 10 and len(others) >= 10
    assert _reaching_review(model, insults) == insults
    assert [t for t in others if insults_the_addressee(fold(t))] == []


def test_the_speaker_blaming_themself_is_held_below_review(model: TextClassifier) -> None:
    """Game chat blames itself in an insult's words ("that was a stupid play by me" scored
    0.98, an automated penalty); a line that only blames the speaker is held below review,
    and one that also says something of another, or swears, is not held."""
    from chatcredit.detectors.normalization import fold
    from chatcredit.ml.idioms import blames_oneself

    own = [
        "that was a stupid play by me",
        "i suck at this hero sorry",
        "i am such an idiot, i forgot to buy tp",
        "im trash at this champ lol",
        "that was a dumb move on my part",
        "sorry guys, i'm so bad at this",
        "that was so dumb of me",
        "i suck today",  # 0.71
        "i'm so stupid, left my keys at home",  # 0.84
        "we die",  # 0.83: the speaker's own death in a match
        "he killed me",  # 0.52
    ]
    assert _reaching_review(model, own) == []
    others = [
        "i'm bad at this unlike you idiots",
        "i fucking suck",
        "he is so stupid",
        "i'm so stupid for trusting you",
        "i'm dead because of you",
        "he killed me and i will kill him",
    ]
    assert [t for t in others if blames_oneself(fold(t))] == []
    assert _reaching_review(model, ["that was a stupid play by you"]) == ["that was a stupid play by you"]


def test_a_line_that_means_no_one_is_held_below_review(model: TextClassifier) -> None:
    """ "I hate mondays" was at review as harassment (0.53), "I hate mosquitoes" at 0.64, "that
    was a sick play" at 0.73, "this boss is killing me" at 0.66: the sources say these words
    mostly of people. A line that only hates a thing, praises a play or groans at one is held
    below review; one that names a person, a player, a group, or swears, is not held."""
    from chatcredit.detectors.normalization import fold
    from chatcredit.ml.idioms import means_no_one, praises_a_play

    things = [
        "I hate mondays",
        "I hate mosquitoes.",
        "i hate when the bus is late",
        "ugh i hate it when my phone dies",
        "I really can't stand cars like these",
        "i hate it",
        "that was a sick play",
        "sick build dude",
        "that was filthy",
        "what a nasty shot",
        "that ult was insane",
        "this boss is killing me",
        "my back is killing me lol",
        "nice kill",  # 0.80: "kill" is a word of the profanity list (idioms.praises_a_play)
        "gj double kill lol",
        "free kill",  # 0.84
        "double kill",  # 0.86
        "kill steal lol",  # 0.81
        "that build is garbage tbh, go with bkb",  # 0.84: a game's thing, not a player
        "the wifi at work sucks",  # 0.81
        "the finale was trash tbh",  # 0.53
        "i could kill for a coffee right now",  # 0.69 (idioms.says_a_saying)
        "their pudge is insane",  # 0.80: the enemy's player praised
        "the white trash can is full",  # 0.89: "white" beside "trash" read as a group called vile
        "Put the garbage bags out on tuesday.",  # 0.52 (idioms.speaks_of_refuse)
        "this game is stupid hard",  # 0.98, an automated penalty (idioms.curses_a_machine)
        "stupid lag",
        "they are dumb lucky",
        "this map sucks",  # 0.84
        "that was a dumb way to die lol",  # 0.93
        "these servers suck",  # 0.97
        "matchmaking is garbage",  # 0.79
        "Mornings are the worst.",  # 0.58
        "shut up and take my money, this skin is sick",  # 0.80 (idioms.says_a_saying)
        "just killing time before the raid",
    ]
    assert _reaching_review(model, things) == []
    persons = [
        "i hate you",
        "i hate ur guts",
        "i hate this jungler",
        "i hate this pudge",
        "i hate everyone in this server",
        "i hate hoes",
        "i hate my stupid teammates",
        "you are a sick fuck",
        "this guy is killing me",
        "Sick.",  # disgust as often as praise
        "liberals are the worst",
        "mexicans are the worst",
    ]
    assert [t for t in persons if means_no_one(fold(t))] == []
    assert [t for t in ("nice kill you idiot", "kill him", "nice kill on that noob") if praises_a_play(fold(t))] == []
    held = [
        "i hate this jungler",
        "I hate women.",
        "i hate this fucking game",
        "i hate niggers",
        "take out the trash you idiot",
        "put all the immigrants in garbage bags",
        "stupid lag you idiot",
        "what a stupid idea",
        "this fucking game is stupid hard",
        "shut up and take my money you idiot",
        "this map sucks, you suck too",
        "the game sucks because of you idiots",
        "this team sucks",
        "your build is garbage",
        "your song sucks",
        "i could kill for a coffee, you idiot",
    ]
    assert _reaching_review(model, held) == held


def test_swearing_in_another_tongue_reaches_review_as_its_english_twin_does(model: TextClassifier) -> None:
    """Game and group chat swears in Russian, Spanish, Portuguese, Tagalog and more (0.02 to
    0.07 as harassment before ``tongues``, where "fuck" is 0.93); the everyday words those
    lists leave out ("suka" is "to like" in Indonesian, "cu" "with" in Romanian) stay clean."""
    swearing = [
        "cyka blyat",
        "idi nahui pudge",
        "сука блять",
        "hijo de puta",
        "vai tomar no cu",
        "putang ina mo",
        "kurwa mac",
        "ta gueule noob",
        "du hurensohn",
        "nmsl",
    ]
    assert _reaching_review(model, swearing) == swearing
    # quoted or reported, as an English slur is: "calling someone a faggot is homophobic"
    reported = ["calling someone a pidor is homophobic", "he called me a pendejo and got banned"]
    assert _reaching_review(model, reported) == []
    clean = [
        "aku suka kamu",
        "ok cu later",
        "merg cu tine maine",
        "i'm at amk, need to drink tea",
        "Bobo rolls....",
        "café con leche por favor",
        "anjing saya lucu sekali",
        "going to the lady gaga concert",
        "beli cuka apel di pasar",
        "qué huso horario usas?",
        "es inutil intentarlo ahora, el servidor está caído",
    ]
    assert _reaching_review(model, clean) == []


def test_spam_in_look_alike_letters_reaches_review(model: TextClassifier) -> None:
    """Letters of one script set among another's ("Пpиглaшaю" with Latin p, a) hide spam from
    word filters: lifted into the review band as spam. A word that switches script once, at
    its edge, as keyboard layouts make it ("SSDшник", "iPhone'а"), is ordinary."""
    disguised = [
        "Пpиглaшaю в кoмaнду, дoxoд oт 500$ в нeдeлю",
        "frее mоnеy fоr аll tоdаy",
        "cheap gaԁgets, faѕt shipping, best deaӏs",  # Cyrillic ԁ, ѕ, ӏ: the fold's own table
    ]
    assert _reaching_review(model, disguised, "spam") == disguised
    plain = ["Купил SSDшник и чехол для iPhone'а", "Привет, как дела? Мой Mac опять тормозит", "café au lait"]
    assert _reaching_review(model, plain, "spam") == []


def test_pitches_the_spam_head_misses_reach_review(model: TextClassifier) -> None:
    """A comment pitching the writer's own channel with an ask, and a way to reach the writer
    beside money or an audience, are lifted into the review band as spam (``pitches.py``);
    an outlet named with no ask, or a contact with nothing pitched, is not."""
    from chatcredit.detectors.normalization import fold
    from chatcredit.ml.pitches import pitches

    pitched = [
        "Like this comment if you want me to upload part 2 on my channel",
        "Please support a small youtuber, I upload every week",
        'my friend made an amazing remix of this, search "DJ Koko remix" on youtube',
        "Want more views? I can help, message me",
        "I want to introduce you to an amazing opportunity that changed my life. DM for details",
        "Who wants to learn how I grew my account from $500 to $15k? Drop a message",
        "I made a beat inspired by this, go listen on my soundcloud",
        "I'm selling beats for cheap, hit me up",
        "Follow me for daily motivation, I follow back!",
        'Earn from home, only 2 hours a day, DM "INFO"',
        "hey guys, I just started making covers, would mean the world if you checked them out",
        "i make beats, if u need one for ur song hit my channel",
        "Watch the full movie free here >> http://freemoviez.tk/watch",
        'If you want to lose weight fast, search "slim tea 30 day challenge" on google',
        "Hey I make funny videos of my cat doing stupid things, go look youtube.com/c/MittensTV",
        "Looking for 5 serious people to work with me online, no experience, weekly payouts",
        "I recovered my stolen crypto with the help of @RecoveryPro_Hack, he is legit",
        'Anyone interested in making extra cash from home? Comment "ME"',
        "Best VPN deal of the year, 80% off only today ➡️ vpn-deal.shop",
    ]
    assert _reaching_review(model, pitched, "spam") == pitched
    plain = [
        "i buy my music off iTunes (support the artists, easier) and watch movies in the theater",
        "can you check my page, the CSS is broken",
        "message me when you get home",
        "I posted the photos on my channel yesterday",
        "text me the address of the restaurant",
        "hit me up when you're free this weekend",
        "I listen to it on my spotify every morning",
        "I make videos for a living, mostly weddings",
        "we watched the full movie last night, the ending was great",
        "I want to lose weight before the summer",
        "looking for people to play with online",
        "I need people to help me move on saturday, pizza after",
        "I got back my money from the store after the refund, legit",
        "why do these girls always get the most likes and comments on insta",
    ]
    assert [t for t in plain if pitches(fold(t))] == []
    assert _reaching_review(model, plain, "spam") == []


def test_asks_to_subscribe_or_follow_and_plugs_owned_up_to_reach_review(model: TextClassifier) -> None:
    """A video site's comment spam asks in more ways than the policy rule
    `spam-self-promotion` names ("follow me on instagram", "link in my bio", "help me reach
    1000 subscribers"): a bare "pls subscribe", a referral code, a comment to be liked to the
    top, a plug owned up to, a giveaway on the writer's channel, "I do reaction videos ...
    checked me out". Each was below review as spam before (0.05 to 0.38); the same words about
    a group's rules or a mailing list are not lifted."""
    from chatcredit.detectors.normalization import fold
    from chatcredit.ml.pitches import pitches

    asked = [
        "Hey it's Mia, I sing covers of pop songs, pls subscribe",
        "Get paid to watch videos, sign up with my code",
        "Can we get this comment to the top so people notice my music",
        "Shameless self promo: I stream every night on twitch",
        "I'm giving away 3 gaming headsets on my channel, go enter now",
        "I do reaction videos, would love it if you checked me out",
        "I just uploaded a cover of this song, would mean a lot if you watched it",
        "Plz visit my page and like my video it would make my day",
        "Want more views on your videos? Visit viewboost dot com",
        "check my vid out, its a parody of this song",
        "My channel is all about makeup tutorials, go check it out!!",
        "I will subscribe to everyone who subscribes to me",
        "Please help me get 1000 subs before december",
        "subscribe to my feed",
        # yt48 (bench/probes), read and mended
        "I make money from home with this simple trick, check the link in my profile",
        "my sister sings way better than this, go check her channel out please",
        "Hello, I am a new artist, my first single is out now on iTunes, search my name",
        "Get free robux at robuxnow dot org, it actually works",
        "Just uploaded my first vlog! Would love some feedback, click my name",
        "hey guys i'm new to youtube, please support me by subscribing",
        "Check out my remix of this song, it's on my channel :)",
        "Please visit my website and share it with friends http://myartshop.net",
    ]
    assert _reaching_review(model, asked, "spam") == asked
    # read by the pitch itself, not only the head: each needs its word among the searches' triggers
    linked = [
        "grab my referral link below",
        "join using my invite link",
        "enter my promo link at checkout",
        "Follow me on twitter @beatzbyjay for new music",
    ]
    assert [t for t in linked if not pitches(fold(t))] == []
    plain = [
        "please follow the rules of the group",
        "No self promo in this group please",
        "I hit 500 followers today, thanks everyone",
        "feel free to use my code from the gist",
        "please subscribe to the mailing list for release announcements",
        "can you help me, I have 3 more subs to finish before the deadline",
        "I do videos for work, mostly weddings",
        "we are giving away free pizza at the meetup",
        "like this comment if you agree",
        "how do I subscribe pls, the button is gone",
        "my discount code didn't work at checkout",
        "i like my videos short",
        "click on my name in the members list to see my timezone",
        "visit my site after the meeting, the bug is on the login page",
        "the free gift cards email is a scam, delete it",
        "I just uploaded the video of the meeting, would mean a lot if you watched it before friday",
        "my channel is broken since the update, any idea?",
        "follow me on this one, the steps are tricky",
        "the docs are at example dot com slash help",
        "help me get the subs for the match, we need 2 more players",
        "our channel is #dev-help, check it out if you're stuck",
    ]
    assert [t for t in plain if pitches(fold(t))] == []
    assert _reaching_review(model, plain, "spam") == []


def test_a_warning_of_a_scam_that_asks_nothing_is_held_below_review(model: TextClassifier) -> None:
    """A member warning the group ("My brother lost money in a crypto scam, be careful
    everyone": 0.57 as spam) is held below review; a pitch dressed as one, asking the reader
    to write to someone, is not."""
    warnings = [
        "My brother lost money in a crypto scam, be careful everyone",
        "Beware of fake bitcoin giveaways, they are all scams",
    ]
    assert _reaching_review(model, warnings, "spam") == []
    dressed = ["Beware of fake brokers! Mrs Anna is the only legit trader, write to her on whatsapp +1 555 203 9981"]
    assert _reaching_review(model, dressed, "spam") == dressed


def test_thanks_and_a_request_to_reply_in_the_thread_are_not_spam(model: TextClassifier) -> None:
    """The spam head learned SMS's "thanks for your order" and "reply": "Thank you for your
    service" was 0.85 as spam, "Reply to this thread with your availability" 0.86. A short line
    of thanks for help, or asking the thread for an answer, is held below review; SMS's own
    thanks for an order, with a charge, is not."""
    courtesy = [
        "Thank you for your service",
        "Thanks for your help",
        "Reply to this thread with your availability",
        "You have won the game!",
        "free win",  # 0.83: game talk
        "ty for free mmr",  # 0.71
        "text chat only",  # 0.89
        "can everyone confirm for saturday",  # 0.52
    ]
    assert _reaching_review(model, courtesy, "spam") == []
    charged = ["Thanks for your ringtone order, ref number K718. Your mobile will be charged £4.50"]
    assert _reaching_review(model, charged, "spam") == charged


def test_a_short_line_with_nothing_of_a_pitch_and_a_shared_link_are_not_spam(model: TextClassifier) -> None:
    """The spam head learned its n-grams from SMS and Telegram spam, and sent "hello everyone!"
    (0.73) and "linuxnewbie, you have to recompile your kernel first" (0.59) to review, and a
    headline with a link on a site it never saw (12% of Davidson's neutral tweets, the model
    that left Davidson out). A short line with nothing a pitch is made of, and a link shared
    with words that neither invite to it nor offer anything, are held below review; a link
    with an invitation, an offer or an audience is not."""
    from chatcredit.detectors.normalization import fold
    from chatcredit.ml.pitches import shares_a_link, too_short_to_pitch

    plain = ["hello everyone!", "linuxnewbie, you have to recompile your kernel first", "ok thanks, ill just wait :)"]
    assert all(too_short_to_pitch(fold(t)) for t in plain)
    assert _reaching_review(model, plain, "spam") == []
    shared = [
        "Heh, ubuntu is here too:) http://www.kde-look.org/content/preview.php?preview=1&id=16580",
        "delire - I made this: https://wiki.ubuntu.com/LocalNetInstall",
        "2 adult human skulls found in trash http://t.co/VcsNP9ejV9",
    ]
    assert all(shares_a_link(fold(t)) for t in shared)
    assert _reaching_review(model, shared, "spam") == []
    pitched = [
        "Get 1000 followers in a day www.fastfollowers.net",
        "Dear Voucher Holder, To claim this weeks offer, at your PC please go to http://www.wtlp.co.uk/text.",
        "URGENT! Today is your lucky day! 2 find out why log onto http://www.urawinner.com",
        "Welcome! Please reply with your AGE and GENDER to begin. e.g 24M",
    ]
    assert not any(shares_a_link(fold(t)) or too_short_to_pitch(fold(t)) for t in pitched)
    assert not shares_a_link(fold("http://www.amazon.co.uk/gp/offer-listing/B00ECVF93G"))  # a link alone
    assert not shares_a_link(fold("Hot singles in your area want to meet you: https://datingnow.club"))


def test_digits_in_a_link_are_no_number_to_call(model: TextClassifier) -> None:
    """The phone cue reads "s41586-023-06543-x" in a link's path as a phone number, and sharing a
    Nature article scored 1.00 as spam (an automated penalty); the bounds read the number again
    outside the links. A number to call, or a chat link made of one, still asks."""
    from chatcredit.detectors.normalization import fold
    from chatcredit.ml.pitches import has_a_number_to_call

    article = "Interesting read on sleep and memory https://www.nature.com/articles/s41586-023-06543-x"
    assert not has_a_number_to_call(fold(article))
    assert _reaching_review(model, [article], "spam") == []
    for asks in ("write to me https://wa.me/+79244317126 for work", "Call 09061701461 to claim http://win.co.uk"):
        assert has_a_number_to_call(fold(asks)), asks
        assert model.predict([asks])["spam"][0] >= default_policy().classifier.automate_at, asks


def test_swearing_is_not_named_sexual_nor_a_modal_verb_a_threat(model: TextClassifier) -> None:
    """A notice names "sexual" or "threat" only where a word of wordlists.NAMING occurs (or
    a frame lifts the message): swearing in #ubuntu ("mplayer kicks ass", "US law is
    fucked up") reached review named as sexual harassment before this gate."""
    from chatcredit.policy.detection import CATEGORY_AT

    swearing = [
        "mplayer kicks ass",
        "ailean, maybe, but US law is fucked up",
        "is starting to think the Wiki is evil... he gets sucked into it way too easily",
        "I KNOW it's not stable damn it, I will go back to debian you idiot",
        "you are a stupid fucking moron",
    ]
    probs = model.predict(swearing)
    assert [t for t, p in zip(swearing, probs["sexual"], strict=True) if p >= CATEGORY_AT] == []
    assert [t for t, p in zip(swearing, probs["threat"], strict=True) if p >= CATEGORY_AT] == []
    # the gate does not stop what the words do name (no frame lifts these two)
    named = model.predict(["you horny slut", "i hope someone stabs you"])
    assert named["sexual"][0] >= CATEGORY_AT and named["threat"][1] >= CATEGORY_AT


def test_every_naming_word_is_a_word_of_its_cue() -> None:
    """The classifier caps a category outright where its cue counted nothing, so every
    entry of wordlists.NAMING must be counted by the cue's list (of the same name) too."""
    from chatcredit.ml.wordlists import NAMING, WORDS

    for n, name in enumerate(NAMING.names):
        entries = [key for key, (where, _, _) in NAMING.automaton.items() if n in where]
        assert entries
        assert [e for e in entries if WORDS.count(e)[WORDS.names.index(name)] == 0] == [], name


def test_the_detectors_forms_give_the_training_forms_numbers(model: TextClassifier) -> None:
    """The detector passes the batch's memoised ``(fold, skeleton)``; training reads
    ``forms_of``. Both must give the same probabilities, leetspeak included."""
    from chatcredit.detectors import Context

    texts = ["I h4te w0men.", "ur trash", "in 2015 for $40 @b0b", "check out my channel", "plain words"]
    context = Context()
    served = model.predict(texts, [context.forms(t) for t in texts])
    trained = model.predict(texts)
    for head in served:
        assert np.array_equal(served[head], trained[head]), head


def test_a_phone_number_is_not_digits_in_a_link_a_host_or_a_date() -> None:
    from chatcredit.ml.cues import NAMES, cue_vector
    from chatcredit.ml.profanity import packaged_lexicon

    def phone(text: str) -> bool:
        return cue_vector(text, text.lower(), text.lower(), packaged_lexicon())[NAMES.index("phone")] > 0

    for number in ("call 09061701461 now", "Call08000930705", "(404) 394-1570", "+44 (0)20 7946 0958"):
        assert phone(number), number
    for digits in (
        "https://m.facebook.com/story.php?story_fbid=212688522461817&id=2",  # inside a link
        "[+b *!*@b62-248-137-93.elisa-laajakaista.fi] by Seveas",  # a host name
        "lrwxrwxrwx 1 root root 77 2004-11-02 22:07 libgnutls.deb",  # a date and a time
        "#NewOrleans:0.0000000000000",  # a decimal
    ):
        assert not phone(digits), digits


def test_automated_harassment_needs_a_swear_word_or_a_slur(model: TextClassifier) -> None:
    """Name-calling alone ("You are a fool.", "what a jerk you are") scored 0.98 to 0.99, an
    automated penalty; it stops at the review band's top (``HARASSMENT_WITHOUT_A_SWEAR``), so a
    person decides. Swearing at someone goes on to the automated band."""
    from chatcredit.ml.bounds import HARASSMENT_WITHOUT_A_SWEAR
    from chatcredit.ml.name_calling import NOT_SWEARING
    from chatcredit.ml.profanity import packaged_lexicon

    policy = default_policy().classifier
    assert policy.review_at < HARASSMENT_WITHOUT_A_SWEAR < policy.automate_at
    assert NOT_SWEARING.issubset(packaged_lexicon().folded)  # each is a word the list would count
    named = ["You are a fool.", "you are an idiot", "You are a moron.", "What a jerk you are!", "you are so stupid"]
    assert list(model.predict(named)["harassment"]) == [HARASSMENT_WITHOUT_A_SWEAR] * len(named)
    sworn = ["Shut the fuck up you stupid bitch", "Fuck you asshole", "shut up you stupid bitch"]
    assert all(p >= policy.automate_at for p in model.predict(sworn)["harassment"])


def test_automated_spam_needs_an_ask(model: TextClassifier) -> None:
    """A prize, a link and shouting without a way to answer stop at the review band's top
    (``SPAM_THAT_ASKS_NOTHING``); the same pitch asking for a text, a call or a DM goes on."""
    from chatcredit.ml.bounds import SPAM_THAT_ASKS_NOTHING

    automate_at = default_policy().classifier.automate_at
    assert default_policy().classifier.review_at < SPAM_THAT_ASKS_NOTHING < automate_at
    prize = "URGENT! You have WON a guaranteed £1000 cash prize!"
    unasked, *asked = model.predict(
        [
            f"{prize} Claim at www.win-prize.co.uk",
            f"{prize} To claim txt WIN to 80086 now",  # a short code
            f"{prize} Call 09061701461 to claim.",  # a phone number
            f"{prize} DM me to claim it",  # contact
        ]
    )["spam"]
    assert unasked == SPAM_THAT_ASKS_NOTHING  # the model's own number is higher: capped
    assert all(p >= automate_at for p in asked)
    news = "RT @MajorNews911: NBC News projects Charlie Baker (R) wins Massachusetts Governor. http://t.co/Su9JblPLrO"
    assert model.predict([news])["spam"][0] < default_policy().classifier.review_at
