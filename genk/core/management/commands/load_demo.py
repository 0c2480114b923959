from django.core.management.base import BaseCommand
from django.db import transaction

from genk.core import demo


class Command(BaseCommand):
    help = "Load realistic Genk demo data (idempotent) and print one login per role."

    def handle(self, *args, **options):
        ctx = {"stdout": self.stdout, "personas": {}}
        for step in demo.steps():
            with transaction.atomic():
                step.func(ctx)
            if options["verbosity"] > 1:
                self.stdout.write(f"  {step.name}")
        self.print_logins(ctx)

    def print_logins(self, ctx):
        from genk.accounts.demo import DEMO_PASSWORD

        out = self.stdout
        out.write("")
        out.write(self.style.SUCCESS("Samen Genk demo — http://127.0.0.1:8000"))
        out.write(f"Every demo account has the password: {DEMO_PASSWORD}")
        out.write("Emails (verification, password reset, notifications) are written to var/mail/.")
        out.write("")
        for persona in ctx["personas"].values():
            out.write(f"  {persona['role']:<34} {persona['user'].email}")
            if persona.get("totp_secret"):
                out.write(f"  {'':<34} MFA: TOTP secret {persona['totp_secret']}")
                out.write(f"  {'':<34}      (add it to an authenticator app, or use a recovery code:")
                out.write(f"  {'':<34}      {', '.join(persona['recovery_codes'][:3])})")
        out.write("")
        out.write("Staff accounts must use two-factor authentication: after the password, enter the")
        out.write("6-digit code from your authenticator app (or one of the recovery codes above).")
