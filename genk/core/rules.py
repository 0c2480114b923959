"""Rules of the core.

| rule | who |
| --- | --- |
| `core.download_private_file` (any private file, by its stored name: the Django admin's link) | administrators with MFA |
"""

import rules

from .permissions import has_mfa, is_administrator

rules.add_perm("core.download_private_file", is_administrator & has_mfa)
