"""The public and the applicant's pages, one module per journey:

- `schemes`: the schemes (public);
- `application`: starting an application, the project and the budget of a draft;
- `documents`: the documents of a file, and serving one;
- `group`: co-applicants (a group of residents), the invitation;
- `actions`: submitting, answering the city's questions, the final report, withdrawing;
- `files`: the file's page (its history and next steps built in `timeline`), the decision
  letter and the list of one's own files.

Every page asks `genk.core.permissions.can` on its object. State changes go through
workflow.py, other writes through services.py; the draft's own fields (project, budget lines)
are saved by the forms while `subsidies.change_file` allows it.
"""
