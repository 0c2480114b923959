"""Subsidy files (subsidiedossiers): schemes with their yearly budgets, criteria and required
documents; the file from application to decision, payment and final report. One module per
aggregate; every model (and what the migrations refer to) is importable from here.

States and transitions live in workflow.py; operations that touch several rows in services.py.
Totals (costs, income, paid, committed budget) are computed from their rows, never stored twice.
"""

from .assessments import Assessment, Score
from .common import MONEY, ZERO, normalise_address, normalise_iban
from .documents import Document, Message, document_upload_to
from .files import BudgetLine, CoApplicant, SubsidyFile, co_applicant_token
from .payments import Payment
from .schemes import Criterion, RequiredDocument, Scheme, SchemeBudget

__all__ = [
    "MONEY",
    "ZERO",
    "Assessment",
    "BudgetLine",
    "CoApplicant",
    "Criterion",
    "Document",
    "Message",
    "Payment",
    "RequiredDocument",
    "Scheme",
    "SchemeBudget",
    "Score",
    "SubsidyFile",
    "co_applicant_token",
    "document_upload_to",
    "normalise_address",
    "normalise_iban",
]
