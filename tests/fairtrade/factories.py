import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from tests.factories import NeighbourhoodFactory, UserFactory
from tests.neighbourhoods.factories import square
from worldcitizenship.fairtrade.models import Point

# A wijk of about 1 km around (5.49–5.50, 50.96–50.97); the point in its middle.
INSIDE = (50.965, 5.495)


class PointFactory(DjangoModelFactory):
    class Meta:
        model = Point

    name = factory.Sequence(lambda n: f"Fairtradepunt {n}")
    kind = "shop"
    address = factory.Sequence(lambda n: f"Stationsstraat {n}, 3600 Genk")
    neighbourhood = factory.LazyFunction(
        lambda: NeighbourhoodFactory(code="FT-W", slug="ft-wijk", name="Winterslag", boundary=square())
    )
    latitude = INSIDE[0]
    longitude = INSIDE[1]
    offer = "Fairtradekoffie en -chocolade."
    applicant = factory.SubFactory(UserFactory)
    status = Point.Status.APPROVED
    approved_at = factory.LazyFunction(timezone.now)
