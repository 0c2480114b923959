"""Permissions for surveys, named surveys.verb_model. Table in README.md."""

import rules

from genk.core.permissions import is_staff_with_mfa

from .eligibility import respondent_problem

is_survey_staff = is_staff_with_mfa


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
