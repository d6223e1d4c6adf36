"""Keeps ``None``, ``True`` and ``False`` alive under PySide6 6.12 on Python 3.10/3.11.

PySide6 6.12's bindings hand back ``None`` from every call that returns
nothing (``setText``, ``update``, ``processEvents``, ``deleteLater``…) and
``True`` from ``emit``/``connect`` without taking a reference for it, as if
those objects were immortal. They are immortal only from Python 3.12 on
(PEP 683). On 3.10 and 3.11 every such call spends one reference that was
never given; when the count reaches zero Python aborts the whole process
with "Fatal Python error: none_dealloc" (or ``bool_dealloc``), in whatever
code happened to drop the last reference. A test spinning
``processEvents()`` got there in well under a second; the app would get
there after enough clicks and countdown ticks in a day left open.

:func:`protect_singletons` does what Python 3.12 does: it gives the three
objects a reference count no run can use up. It runs when the ``ui``
package is imported, before any Qt call. It changes nothing on Python 3.12
and later, nor on other interpreters, nor on debug builds of CPython (which
audit reference counts and have a different object layout).

Threading: call on the main thread before other threads start; repeat calls
do nothing.
"""

from __future__ import annotations

import ctypes
import sys

# 2**48 references: a million void calls a second would take nine years to spend it.
MARGIN = 1 << 48
PROTECTED = (None, True, False)


def needed() -> bool:
    """Whether this interpreter can lose ``None``/``True``/``False`` to the bindings."""
    return (
        sys.implementation.name == "cpython"
        and sys.version_info < (3, 12)
        and not hasattr(sys, "gettotalrefcount")  # debug build
        and not hasattr(sys, "getobjects")  # reference-tracing build
    )


def protect_singletons() -> None:
    """Raise the reference counts of ``None``, ``True`` and ``False`` by :data:`MARGIN`."""
    if not needed():
        return
    for obj in PROTECTED:
        if sys.getrefcount(obj) < MARGIN:
            # ob_refcnt is the first field of every object in a release build of
            # CPython, and id() is the object's address.
            ctypes.c_ssize_t.from_address(id(obj)).value += MARGIN
