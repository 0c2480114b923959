"""Write the public subsidy register as a 360Giving `grants` package, and/or validate it against
the official schema (the local copy in initiatives/subsidies/schema/360giving/)."""

import json
import sys

from django.core.management.base import BaseCommand, CommandError
from django.urls import reverse

from genk.core.notifications import absolute_url
from initiatives.subsidies import opendata


class Command(BaseCommand):
    help = "Export the subsidy register as 360Giving JSON (-o FILE, or stdout) and/or validate it (--validate)."

    def add_arguments(self, parser):
        parser.add_argument("-o", "--output", help="Write the JSON to this file ('-' for stdout).")
        parser.add_argument(
            "--validate", action="store_true", help="Validate the package against the 360Giving schema."
        )

    def handle(self, *args, output=None, validate=False, **options):
        data = opendata.package(
            opendata.register_queryset(),
            download_url=absolute_url(reverse("subsidies:register_360giving")),
            access_url=absolute_url(reverse("subsidies:register")),
            website=absolute_url("/"),
        )
        content = opendata.dumps(data)
        if output == "-" or (output is None and not validate):
            sys.stdout.buffer.write(content + b"\n")
        elif output:
            with open(output, "wb") as target:
                target.write(content)
            self.stderr.write(f"{len(data['grants'])} grants written to {output}")
        if validate:
            errors = opendata.validation_errors(json.loads(content))
            if errors:
                for error in errors[:50]:
                    self.stderr.write(error)
                raise CommandError(f"The package is not valid: {len(errors)} error(s).")
            self.stderr.write(f"Valid against the 360Giving schema: {len(data['grants'])} grants.")
