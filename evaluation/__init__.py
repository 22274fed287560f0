"""The tagging evaluation: hand-labelled essays, and ``invoke eval-tagging`` to score the tagger."""
