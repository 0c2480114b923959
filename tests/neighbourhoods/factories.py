import factory
from factory.django import DjangoModelFactory

from neighbourhoods.models import Place
from tests.factories import NeighbourhoodFactory


class PlaceFactory(DjangoModelFactory):
    class Meta:
        model = Place

    name = factory.Sequence(lambda n: f"Buurthuis {n}")
    slug = factory.Sequence(lambda n: f"buurthuis-{n}")
    kind = Place.Kind.COMMUNITY_CENTRE
    neighbourhood = factory.SubFactory(NeighbourhoodFactory)
    address = factory.Sequence(lambda n: f"Voorbeeldstraat {n}, 3600 Genk")


# A square of about 1 km around Genk-Centrum, for wijken made by factories.
def square(west=5.49, south=50.96, size=0.01):
    return {
        "type": "Polygon",
        "coordinates": [
            [[west, south], [west + size, south], [west + size, south + size], [west, south + size], [west, south]]
        ],
    }
