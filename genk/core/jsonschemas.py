"""What validating our open data against its standard's JSON Schema needs, shared by the exports.

jsonschema checks the formats `date-time` and `uri` only with optional packages we do not
install; without them a date where a date-time belongs passes unnoticed. `format_checker()`
adds both checks."""

import re
from datetime import datetime
from urllib.parse import urlsplit

from jsonschema import FormatChecker

RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$")


def format_checker() -> FormatChecker:
    checker = FormatChecker()

    @checker.checks("date-time")
    def is_date_time(value):
        if not isinstance(value, str):
            return True
        if not RFC3339.match(value):
            return False
        try:
            datetime.fromisoformat(value.replace("z", "Z"))
        except ValueError:
            return False
        return True

    @checker.checks("uri")
    def is_uri(value):
        if not isinstance(value, str):
            return True
        parts = urlsplit(value)
        return bool(parts.scheme and (parts.netloc or parts.path)) and " " not in value

    return checker
