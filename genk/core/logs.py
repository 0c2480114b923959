"""Log filters of the portal."""

import logging


class RefusalsOnOneLine(logging.Filter):
    """A 403 (PermissionDenied) is a refusal, not a fault of the portal: Django logs it as a
    warning with the exception's traceback, thousands of lines from one probe. Keep the one line
    ("Forbidden (Permission denied): /path") and add the reason; drop the traceback."""

    def filter(self, record):
        if getattr(record, "status_code", None) == 403 and record.exc_info:
            reason = str(record.exc_info[1] or "")
            record.msg = f"{record.getMessage()} ({reason})" if reason else record.getMessage()
            record.args = ()
            record.exc_info = None
            record.exc_text = None
        return True
