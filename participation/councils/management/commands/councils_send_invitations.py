from django.core.management.base import BaseCommand, CommandError

from participation.councils.invitations import send_invitations
from participation.councils.models import Meeting


class Command(BaseCommand):
    help = "Send (again) the current version of a meeting's invitations; members who got it already get nothing."

    def add_arguments(self, parser):
        parser.add_argument("meeting_id", type=int)

    def handle(self, *args, meeting_id, **options):
        try:
            meeting = Meeting.objects.get(pk=meeting_id)
        except Meeting.DoesNotExist:
            raise CommandError(f"No meeting {meeting_id}") from None
        if meeting.status not in (Meeting.Status.INVITED, Meeting.Status.CANCELLED) or not meeting.invitations_sent_at:
            raise CommandError("This meeting's invitations have not been sent.")
        self.stdout.write(f"sent: {send_invitations(meeting.pk, meeting.sequence)}")
