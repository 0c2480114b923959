from datetime import timedelta

import factory
from django.db.models import F
from django.utils import timezone
from factory.django import DjangoModelFactory

from initiatives.models import Comment, Follow, Initiative, Initiator, Support, Theme, Update
from tests.factories import NeighbourhoodFactory, UserFactory

S = Initiative.Status


class ThemeFactory(DjangoModelFactory):
    class Meta:
        model = Theme
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Thema {n}")
    slug = factory.Sequence(lambda n: f"thema-{n}")


class InitiativeFactory(DjangoModelFactory):
    """A draft by default; traits put it in a later state directly (for rules and pages).
    The workflow's own tests go through workflow.py."""

    class Meta:
        model = Initiative
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Buurtinitiatief {n}")
    summary = "Samen met de buren maken we de straat groener en gezelliger."
    description = (
        "We willen bloembakken plaatsen, een buurtfeest organiseren en elke maand samen opruimen. "
        "Iedereen uit de buurt is welkom om mee te doen."
    )
    neighbourhood = factory.SubFactory(NeighbourhoodFactory)
    created_by = factory.SubFactory(UserFactory)

    class Params:
        submitted = factory.Trait(status=S.SUBMITTED, submitted_at=factory.LazyFunction(timezone.now))
        published = factory.Trait(
            status=S.COLLECTING,
            submitted_at=factory.LazyFunction(lambda: timezone.now() - timedelta(days=10)),
            published_at=factory.LazyFunction(lambda: timezone.now() - timedelta(days=5)),
            supports_close_at=factory.LazyFunction(lambda: timezone.now() + timedelta(days=85)),
            threshold=50,
        )

    @factory.post_generation
    def lead(self, create, extracted, **kwargs):
        if create:
            self.save()
            Initiator.objects.get_or_create(
                initiative=self, user=self.created_by, defaults={"role": Initiator.Role.LEAD}
            )


def in_state(status, **fields) -> Initiative:
    """An initiative put directly in `status` with the fields that state implies."""
    now = timezone.now()
    base = {"status": status}
    if status not in (S.DRAFT,):
        base["submitted_at"] = now - timedelta(days=20)
    if status in Initiative.PUBLIC_STATES or status == S.WITHDRAWN:
        base.update(
            published_at=now - timedelta(days=15),
            supports_close_at=now + timedelta(days=75),
            threshold=50,
        )
    if status == S.THRESHOLD_REACHED:
        base.update(threshold_reached_at=now, answer_due=(now + timedelta(days=40)).date())
    if status == S.CLOSED:
        base.update(
            supports_close_at=now - timedelta(days=1), closed_at=now, answer_due=(now + timedelta(days=40)).date()
        )
    if status in (S.ANSWERED, S.IN_PROGRESS, S.REALISED):
        base.update(
            supports_close_at=now - timedelta(days=1),
            threshold_reached_at=now - timedelta(days=3),
            outcome=Initiative.Outcome.ACCEPTED,
            answer_text="De stad helpt met materiaal en een locatie in het buurthuis.",
            answered_at=now - timedelta(days=1),
        )
    if status == S.IN_PROGRESS:
        base["progress_started_at"] = now
    if status == S.REALISED:
        base["realised_at"] = now
    if status == S.WITHDRAWN:
        base["withdrawn_at"] = now
    if status == S.REJECTED:
        base["moderation_message"] = "Dit is reclame voor een bedrijf."
    base.update(fields)
    return InitiativeFactory(**base)


def add_co_initiator(initiative, user=None) -> Initiator:
    user = user or UserFactory()
    initiative.forget_cached_initiators()
    return Initiator.objects.create(initiative=initiative, user=user, role=Initiator.Role.CO)


class SupportFactory(DjangoModelFactory):
    """A support row, with the initiative's counters moved as services.support would."""

    class Meta:
        model = Support
        skip_postgeneration_save = True

    initiative = factory.SubFactory(InitiativeFactory, published=True)
    user = factory.SubFactory(UserFactory)

    @factory.post_generation
    def counters(self, create, extracted, **kwargs):
        if create:
            Initiative.objects.filter(pk=self.initiative_id).update(
                support_count=F("support_count") + 1,
                counted_support_count=F("counted_support_count") + int(self.counted),
            )


class CommentFactory(DjangoModelFactory):
    class Meta:
        model = Comment
        skip_postgeneration_save = True

    initiative = factory.SubFactory(InitiativeFactory, published=True)
    author = factory.SubFactory(UserFactory)
    body = "Goed idee! Ik help graag mee op zaterdag."

    @factory.post_generation
    def counters(self, create, extracted, **kwargs):
        if create and self.hidden_at is None:
            Initiative.objects.filter(pk=self.initiative_id).update(comment_count=F("comment_count") + 1)


class FollowFactory(DjangoModelFactory):
    class Meta:
        model = Follow

    initiative = factory.SubFactory(InitiativeFactory, published=True)
    user = factory.SubFactory(UserFactory)


class UpdateFactory(DjangoModelFactory):
    class Meta:
        model = Update

    initiative = factory.SubFactory(InitiativeFactory, published=True)
    author = factory.LazyAttribute(lambda o: o.initiative.created_by)
    title = "De eerste bloembakken staan er"
    body = "Zaterdag hebben we met twaalf buren de eerste bakken geplant."
