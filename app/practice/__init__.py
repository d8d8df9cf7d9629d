"""A practice run as the app sees it: the rehearsal, saved turn by turn, graded at the end. No UI here."""
