"""The bureau server ``xiaoan-bureau``: enrollment, tus upload, ingest into PostgreSQL, acks.

It shares the schema (models and migrations) with the school app and the
bundle format with :mod:`app.sync`; see ``app/sync/README.md`` for the protocol.
"""
