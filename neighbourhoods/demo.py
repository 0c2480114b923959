from genk.core import demo

from .models import Neighbourhood, TeamMembership
from .services import load_example_districts, load_neighbourhoods


@demo.step(order=20)
def neighbourhoods(ctx):
    load_neighbourhoods()
    load_example_districts()
    winterslag = Neighbourhood.objects.get(slug="winterslag")
    TeamMembership.objects.get_or_create(
        neighbourhood=winterslag,
        user=ctx["personas"]["neighbourhood_director"]["user"],
        role=TeamMembership.Role.DIRECTOR,
        defaults={"public_email": "wijkregie.winterslag@genk.be", "public_phone": "089 65 44 00"},
    )
    resident = ctx["personas"]["resident"]["user"]
    if resident.neighbourhood_id is None:
        resident.neighbourhood = winterslag
        resident.save(update_fields=["neighbourhood"])
