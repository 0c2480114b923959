from django import template

register = template.Library()


@register.simple_tag
def neighbourhood_map(*args, **kwargs):
    return ""
