"""Permissions for surveys, named surveys.verb_model. Table in README.md."""

import rules

from genk.accounts.rules import has_mfa, is_city_staff

from .eligibility import respondent_problem

is_survey_staff = is_city_staff & has_mfa


@rules.predicate
def is_published(_user, survey):
    return survey is not None and survey.is_published


@rules.predicate
def may_answer(user, survey):
    return survey is not None and respondent_problem(user, survey) is None


@rules.predicate
def public_results(_user, survey):
    return survey is not None and survey.is_published and survey.results_public and survey.has_closed()


rules.add_perm("surveys.view_survey", is_published | is_survey_staff)
rules.add_perm("surveys.answer_survey", may_answer)
rules.add_perm("surveys.view_results", public_results | is_survey_staff)
rules.add_perm("surveys.view_free_text", is_survey_staff)
rules.add_perm("surveys.manage_survey", is_survey_staff)


def can(user, perm: str, obj=None) -> bool:
    """The rule itself (not the superuser shortcut of user.has_perm): an administrator is not
    in every audience."""
    return rules.has_perm(perm, user, obj)
