#!/usr/bin/env python3
"""Measures losslab in a real pseudo-terminal (no tmux, no extra packages).

Starts `losslab contour` in a 200x60 pty with TERM=xterm-256color and prints a table:

- first frame: time from start (fork) to the last byte of the first burst of output that contains
  the status bar's hints (the whole first screen), target under 100 ms;
- bytes per gradient step: bytes written after each `s` press once the screen has settled
  (median and max over --steps presses), target at most 1024 for the largest;
- switching views: bytes written by `1` (Curves), `3` (Distributions), `4` (Classify) and `2`
  (back to Contour), each at most the full repaint of that view (the first frame of a fresh
  `losslab VIEW` at the same size);
- resizing: bytes written after the pty is resized to 160x50 and back (SIGWINCH), each at most
  one full repaint (the first frame of a fresh `losslab contour` at that size);
  views and sizes are measured before the steps, on the state a fresh start shows;
- peak memory: VmHWM of the process from /proc/PID/status, target at most 15 MB (the contour
  view after the steps; `--view curves` measures the default app's).
- first frame: target at most 10 ms; the CPU time the process used until then is given too
  (/proc/PID/schedstat), which a busy machine does not inflate. The load average is printed.

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
TARGETS = {"first_frame_ms": 10.0, "step_bytes": 1024, "peak_rss_mb": 15.0}
RESIZED = (160, 50)
VIEW_KEYS = (("curves", b"1"), ("distributions", b"3"), ("classify", b"4"), ("contour", b"2"))


def spawn(binary, args, size=(WIDTH, HEIGHT)):
    """Forks `binary args` on a new pty of size (columns, rows); returns (pid, master fd, start time)."""
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", size[1], size[0], 0, 0))
    env = dict(os.environ, TERM="xterm-256color")
    env.pop("LINES", None)
    env.pop("COLUMNS", None)
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


def cpu_ms(pid):
    """CPU time the process has used so far (/proc/PID/schedstat, nanoseconds on a CPU), in ms:
    unlike the wall-clock time to the first frame, it does not grow while the process waits for a
    core on a busy machine."""
    with open(f"/proc/{pid}/schedstat") as f:
        return int(f.read().split()[0]) / 1e6


def vm_hwm_kb(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    raise RuntimeError(f"/proc/{pid}/status has no VmHWM line")


def stop(pid, fd):
    """Quits the app with `q` (SIGTERM if it does not go) and reaps it."""
    try:
        os.write(fd, b"q")
        read_burst(fd, first_timeout=2, quiet=0.1)
    except OSError:
        pass
    try:
        if os.waitpid(pid, os.WNOHANG) == (0, 0):
            os.kill(pid, signal.SIGTERM)
            os.waitpid(pid, 0)
    except ChildProcessError:
        pass
    os.close(fd)


def full_repaint(binary, view, size):
    """Bytes of the first frame of a fresh `losslab VIEW` on a pty of `size`: one full repaint."""
    pid, fd, _ = spawn(binary, [view], size)
    try:
        first, last = read_burst(fd, first_timeout=10, until=b"quit")
        if last is None:
            raise RuntimeError(f"losslab {view} drew nothing within 10 s")
        return len(first)
    finally:
        stop(pid, fd)


def measure(binary, steps, view="contour"):
    if view != "contour":
        pid, fd, start = spawn(binary, [view])
        try:
            first, last = read_burst(fd, first_timeout=10, until=b"quit")
            if last is None or b"quit" not in first:
                raise RuntimeError(f"no full first frame within 10 s ({len(first)} bytes read)")
            first_cpu_ms = cpu_ms(pid)
            read_burst(fd, first_timeout=QUIET)
            return {"view": view, "first_frame_ms": round((last - start) * 1000, 1),
                    "first_frame_cpu_ms": round(first_cpu_ms, 1),
                    "first_frame_bytes": len(first), "peak_rss_mb": round(vm_hwm_kb(pid) / 1024, 1)}
        finally:
            stop(pid, fd)
    pid, fd, start = spawn(binary, ["contour"])
    try:
        first, last = read_burst(fd, first_timeout=10, until=b"quit")
        if last is None or b"quit" not in first:
            raise RuntimeError(f"no full first frame within 10 s ({len(first)} bytes read)")
        first_ms = (last - start) * 1000
        first_cpu_ms = cpu_ms(pid)
        # Let it settle fully (late repaints, terminal queries).
        read_burst(fd, first_timeout=QUIET)
        # Views and sizes first, while the contour view is as a fresh start shows it, so that a
        # fresh start is the full repaint to compare with.
        switches = {}
        for view, key in VIEW_KEYS:
            os.write(fd, key)
            out, when = read_burst(fd, first_timeout=2)
            switches[view] = len(out)
        resizes = []
        for size in (RESIZED, (WIDTH, HEIGHT)):
            fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", size[1], size[0], 0, 0))
            os.kill(pid, signal.SIGWINCH)
            out, _ = read_burst(fd, first_timeout=2)
            resizes.append(len(out))
        # Then press s one step at a time.
        sizes = []
        for _ in range(steps):
            os.write(fd, b"s")
            out, when = read_burst(fd, first_timeout=2)
            if when is None:
                raise RuntimeError("an s press wrote nothing within 2 s")
            sizes.append(len(out))
        rss_kb = vm_hwm_kb(pid)
    finally:
        stop(pid, fd)
    repaints = {view: full_repaint(binary, view, (WIDTH, HEIGHT)) for view, _ in VIEW_KEYS}
    resized_repaint = full_repaint(binary, "contour", RESIZED)
    return {
        "view": "contour",
        "switch_bytes": switches,
        "full_repaint_bytes": repaints,
        "resize_bytes": resizes,
        "resized_full_repaint_bytes": [resized_repaint, repaints["contour"]],
        "first_frame_ms": round(first_ms, 1),
        "first_frame_cpu_ms": round(first_cpu_ms, 1),
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
    p.add_argument("--view", default="contour",
                   help="contour (default: all measures) or another view (first frame and memory only)")
    a = p.parse_args()
    if not os.access(a.losslab, os.X_OK):
        print(f"pty-check: error: {a.losslab}: no such executable (build with "
              "`swift build -c release` or pass --losslab)", file=sys.stderr)
        return 2
    if a.steps < 1:
        print(f"pty-check: error: --steps must be at least 1, got {a.steps}", file=sys.stderr)
        return 2
    try:
        r = measure(a.losslab, a.steps, a.view)
    except (RuntimeError, OSError) as e:
        print(f"pty-check: error: {e}", file=sys.stderr)
        return 2
    rows = [
        ("first full frame", f"{r['first_frame_ms']} ms ({r['first_frame_bytes']} bytes; "
         f"{r['first_frame_cpu_ms']} ms of CPU)", "<= 10 ms", r["first_frame_ms"] <= TARGETS["first_frame_ms"]),
    ]
    if r["view"] == "contour":
        rows.append(("bytes per `s` step", f"median {r['step_bytes_median']}, max {r['step_bytes_max']} "
                     f"({r['steps']} steps)", "<= 1024", r["step_bytes_max"] <= TARGETS["step_bytes"]))
        for view, _ in VIEW_KEYS:
            got, full = r["switch_bytes"][view], r["full_repaint_bytes"][view]
            rows.append((f"switch to {view}", f"{got} bytes (full repaint {full})",
                         "<= full repaint", got <= full))
        for (w, h), got, full in zip((RESIZED, (WIDTH, HEIGHT)), r["resize_bytes"],
                                     r["resized_full_repaint_bytes"]):
            rows.append((f"resize to {w}x{h}", f"{got} bytes (full repaint {full})",
                         "<= 1 full repaint", got <= full))
    rows.append(("peak memory (VmHWM)", f"{r['peak_rss_mb']} MB", "<= 15 MB",
                 r["peak_rss_mb"] <= TARGETS["peak_rss_mb"]))
    if a.json:
        print(json.dumps(r))
    else:
        load = ", ".join(f"{v:.2f}" for v in os.getloadavg())
        print(f"losslab {r['view']} in a {WIDTH}x{HEIGHT} pty (TERM=xterm-256color), load average {load}\n")
        print("| measure | result | target | met |")
        print("| --- | --- | --- | --- |")
        for name, value, target, ok in rows:
            print(f"| {name} | {value} | {target} | {'yes' if ok else 'NO'} |")
    return 0 if all(ok for *_, ok in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
