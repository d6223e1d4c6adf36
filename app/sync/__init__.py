"""The sync library: signed, age-encrypted change bundles (see README.md beside this file)."""
