from allauth.account.signals import email_confirmed
from django.dispatch import receiver
from django.urls import reverse

from genk.core import notifications


@receiver(email_confirmed)
def welcome_after_verification(sender, request, email_address, **kwargs):
    user = email_address.user
    notifications.notify(
        "account.welcome",
        [user],
        key=f"account.welcome:{user.pk}",
        context={"name": user.display_name},  # none yet: no name rather than the email's local part
        url=reverse("accounts:profile"),
    )
