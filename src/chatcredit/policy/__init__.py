"""The policy: a declarative TOML file that says what conduct costs and what each tier may do."""

from chatcredit.policy.load import default_policy, load_policy, parse_policy
from chatcredit.policy.model import Policy, Rule, Severity, Tier

__all__ = ["Policy", "Rule", "Severity", "Tier", "default_policy", "load_policy", "parse_policy"]
