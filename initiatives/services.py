"""Operations that touch several rows: the committee, supports, follows, comments, updates.

Each is atomic; where a count is checked and written, the initiative row is locked first
(`select_for_update`), so concurrent requests never count twice. State changes are in
workflow.py. Refusals raise `NotAllowed` or `AlreadyDone` with a message for the user.
"""

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import Count, F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from genk.core import audit, notifications, outbox, ratelimit
from genk.core.formats import day_label
from genk.core.permissions import can, require
from genk.core.refusals import AlreadyDone, NotAllowed

from . import recipients, workflow
from .models import Comment, CommentReport, Follow, Initiative, Initiator, Invitation, Support, Update
from .predicates import counts_for_threshold, has_neighbourhood, has_verified_email
from .tasks import send_invitation_email

DENIED = gettext_lazy("Je mag dit niet doen voor dit initiatief.")


# Writing and the committee.


@transaction.atomic
def create_initiative(user, **fields) -> Initiative:
    """A new draft, with `user` as its lead initiator."""
    require(user, "initiatives.add_initiative", None, message=DENIED)
    initiative = Initiative.objects.create(created_by=user, **fields)
    Initiator.objects.create(initiative=initiative, user=user, role=Initiator.Role.LEAD)
    return initiative


# How often one person may do these things (README "Rate limits"); `settings.RATE_LIMITS`
# overrides a rate. `unverified`: a person whose residency nobody verified yet.
INVITE_RATE, INVITE_RATE_UNVERIFIED = "10/h", "3/h"  # each sends an email to a typed address
COMMENT_RATE, COMMENT_RATE_UNVERIFIED = "30/h", "10/h"
SUPPORT_RATE = "30/h"
WITHDRAW_SUPPORT_RATE = "10/h"


def invite(initiative: Initiative, user, email: str, *, limited: bool = True) -> Invitation:
    """Invite someone by email to join as co-initiator. Inviting the same address again sends
    a fresh link (the old one stops working)."""
    require(user, "initiatives.invite_initiator", initiative, message=DENIED)
    email = email.strip().lower()
    User = get_user_model()
    invitee = User.objects.filter(email__iexact=email, is_active=True).first()
    if invitee is not None and invitee.pk in initiative.initiator_ids():
        raise AlreadyDone(_("%(email)s is al initiatiefnemer.") % {"email": email})
    if limited:  # not for the demo data
        ratelimit.hit(user, "initiatives.invite", INVITE_RATE, unverified=INVITE_RATE_UNVERIFIED)
    now = timezone.now()
    with transaction.atomic():
        invitation, created = Invitation.objects.select_for_update().get_or_create(
            initiative=initiative,
            email=email,
            defaults={"invited_by": user, "expires_at": Invitation.default_expiry(now), "created": now},
        )
        if not created:
            # An invitation accepted by someone who has since left the committee (or was
            # removed from it) can be sent again; one whose member is still there cannot.
            if invitation.accepted_at and invitation.accepted_by_id in initiative.initiator_ids():
                raise AlreadyDone(_("%(email)s heeft de uitnodiging al aanvaard.") % {"email": email})
            invitation.token = Invitation._meta.get_field("token").default()
            invitation.invited_by = user
            invitation.created = now
            invitation.expires_at = Invitation.default_expiry(now)
            invitation.declined_at = invitation.revoked_at = invitation.accepted_at = None
            invitation.accepted_by = None
            invitation.save()
        _send_invitation(invitation, invitee)
    return invitation


def _send_invitation(invitation: Invitation, invitee) -> None:
    context = {
        "title": invitation.initiative.title,
        "summary": invitation.initiative.summary,
        "inviter": invitation.invited_by.public_name,
        "expires": day_label(invitation.expires_at),
        "link": notifications.absolute_url(invitation.get_absolute_url()),
    }
    key = f"initiatives:invitation:{invitation.pk}:{int(invitation.created.timestamp())}"
    if invitee is not None:
        # Someone with an account: in the portal and by email, by their preference.
        notifications.notify(
            "initiatives.invitation", [invitee], key=key, context=context, url=invitation.get_absolute_url()
        )
    else:
        outbox.enqueue(send_invitation_email, invitation_id=invitation.pk, key=key)


