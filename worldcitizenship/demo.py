from genk.core import demo

from .services import load_sdgs


@demo.step(order=15)
def sdgs(ctx):
    load_sdgs()


from .partnership import demo as partnership_demo  # noqa: E402,F401  (the partnership's step)
