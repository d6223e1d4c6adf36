"""安全检查: the inspection list, starting an inspection and answering it."""