def revoke_invitation(invitation: Invitation, user) -> None:
    require(user, "initiatives.invite_initiator", invitation.initiative, message=DENIED)
    Invitation.objects.filter(pk=invitation.pk, accepted_at__isnull=True).update(revoked_at=timezone.now())


def accept_invitation(token: str, user) -> Initiative:
    """`user` joins the committee. The token is the proof of the invitation."""
    with transaction.atomic():
        invitation = Invitation.objects.select_for_update().select_related("initiative").filter(token=token).first()
        if invitation is None or not invitation.is_pending:
            raise NotAllowed(_("Deze uitnodiging is niet meer geldig. Vraag de initiatiefnemer om een nieuwe."))
        initiative = invitation.initiative
        if initiative.status in Initiative.FINAL_STATES:
            raise NotAllowed(_("Dit initiatief is afgesloten; je kunt er niet meer bij."))
        if user.pk in initiative.initiator_ids():
            raise AlreadyDone(_("Je bent al initiatiefnemer van dit initiatief."))
        try:
            with transaction.atomic():
                Initiator.objects.create(initiative=initiative, user=user, role=Initiator.Role.CO)
        except IntegrityError:
            raise AlreadyDone(_("Je bent al initiatiefnemer van dit initiatief.")) from None
        invitation.accepted_at = timezone.now()
        invitation.accepted_by = user
        invitation.save(update_fields=["accepted_at", "accepted_by"])
        Follow.objects.bulk_create([Follow(initiative=initiative, user=user)], ignore_conflicts=True)
        notifications.notify(
            "initiatives.invitation_accepted",
            [initiative.created_by_id],
            key=f"initiatives:invitation:{invitation.pk}:accepted",
            context={"title": initiative.title, "name": user.public_name},
            url=reverse("initiatives:edit", kwargs={"pk": initiative.pk, "step": "initiatiefnemers"}),
        )
    initiative.forget_cached_initiators()
    return initiative


def decline_invitation(token: str, user) -> None:
    Invitation.objects.filter(token=token, accepted_at__isnull=True).update(declined_at=timezone.now())


def remove_initiator(membership: Initiator, user, *, message: str = "") -> Initiative:
    """The lead initiator removes a co-initiator, or a co-initiator leaves (`user` is then the
    member themselves), while the initiative is not final. Audited; the removed person (or,
    when someone leaves, the lead) is told. The lead cannot be removed.

    The person keeps their supports and comments. They stop following an initiative they can
    no longer see (one that is not public); a public one they keep following until they
    unfollow. A burgervoorstel left without co-initiator cannot be submitted until someone
    else accepts an invitation (`Initiative.missing_for_submission`)."""
    with transaction.atomic():
        initiative = Initiative.objects.select_for_update().get(pk=membership.initiative_id)
        row = Initiator.objects.select_related("user").filter(pk=membership.pk, initiative=initiative).first()
        if row is None:
            raise AlreadyDone(_("Deze persoon maakt al geen deel meer uit van het team."))
        if initiative.status in Initiative.FINAL_STATES:
            raise NotAllowed(_("Dit initiatief is afgesloten; het team verandert niet meer."))
        row.initiative = initiative
        require(user, "initiatives.remove_initiator", row, message=_("Je kunt deze persoon niet uit het team halen."))
        member = row.user
        leaving = member.pk == user.pk
        key = f"initiatives:{initiative.pk}:initiator:{row.pk}:{'left' if leaving else 'removed'}"
        row.delete()
        if not initiative.is_public:
            Follow.objects.filter(initiative=initiative, user=member).delete()
        initiative.forget_cached_initiators()
        action = "initiatives.initiator_left" if leaving else "initiatives.initiator_removed"
        audit.record(
            user,
            action,
            initiative,
            before={"co_initiator": f"{member.public_name} (#{member.pk})"},
            after={"co_initiator": None},
            reason=message,
        )
        context = {"title": initiative.title, "name": member.public_name, "lead": user.public_name, "message": message}
        if leaving:
            notifications.notify(
                "initiatives.initiator_left",
                [initiative.created_by_id],
                key=key,
                context=context,
                url=reverse("initiatives:committee", kwargs={"pk": initiative.pk}),
            )
        else:
            notifications.notify(
                "initiatives.initiator_removed",
                [member],
                key=key,
                context=context,
                url=initiative.get_absolute_url() if initiative.is_public else "",
            )
    if Initiator.initiative.is_cached(membership):
        membership.initiative.forget_cached_initiators()
    return initiative


