"""Permissions for budgets, named budgets.verb_model. The phase of the cycle decides what can
happen (phases.py); who may do it is decided here. Table in README.md."""

import rules

from .predicates import (
    accepts_paper_ballots,
    is_author,
    is_budget_staff,
    is_eligible_voter,
    is_published_cycle,
    may_propose,
    phase_allows,
    proposal_is_open,
    proposal_is_reviewable,
    proposal_is_selected,
    results_published,
    voted_on_paper,
)

rules.add_perm("budgets.view_cycle", is_published_cycle | is_budget_staff)
rules.add_perm("budgets.follow_cycle", rules.is_authenticated & is_published_cycle)
rules.add_perm("budgets.add_proposal", is_published_cycle & phase_allows("propose") & may_propose)
rules.add_perm(
    "budgets.change_proposal", is_author & proposal_is_open & phase_allows("edit_proposals") & is_published_cycle
)
rules.add_perm(
    "budgets.withdraw_proposal", is_author & proposal_is_open & phase_allows("edit_proposals") & is_published_cycle
)
rules.add_perm("budgets.review_proposal", is_budget_staff & phase_allows("review") & proposal_is_reviewable)
rules.add_perm(
    "budgets.vote_in_heading",
    is_published_cycle & phase_allows("vote") & is_eligible_voter & ~voted_on_paper,
)
rules.add_perm(
    "budgets.enter_paper_ballot",
    is_budget_staff & is_published_cycle & accepts_paper_ballots & phase_allows("vote"),
)
rules.add_perm("budgets.publish_results", is_budget_staff & phase_allows("publish_results") & ~results_published)
rules.add_perm("budgets.view_results", is_published_cycle & phase_allows("show_results") & results_published)
rules.add_perm("budgets.override_result", is_budget_staff & results_published)
rules.add_perm("budgets.post_update", is_budget_staff & phase_allows("post_updates") & proposal_is_selected)
rules.add_perm("budgets.manage_cycle", is_budget_staff)
rules.add_perm("budgets.export_cycle", is_budget_staff)
