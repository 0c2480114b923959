"""Permissions for surveys, named surveys.verb_model. Table in README.md."""

import rules

from genk.core.permissions import has_mfa, is_administrator
from participation.ownership import owned_by

from .eligibility import respondent_problem

# Staff rights are scoped by department (participation/ownership.py): members (with MFA) of the
# owning or a helping department manage the survey; free-text answers only for the owning one.
manages_survey, owns_survey = owned_by(lambda survey: survey)
is_survey_admin = is_administrator & has_mfa
is_survey_staff = manages_survey | is_survey_admin


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
rules.add_perm("surveys.view_free_text", owns_survey | is_survey_admin)
rules.add_perm("surveys.manage_survey", is_survey_staff)
