"""What the budget models share."""

from django.core.validators import FileExtensionValidator

MONEY = {"max_digits": 12, "decimal_places": 2}
IMAGE_EXTENSIONS = FileExtensionValidator(["jpg", "jpeg", "png", "webp"])
