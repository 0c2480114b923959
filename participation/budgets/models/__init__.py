"""District and citizen budgets: a cycle with headings (one amount each), phases, proposals,
ballots, results and implementation updates. See README.md for the phase table and states.

One module per aggregate: `cycle` (Theme, Cycle, Phase, Heading, Follow), `proposal`
(Proposal, ProjectUpdate), `ballot` (VoterRecord, Ballot, BallotChoice), `result`
(HeadingResult, ProjectResult)."""

from .ballot import Ballot, BallotChoice, VoterRecord
from .base import IMAGE_EXTENSIONS, MONEY
from .cycle import Cycle, Follow, Heading, Phase, Theme
from .proposal import ProjectUpdate, Proposal, proposal_image_path, update_photo_path
from .result import HeadingResult, ProjectResult

__all__ = [
    "IMAGE_EXTENSIONS",
    "MONEY",
    "Ballot",
    "BallotChoice",
    "Cycle",
    "Follow",
    "Heading",
    "HeadingResult",
    "Phase",
    "ProjectResult",
    "ProjectUpdate",
    "Proposal",
    "Theme",
    "VoterRecord",
    "proposal_image_path",
    "update_photo_path",
]
