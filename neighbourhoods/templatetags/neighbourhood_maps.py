"""The server-rendered map of Genk's wijken. In a template:

{% load neighbourhood_maps %}
{% block extra_head %}{% neighbourhood_map_stylesheet %}{% endblock %}
{% neighbourhood_map %}                              all wijken, coloured by district
{% neighbourhood_map highlight=neighbourhood %}      one wijk marked (its own page)
{% neighbourhood_map highlight=district %}           the wijken of a district marked
{% neighbourhood_map colour_by_district=False label="..." %}
{% neighbourhood_map highlight=neighbourhood places=places %}   with the places as markers (links)

Always give the page a text alternative too: a list of the wijken as links.
Without `{% neighbourhood_map_stylesheet %}` in the head, the map links its stylesheet itself.
"""

from django import template

from neighbourhoods import maps

register = template.Library()


@register.simple_tag(takes_context=True)
def neighbourhood_map(context, highlight=None, colour_by_district=None, label="", places=()):
    return maps.neighbourhood_map(
        highlight, colour_by_district=colour_by_district, label=label, request=context.get("request"), places=places
    )


@register.simple_tag(takes_context=True)
def neighbourhood_map_stylesheet(context):
    """The link to map.css, for a page's `extra_head` block."""
    return maps.stylesheet_link(context.get("request"))


@register.simple_tag
def neighbourhood_map_legend():
    """The districts with their map colour, as (slug, name, colour) entries."""
    return maps.legend()
