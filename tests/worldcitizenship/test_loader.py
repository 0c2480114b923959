import json
import shutil
import unicodedata
from collections import Counter
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import IntegrityError
from django.utils import translation

from worldcitizenship.models import Goal, Target
from worldcitizenship.services import GOALS_FILE, TARGETS_FILE, load_sdgs

pytestmark = pytest.mark.django_db


def _file_targets():
    with open(TARGETS_FILE, encoding="utf-8") as fh:
        return json.load(fh)["targets"]


def test_first_load_creates_17_goals_and_169_targets():
    counts = load_sdgs()
    assert counts == {
        "goals_created": 17,
        "goals_updated": 0,
        "targets_created": 169,
        "targets_updated": 0,
        "goals": 17,
        "targets": 169,
    }
    assert list(Goal.objects.values_list("number", flat=True)) == list(range(1, 18))


def test_loading_twice_changes_nothing():
    load_sdgs()
    before_goals = list(Goal.objects.values())
    before_targets = list(Target.objects.values())
    counts = load_sdgs()
    assert counts["goals_created"] == counts["goals_updated"] == 0
    assert counts["targets_created"] == counts["targets_updated"] == 0
    assert (Goal.objects.count(), Target.objects.count()) == (17, 169)
    assert list(Goal.objects.values()) == before_goals
    assert list(Target.objects.values()) == before_targets


def test_each_goal_has_as_many_targets_as_the_file():
    load_sdgs()
    expected = Counter(int(t["goal"]) for t in _file_targets())
    assert sum(expected.values()) == 169
    for goal in Goal.objects.all():
        assert goal.targets.count() == expected[goal.number], goal.number
    assert Goal.objects.get(number=17).targets.count() == 19
    assert Goal.objects.get(number=7).targets.count() == 5


def test_targets_keep_the_order_of_the_file():
    load_sdgs()
    codes = list(Target.objects.filter(goal__number=1).values_list("code", "position"))
    assert codes == [("1.1", 1), ("1.2", 2), ("1.3", 3), ("1.4", 4), ("1.5", 5), ("1.a", 6), ("1.b", 7)]
    assert list(Target.objects.values_list("code", flat=True)) == [t["code"] for t in _file_targets()]


def test_titles_in_three_languages_with_the_belgian_dutch_wording():
    load_sdgs()
    goal = Goal.objects.get(number=8)
    assert goal.short_title_nl == "Waardig werk en economische groei"
    assert goal.short_title_en == "Decent work and economic growth"
    assert goal.title_en.startswith("Promote sustained, inclusive and sustainable economic growth")
    assert goal.title_fr.startswith("Promouvoir une croissance économique soutenue")
    # No invented Dutch full titles or target texts.
    assert not Goal.objects.exclude(title_nl="").exists()
    assert not Target.objects.exclude(title_nl="").exists()


def test_texts_are_stored_composed_nfc():
    load_sdgs()
    for goal in Goal.objects.all():
        for text in (goal.short_title_fr, goal.title_fr, goal.title_en):
            assert unicodedata.normalize("NFC", text) == text, goal.number
    assert list(Goal.objects.filter(title_fr__contains="économique").values_list("number", flat=True)) == [8]
    assert Goal.objects.get(number=8).title_fr.startswith("Promouvoir une croissance économique soutenue")


def test_obvious_french_errors_are_corrected():
    load_sdgs()
    assert Goal.objects.get(number=8).short_title_fr == "Travail décent et croissance économique"
    assert Goal.objects.get(number=7).short_title_fr == "Énergie propre et d’un coût abordable"
    assert Goal.objects.get(number=2).short_title_fr == "Faim\u00a0«\u00a0zéro\u00a0»"
    assert not Goal.objects.filter(short_title_fr__startswith="Travaux").exists()


def test_a_changed_title_in_the_file_is_updated(tmp_path):
    goals_file = tmp_path / "sdg_goals.json"
    targets_file = tmp_path / "sdg_targets_en.json"
    shutil.copy(GOALS_FILE, goals_file)
    shutil.copy(TARGETS_FILE, targets_file)
    load_sdgs(goals_file, targets_file)

    data = json.loads(goals_file.read_text(encoding="utf-8"))
    data["goals"][12]["short_title"]["en"] = "Climate action now"
    goals_file.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    targets = json.loads(targets_file.read_text(encoding="utf-8"))
    targets["targets"][0]["title_en"] = "By 2030, eradicate extreme poverty for all people everywhere"
    targets_file.write_text(json.dumps(targets, ensure_ascii=False), encoding="utf-8")

    counts = load_sdgs(goals_file, targets_file)
    assert (counts["goals_updated"], counts["targets_updated"]) == (1, 1)
    assert (counts["goals_created"], counts["targets_created"]) == (0, 0)
    assert (Goal.objects.count(), Target.objects.count()) == (17, 169)
    assert Goal.objects.get(number=13).short_title_en == "Climate action now"
    assert Target.objects.get(code="1.1").title_en == "By 2030, eradicate extreme poverty for all people everywhere"


def test_the_loader_keeps_a_dutch_title_entered_by_people():
    load_sdgs()
    Goal.objects.filter(number=1).update(title_nl="Beëindig armoede overal (werkvertaling)")
    Target.objects.filter(code="1.1").update(title_nl="Tegen 2030 extreme armoede uitroeien (werkvertaling)")
    load_sdgs()
    assert Goal.objects.get(number=1).title_nl == "Beëindig armoede overal (werkvertaling)"
    assert Target.objects.get(code="1.1").title_nl == "Tegen 2030 extreme armoede uitroeien (werkvertaling)"


def test_management_command_reports_the_counts():
    out = StringIO()
    call_command("load_sdgs", stdout=out)
    call_command("load_sdgs", stdout=out)
    lines = out.getvalue().strip().splitlines()
    assert lines[0] == "SDGs: 17 goals (17 new, 0 updated), 169 targets (169 new, 0 updated)."
    assert lines[1] == "SDGs: 17 goals (0 new, 0 updated), 169 targets (0 new, 0 updated)."


def test_goal_numbers_outside_1_to_17_are_refused_by_the_database():
    with pytest.raises(IntegrityError):
        Goal.objects.create(
            number=18, short_title_nl="x", short_title_en="x", short_title_fr="x", title_en="x", title_fr="x"
        )


def test_titles_follow_the_active_language():
    load_sdgs()
    goal = Goal.objects.get(number=8)
    assert str(goal) == "SDG 8 – Waardig werk en economische groei"
    with translation.override("nl"):
        assert goal.short_title == "Waardig werk en economische groei"
        assert not goal.has_title
        assert goal.title == "Waardig werk en economische groei"  # never English on a Dutch page
    with translation.override("en"):
        assert goal.short_title == "Decent work and economic growth"
        assert goal.has_title
        assert goal.title == goal.title_en
    with translation.override("fr"):
        assert goal.short_title == "Travail décent et croissance économique"
        assert goal.title == goal.title_fr
