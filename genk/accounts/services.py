"""Operations on accounts that touch several objects: data export and erasure (GDPR)."""

from django.contrib.sessions.models import Session
from django.db import transaction
from django.utils import timezone

from genk.core import audit, gdpr
from genk.core.models import Notification


def export_user_data(user) -> dict:
    """Everything the portal keeps about `user`, JSON-serialisable."""
    from allauth.account.models import EmailAddress

    data = {
        "format": "samen-genk-export/1",
        "exported_at": timezone.now().isoformat(),
        "account": {
            "id": user.pk,
            "email": user.email,
            "display_name": user.display_name,
            "year_of_birth": user.year_of_birth,
            "neighbourhood": user.neighbourhood.name if user.neighbourhood_id else None,
            "language": user.language,
            "notification_frequency": user.notification_frequency,
            "date_joined": user.date_joined.isoformat(),
            "last_login": user.last_login.isoformat() if user.last_login else None,
            "residency_verified_at": user.residency_verified_at.isoformat() if user.residency_verified_at else None,
        },
        "email_addresses": [
            {"email": e.email, "verified": e.verified, "primary": e.primary}
            for e in EmailAddress.objects.filter(user=user)
        ],
        "department_memberships": [
            {"department": m.department.name, "role": m.role, "start": m.start, "end": m.end}
            for m in user.department_memberships.select_related("department")
        ],
        "organisation_memberships": [
            {"organisation": m.organisation.name, "role": m.role, "start": m.start, "end": m.end}
            for m in user.organisation_memberships.select_related("organisation")
        ],
        "notifications": [
            {"subject": n.subject, "body": n.body, "created": n.created.isoformat(), "read": n.read_at is not None}
            for n in Notification.objects.filter(recipient=user)
        ],
    }
    data.update(gdpr.export_sections(user))
    return data


@transaction.atomic
def erase_user(user, *, actor=None) -> None:
    """Erase `user`'s personal data. The row stays so public contributions keep an author,
    shown as "former resident"; the person can no longer sign in."""
    from allauth.account.models import EmailAddress
    from allauth.mfa.models import Authenticator
    from allauth.socialaccount.models import SocialAccount

    gdpr.erase_all(user)
    EmailAddress.objects.filter(user=user).delete()
    Authenticator.objects.filter(user=user).delete()
    SocialAccount.objects.filter(user=user).delete()
    Notification.objects.filter(recipient=user).delete()
    user.department_memberships.all().delete()
    user.organisation_memberships.all().delete()
    user.email = f"gewist-{user.pk}@invalid.samen.genk.be"
    user.display_name = ""
    user.year_of_birth = None
    user.neighbourhood = None
    user.residency_verified_at = None
    user.residency_verified_by = None
    user.is_active = False
    user.is_staff = False
    user.is_superuser = False
    user.erased_at = timezone.now()
    user.set_unusable_password()
    user.save()
    _delete_sessions(user)
    audit.record(actor or user, "account.erased", user)


def _delete_sessions(user) -> None:
    for session in Session.objects.filter(expire_date__gte=timezone.now()).iterator():
        if session.get_decoded().get("_auth_user_id") == str(user.pk):
            session.delete()
