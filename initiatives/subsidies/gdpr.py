"""What subsidy files keep about a person, for the data download and the erasure.

Subsidy files are financial records of the city: a file submitted once is kept (the law on
archives and the accounting rules), and it stays attributed to the account shown as "voormalige
inwoner". Erasure deletes the drafts never submitted, the invitations to the person's address,
and the private addresses they gave as co-applicant of files that were never submitted."""

from genk.core import gdpr

from .models import CoApplicant, Message, SubsidyFile


def export(user) -> dict:
    files = (
        SubsidyFile.objects.filter(applicant=user)
        .select_related("scheme", "organisation")
        .prefetch_related("budget_lines", "payments")
    )
    return {
        "subsidy_files": [
            {
                "reference": f.reference,
                "scheme": f.scheme.name,
                "status": f.status,
                "title": f.title,
                "description": f.description,
                "organisation": f.organisation.name if f.organisation_id else "",
                "address": f.applicant_address,
                "iban": f.iban,
                "account_holder": f.account_holder,
                "amount_requested": f.amount_requested,
                "amount_granted": f.amount_granted,
                "budget": [
                    {"kind": line.kind, "description": line.description, "amount": line.amount}
                    for line in f.budget_lines.all()
                ],
                "payments": [{"amount": p.amount, "paid_on": p.paid_on} for p in f.payments.all()],
                "submitted_at": f.submitted_at,
                "report": f.report_text,
            }
            for f in files
        ],
        "subsidy_co_applications": [
            {"reference": c.file.reference, "title": c.file.title, "name": c.name, "address": c.address}
            for c in CoApplicant.objects.filter(user=user).select_related("file")
        ],
        "subsidy_messages": [
            {"reference": m.file.reference, "kind": m.kind, "body": m.body, "created": m.created}
            for m in Message.objects.filter(author=user).exclude(kind=Message.Kind.NOTE).select_related("file")
        ],
    }


def erase(user) -> None:
    SubsidyFile.objects.drafts().filter(applicant=user).delete()
    CoApplicant.objects.filter(user=user, file__status=SubsidyFile.Status.DRAFT).delete()
    if user.email:
        CoApplicant.objects.filter(email__iexact=user.email, accepted_at__isnull=True).delete()


gdpr.register("subsidies", export=export, erase=erase)
