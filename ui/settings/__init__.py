"""设置: language, data folder, backups, own password or PIN, version."""
