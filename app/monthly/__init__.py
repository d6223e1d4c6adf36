"""The monthly safety report (安全月报表): figures, draft, signature and finalization."""
