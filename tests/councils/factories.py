from datetime import timedelta

import factory
from django.core.files.base import ContentFile
from django.utils import timezone
from factory.django import DjangoModelFactory

from participation.councils.models import (
    Advice,
    AdviceRequest,
    AgendaDocument,
    AgendaItem,
    Attendance,
    CouncilMembership,
    Meeting,
    Minutes,
    Vote,
)
from tests.factories import CouncilFactory, UserFactory

PDF = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"


class MembershipFactory(DjangoModelFactory):
    class Meta:
        model = CouncilMembership

    council = factory.SubFactory(CouncilFactory)
    user = factory.SubFactory(UserFactory)
    role = CouncilMembership.Role.MEMBER
    start = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=365))


class MeetingFactory(DjangoModelFactory):
    class Meta:
        model = Meeting

    council = factory.SubFactory(CouncilFactory)
    starts_at = factory.LazyFunction(lambda: timezone.now().replace(microsecond=0, second=0) + timedelta(days=14))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + timedelta(hours=2))
    location = "Raadzaal, Stadhuis"
    is_public = True
    rsvp_deadline = factory.LazyAttribute(lambda o: o.starts_at - timedelta(days=2))


class AgendaItemFactory(DjangoModelFactory):
    class Meta:
        model = AgendaItem

    meeting = factory.SubFactory(MeetingFactory)
    position = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Agendapunt {n}")
    description = "Toelichting"
    purpose = AgendaItem.Purpose.DECISION


class DocumentFactory(DjangoModelFactory):
    class Meta:
        model = AgendaDocument

    item = factory.SubFactory(AgendaItemFactory)
    title = factory.Sequence(lambda n: f"Nota {n}")
    original_name = "nota.pdf"
    content_type = "application/pdf"
    size = len(PDF)
    file = factory.LazyFunction(lambda: ContentFile(PDF, name="nota.pdf"))


class AttendanceFactory(DjangoModelFactory):
    class Meta:
        model = Attendance

    meeting = factory.SubFactory(MeetingFactory)
    user = factory.SubFactory(UserFactory)
    role = CouncilMembership.Role.MEMBER
    has_vote = True


class VoteFactory(DjangoModelFactory):
    class Meta:
        model = Vote

    item = factory.SubFactory(AgendaItemFactory)
    motion = "Voorstel"
    votes_for = 5
    votes_against = 1
    abstentions = 0
    result = Vote.Result.ADOPTED


class MinutesFactory(DjangoModelFactory):
    class Meta:
        model = Minutes

    meeting = factory.SubFactory(MeetingFactory)
    introduction = "Opening"


class AdviceRequestFactory(DjangoModelFactory):
    class Meta:
        model = AdviceRequest

    council = factory.SubFactory(CouncilFactory)
    title = factory.Sequence(lambda n: f"Adviesvraag {n}")
    question = "Wat vindt de raad?"
    deadline = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=30))


class AdviceFactory(DjangoModelFactory):
    class Meta:
        model = Advice

    council = factory.SubFactory(CouncilFactory)
    title = factory.Sequence(lambda n: f"Advies {n}")
    summary = "Samenvatting"
    body = "De raad adviseert."

    class Params:
        sent = factory.Trait(
            status=Advice.Status.SENT,
            approved_at=factory.LazyFunction(lambda: timezone.now() - timedelta(days=12)),
            sent_at=factory.LazyFunction(lambda: timezone.now() - timedelta(days=10)),
            answer_due=factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=20)),
        )
