"""The data layer: SQLAlchemy models, the engine and sessions, change capture.

``db`` knows nothing of ``app`` or ``ui``; both sit on top of it.
"""
