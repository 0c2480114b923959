"""Where the documents of subsidy files are stored: private, served only by permission-checked views."""

from genk.core.files import PrivateStorage

_storage = PrivateStorage("subsidies")


def private_storage():
    return _storage
