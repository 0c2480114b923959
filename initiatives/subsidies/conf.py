"""The subsidy app's settings, each with a default. Override any of them in the project settings.

from initiatives.subsidies import conf
conf.decision_department()   # read at call time, so tests can use `settings` overrides
"""

from django.conf import settings


def _get(name, default):
    return getattr(settings, name, default)


def decision_department() -> str:
    """The slug of the department whose current members record the college's decisions
    (the city secretary's office: the college of mayor and aldermen decides, they record it)."""
    return str(_get("SUBSIDIES_DECISION_DEPARTMENT", "secretariaat"))


def info_reminder_days() -> int:
    """Days before an information request's due date that the applicant is reminded."""
    return int(_get("SUBSIDIES_INFO_REMINDER_DAYS", 3))


def report_reminder_days() -> int:
    """Days before the final report's due date that the applicant is reminded."""
    return int(_get("SUBSIDIES_REPORT_REMINDER_DAYS", 14))


def info_due_days() -> int:
    """Default days an applicant has to answer a request for information."""
    return int(_get("SUBSIDIES_INFO_DUE_DAYS", 14))


def invitation_days() -> int:
    """Days a co-applicant's invitation stays valid."""
    return int(_get("SUBSIDIES_INVITATION_DAYS", 30))


def digest_weekday() -> int:
    """The weekday (0 = Monday) of the weekly digest per department."""
    return int(_get("SUBSIDIES_DIGEST_WEEKDAY", 0))
