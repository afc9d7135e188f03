"""A one-line progress bar on a terminal; silent elsewhere, so logs and tests stay clean."""

import time


class Progress:
    def __init__(self, total, stream, enabled, width=30):
        self.total, self.stream, self.width = total, stream, width
        self.enabled = enabled and total > 1
        self.done = 0
        self._shown_at = 0.0
        self._started = time.monotonic()

    def step(self):
        self.done += 1
        now = time.monotonic()
        if self.enabled and (now - self._shown_at > 0.2 or self.done == self.total):
            self._shown_at = now
            filled = self.width * self.done // self.total
            rate = self.done / max(now - self._started, 1e-6)
            self.stream.write(
                f"\r[{'#' * filled}{'.' * (self.width - filled)}] "
                f"{self.done}/{self.total} files, {rate:.0f}/s"
            )
            self.stream.flush()

    def close(self):
        if self.enabled:
            self.stream.write("\n")
            self.stream.flush()
