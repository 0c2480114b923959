"""What worldcitizenship contributes to the dashboards (the indicator registry in genk.core).

Nothing yet, on purpose: the SDG catalogue itself has no figures per neighbourhood, and we
register no placeholder figures. The issues for the Francistown partnership, the FairTrade
town campaign and the awareness activities will register here, e.g. projects and
FairTrade places per neighbourhood, each with the SDGs it serves (`sdgs=(...)`).
"""

from .partnership import indicators as partnership_indicators  # noqa: F401  (registers worldcitizenship.projects)
