from genk.core import demo

from .models import Neighbourhood, Place, TeamMembership
from .services import load_example_districts, load_neighbourhoods

OUD_WINTERSLAG = "71016W24"
GENK_CENTRUM = "71016W06"


@demo.step(order=20)
def neighbourhoods(ctx):
    """The 31 real wijken, the example districts, and the demo director in Oud-Winterslag."""
    load_neighbourhoods()
    load_example_districts()
    winterslag = Neighbourhood.objects.get(code=OUD_WINTERSLAG)
    TeamMembership.objects.get_or_create(
        neighbourhood=winterslag,
        user=ctx["personas"]["neighbourhood_director"]["user"],
        role=TeamMembership.Role.DIRECTOR,
        defaults={"public_email": "wijkregie.winterslag@genk.be", "public_phone": "089 65 44 00"},
    )
    Place.objects.get_or_create(
        slug="stadhuis-genk",
        defaults={
            "name": "Stadhuis Genk",
            "kind": Place.Kind.CITY_BUILDING,
            "neighbourhood": Neighbourhood.objects.get(code=GENK_CENTRUM),
            "address": "Stadsplein 1, 3600 Genk",
        },
    )
    resident = ctx["personas"]["resident"]["user"]
    if resident.neighbourhood_id is None:
        resident.neighbourhood = winterslag
        resident.save(update_fields=["neighbourhood"])
