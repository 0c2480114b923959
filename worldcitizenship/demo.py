from genk.core import demo

from .services import load_sdgs


@demo.step(order=15)
def sdgs(ctx):
    load_sdgs()
