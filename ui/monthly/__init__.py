"""The monthly safety report page (安全月报表)."""
