#!/usr/bin/env python3
"""Measures losslab in a real pseudo-terminal (no tmux, no extra packages).

Starts `losslab contour` in a 200x60 pty with TERM=xterm-256color and prints a table:

- first frame: time from start (fork) to the last byte of the first burst of output that contains
  the status bar's hints (the whole first screen), target under 100 ms;
- bytes per gradient step: bytes written after each `s` press once the screen has settled
  (median and max over --steps presses), target at most 2048;
- peak memory: VmHWM of the process from /proc/PID/status, target under 30 MB.

Usage: Benchmarks/pty-check.py [--losslab PATH] [--steps N] [--json]
Exit status 1 when a target is missed, 2 when the measurement itself failed.
"""

import argparse
import fcntl
import json
import os
import select
import signal
import statistics
import struct
import sys
import termios
import time

WIDTH, HEIGHT = 200, 60
QUIET = 0.25  # seconds without output that count as "settled"
TARGETS = {"first_frame_ms": 100.0, "step_bytes": 2048, "peak_rss_mb": 30.0}


def spawn(binary, args):
    """Forks `binary args` on a new pty of WIDTH x HEIGHT; returns (pid, master fd, start time)."""
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", HEIGHT, WIDTH, 0, 0))
    env = dict(os.environ, TERM="xterm-256color", LINES=str(HEIGHT), COLUMNS=str(WIDTH))
    start = time.monotonic()
    pid = os.fork()
    if pid == 0:
        try:
            os.setsid()
            fcntl.ioctl(slave, termios.TIOCSCTTY, 0)
            for fd in (0, 1, 2):
                os.dup2(slave, fd)
            os.close(master)
            os.close(slave)
            os.execve(binary, [binary] + args, env)
        finally:
            os._exit(127)
    os.close(slave)
    return pid, master, start


def read_burst(fd, first_timeout, quiet=QUIET, until=None):
    """Reads until `quiet` seconds pass without output (after something arrived, and after `until`
    appeared in it when given). Returns (bytes, time of the last byte or None)."""
    data = bytearray()
    last = None
    deadline = time.monotonic() + first_timeout
    while True:
        now = time.monotonic()
        ready_by = deadline if last is None or (until and until not in data) else last + quiet
        wait = ready_by - now
        if wait <= 0:
            return bytes(data), last
        r, _, _ = select.select([fd], [], [], wait)
        if not r:
            continue
        try:
            chunk = os.read(fd, 65536)
        except OSError:  # the child closed the pty
            return bytes(data), last
        if not chunk:
            return bytes(data), last
        data += chunk
        last = time.monotonic()


def vm_hwm_kb(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    raise RuntimeError(f"/proc/{pid}/status has no VmHWM line")


def measure(binary, steps):
    pid, fd, start = spawn(binary, ["contour"])
    try:
        first, last = read_burst(fd, first_timeout=10, until=b"quit")
        if last is None or b"quit" not in first:
            raise RuntimeError(f"no full first frame within 10 s ({len(first)} bytes read)")
        first_ms = (last - start) * 1000
        # Let it settle fully (late repaints, terminal queries), then press s one step at a time.
        read_burst(fd, first_timeout=QUIET)
        sizes = []
        for _ in range(steps):
            os.write(fd, b"s")
            out, when = read_burst(fd, first_timeout=2)
            if when is None:
                raise RuntimeError("an s press wrote nothing within 2 s")
            sizes.append(len(out))
        rss_kb = vm_hwm_kb(pid)
        os.write(fd, b"q")
        read_burst(fd, first_timeout=2, quiet=0.1)
    finally:
        try:
            os.kill(pid, signal.SIGTERM) if os.waitpid(pid, os.WNOHANG) == (0, 0) else None
        except ChildProcessError:
            pass
        os.close(fd)
    try:
        os.waitpid(pid, 0)
    except ChildProcessError:
        pass
    return {
        "first_frame_ms": round(first_ms, 1),
        "first_frame_bytes": len(first),
        "step_bytes_median": int(statistics.median(sizes)),
        "step_bytes_max": max(sizes),
        "step_bytes_each": sizes,
        "steps": steps,
        "peak_rss_mb": round(rss_kb / 1024, 1),
    }


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    default = os.path.join(here, "..", ".build", "release", "losslab")
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--losslab", default=os.environ.get("LOSSLAB", default))
    p.add_argument("--steps", type=int, default=10, help="s presses to measure (default 10)")
    p.add_argument("--json", action="store_true", help="print the numbers as JSON")
    a = p.parse_args()
    if not os.access(a.losslab, os.X_OK):
        print(f"pty-check: error: {a.losslab}: no such executable (build with "
              "`swift build -c release` or pass --losslab)", file=sys.stderr)
        return 2
    if a.steps < 1:
        print(f"pty-check: error: --steps must be at least 1, got {a.steps}", file=sys.stderr)
        return 2
    try:
        r = measure(a.losslab, a.steps)
    except (RuntimeError, OSError) as e:
        print(f"pty-check: error: {e}", file=sys.stderr)
        return 2
    rows = [
        ("first full frame", f"{r['first_frame_ms']} ms ({r['first_frame_bytes']} bytes)",
         "< 100 ms", r["first_frame_ms"] < TARGETS["first_frame_ms"]),
        ("bytes per `s` step", f"median {r['step_bytes_median']}, max {r['step_bytes_max']} "
         f"({r['steps']} steps)", "<= 2048", r["step_bytes_max"] <= TARGETS["step_bytes"]),
        ("peak memory (VmHWM)", f"{r['peak_rss_mb']} MB", "< 30 MB",
         r["peak_rss_mb"] < TARGETS["peak_rss_mb"]),
    ]
    if a.json:
        print(json.dumps(r))
    else:
        print(f"losslab contour in a {WIDTH}x{HEIGHT} pty (TERM=xterm-256color)\n")
        print("| measure | result | target | met |")
        print("| --- | --- | --- | --- |")
        for name, value, target, ok in rows:
            print(f"| {name} | {value} | {target} | {'yes' if ok else 'NO'} |")
    return 0 if all(ok for *_, ok in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
