from django.core.management.base import BaseCommand

from genk.core import outbox


class Command(BaseCommand):
    help = "Publish the Celery tasks still waiting in the outbox (what beat does every minute)."

    def handle(self, *args, **options):
        sent = outbox.drain()
        pending = outbox.OutboxMessage.objects.pending().count()
        self.stdout.write(f"{sent} published, {pending} pending")
