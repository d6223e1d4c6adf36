"""用户管理: the school's accounts, for the principal."""