def transfer_lead(membership: Initiator, user, *, message: str = "") -> Initiative:
    """The lead hands the initiative over to a co-initiator, while it is not final: the
    co-initiator becomes the lead (`created_by`: the one who answers for it, withdraws it and
    manages the team) and the former lead stays in the team as co-initiator. Audited; the new
    lead is told."""
    with transaction.atomic():
        initiative = Initiative.objects.select_for_update().get(pk=membership.initiative_id)
        row = Initiator.objects.select_related("user").filter(pk=membership.pk, initiative=initiative).first()
        if row is None:
            raise AlreadyDone(_("Deze persoon maakt al geen deel meer uit van het team."))
        if row.role == Initiator.Role.LEAD:
            raise AlreadyDone(_("%(name)s is al de initiatiefnemer.") % {"name": row.user.public_name})
        if initiative.status in Initiative.FINAL_STATES:
            raise NotAllowed(_("Dit initiatief is afgesloten; het team verandert niet meer."))
        row.initiative = initiative
        require(
            user,
            "initiatives.transfer_lead",
            row,
            message=_("Alleen de initiatiefnemer kan het initiatief overdragen."),
        )
        former, successor = initiative.created_by, row.user
        # One lead at a time (constraint `initiator_one_lead`): the former lead steps down first.
        Initiator.objects.filter(initiative=initiative, role=Initiator.Role.LEAD).update(role=Initiator.Role.CO)
        Initiator.objects.filter(pk=row.pk).update(role=Initiator.Role.LEAD)
        initiative.created_by = successor
        initiative.save(update_fields=["created_by", "modified"])
        initiative.forget_cached_initiators()
        audit.record(
            user,
            "initiatives.lead_transferred",
            initiative,
            before={"lead": f"{former.public_name} (#{former.pk})"},
            after={"lead": f"{successor.public_name} (#{successor.pk})"},
            reason=message,
        )
        notifications.notify(
            "initiatives.lead_transferred",
            [successor],
            key=f"initiatives:{initiative.pk}:lead:{successor.pk}:{timezone.now():%Y%m%d%H%M%S}",
            context={"title": initiative.title, "lead": former.public_name, "message": message},
            url=reverse("initiatives:committee", kwargs={"pk": initiative.pk})
            if not initiative.is_editable
            else reverse("initiatives:edit", kwargs={"pk": initiative.pk, "step": "initiatiefnemers"}),
        )
    if Initiator.initiative.is_cached(membership):
        membership.initiative.take_state_from(initiative)
        membership.initiative.forget_cached_initiators()
    return initiative


# Supports.


def support_refusal(user, initiative: Initiative) -> str | None:
    """Why `user` cannot support `initiative` now, or None when they can."""
    if not user.is_authenticated:
        return _("Meld je aan om dit initiatief te steunen.")
    if not initiative.supports_open:
        return _("Steunen kan niet (meer): de steunperiode is niet open.")
    if not has_verified_email(user):
        return _("Bevestig eerst je e-mailadres; daarna kun je steunen.")
    if not has_neighbourhood(user):
        return _("Vul in je profiel in in welke wijk je woont; daarna kun je steunen.")
    return None


