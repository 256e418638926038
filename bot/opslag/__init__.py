"""Storage beyond Rasa's own tracker store: the shared lock store for several
Rasa servers, case codes for coming back to a consultation, and retention."""
