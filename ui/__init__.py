from ui.refcounts import protect_singletons

# Before any Qt call: PySide6 6.12 spends references to None/True/False it was
# never given, which aborts Python 3.10/3.11 once they run out (ui/refcounts.py).
protect_singletons()
