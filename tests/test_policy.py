from __future__ import annotations

from pathlib import Path

import pytest

from chatcredit.domain.taxonomy import CATEGORIES, FORBIDDEN_TERMS
from chatcredit.errors import PolicyError
from chatcredit.policy import default_policy, load_policy, parse_policy
from chatcredit.policy.load import default_policy_text


def test_default_policy_loads_and_version_is_content_hash() -> None:
    p = default_policy()
    assert [t.name for t in p.tiers] == ["trusted", "standard", "limited", "restricted"]
    assert len(p.version) == 16
    assert parse_policy(default_policy_text() + "\n# comment\n").version != p.version


def _line_of(text: str, needle: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if needle in line)


def _reject(tmp_path: Path, text: str) -> PolicyError:
    path = tmp_path / "policy.toml"
    path.write_text(text, "utf-8")
    with pytest.raises(PolicyError) as info:
        load_policy(path)
    assert info.value.path == str(path)
    assert str(path) in str(info.value)
    return info.value


def test_unknown_category_is_rejected_with_file_line_and_key(tmp_path: Path) -> None:
    text = default_policy_text()
    at = text.index('category = "threat"', text.index("[[rules]]"))  # a rule's, not the classifier head's
    text = text[:at] + 'category = "nonsense"' + text[at + len('category = "threat"') :]
    err = _reject(tmp_path, text)
    assert err.key == "rules[5].category"
    assert err.line == _line_of(text, '"nonsense"')
    assert "unknown category" in err.message


def test_bad_regex_is_rejected(tmp_path: Path) -> None:
    text = default_policy_text().replace("patterns = ['\\b\\d+p", "patterns = ['(\\b\\d+p")
    err = _reject(tmp_path, text)
    assert err.key == "rules[1].patterns[0]"
    assert err.line == _line_of(text, "patterns = ['(")
    assert "regular expression" in err.message


def test_missing_key_is_rejected(tmp_path: Path) -> None:
    text = default_policy_text().replace("max_groups_joined = 200\n", "")
    err = _reject(tmp_path, text)
    assert err.key == "tiers[1].max_groups_joined"
    assert err.line is not None and "[[tiers]]" in text.splitlines()[err.line - 1]


def test_unknown_key_and_wrong_type_are_rejected(tmp_path: Path) -> None:
    err = _reject(tmp_path, default_policy_text().replace("initial = 500", "initial = 500\ninital = 1"))
    assert err.key == "score.inital"
    err = _reject(tmp_path, default_policy_text().replace("initial = 500", 'initial = "high"'))
    assert err.key == "score.initial" and "int" in err.message


def test_toml_syntax_error_names_the_line(tmp_path: Path) -> None:
    text = default_policy_text() + "\n[[rules]\n"
    err = _reject(tmp_path, text)
    assert err.line == len(text.splitlines())


@pytest.mark.parametrize("code", ["politics", "political-opinion", "religion", "religious-views"])
def test_opinion_categories_are_refused(tmp_path: Path, code: str) -> None:
    text = default_policy_text().replace('category = "harassment"', f'category = "{code}"')
    err = _reject(tmp_path, text)
    assert "never political or religious views" in err.message


def test_taxonomy_has_no_opinion_category() -> None:
    for code, category in CATEGORIES.items():
        assert not any(term in code or term in category.title.lower() for term in FORBIDDEN_TERMS)
        assert category.dsa_category.startswith("STATEMENT_CATEGORY_")


def test_tiers_must_descend_and_end_at_zero(tmp_path: Path) -> None:
    err = _reject(tmp_path, default_policy_text().replace("min_score = 550", "min_score = 900"))
    assert err.key == "tiers[1].min_score"
    err = _reject(tmp_path, default_policy_text().replace("min_score = 0", "min_score = 10"))
    assert "lowest tier" in err.message


def test_policy_check_lists_every_error_and_bounds_every_number(tmp_path: Path) -> None:
    text = default_policy_text()
    broken = (
        text.replace("multiplier = 1.5", "multiplier = inf", 1)
        .replace("points_per_active_day = 2", "points_per_active_day = 9223372036854775807", 1)
        .replace('category = "threat"', 'category = "politics"', 1)
    )
    with pytest.raises(PolicyError) as caught:
        parse_policy(broken, "broken.toml")
    keys = [e.key for e in caught.value.errors]
    assert "repeat.multiplier" in keys and "tenure.points_per_active_day" in keys, keys
    assert all(e.line is not None for e in caught.value.errors)
    deep = "a = " + "[" * 5000 + "]" * 5000 + "\n"
    with pytest.raises(PolicyError, match=r"nested too deeply|TOML"):
        parse_policy(deep, "deep.toml")
    model = text.replace('model = ""', 'model = "/etc/passwd"', 1)
    if model != text:
        with pytest.raises(PolicyError, match=r"classifier\.model"):
            parse_policy(model, "model.toml")
