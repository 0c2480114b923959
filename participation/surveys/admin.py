from django.contrib import admin

from .models import Choice, Question, Survey


class ChoiceInline(admin.TabularInline):
    model = Choice
    extra = 0


@admin.register(Survey)
class SurveyAdmin(admin.ModelAdmin):
    list_display = ["title", "opens_at", "closes_at", "is_published"]
    prepopulated_fields = {"slug": ["title"]}


@admin.register(Question)
class QuestionAdmin(admin.ModelAdmin):
    list_display = ["text", "survey", "kind", "order"]
    list_filter = ["survey"]
    inlines = [ChoiceInline]
