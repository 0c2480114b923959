from django.test import RequestFactory

from bench.middleware import QUERY_COUNT_HEADER, QueryCountMiddleware
from bench.views import floor


def test_the_floor_view_runs_one_query_and_the_header_counts_it(db, resident, django_assert_num_queries):
    middleware = QueryCountMiddleware(floor)
    with django_assert_num_queries(1):
        response = middleware(RequestFactory().get("/bench/floor/", {"pk": resident.pk}))
    assert response.status_code == 200
    assert response.content == b"ok"
    assert response[QUERY_COUNT_HEADER] == "1"


def test_the_header_counts_zero_without_queries(db):
    from django.http import HttpResponse

    response = QueryCountMiddleware(lambda request: HttpResponse("x"))(RequestFactory().get("/"))
    assert response[QUERY_COUNT_HEADER] == "0"
