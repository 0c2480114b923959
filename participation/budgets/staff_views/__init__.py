"""Staff pages (/beheer/burgerbudget/): set-up, review, paper ballots, results, implementation,
exports. Every page needs the staff area (civil servant with MFA, or administrator).

One module per journey: `setup` (cycle, phases, headings, themes, publishing), `review`,
`paper` (paper ballots), `results` (results, implementation, exports); `common` holds what
they share."""

from .paper import paper_ballot, paper_identify, paper_voter
from .results import export, implementation, result_override, results, results_publish, update_create
from .review import review, review_list
from .setup import (
    cycle_create,
    cycle_detail,
    cycle_edit,
    cycle_headings,
    cycle_list,
    cycle_phases,
    cycle_publish,
    heading_edit,
    theme_list,
)

__all__ = [
    "cycle_create",
    "cycle_detail",
    "cycle_edit",
    "cycle_headings",
    "cycle_list",
    "cycle_phases",
    "cycle_publish",
    "export",
    "heading_edit",
    "implementation",
    "paper_ballot",
    "paper_identify",
    "paper_voter",
    "result_override",
    "results",
    "results_publish",
    "review",
    "review_list",
    "theme_list",
    "update_create",
]