def support(initiative: Initiative, user, *, limited: bool = True) -> Support:
    """Record `user`'s support once. The initiative row is locked while the counters move,
    and the unique constraint catches a second support however it arrives (then the whole
    transaction rolls back: nothing was written before the support row)."""
    if limited:  # not for the demo data
        ratelimit.hit(user, "initiatives.support", SUPPORT_RATE)
    try:
        with transaction.atomic():
            obj = Initiative.objects.select_for_update().get(pk=initiative.pk)
            refusal = support_refusal(user, obj)
            if refusal:
                raise NotAllowed(refusal)
            counted = counts_for_threshold(user, obj)
            row = Support.objects.create(
                initiative=obj, user=user, counted=counted, neighbourhood_id=user.neighbourhood_id
            )
            Initiative.objects.filter(pk=obj.pk).update(
                support_count=F("support_count") + 1, counted_support_count=F("counted_support_count") + int(counted)
            )
            obj.support_count += 1
            obj.counted_support_count += int(counted)
            Follow.objects.bulk_create([Follow(initiative=obj, user=user)], ignore_conflicts=True)
            if obj.status == Initiative.Status.COLLECTING and obj.counted_support_count >= (obj.threshold or 0):
                workflow.reach_threshold(obj)
    except IntegrityError as error:
        if "support_once_per_person" not in str(error):
            raise
        raise AlreadyDone(_("Je steunt dit initiatief al.")) from None
    initiative.take_state_from(obj)
    return row


def withdraw_support(initiative: Initiative, user) -> None:
    """Take one's support back while supports are open. A threshold once reached stays
    reached (the date is a fact); the counters go down."""
    ratelimit.hit(user, "initiatives.withdraw_support", WITHDRAW_SUPPORT_RATE)
    with transaction.atomic():
        obj = Initiative.objects.select_for_update().get(pk=initiative.pk)
        if not obj.supports_open:
            raise NotAllowed(_("De steunperiode is afgelopen; je steun kan niet meer ingetrokken worden."))
        row = Support.objects.filter(initiative=obj, user=user).first()
        if row is None:
            raise AlreadyDone(_("Je steunt dit initiatief niet (meer)."))
        row.delete()
        Initiative.objects.filter(pk=obj.pk).update(
            support_count=F("support_count") - 1, counted_support_count=F("counted_support_count") - int(row.counted)
        )
        obj.support_count -= 1
        obj.counted_support_count -= int(row.counted)
    initiative.take_state_from(obj)


def recount(initiative: Initiative) -> dict:
    """Recompute the counters from the rows (after bulk loads; the tests compare both)."""
    with transaction.atomic():
        Initiative.objects.select_for_update().filter(pk=initiative.pk).first()
        figures = Support.objects.filter(initiative=initiative).aggregate(
            support_count=Count("pk"), counted_support_count=Count("pk", filter=Q(counted=True))
        )
        figures["comment_count"] = Comment.objects.filter(initiative=initiative).visible().count()
        Initiative.objects.filter(pk=initiative.pk).update(**figures)
    return figures


# Following.


def follow(initiative: Initiative, user) -> None:
    require(user, "initiatives.follow_initiative", initiative, message=DENIED)
    Follow.objects.bulk_create([Follow(initiative=initiative, user=user)], ignore_conflicts=True)


def unfollow(initiative: Initiative, user) -> None:
    Follow.objects.filter(initiative=initiative, user=user).delete()


# Updates.


def post_update(initiative: Initiative, user, *, title: str, body: str) -> Update:
    """News by an initiator or by the city; everyone involved is told (but the author)."""
    require(user, "initiatives.post_update", initiative, message=DENIED)
    with transaction.atomic():
        update = Update.objects.create(
            initiative=initiative,
            author=user,
            by_city=user.pk not in initiative.initiator_ids(),
            title=title,
            body=body,
        )
        notifications.notify(
            "initiatives.update",
            recipients.audience(initiative) - {user.pk},
            key=f"initiatives:update:{update.pk}",
            context={"title": initiative.title, "update_title": title, "body": body, "author": user.public_name},
            url=initiative.get_absolute_url() + f"#nieuws-{update.pk}",
        )
    return update


# Comments.


