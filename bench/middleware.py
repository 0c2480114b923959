from django.db import connections

QUERY_COUNT_HEADER = "X-Query-Count"


class QueryCountMiddleware:
    """Counts the SQL queries a request runs (on every database) and returns the number in
    the X-Query-Count response header. Counts without keeping the SQL, so it costs ~nothing."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        count = 0

        def counter(execute, sql, params, many, context):
            nonlocal count
            count += 1
            return execute(sql, params, many, context)

        wrappers = [connection.execute_wrapper(counter) for connection in connections.all()]
        for wrapper in wrappers:
            wrapper.__enter__()
        try:
            response = self.get_response(request)
        finally:
            for wrapper in reversed(wrappers):
                wrapper.__exit__(None, None, None)
        response[QUERY_COUNT_HEADER] = str(count)
        return response
