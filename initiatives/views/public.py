"""The public pages: the list (cached per filter), the detail page (cached per language and page)
and the short link."""

from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models import Prefetch, prefetch_related_objects
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.safestring import mark_safe

from genk.core.permissions import can

from .. import caching, services
from ..filters import FILTER_FORM_CACHE_SECONDS, InitiativeFilter, filter_form_cache_key
from ..forms import (
    CommentForm,
)
from ..models import Comment, Follow, Initiative, Initiator, Support
from .common import COMMENTS_PAGE_SIZE, PAGE_SIZE, initiative_or_404, visible_or_404

# The list, the feed and the detail page.


def initiative_list(request):
    # Built only when something must be rendered: a cached page needs no form and no query.
    filterset = SimpleLazyObject(
        lambda: InitiativeFilter(request.GET or None, queryset=Initiative.objects.public().for_cards())
    )

    def render_results():
        page = Paginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("pagina"))
        html = render_to_string(
            "initiatives/partials/results.html", {"page": page, "initiatives": page.object_list}, request=request
        )
        if _page_moved(request, "pagina", page):  # past the last page: shown, not kept
            return html, timezone.now()
        return html, Initiative.objects.public().next_support_closing()

    exact, reference, counters = caching.list_versions()
    form_key = filter_form_cache_key(request.GET, reference, lambda: filterset)
    return render(
        request,
        "initiatives/list.html",
        {
            "filter": filterset,
            "filter_form_key": form_key,
            "filter_form_seconds": FILTER_FORM_CACHE_SECONDS,
            "results": mark_safe(
                caching.fragment(_list_cache_key(request, form_key, exact), render_results, lag=counters)
            ),
            "filtered": bool(request.GET),
        },
    )


LIST_PARAMETERS = frozenset({*InitiativeFilter.base_filters, "pagina"})


def _list_cache_key(request, form_key: str | None, versions: str) -> str | None:
    """The results of a valid query with known parameters only (a random query string would
    fill the cache) are the same for everyone: cached (caching.py; the counters on the cards
    may lag by at most `caching.list_counter_staleness()` seconds)."""
    query = request.META.get("QUERY_STRING", "")
    if form_key is None or len(query) > 300 or not set(request.GET) <= LIST_PARAMETERS:
        return None
    if not request.GET.get("pagina", "1").isdigit():
        return None
    return caching.key("list", query, current=versions)


def detail_redirect(request, pk):
    initiative = initiative_or_404(pk)
    visible_or_404(request, initiative)
    return redirect(initiative, permanent=True)


def detail(request, pk, slug):
    current = caching.detail_versions(pk)  # read once for every key of this page
    key = _detail_cache_key(request, pk, current)
    page = cache.get(key) if key else None  # a visitor's copy: no query at all
    if page is None:
        initiative = initiative_or_404(
            pk, Initiative.objects.select_related("neighbourhood__district", "created_by", "answered_by")
        )
        visible_or_404(request, initiative)
        if slug != initiative.slug:
            return redirect(initiative, permanent=True)
        content, keep = _detail_content(request, initiative, current)
        page = {
            "slug": initiative.slug,
            "title": initiative.title,
            "url": initiative.get_absolute_url(),
            "content": content,
        }
        if key and keep and initiative.is_public:
            caching.store(
                key, page["content"], page, initiative.supports_close_at if initiative.supports_open else None
            )
    if slug != page["slug"]:
        return redirect(page["url"], permanent=True)
    return render(request, "initiatives/detail.html", {"title": page["title"], "content": mark_safe(page["content"])})


def _detail_cache_key(request, pk, current: str) -> str | None:
    """A public initiative's page is the same for every visitor who is not signed in (signed
    in, it shows one's own support, follow and rights): cached (caching.py)."""
    query = _detail_query(request)
    if request.user.is_authenticated or query is None:
        return None
    return caching.key("detail", pk, query, current=current)


def _detail_query(request) -> str | None:
    """The query string when it holds nothing but a comments page number (else None: not
    cached, a random query string would fill the cache)."""
    if set(request.GET) - {"reacties"} or not request.GET.get("reacties", "1").isdigit():
        return None
    return request.META.get("QUERY_STRING", "")


def _page_moved(request, parameter: str, page) -> bool:
    """The page asked for does not exist and the paginator showed another (a number past the
    last page): such a copy is not kept, or every number ever asked would be."""
    asked = request.GET.get(parameter)
    return asked is not None and asked != str(page.number)


def _detail_content(request, initiative, current: str) -> tuple[str, bool]:
    """The page under its header, and whether it may be kept. Its parts that are the same for
    everyone (the description, the news, a page of comments) come from the cache for
    signed-in people too."""
    user = request.user
    query = _detail_query(request)
    prefetch_related_objects([initiative], Prefetch("initiators", queryset=Initiator.objects.select_related("user")))

    def shared(name, render, *parts):
        """`render` returns the HTML and until when it may be kept (caching.fragment)."""
        cacheable = initiative.is_public and None not in parts
        key = caching.key(name, initiative.pk, *parts, current=current) if cacheable else None
        return mark_safe(caching.fragment(key, render))

    def body():
        prefetch_related_objects([initiative], "themes", "sdgs")
        return render_to_string("initiatives/partials/body.html", {"initiative": initiative}), None

    def updates():
        news = initiative.updates.select_related("author")
        return render_to_string("initiatives/partials/updates.html", {"updates": news}), None

    keep = True

    def comments():
        nonlocal keep
        page = Paginator(
            Comment.objects.filter(initiative=initiative).select_related("author").order_by("created", "pk"),
            COMMENTS_PAGE_SIZE,
        ).get_page(request.GET.get("reacties"))
        keep = not _page_moved(request, "reacties", page)
        html = render_to_string("initiatives/partials/comments.html", {"comments": page}, request=request)
        return html, None if keep else timezone.now()

    supporting = following = False
    if user.is_authenticated:
        supporting = Support.objects.filter(initiative=initiative, user=user).exists()
        following = Follow.objects.filter(initiative=initiative, user=user).exists()
    context = {
        "initiative": initiative,
        "initiators": list(initiative.initiators.all()),
        "body_html": shared("body", body),
        "updates_html": shared("updates", updates),
        "comments_html": shared("comments", comments, query),
        "supporting": supporting,
        "following": following,
        "support_refusal": None if supporting else services.support_refusal(user, initiative),
        "comment_form": CommentForm(),
        "can": _abilities(user, initiative),
    }
    return render_to_string("initiatives/partials/detail_content.html", context, request=request), keep


def _abilities(user, initiative) -> dict:
    perms = {
        "edit": "initiatives.change_initiative",
        "withdraw": "initiatives.withdraw_initiative",
        "post_update": "initiatives.post_update",
        "comment": "initiatives.comment_initiative",
        "follow": "initiatives.follow_initiative",
        "staff": "initiatives.view_staff_initiative",
        "invite": "initiatives.invite_initiator",
    }
    return {name: can(user, perm, initiative) for name, perm in perms.items()}
