"""Domain-named queries for initiatives; views and tasks use these, never raw status strings."""

from django.db import models
from django.db.models import Case, Exists, F, OuterRef, Value, When
from django.utils import timezone

from .caching import ChangesInitiativeParts, ChangesPublicPages


def _status():
    from .models import Initiative

    return Initiative


class InitiativeQuerySet(ChangesPublicPages):
    def public(self):
        """Everything a visitor may see: published once, in a public state."""
        Initiative = _status()
        return self.filter(published_at__isnull=False, status__in=Initiative.PUBLIC_STATES)

    def listed(self):
        """The public list's default: public and not withdrawn."""
        return self.public().without_withdrawn()

    def without_withdrawn(self):
        return self.exclude(status=_status().Status.WITHDRAWN)

    def drafts(self):
        return self.filter(status=_status().Status.DRAFT)

    def awaiting_moderation(self):
        return self.filter(status=_status().Status.SUBMITTED)

    def awaiting_answer(self):
        return self.filter(status__in=_status().AWAITING_ANSWER_STATES)

    def in_progress(self):
        return self.filter(status=_status().Status.IN_PROGRESS)

    def answered_or_in_progress(self):
        Initiative = _status()
        return self.filter(status__in=(Initiative.Status.ANSWERED, Initiative.Status.IN_PROGRESS))

    def not_draft(self):
        return self.exclude(status=_status().Status.DRAFT)

    def collecting_supports(self, now=None):
        """Supports can be given or withdrawn now."""
        return self.filter(status__in=_status().SUPPORT_STATES, supports_close_at__gt=now or timezone.now())

    def next_support_closing(self, now=None):
        """When the next open support period closes (None: none is open). Until then, what the
        public pages say about supports being open stays true (caching.py)."""
        return self.collecting_supports(now).aggregate(moment=models.Min("supports_close_at"))["moment"]

    def support_period_over(self, now=None):
        """Still collecting, though the support period has ended: to be closed."""
        return self.filter(status=_status().Status.COLLECTING, supports_close_at__lte=now or timezone.now())

    def of_initiator(self, user):
        return self.filter(initiators__user=user)

    def handled_by(self, user):
        return self.filter(handler=user)

    def for_cards(self):
        """What a list card shows, in a constant number of queries."""
        return self.select_related("neighbourhood__district").prefetch_related("themes")

    def with_help(self, key: str):
        """Initiatives asking for one kind of help (venue, materials, permits, communication,
        subsidy, cocreation)."""
        field = dict(_status().HELP_FIELDS).get(key)
        return self.filter(**{field: True}) if field else self

    def search(self, text: str):
        """Search in Dutch, insensitive to accents and case (`genk.core.search`): on PostgreSQL
        the stored tsvector (stemmed, ranked); on SQLite, where `make demo` runs, every word in
        the title, summary or description."""
        from genk.core import search

        return search.matches(self, text, fields=("title", "summary", "description"), vector_field="search_vector")

    def newest(self):
        return self.order_by(F("published_at").desc(nulls_last=True), "-pk")

    def most_supported(self):
        return self.order_by("-support_count", F("published_at").desc(nulls_last=True), "-pk")

    def closing_soon(self, now=None):
        """Open ones first, the soonest to close at the top; the rest after, newest first."""
        Initiative = _status()
        now = now or timezone.now()
        return self.annotate(
            _open=Case(
                When(status__in=Initiative.SUPPORT_STATES, supports_close_at__gt=now, then=Value(0)),
                default=Value(1),
                output_field=models.IntegerField(),
            )
        ).order_by("_open", "supports_close_at", "-pk")


class InitiativeManager(models.Manager.from_queryset(InitiativeQuerySet)):
    """The search vector is written and read by the database only: never load it."""

    def get_queryset(self):
        return super().get_queryset().defer("search_vector")


class CommentQuerySet(ChangesInitiativeParts):
    def visible(self):
        return self.filter(hidden_at__isnull=True)

    def with_open_reports(self):
        """Comments with at least one unresolved report. (A join on `reports__resolved_at__isnull`
        would also match every comment that was never reported: an outer join yields NULL.)"""
        from .models import CommentReport

        return self.filter(Exists(CommentReport.objects.filter(comment=OuterRef("pk"), resolved_at__isnull=True)))


class InvitationQuerySet(models.QuerySet):
    def pending(self, now=None):
        return self.filter(
            accepted_at__isnull=True,
            declined_at__isnull=True,
            revoked_at__isnull=True,
            expires_at__gt=now or timezone.now(),
        )

    def for_email(self, email: str):
        return self.filter(email__iexact=email)
