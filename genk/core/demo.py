"""Demo data, contributed by each app in its own `demo.py`.

    @demo.step(order=20)
    def neighbourhoods(ctx):
        ...

Steps run in `order` (accounts first, then neighbourhoods, then the domain apps), share
`ctx` (a dict: the personas, the `stdout` and anything a later step needs), and must be
idempotent: `make demo` runs them every time. Everything made up is marked as an example.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Step:
    order: int
    name: str
    func: Callable


_steps: dict[str, Step] = {}


def step(order: int):
    def decorator(func):
        name = f"{func.__module__}.{func.__name__}"
        _steps[name] = Step(order=order, name=name, func=func)
        return func

    return decorator


def steps() -> list[Step]:
    from django.utils.module_loading import autodiscover_modules

    autodiscover_modules("demo")
    return sorted(_steps.values(), key=lambda s: (s.order, s.name))
