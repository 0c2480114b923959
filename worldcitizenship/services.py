"""Operations on the SDG catalogue."""

import json
import unicodedata
from pathlib import Path

from django.db import transaction

from .models import Goal, Target

DATA_DIR = Path(__file__).resolve().parent / "data"
GOALS_FILE = DATA_DIR / "sdg_goals.json"
TARGETS_FILE = DATA_DIR / "sdg_targets_en.json"

# (goal number, field, language): (text in the open-sdg file, the UN wording we load instead).
# Applied only while the file still holds the wrong text. Documented in data/README.md.
FRENCH_CORRECTIONS = {
    (8, "short_title", "fr"): (
        "Travaux décent et croissance économique",
        "Travail décent et croissance économique",
    ),
    (7, "short_title", "fr"): (
        "Energies propres et d'un coût abordable",
        "Énergie propre et d’un coût abordable",
    ),
    (2, "short_title", "fr"): (
        'Faim "zéro"',
        "Faim\u00a0«\u00a0zéro\u00a0»",
    ),
}

GOAL_FIELDS = ["short_title_nl", "short_title_en", "short_title_fr", "title_en", "title_fr"]
TARGET_FIELDS = ["goal", "title_en", "position"]


def _clean(text: str) -> str:
    # The fr full titles in the open-sdg file are decomposed (NFD: "e" + combining accent);
    # store every text composed (NFC) so that search, sorting and comparisons behave.
    return unicodedata.normalize("NFC", text).strip()


def _goal_values(entry: dict) -> dict[str, str]:
    values = {}
    for field in ("short_title", "title"):
        for language in ("nl", "en", "fr"):
            if field == "title" and language == "nl":
                continue  # no official Dutch full title: title_nl is left to people (see data/README.md)
            text = _clean((entry.get(field) or {}).get(language, ""))
            wrong, right = FRENCH_CORRECTIONS.get((entry["number"], field, language), (None, None))
            values[f"{field}_{language}"] = right if text == wrong else text
    return values


def _read(path: Path, key: str) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        return json.load(fh)[key]


@transaction.atomic
def load_sdgs(goals_file: Path = GOALS_FILE, targets_file: Path = TARGETS_FILE) -> dict[str, int]:
    """Create or update the 17 goals and 169 targets from the data files; idempotent.

    Goals are matched by number and targets by code; a changed text in a file is updated,
    nothing is duplicated and nothing is deleted (other apps' tags point at goals).
    `Goal.title_nl` and `Target.title_nl` are never touched. Returns the counts.
    """
    goal_entries = _read(goals_file, "goals")
    target_entries = _read(targets_file, "targets")

    counts = dict.fromkeys(("goals_created", "goals_updated", "targets_created", "targets_updated"), 0)

    goals = {goal.number: goal for goal in Goal.objects.all()}
    new_goals, changed_goals = [], []
    for entry in goal_entries:
        values = _goal_values(entry)
        goal = goals.get(entry["number"])
        if goal is None:
            goal = Goal(number=entry["number"], **values)
            goals[goal.number] = goal
            new_goals.append(goal)
        elif any(getattr(goal, name) != value for name, value in values.items()):
            for name, value in values.items():
                setattr(goal, name, value)
            changed_goals.append(goal)
    Goal.objects.bulk_create(new_goals)
    Goal.objects.bulk_update(changed_goals, GOAL_FIELDS)
    counts["goals_created"], counts["goals_updated"] = len(new_goals), len(changed_goals)

    targets = {target.code: target for target in Target.objects.all()}
    positions: dict[int, int] = {}
    new_targets, changed_targets = [], []
    for entry in target_entries:
        goal = goals[int(entry["goal"])]
        position = positions[goal.number] = positions.get(goal.number, 0) + 1
        values = {"goal": goal, "title_en": _clean(entry["title_en"]), "position": position}
        target = targets.get(entry["code"])
        if target is None:
            new_targets.append(Target(code=entry["code"], **values))
        elif target.goal_id != goal.pk or target.title_en != values["title_en"] or target.position != position:
            for name, value in values.items():
                setattr(target, name, value)
            changed_targets.append(target)
    Target.objects.bulk_create(new_targets)
    Target.objects.bulk_update(changed_targets, TARGET_FIELDS)
    counts["targets_created"], counts["targets_updated"] = len(new_targets), len(changed_targets)

    counts["goals"] = Goal.objects.count()
    counts["targets"] = Target.objects.count()
    return counts
