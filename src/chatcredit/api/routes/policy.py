"""The policy, its check, the taxonomy and the rules."""

from __future__ import annotations

from typing import Any

from chatcredit import views
from chatcredit.api import schemas as sc
from chatcredit.api.call import Call
from chatcredit.api.endpoint import Endpoint
from chatcredit.api.problems import HttpProblem
from chatcredit.domain.taxonomy import CATEGORIES
from chatcredit.errors import PolicyError
from chatcredit.policy import parse_policy


async def get_policy(call: Call) -> Any:
    policy = call.engine.policy
    return {"source": policy.source, "version": policy.version, "text": policy.text}


async def post_policy_check(call: Call) -> Any:
    kind = call.request.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind not in ("application/toml", "text/plain"):
        raise HttpProblem(415, "unsupported-media-type", "Send TOML", "Content-Type must be application/toml")
    try:
        text = (await call.body()).decode("utf-8")
    except UnicodeDecodeError:
        raise HttpProblem(400, "invalid-body", "The policy is not UTF-8 text") from None
    try:
        checked = parse_policy(text, "<request body>")
    except PolicyError as exc:  # the check's answer, not a failed request
        found = [{"line": e.line, "key": e.key, "message": e.message} for e in exc.errors]
        return {"ok": False, "error": found[0], "errors": found}
    return {"ok": True, "version": checked.version, "rules": len(checked.rules), "tiers": len(checked.tiers)}


async def get_taxonomy(call: Call) -> Any:
    return [{"code": c.code, "dsa_category": c.dsa_category, "title": c.title} for c in CATEGORIES.values()]


async def get_rules(call: Call) -> Any:
    return [views.rule_view(r) for r in call.engine.detection.rules()]


async def post_policy_reload(call: Call) -> Any:
    version = await call.reload_policy()
    return {"version": version, "source": call.engine.policy.source}


POLICY_ERROR = sc.obj({"line": sc.nullable(sc.INT), "key": sc.nullable(sc.STR), "message": sc.STR})
ROUTES: tuple[Endpoint, ...] = (
    Endpoint(
        "POST",
        "/v1/policy/reload",
        "admin",
        post_policy_reload,
        "Read the policy file again and work under it (as SIGHUP does); the new version",
        sc.obj({"version": sc.STR, "source": sc.STR}),
        tag="policy",
        errors=(400, 401, 403, 422),
    ),
    Endpoint(
        "GET",
        "/v1/policy",
        "read",
        get_policy,
        "The policy in force",
        sc.obj({"source": sc.STR, "version": sc.STR, "text": sc.STR}),
        tag="policy",
    ),
    Endpoint(
        "POST",
        "/v1/policy/check",
        "admin",
        post_policy_check,
        "Validate a policy file (TOML body); errors name the line and key",
        sc.obj(
            {"ok": sc.BOOL},
            {
                "version": sc.STR,
                "rules": sc.INT,
                "tiers": sc.INT,
                "error": POLICY_ERROR,
                "errors": sc.array(POLICY_ERROR),
            },
        ),
        body={"type": "string", "description": "the policy file, as TOML text"},
        tag="policy",
        errors=(400, 401, 403, 408, 413, 415, 422),
    ),
    Endpoint(
        "GET",
        "/v1/taxonomy",
        "read",
        get_taxonomy,
        "The fixed conduct categories",
        sc.array(sc.obj({"code": sc.STR, "dsa_category": sc.STR, "title": sc.STR})),
        tag="policy",
    ),
    Endpoint(
        "GET",
        "/v1/rules",
        "read",
        get_rules,
        "The policy's rules: mode, version, trial, brake, shadow hits",
        sc.array(sc.ref("RuleStatus")),
        tag="policy",
    ),
)
