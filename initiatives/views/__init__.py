"""Public pages and the resident's journey, one module per journey:

- `public`: the list, the detail page (both cached) and the short link;
- `writing`: writing in steps, submitting, withdrawing, the resident's own list;
- `committee`: co-initiators, invitations, handing the lead over;
- `taking_part`: supporting, following, comments and updates;
- `common`: the writing steps and finding an initiative the user may see.

Views stay thin: state changes go through workflow.py, other writes through services.py."""
