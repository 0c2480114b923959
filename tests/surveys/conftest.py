from tests.budgets.conftest import (  # noqa: F401 - the same personas by district and age
    district,
    district_resident,
    neighbourhood,
    other_district,
    other_district_resident,
    other_neighbourhood,
    too_young,
)
