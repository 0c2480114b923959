"""Private storage of volunteer work (genk.core.files): the proofs of actual costs. Never under
a public URL: a file reaches a browser only through `views.allowance_proof`, after the rule
`volunteers.view_allowance_proof`."""

from genk.core.files import PrivateStorage

_storage = PrivateStorage("volunteers")


def private_storage():
    return _storage
