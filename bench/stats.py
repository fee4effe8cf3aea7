"""Figures from /proc for the server process(es), and percentiles."""
import asyncio
import os
import time

TICK = os.sysconf("SC_CLK_TCK")


def percentiles(values_s: list[float]) -> dict:
    """p50/p95/p99/max in milliseconds of a list of seconds (nearest rank)."""
    if not values_s:
        return {"n": 0}
    ordered = sorted(values_s)

    def rank(q):
        return ordered[min(len(ordered) - 1, int(q * len(ordered)))]
    return {"n": len(ordered), "p50": round(rank(0.50) * 1000, 1),
            "p95": round(rank(0.95) * 1000, 1), "p99": round(rank(0.99) * 1000, 1),
            "max": round(ordered[-1] * 1000, 1)}


def cpu_seconds(pid: int) -> float:
    """utime + stime of a process (fields 14 and 15 of /proc/<pid>/stat)."""
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICK


def rss_kb(pid: int) -> int:
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def fds(pid: int) -> int:
    return len(os.listdir(f"/proc/{pid}/fd"))


class ProcWatch:
    """Sums CPU and RSS over the server processes `pids_fn()` returns (they may restart)."""

    def __init__(self, pids_fn):
        self.pids_fn = pids_fn
        self.samples: list[dict] = []
        self.last_cpu: dict[int, float] = {}  # pid -> last reading, kept after it dies

    def _sum(self, fn) -> float:
        total = 0
        for pid in self.pids_fn():
            try:
                total += fn(pid)
            except (FileNotFoundError, ProcessLookupError):
                pass
        return total

    def cpu(self) -> float:
        """CPU seconds of every server process seen so far (a killed one keeps its last)."""
        for pid in self.pids_fn():
            try:
                self.last_cpu[pid] = cpu_seconds(pid)
            except (FileNotFoundError, ProcessLookupError):
                pass
        return sum(self.last_cpu.values())

    def rss(self) -> int:
        return int(self._sum(rss_kb))

    async def sample(self, every: float) -> None:
        """Soak: RSS (KB) and open fds every `every` seconds until cancelled."""
        started = time.monotonic()
        while True:
            self.samples.append({"t": round(time.monotonic() - started), "rss_kb": self.rss(),
                                 "fds": int(self._sum(fds))})
            await asyncio.sleep(every)
