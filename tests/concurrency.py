"""Run code at the same moment on several threads, each with its own database connection.

For the tests that prove a limit holds under concurrent requests (one support per person, one
ballot per voter, a scheme's budget never over-committed): the functions wait at a barrier and
start together; each thread closes its connection when done."""

import threading

from django.db import connection


def run_concurrently(*functions, timeout: float = 30) -> list:
    """Each function's return value, or the exception it raised, in the order given."""
    barrier = threading.Barrier(len(functions))
    results = [None] * len(functions)

    def worker(index, function):
        try:
            barrier.wait()
            results[index] = function()
        except Exception as error:
            results[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(i, f)) for i, f in enumerate(functions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=timeout)
    return results


def in_threads(functions) -> list[Exception]:
    """Run `functions` together; return the exceptions they raised."""
    return [result for result in run_concurrently(*functions) if isinstance(result, Exception)]
