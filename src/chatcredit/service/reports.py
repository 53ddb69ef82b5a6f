"""Published numbers: the transparency report and the statements of reasons for the DSA
transparency database, read from the store for a period."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from chatcredit.dueprocess import sor, transparency
from chatcredit.dueprocess.cases import Appeal, Referral, Reporter
from chatcredit.dueprocess.notices import Notice
from chatcredit.dueprocess.review import ReviewItem
from chatcredit.governance.records import Listing, Sanction
from chatcredit.policy.model import Policy
from chatcredit.store.base import Store


@dataclass
class Reports:
    reads: Store
    policy: Policy
    automated: frozenset[str]

    def transparency(
        self, since: float, until: float, notices: Sequence[Notice] | None = None
    ) -> transparency.TransparencyReport:
        """The report for ``[since, until)``; ``notices``: those of the period, if read already."""
        g = self.reads.governance
        reviews: list[ReviewItem] = self.reads.reviews.list("decided", 10_000_000)
        received = sum(n for n, _ in self.reads.reviews.summary(since, until).values())
        rules = self.policy.reporting
        return transparency.report(
            since,
            until,
            self.reads.notices.between(since, until) if notices is None else notices,
            [a for a in g.find("appeal") if isinstance(a, Appeal)],
            reviews,
            received,
            [r for r in g.find("reporter") if isinstance(r, Reporter)],
            [r for r in g.find("referral") if isinstance(r, Referral)],
            [s for s in g.find("sanction") if isinstance(s, Sanction)],
            [x for x in g.find("listing") if isinstance(x, Listing)],
            self.automated,
            (rules.prior_upheld, rules.prior_dismissed),
        )

    def statements(self, since: float, until: float) -> Iterator[sor.StatementOfReasons]:
        """Each restricting decision of the period as a checked transparency-database record
        (``InvalidStatement`` stops the export before a bad record is written)."""
        for notice in self.reads.notices.between(since, until):
            record = sor.statement_of(notice)
            if record is not None:
                yield sor.validate(record)
