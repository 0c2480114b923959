from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import Goal, Target


class TargetInline(admin.TabularInline):
    model = Target
    extra = 0
    can_delete = False
    fields = ["code", "title_en", "title_nl"]
    readonly_fields = ["code", "title_en"]


@admin.register(Goal)
class GoalAdmin(admin.ModelAdmin):
    """The data files are the source (manage.py load_sdgs overwrites the other titles); only the
    Dutch full title and the Dutch target texts are for people to fill in, with a source."""

    list_display = ["number", "short_title_nl", "short_title_en", "short_title_fr"]
    readonly_fields = ["number", "short_title_nl", "short_title_en", "short_title_fr", "title_en", "title_fr"]
    fieldsets = [
        (None, {"fields": ["number", "short_title_nl", "short_title_en", "short_title_fr"]}),
        (_("Volledige titels"), {"fields": ["title_nl", "title_en", "title_fr"]}),
    ]
    inlines = [TargetInline]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