def add_comment(initiative: Initiative, user, body: str, *, limited: bool = True) -> Comment:
    require(user, "initiatives.comment_initiative", initiative, message=_("Je kunt hier (nu) niet reageren."))
    if limited:  # not for the demo data
        ratelimit.hit(user, "initiatives.comment", COMMENT_RATE, unverified=COMMENT_RATE_UNVERIFIED)
    with transaction.atomic():
        comment = Comment.objects.create(initiative=initiative, author=user, body=body)
        Initiative.objects.filter(pk=initiative.pk).update(comment_count=F("comment_count") + 1)
    return comment


def report_comment(comment: Comment, user, reason: str) -> CommentReport:
    """Anyone, signed in or not, reports a comment to the moderators."""
    if not can(user, "initiatives.report_comment", comment):
        raise NotAllowed(_("Deze reactie kan niet gemeld worden."))
    reporter = user if user.is_authenticated else None
    try:
        with transaction.atomic():
            return CommentReport.objects.create(comment=comment, reporter=reporter, reason=reason)
    except IntegrityError:
        raise AlreadyDone(_("Je hebt deze reactie al gemeld; een moderator bekijkt ze.")) from None


def hide_comment(comment: Comment, user, *, reason: str) -> Comment:
    """A moderator hides a comment; its author is told why. Open reports are resolved."""
    require(user, "initiatives.hide_comment", comment, message=DENIED)
    if not reason.strip():
        raise NotAllowed(_("Geef de reden waarom je de reactie verbergt; de auteur krijgt ze te zien."))
    with transaction.atomic():
        obj = Comment.objects.select_for_update().select_related("initiative").get(pk=comment.pk)
        if obj.hidden_at is not None:
            raise AlreadyDone(_("Deze reactie is al verborgen."))
        now = timezone.now()
        before = audit.snapshot(obj, ["hidden_reason"])
        obj.hidden_at, obj.hidden_by, obj.hidden_reason = now, user, reason
        obj.save(update_fields=["hidden_at", "hidden_by", "hidden_reason"])
        CommentReport.objects.filter(comment=obj, resolved_at__isnull=True).update(resolved_at=now, resolved_by=user)
        Initiative.objects.filter(pk=obj.initiative_id).update(comment_count=F("comment_count") - 1)
        audit.record(
            user,
            "initiatives.comment_hidden",
            obj,
            before=before,
            after=audit.snapshot(obj, ["hidden_reason"]),
            reason=reason,
        )
        notifications.notify(
            "initiatives.comment_hidden",
            [obj.author_id],
            key=f"initiatives:comment:{obj.pk}:hidden",
            context={"title": obj.initiative.title, "reason": reason, "body": obj.body},
            url=obj.initiative.get_absolute_url(),
        )
    return obj


def dismiss_reports(comment: Comment, user) -> int:
    """A moderator finds nothing wrong: the reports are resolved, the comment stays."""
    require(user, "initiatives.hide_comment", comment, message=DENIED)
    with transaction.atomic():
        count = CommentReport.objects.filter(comment=comment, resolved_at__isnull=True).update(
            resolved_at=timezone.now(), resolved_by=user
        )
        if count:
            audit.record(user, "initiatives.comment_reports_dismissed", comment, after={"reports": count})
    return count


# The city's side.


def assign_handler(initiative: Initiative, user, handler) -> Initiative:
    """A moderator makes `handler` (a civil servant) responsible for the answer."""
    require(user, "initiatives.assign_handler", initiative, message=DENIED)
    with transaction.atomic():
        obj = Initiative.objects.select_for_update().get(pk=initiative.pk)
        before = audit.snapshot(obj, ["handler"])
        obj.handler = handler
        obj.save(update_fields=["handler", "modified"])
        audit.record(user, "initiatives.handler_assigned", obj, before=before, after=audit.snapshot(obj, ["handler"]))
        if handler.pk != user.pk:
            notifications.notify(
                "initiatives.handler_assigned",
                [handler],
                key=f"initiatives:{obj.pk}:handler:{handler.pk}:{int(timezone.now().timestamp())}",
                context={"title": obj.title},
                url=reverse("initiatives_staff:detail", kwargs={"pk": obj.pk}),
            )
    return obj
