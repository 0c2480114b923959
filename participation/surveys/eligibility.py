from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from genk.core.formats import day_label

from .models import Response, Survey


def respondent_problem(user, survey: Survey, *, check_answered: bool = True):
    """Why `user` may not answer `survey` now (None: they may)."""
    if not survey.is_published:
        return _("Deze bevraging is nog niet gepubliceerd.")
    now = timezone.now()
    if now < survey.opens_at:
        return _("Deze bevraging opent op %(date)s.") % {
            "date": f"{day_label(survey.opens_at)} {timezone.localtime(survey.opens_at):%H:%M}"
        }
    if survey.has_closed(now):
        return _("Deze bevraging is gesloten.")
    if not user.is_authenticated:
        return _("Meld je aan om deel te nemen.")
    from participation.budgets.eligibility import has_verified_email

    if not has_verified_email(user):
        return _("Bevestig eerst je e-mailadres.")
    if survey.audience_district_id:
        neighbourhood = user.neighbourhood
        if neighbourhood is None or neighbourhood.district_id != survey.audience_district_id:
            return _("Deze bevraging is voor inwoners van %(district)s.") % {"district": survey.audience_district.name}
    if survey.min_age or survey.max_age:
        age = user.age_in(timezone.localdate().year)
        if age is None:
            return _("Vul je geboortejaar in op je profiel: deze bevraging is voor een leeftijdsgroep.")
        if survey.min_age and age < survey.min_age:
            return _("Deze bevraging is voor wie %(age)s jaar of ouder is.") % {"age": survey.min_age}
        if survey.max_age and age > survey.max_age:
            return _("Deze bevraging is voor wie hoogstens %(age)s jaar is.") % {"age": survey.max_age}
    if check_answered and Response.objects.filter(survey=survey, respondent=user).exists():
        return _("Je hebt deze bevraging al ingevuld. Bedankt!")
    return None
