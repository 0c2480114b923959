"""Template tags for SDG tags on any page. In a template:

{% load sdg_tags %}
{% block extra_head %}{% sdg_stylesheet %}{% endblock %}
{% sdg_badges initiative.sdgs.all %}
"""

from django import template
from django.templatetags.static import static
from django.utils.html import format_html

register = template.Library()


@register.inclusion_tag("worldcitizenship/partials/sdg_badges.html")
def sdg_badges(goals):
    """Small coloured badges linking to the goal pages; renders nothing when there are no goals."""
    return {"goals": list(goals or [])}


@register.simple_tag
def sdg_stylesheet():
    """The link to the SDG colours (tiles and badges), for a page's `extra_head` block."""
    return format_html('<link rel="stylesheet" href="{}">', static("worldcitizenship/sdg.css"))


@register.filter
def sdg_number(value) -> str:
    """A value of a local indicator: "8.900,5" (Dutch grouping, at most two decimals, none when whole)."""
    from ..sdg_indicators import fmt

    return fmt(value)
