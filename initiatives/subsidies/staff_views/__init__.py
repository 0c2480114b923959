"""Staff pages for subsidy files (/beheer/subsidies/), one module per journey:

- `workbench`: the lists of files a member of staff works on;
- `files`: one file's page and the city's documents on it; the page itself is built in
  `filepage` (facts, deadlines, the steps the user may take) and `timeline` (what happened);
- `steps`: the steps on a file, each a POST to its own URL;
- `letter`: the decision letter;
- `schemes`: scheme management;
- `report`: the report per scheme and year (screen and XLSX).

Every page needs the staff area (civil servant with MFA); each page and step checks the
permission on its object again (rules.py), and every step calls workflow.py or services.py:
views never write a status. A step that is refused (a transition that no longer applies, a
budget that would be over-committed, a payment above the grant) shows the reason on the file's
page with the input kept."""
