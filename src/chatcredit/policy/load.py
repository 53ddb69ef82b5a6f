"""Load a policy from TOML: syntax, then schema, then meaning; every error names file, line, key."""

from __future__ import annotations

import hashlib
import re
import tomllib
from importlib import resources
from pathlib import Path

import msgspec

from chatcredit.domain.taxonomy import is_forbidden, is_known
from chatcredit.errors import PolicyError
from chatcredit.policy.locate import line_of, path_from_msgspec
from chatcredit.policy.model import Policy, Rule

DEFAULT_NAME = "default.toml"
_OPINION = "chatcredit scores conduct, never political or religious views"


def default_policy_text() -> str:
    return resources.files("chatcredit.policy").joinpath(DEFAULT_NAME).read_text("utf-8")


def default_policy() -> Policy:
    return parse_policy(default_policy_text(), "<default policy>")


def load_policy(path: str | Path) -> Policy:
    path = Path(path)
    try:
        text = path.read_text("utf-8")
    except OSError as exc:
        raise PolicyError(str(path), None, None, f"cannot read: {exc.strerror}") from None
    except UnicodeDecodeError:
        raise PolicyError(str(path), None, None, "not UTF-8 text") from None
    return parse_policy(text, str(path))


def parse_policy(text: str, path: str = "<policy>") -> Policy:
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        m = re.search(r"line (\d+)", str(exc))
        raise PolicyError(path, int(m.group(1)) if m else None, None, f"TOML: {exc}") from None
    try:
        policy = msgspec.convert(raw, Policy)
    except msgspec.ValidationError as exc:
        message = str(exc)
        keys = path_from_msgspec(message)
        reason = re.sub(r" - at `\$[^`]*`$", "", message)
        missing = re.search(r"missing required field `([^`]+)`", message)
        if missing:
            keys = [*keys, missing.group(1)]
        elif "unknown field" in message and (m := re.search(r"unknown field `([^`]+)`", message)):
            keys = [*keys, m.group(1)]
        raise PolicyError(path, line_of(text, keys), _dotted(keys), reason) from None
    version = hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
    policy = msgspec.structs.replace(policy, version=version, source=path, text=text)
    _check_meaning(policy, text, path)
    return policy


def _dotted(keys: list[str | int]) -> str | None:
    if not keys:
        return None
    out = ""
    for key in keys:
        out += f"[{key}]" if isinstance(key, int) else (f".{key}" if out else key)
    return out


def _fail(text: str, path: str, keys: list[str | int], message: str) -> PolicyError:
    return PolicyError(path, line_of(text, keys), _dotted(keys), message)


def _check_meaning(policy: Policy, text: str, path: str) -> None:
    names = [t.name for t in policy.tiers]
    for i, tier in enumerate(policy.tiers):
        if names.count(tier.name) > 1:
            raise _fail(text, path, ["tiers", i, "name"], f"duplicate tier name {tier.name!r}")
        if i and tier.min_score >= policy.tiers[i - 1].min_score:
            raise _fail(
                text,
                path,
                ["tiers", i, "min_score"],
                "tiers must be listed highest first with strictly decreasing min_score",
            )
    if policy.tiers[-1].min_score != 0:
        raise _fail(
            text,
            path,
            ["tiers", len(policy.tiers) - 1, "min_score"],
            "the lowest tier must have min_score = 0 so every score has a tier",
        )
    if policy.repeat.max_multiplier < policy.repeat.multiplier:
        raise _fail(text, path, ["repeat", "max_multiplier"], "must be at least repeat.multiplier")
    for i, window in enumerate(policy.flood):
        if is_forbidden(window.reason):
            raise _fail(text, path, ["flood", i, "reason"], "reason codes are about conduct, not views")
    for name, head in policy.classifier.heads.items():
        if is_forbidden(head.category):
            raise _fail(text, path, ["classifier", "heads", name, "category"], _OPINION)
        if not is_known(head.category):
            raise _fail(
                text,
                path,
                ["classifier", "heads", name, "category"],
                f"unknown category {head.category!r}; see `chatcredit taxonomy`",
            )
    if policy.classifier.review_at > policy.classifier.automate_at:
        raise _fail(text, path, ["classifier", "review_at"], "must not be above classifier.automate_at")
    if not is_known(policy.links.block_category):
        raise _fail(text, path, ["links", "block_category"], f"unknown category {policy.links.block_category!r}")
    seen: set[str] = set()
    for i, rule in enumerate(policy.rules):
        _check_rule(rule, i, seen, text, path)


def _check_rule(rule: Rule, i: int, seen: set[str], text: str, path: str) -> None:
    where: list[str | int] = ["rules", i]
    if rule.id in seen:
        raise _fail(text, path, [*where, "id"], f"duplicate rule id {rule.id!r}")
    seen.add(rule.id)
    if is_forbidden(rule.category) or is_forbidden(rule.reason_code) or is_forbidden(rule.id):
        raise _fail(
            text,
            path,
            [*where, "category"],
            "chatcredit scores conduct, never political or religious views: "
            f"rule {rule.id!r} names an opinion category",
        )
    if not is_known(rule.category):
        raise _fail(text, path, [*where, "category"], f"unknown category {rule.category!r}; see `chatcredit taxonomy`")
    if not rule.keywords and not rule.patterns:
        raise _fail(text, path, where, f"rule {rule.id!r} has neither keywords nor patterns")
    for j, pattern in enumerate(rule.patterns):
        try:
            re.compile(pattern)
        except re.error as exc:
            raise _fail(text, path, [*where, "patterns", j], f"bad regular expression: {exc}") from None
