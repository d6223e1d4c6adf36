"""The answering view's writes, one after another: each waits for the one before.

A mixin of :class:`ui.inspections.answer_view.AnswerView`. Answers, notes and
photos are saved in the order they were given, in the background; a refused
write drops the writes queued behind it (they assumed it worked), shows the
app's message and reads the inspection again.

Threading: UI thread; each write runs through :mod:`ui.operations`.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from typing import Any

from ui.operations import run_in_background


class SerialWrites:
    """The queue; ``saves`` counts completed (or refused) writes, :meth:`idle` says none is due."""

    def _init_writes(self) -> None:
        self.saves = 0
        self._queue: deque[tuple[Callable[[], Any], Callable[[Any], None]]] = deque()
        self._running = False

    def _enqueue(self, job: Callable[[], Any], on_done: Callable[[Any], None]) -> None:
        self._queue.append((job, on_done))
        self._pump()

    def _pump(self) -> None:
        if self._running or not self._queue:
            return
        job, on_done = self._queue.popleft()
        self._running = True
        run_in_background(
            job,
            on_done=lambda r: self._job_done(on_done, r),
            on_error=self._job_failed,
            context=self,
            description="inspection write",
        )

    def _job_done(self, on_done: Callable[[Any], None], result: Any) -> None:
        self._running = False
        self.saves += 1
        on_done(result)
        self._pump()

    def _job_failed(self, message: str, _e: BaseException) -> None:
        self._running = False
        self.saves += 1
        self._queue.clear()  # what follows assumed this one worked
        self.message.show_error(message)
        self.reload(keep_row=max(self.current_row(), 0))

    def idle(self) -> bool:
        """No write waiting or running."""
        return not self._running and not self._queue
