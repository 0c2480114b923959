"""The timeline on a file's staff page: audit entries, messages, notes and payments, newest first,
with each change described for a person."""

import re
from dataclasses import dataclass, field
from datetime import datetime, time

from django.core.exceptions import FieldDoesNotExist
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from genk.core import audit
from genk.core.formats import day_label, euro, long_date
from genk.core.permissions import can

from ..models import (
    Assessment,
    SubsidyFile,
)


@dataclass
class TimelineItem:
    when: datetime
    kind: str  # audit, message, note, payment
    title: str
    who: str = ""
    body: str = ""
    changes: list = field(default_factory=list)


ACTION_LABELS = {
    "submit": gettext_lazy("Aanvraag ingediend"),
    "request_info": gettext_lazy("Meer informatie gevraagd"),
    "answer_info": gettext_lazy("Aanvrager antwoordde"),
    "accept_intake": gettext_lazy("Ontvankelijk verklaard, beoordeling gestart"),
    "propose": gettext_lazy("Beslissing voorgesteld"),
    "decide": gettext_lazy("Beslissing van het college geregistreerd"),
    "submit_report": gettext_lazy("Eindverslag ingediend"),
    "return_report": gettext_lazy("Eindverslag teruggestuurd"),
    "approve_report": gettext_lazy("Eindverslag goedgekeurd"),
    "close": gettext_lazy("Dossier afgesloten"),
    "withdraw": gettext_lazy("Aanvraag ingetrokken"),
    "assign": gettext_lazy("Behandelaar toegewezen"),
    "take": gettext_lazy("Dossier opgenomen"),
    "assign_handler": gettext_lazy("Behandelaar toegewezen"),
    "intake_checklist": gettext_lazy("Checklist ontvankelijkheid bewaard"),
    "save_checklist": gettext_lazy("Checklist ontvankelijkheid bewaard"),
    "submit_assessment": gettext_lazy("Beoordeling ingediend"),
    "record_payment": gettext_lazy("Betaling geregistreerd"),
    "payment": gettext_lazy("Betaling geregistreerd"),
    "assessment_submitted": gettext_lazy("Beoordeling ingediend"),
    "assign_assessors": gettext_lazy("Beoordelaars aangeduid"),
    "remove_assessor": gettext_lazy("Beoordelaar geschrapt"),
    "document_added": gettext_lazy("Document toegevoegd"),
    "document_removed": gettext_lazy("Document verwijderd"),
    "create": gettext_lazy("Aanvraag aangemaakt"),
}
# Payments and messages have their own items in the timeline: their audit entries would repeat them.
TIMELINE_SKIPS = {"payment"}
MESSAGE_ACTIONS = {"request_info", "answer_info", "return_report"}
# Audit values that are not fields of the file.
OTHER_LABELS = {
    "assessor": gettext_lazy("beoordelaar"),
    "assessors": gettext_lazy("beoordelaars"),
    "recommendation": gettext_lazy("advies"),
    "recommended_amount": gettext_lazy("geadviseerd bedrag"),
    "document": gettext_lazy("document"),
}
ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
ISO_MOMENT = re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}")


def audit_date(raw: str) -> str | None:
    """A date or a moment as the audit log stores it ("2026-12-06", "2026-12-06T01:07:49.584Z")
    in Dutch: "6 december 2026", "6 december 2026 om 02:07" (Brussels time); None otherwise."""
    if ISO_DAY.match(raw):
        day = parse_date(raw)
        return long_date(day) if day else None
    if ISO_MOMENT.match(raw):
        moment = parse_datetime(raw)
        if moment is None:
            return None
        if timezone.is_naive(moment):
            moment = timezone.make_aware(moment)
        local = timezone.localtime(moment)
        return _("%(day)s om %(time)s") % {"day": long_date(local), "time": local.strftime("%H:%M")}
    return None


def person_name(user, fallback="") -> str:
    if user is None:
        return fallback
    return user.display_name or user.email


USER_FIELDS = ("handler", "decided_by")


def _change_describer(entries):
    """Turns an audit change (field, before, after) into words: the field's Dutch name, a
    status's label, a person's name (all people looked up in one query)."""
    from genk.accounts.models import User

    ids = {
        value
        for entry in entries
        for field_name, before, after in entry.changes()
        if field_name in USER_FIELDS
        for value in (before, after)
        if isinstance(value, int)
    }
    names = {u.pk: person_name(u) for u in User.objects.filter(pk__in=ids)} if ids else {}

    def describe(field_name, before, after):
        try:
            model_field = SubsidyFile._meta.get_field(field_name)
        except FieldDoesNotExist:  # not a field of the file (e.g. "assessors", "document")
            label = str(OTHER_LABELS.get(field_name, field_name))
            choices = dict(Assessment.Recommendation.choices) if field_name == "recommendation" else {}
        else:
            label = str(model_field.verbose_name)
            choices = dict(model_field.flatchoices) if model_field.choices else {}

        def value(raw):
            if isinstance(raw, list):
                return ", ".join(str(item) for item in raw) or None
            if isinstance(raw, dict):
                return _("ingevuld") if raw else None
            if raw in (None, ""):
                return None
            if field_name in USER_FIELDS:
                return names.get(raw, raw)
            if isinstance(raw, str):
                moment = audit_date(raw)
                if moment:
                    return moment
            return choices.get(raw, raw)

        return label, value(before), value(after)

    return describe


def build_timeline(file, user) -> list[TimelineItem]:
    """Audit entries, messages (internal notes too: this is the staff side) and payments,
    newest first."""
    items = []
    entries = list(audit.history(file)[:200])
    describe = _change_describer(entries)
    for entry in entries:
        name = entry.action.rsplit(".", 1)[-1]
        if name in TIMELINE_SKIPS:
            continue
        items.append(
            TimelineItem(
                when=entry.created,
                kind="audit",
                title=str(ACTION_LABELS.get(name, entry.action)),
                who=person_name(entry.actor, entry.actor_repr or _("het systeem")),
                body="" if name in MESSAGE_ACTIONS else entry.reason,
                changes=[describe(*change) for change in entry.changes()],
            )
        )
    notes = can(user, "subsidies.view_internal_notes", file)
    for message in file.messages.select_related("author").order_by("created", "pk"):
        if message.is_internal and not notes:
            continue
        items.append(
            TimelineItem(
                when=message.created,
                kind="note" if message.is_internal else "message",
                title=message.get_kind_display().capitalize(),
                who=person_name(message.author),
                body=message.body,
            )
        )
    for payment in file.payments.select_related("recorded_by").order_by("paid_on", "pk"):
        items.append(
            TimelineItem(
                when=payment.created
                or timezone.make_aware(datetime.combine(payment.paid_on, time(12)), timezone.get_current_timezone()),
                kind="payment",
                title=_("Betaling: %(kind)s van %(amount)s, betaald op %(day)s")
                % {
                    "kind": payment.get_kind_display(),
                    "amount": euro(payment.amount),
                    "day": day_label(payment.paid_on),
                },
                who=person_name(payment.recorded_by),
                body=payment.reference,
            )
        )
    items.sort(key=lambda item: item.when, reverse=True)
    return items
