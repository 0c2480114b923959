"""Which versions the cached public subsidy register depends on (the machinery:
genk/core/pagecache.py).

`REGISTER`: the granted files and what the register shows of them (scheme, department,
organisation, wijk). Moved by

- a save of a subsidy file that is in the register, or may have entered or left it (a save
  of every field, or of its status, outcome or granted amount); a draft or a file under
  assessment saved with `update_fields` that leave it out of the register moves nothing;
- every bulk write on subsidy files (`SubsidyFileQuerySet`), and every file deleted;
- a scheme, department, organisation, wijk or stadsdeel saved or deleted.

The register's 360Giving JSON (all 2,000 files at city scale: serialising them is most of
its cost) is kept under that version, the query string, the day (`issued`) and the
settings it names; nothing shown lags behind a write.
"""

from genk.core import pagecache

NAMESPACE = "subsidies"
REGISTER = "subsidies:register"

# The fields of a file whose change can move it into or out of the register.
ENTRY_FIELDS = frozenset({"status", "outcome", "amount_granted"})


def versions() -> str:
    return pagecache.joined(pagecache.tokens(REGISTER))


def key(name: str, *parts, current: str | None = None) -> str:
    return pagecache.key(NAMESPACE, name, *parts, versions=current or versions())


def in_register(file) -> bool:
    return (
        file.status in file.COMMITTED_STATES
        and file.outcome == file.Outcome.GRANTED
        and file.amount_granted is not None
    )


def register_changed(*args, **kwargs) -> None:
    """Something the register shows changed (a signal receiver as well)."""
    pagecache.move(REGISTER)


def file_saved(sender, instance, update_fields=None, **kwargs) -> None:
    if update_fields is None or ENTRY_FIELDS & set(update_fields) or in_register(instance):
        register_changed()


ChangesRegister = pagecache.changes_public_pages("pk", register_changed)  # SubsidyFile
