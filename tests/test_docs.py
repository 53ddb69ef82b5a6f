"""Documentation that tests keep honest: schema examples, policy keys, CLI help, codes."""

from __future__ import annotations

import re
import runpy
from pathlib import Path
from typing import Any

import msgspec

import chatcredit
from chatcredit.domain.events import EVENT_TYPES, parse_event
from chatcredit.domain.permits import ACTIONS, REGISTRY
from chatcredit.policy.model import Policy

ROOT = Path(__file__).resolve().parents[1]


def _read(name: str) -> str:
    return (ROOT / name).read_text("utf-8")


def test_every_event_example_parses_and_every_type_has_one() -> None:
    blocks = re.findall(r"```json\n(.*?)\n```", _read("docs/events.md"), re.S)
    types = {type(parse_event(b)).__struct_config__.tag for b in blocks}
    assert types == {cls.__struct_config__.tag for cls in EVENT_TYPES}


def _policy_keys(struct: Any, prefix: str) -> list[str]:
    keys = []
    for field in msgspec.structs.fields(struct):
        if field.name in ("version", "source", "text"):
            continue
        name = f"{prefix}{field.encode_name}"
        inner = field.type
        args = getattr(inner, "__args__", ())
        if args and isinstance(args[0], type) and issubclass(args[0], msgspec.Struct):
            keys.append(name)
            keys += _policy_keys(args[0], f"{name}[].")
        elif isinstance(inner, type) and issubclass(inner, msgspec.Struct):
            if field.name == "severities":
                keys += [f"{name}.{f.name}" for f in msgspec.structs.fields(inner)]
                keys += _policy_keys(msgspec.structs.fields(inner)[0].type, f"{name}.<severity>.")
            else:
                keys += _policy_keys(inner, f"{name}.")
        else:
            keys.append(name)
    return keys


def test_every_policy_key_is_documented() -> None:
    doc = _read("docs/policy.md")
    keys = _policy_keys(Policy, "")
    assert len(keys) > 30
    missing = [k for k in keys if f"`{k}`" not in doc]
    assert not missing


def test_every_policy_section_says_when_a_change_takes_effect() -> None:
    doc = _read("docs/policy.md").split("## When a change takes effect", 1)[1].split("\n## ", 1)[0]
    sections = [f.encode_name for f in msgspec.structs.fields(Policy) if f.name not in ("version", "source", "text")]
    placed = {name: doc.count(f"`{name}`") for name in sections}
    assert all(count >= 1 for count in placed.values()), placed


def test_cli_reference_is_current() -> None:
    generator = runpy.run_path(str(ROOT / "tools" / "gen_cli_docs.py"))
    assert _read("docs/cli.md") == generator["render"](), "run tools/gen_cli_docs.py"


def test_every_permit_action_and_reason_code_is_documented() -> None:
    doc = _read("docs/scoring.md")
    codes = [
        *(a.denied for a in REGISTRY.values()),
        "tier-allows",
        "rate-limit-exceeded",
        "group-ownership-limit-reached",
        "group-join-limit-reached",
        "group-too-large-for-tier",
        "identity-verification-required",
        "group-size-limit-reached",
        "organization-verification-required",
        "group-posting-suspended",
        "group-creation-barred",
        "admin-rights-suspended",
        "blacklisted",
        # the measures that deny an action (documented beside the codes)
        "posting-suspended",
        "manage-suspended",
        "create-barred",
    ]
    assert [c for c in [*ACTIONS, *codes] if f"`{c}`" not in doc] == []
    source = (ROOT / "src" / "chatcredit" / "domain" / "permits.py").read_text("utf-8")
    assert set(re.findall(r'"([a-z]+(?:-[a-z]+)+)"', source)) <= set(codes)


def test_public_api_is_complete_and_sorted() -> None:
    assert chatcredit.__all__ == sorted(chatcredit.__all__)
    for name in chatcredit.__all__:
        assert hasattr(chatcredit, name)


def test_readme_starts_with_the_two_commands() -> None:
    head = _read("README.md").split("\n## ", 1)[0]
    assert "make demo" in head and "make test" in head
    assert "make test" in _read(".ci/run")
