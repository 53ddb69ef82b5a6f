"""Load a policy from TOML: syntax, then schema, then meaning; every error names file, line, key."""

from __future__ import annotations

import hashlib
import re
import tomllib
import typing
from importlib import resources
from pathlib import Path
from typing import Any

import msgspec

from chatcredit.domain.linear import NotLinear, compile_linear
from chatcredit.domain.taxonomy import is_forbidden, is_known
from chatcredit.errors import PolicyError
from chatcredit.policy.governance import governance_problems
from chatcredit.policy.locate import line_of
from chatcredit.policy.model import Policy, Rule
from chatcredit.vocabulary import SEVERITIES

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
    """Parse and check a policy; a :class:`PolicyError` lists every error in the file
    (``.errors``), each with its line and key, the first as the error's own message."""
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        m = re.search(r"line (\d+)", str(exc))
        raise PolicyError(path, int(m.group(1)) if m else None, None, f"TOML: {exc}") from None
    except RecursionError:
        raise PolicyError(path, None, None, "TOML: nested too deeply") from None
    try:
        policy = msgspec.convert(raw, Policy)
    except msgspec.ValidationError:
        found = [_fail(text, path, keys, reason) for keys, reason in schema_errors(raw, Policy, [])]
        raise _all(found or [PolicyError(path, None, None, "does not fit the policy schema")]) from None
    version = hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
    policy = msgspec.structs.replace(policy, version=version, source=path, text=text)
    errors: list[PolicyError] = []
    _check_meaning(policy, text, path, errors)
    if errors:
        raise _all(errors)
    return policy


def _all(errors: list[PolicyError]) -> PolicyError:
    first = errors[0]
    combined = PolicyError(first.path, first.line, first.key, first.message)
    combined.errors = errors
    return combined


def schema_errors(value: Any, kind: Any, keys: list[str | int]) -> list[tuple[list[str | int], str]]:
    """Every place where ``value`` does not fit ``kind``, not only the first: a struct's
    keys, a list's items and a table's values are checked one by one."""
    try:
        msgspec.convert(value, kind)
        return []
    except msgspec.ValidationError as exc:
        message = re.sub(r" - at `\$[^`]*`$", "", str(exc))
    base = typing.get_args(kind)[0] if typing.get_origin(kind) is typing.Annotated else kind
    origin = typing.get_origin(base)
    if isinstance(base, type) and issubclass(base, msgspec.Struct) and isinstance(value, dict):
        hints = typing.get_type_hints(base, include_extras=True)
        fields = {f.encode_name: f for f in msgspec.structs.fields(base)}
        found: list[tuple[list[str | int], str]] = []
        for key in value:
            if key not in fields:
                found.append(([*keys, key], f"unknown key {key!r}"))
        for name, f in fields.items():
            if name in value:
                found += schema_errors(value[name], hints[f.name], [*keys, name])
            elif f.required:
                found.append(([*keys, name], f"missing required key {name!r}"))
        return found or [(keys, message)]
    if origin is list and isinstance(value, list) and not _list_rules(kind, value):
        (item,) = typing.get_args(base)
        found = [e for n, v in enumerate(value) for e in schema_errors(v, item, [*keys, n])]
        return found or [(keys, message)]
    if origin is dict and isinstance(value, dict):
        _, item = typing.get_args(base)
        found = [e for k, v in value.items() for e in schema_errors(v, item, [*keys, k])]
        return found or [(keys, message)]
    return [(keys, message)]


def _list_rules(kind: Any, value: list[Any]) -> bool:
    """Does the list itself break a rule (its length), rather than one of its items?"""
    try:
        msgspec.convert([], kind)
    except msgspec.ValidationError:
        return not value
    return False


def _dotted(keys: list[str | int]) -> str | None:
    if not keys:
        return None
    out = ""
    for key in keys:
        out += f"[{key}]" if isinstance(key, int) else (f".{key}" if out else key)
    return out


def _fail(text: str, path: str, keys: list[str | int], message: str) -> PolicyError:
    return PolicyError(path, line_of(text, keys), _dotted(keys), message)


