from genk.core import demo

from .models import Council, CouncilMembership


@demo.step(order=40)
def councils(ctx):
    council, _ = Council.objects.get_or_create(
        slug="seniorenraad",
        defaults={
            "name": "Seniorenraad",
            "mission": "Geeft de stad advies over alles wat senioren in Genk aanbelangt.",
            "is_example": True,
        },
    )
    CouncilMembership.objects.get_or_create(
        council=council, user=ctx["personas"]["council_member"]["user"], defaults={"role": CouncilMembership.Role.MEMBER}
    )
