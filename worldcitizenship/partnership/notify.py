"""What followers of the partnership (and of a project's SDGs) hear: new projects and updates.

One event, one key (`partnership:project:<pk>:published`, `partnership:update:<pk>`): someone
who follows the partnership and SDG 6 hears of a project tagged SDG 6 once."""

from django.utils.translation import gettext as _

from ..follows import PARTNERSHIP, notify_followers, sdg_subject


def _subjects(project) -> list[str]:
    return [PARTNERSHIP, *(sdg_subject(n) for n in project.sdgs.values_list("number", flat=True))]


def project_published(project) -> None:
    for subject in _subjects(project):
        notify_followers(
            subject,
            key=f"partnership:project:{project.pk}:published",
            title=_("Nieuw project met Francistown: %(title)s") % {"title": project.title},
            url=project.get_absolute_url(),
            summary=project.summary,
        )


def update_posted(update) -> None:
    project = update.project
    for subject in _subjects(project):
        notify_followers(
            subject,
            key=f"partnership:update:{update.pk}",
            title=_("%(project)s: %(title)s") % {"project": project.title, "title": update.title},
            url=project.get_absolute_url() + f"#update-{update.pk}",
            summary=update.body[:300],
        )
