"""The route table: every module here exports ``ROUTES``; adding a route is adding a row
to one of them."""

from chatcredit.api.endpoint import Endpoint
from chatcredit.api.routes import adapters, admin, casework, corrections, events, governance, policy, users

ENDPOINTS: tuple[Endpoint, ...] = (
    *events.ROUTES,
    *users.ROUTES,
    *corrections.ROUTES,
    *governance.ROUTES,
    *casework.ROUTES,
    *policy.ROUTES,
    *admin.ROUTES,
    *adapters.ROUTES,
)

__all__ = ["ENDPOINTS", "Endpoint"]
