"""隐患台账: the hazard ledger page, its detail panel and action dialogs."""
