"""A one-line progress bar on a terminal; silent elsewhere, so logs and tests stay clean."""

import time


class Progress:
    """Writes to a management command's OutputWrapper (self.stderr), without line endings."""

    def __init__(self, stream, enabled, width=30):
        self.stream, self.wanted, self.width = stream, enabled, width
        self.total = self.done = 0
        self._shown_at = 0.0
        self._started = time.monotonic()

    @property
    def enabled(self):
        return self.wanted and self.total > 1

    def step(self):
        self.done += 1
        now = time.monotonic()
        if self.enabled and (now - self._shown_at > 0.2 or self.done == self.total):
            self._shown_at = now
            filled = self.width * self.done // self.total
            rate = self.done / max(now - self._started, 1e-6)
            self.stream.write(
                f"\r[{'#' * filled}{'.' * (self.width - filled)}] "
                f"{self.done}/{self.total} files, {rate:.0f}/s",
                ending="",
            )
            self.stream.flush()

    def close(self):
        if self.enabled:
            self.stream.write("")
