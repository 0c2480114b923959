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


def test_the_write_floor_writes_one_row_for_a_signed_in_person(db, resident):
    from django.contrib.auth.models import AnonymousUser
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from bench.views import write_floor

    request = RequestFactory().post("/bench/floor/write/")
    request.user = AnonymousUser()
    assert write_floor(request).status_code == 403
    request.user = resident
    with CaptureQueriesContext(connection) as captured:
        response = write_floor(request)
    assert response.status_code == 302
    statements = [q["sql"].split()[0] for q in captured.captured_queries]
    assert statements.count("UPDATE") == 1
    assert set(statements) <= {"UPDATE", "SAVEPOINT", "RELEASE"}  # the test's transaction: a savepoint
    assert write_floor(RequestFactory().get("/bench/floor/write/")).status_code == 405
