"""The Atom feed of newly published initiatives."""

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from .models import Initiative

FEED_SIZE = 30


class NewInitiativesFeed(Feed):
    feed_type = Atom1Feed
    title = _("Nieuwe initiatieven – Samen Genk")
    subtitle = _("Initiatieven en burgervoorstellen van inwoners van Genk, zodra ze gepubliceerd zijn.")
    language = "nl"

    def link(self):
        return reverse("initiatives:list")

    def items(self):
        return Initiative.objects.public().select_related("neighbourhood", "created_by").newest()[:FEED_SIZE]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        place = item.place_label
        return f"{item.summary} ({place})" if place else item.summary

    def item_link(self, item):
        return item.get_absolute_url()

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.modified

    def item_author_name(self, item):
        return item.created_by.public_name

    def item_categories(self, item):
        return [str(item.get_kind_display())]