def _check_meaning(policy: Policy, text: str, path: str, errors: list[PolicyError]) -> None:
    names = [t.name for t in policy.tiers]
    for i, tier in enumerate(policy.tiers):
        if names.count(tier.name) > 1:
            errors.append(_fail(text, path, ["tiers", i, "name"], f"duplicate tier name {tier.name!r}"))
        if i and tier.min_score >= policy.tiers[i - 1].min_score:
            errors.append(
                _fail(
                    text,
                    path,
                    ["tiers", i, "min_score"],
                    "tiers must be listed highest first with strictly decreasing min_score",
                )
            )
    if policy.tiers[-1].min_score != 0:
        errors.append(
            _fail(
                text,
                path,
                ["tiers", len(policy.tiers) - 1, "min_score"],
                "the lowest tier must have min_score = 0 so every score has a tier",
            )
        )
    if policy.repeat.max_multiplier < policy.repeat.multiplier:
        errors.append(_fail(text, path, ["repeat", "max_multiplier"], "must be at least repeat.multiplier"))
    for i, window in enumerate(policy.flood):
        if is_forbidden(window.reason):
            errors.append(_fail(text, path, ["flood", i, "reason"], "reason codes are about conduct, not views"))
    for name, head in policy.classifier.heads.items():
        if is_forbidden(head.category):
            errors.append(_fail(text, path, ["classifier", "heads", name, "category"], _OPINION))
        if not is_known(head.category):
            errors.append(
                _fail(
                    text,
                    path,
                    ["classifier", "heads", name, "category"],
                    f"unknown category {head.category!r}; see `chatcredit taxonomy`",
                )
            )
    if policy.classifier.review_at > policy.classifier.automate_at:
        errors.append(_fail(text, path, ["classifier", "review_at"], "must not be above classifier.automate_at"))
    for i, burst_head in enumerate(policy.classifier.burst.heads):
        if burst_head not in policy.classifier.flagging:
            errors.append(
                _fail(
                    text,
                    path,
                    ["classifier", "burst", "heads", i],
                    f"{burst_head!r} is not a flagging head of [classifier.heads]",
                )
            )
    if policy.classifier.burst.leaning_at >= policy.classifier.review_at:
        errors.append(_fail(text, path, ["classifier", "burst", "leaning_at"], "must be below classifier.review_at"))
    if not is_known(policy.links.block_category):
        errors.append(
            _fail(text, path, ["links", "block_category"], f"unknown category {policy.links.block_category!r}")
        )
    retention = policy.retention
    if retention.max_days < retention.min_days:
        errors.append(_fail(text, path, ["retention", "max_days"], "must be at least retention.min_days"))
    for name, j in retention.jurisdictions.items():
        if j.max_days < j.min_days:
            errors.append(
                _fail(text, path, ["retention", "jurisdictions", name, "max_days"], "must be at least min_days")
            )
    model = policy.classifier.model
    if model and not (model.endswith(".npz") and Path(model).is_file()):
        errors.append(_fail(text, path, ["classifier", "model"], f"{model!r} is not a classifier file (.npz)"))
    for keys, message in governance_problems(policy.identity, policy.accountability, policy.blacklist, SEVERITIES):
        errors.append(_fail(text, path, keys, message))
    seen: set[str] = set()
    for i, rule in enumerate(policy.rules):
        _check_rule(rule, i, seen, text, path, errors)


def _check_rule(rule: Rule, i: int, seen: set[str], text: str, path: str, errors: list[PolicyError]) -> None:
    where: list[str | int] = ["rules", i]
    if rule.id in seen:
        errors.append(_fail(text, path, [*where, "id"], f"duplicate rule id {rule.id!r}"))
    seen.add(rule.id)
    if is_forbidden(rule.category) or is_forbidden(rule.reason_code) or is_forbidden(rule.id):
        errors.append(
            _fail(
                text,
                path,
                [*where, "category"],
                "chatcredit scores conduct, never political or religious views: "
                f"rule {rule.id!r} names an opinion category",
            )
        )
    if not is_known(rule.category):
        errors.append(
            _fail(text, path, [*where, "category"], f"unknown category {rule.category!r}; see `chatcredit taxonomy`")
        )
    if not rule.keywords and not rule.patterns:
        errors.append(_fail(text, path, where, f"rule {rule.id!r} has neither keywords nor patterns"))
    for key, patterns in (("patterns", rule.patterns), ("unless", rule.unless)):
        for j, pattern in enumerate(patterns):
            try:
                compile_linear(pattern)
            except NotLinear as exc:
                reason = f"bad regular expression for RE2, which runs in linear time: {exc}"
                errors.append(_fail(text, path, [*where, key, j], reason))
