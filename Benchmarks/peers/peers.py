#!/usr/bin/env python3
"""Time losslab against its peers on the same machine, in the same run.

Peers (each timed in its own worker process, started through
`env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE`):

* plotext  -- draws losslab's four default curves (1000 points each) into a
              200x60 character figure, colour off, returned as a string;
* uniplot  -- the same four curves, same size, via `plot_to_string`;
* numpy    -- the MSE loss surface of 10^4 points on a 400x240 (w, b) grid,
              by brute force (broadcast over all points, chunked);
* numpy-mae, numpy-huber -- the same for MAE and Huber (delta 1);
* numpy-sums -- the five sums (x, y, x^2, xy, y^2) of 10^6 points, the
              streaming floor under a cold MSE contour (BLAS as numpy sets
              it, and on one BLAS thread);
* pandas   -- `read_csv` of a 10^6-row x,y CSV file (about 18 MB), to float64;
* loadtxt  -- `numpy.loadtxt` of the same file;
* gnuplot  -- a whole process: `gnuplot` drawing the contour view's MSE surface
              (the same 50 points, the same (w, b) window) with its dumb
              terminal at 200x60, against a whole `losslab render contour
              --width 200 --height 60` process, the two run alternately;
              `gnuplot-coarse` is the same with gnuplot's default 10x10
              samples (its cheapest contour).

The CSV file is written once per run (see `write_csv`) and losslab's
`load-csv-1e6` scenario reads the same file (LOSSLAB_BENCH_CSV).

Then `losslab bench --json` is run (or read from LOSSLAB_BENCH_JSON) and a
Markdown table of medians, ratios and targets is printed.

Run it through run.sh, which creates the virtual environment with the pinned
peers. See README.md beside this file.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

HERE = Path(__file__).resolve().parent
REPO_ROOT = HERE.parent.parent

# What every peer draws or computes; these must match losslab's scenarios.
CURVE_POINTS = 1000
FRAME_WIDTH = 200
FRAME_HEIGHT = 60
X_RANGE = (-1.0, 2.0)
Y_RANGE = (-1.0, 5.0)
MSE_POINTS = 10_000
GRID_COLUMNS = 400  # w axis
GRID_ROWS = 240  # b axis
W_RANGE = (0.0, 4.0)
B_RANGE = (1.0, 5.0)
NOISE_SEED = 8
CHUNK_BYTES = 64 * 1024 * 1024  # largest temporary the brute-force surface may allocate

BLAS_VARIABLES = ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE")
CSV_ROWS = 1_000_000
SUMS_POINTS = 1_000_000
HUBER_DELTA = 1.0  # losslab's default δ
PEERS = ("plotext", "uniplot", "numpy", "numpy-mae", "numpy-huber", "numpy-sums", "pandas", "loadtxt", "gnuplot")
# The brute-force surfaces: peer name -> loss.
SURFACE_PEERS = {"numpy": "mse", "numpy-mae": "mae", "numpy-huber": "huber"}
# Whole processes (gnuplot against `losslab render contour`): at least this many runs of each.
PROCESS_MIN_RUNS = 30
# losslab's contour map at 200x60 samples the surface once per braille dot of the map's plot area.
CONTOUR_SAMPLES = (206, 220)
PROCESS_SCENARIO = "process-render-contour-200x60"
INTERACTIVE_BUDGET_NS = 400_000  # 0.4 ms


@dataclass(frozen=True)
class Comparison:
  """One row of the ratio table: a losslab scenario against a peer."""

  scenario: str
  peer: str
  target_ratio: float
  what: str


COMPARISONS = (
  Comparison("curves-200x60", "plotext", 50, "4 curves x 1000 points, 200x60"),
  Comparison("curves-200x60", "uniplot", 10, "4 curves x 1000 points, 200x60"),
  Comparison("contour-cold-mse-1e4", "numpy", 1000, "MSE surface, 1e4 points, 400x240"),
  Comparison("contour-cold-mae-1e4", "numpy-mae", 1300, "MAE surface, 1e4 points, 400x240"),
  Comparison("contour-cold-huber-1e4", "numpy-huber", 1300, "Huber surface (δ 1), 1e4 points, 400x240"),
  # A cold MSE frame of 10^6 points within 4x of numpy's five sums over them (ratio >= 0.25).
  Comparison("contour-cold-mse-1e6", "numpy-sums", 0.25, "five sums over 1e6 points (the floor)"),
  Comparison("load-csv-1e6", "pandas", 1, "read a 1e6-row x,y CSV file"),
  Comparison("load-csv-1e6", "loadtxt", 1, "read a 1e6-row x,y CSV file"),
  Comparison(PROCESS_SCENARIO, "gnuplot", 4, "whole process: contour of the MSE surface, 200x60 text, same samples"),
  Comparison(PROCESS_SCENARIO, "gnuplot-coarse", 4, "whole process: the same contour, gnuplot's default 10x10 samples"),
)

# Interactive frames: losslab's own median must stay under INTERACTIVE_BUDGET_NS.
INTERACTIVE_PATTERN = re.compile(r"^(curves-.*|contour-step|distributions-200x60)$")


class BenchError(Exception):
  """A clear, one-line problem with input or with a step of the run."""


# ---------------------------------------------------------------------------
# The work each peer does
# ---------------------------------------------------------------------------


def sample_curves(np: Any) -> tuple[Any, list[tuple[str, Any]]]:
  """losslab's four default curves on x in [-1, 2]; NaN outside each domain."""
  x = np.linspace(X_RANGE[0], X_RANGE[1], CURVE_POINTS)
  with np.errstate(divide="ignore", invalid="ignore"):
    neg_log = np.where(x > 0, -np.log(np.where(x > 0, x, 1.0)), np.nan)
    bce0 = np.where(x < 1, -np.log(np.where(x < 1, 1.0 - x, 1.0)), np.nan)
    bce1 = np.where((x > 0) & (x <= 1), neg_log, np.nan)
    hinge = np.maximum(0.0, 1.0 - x)
  return x, [
    ("-log(x)", neg_log),
    ("BCE, target 0", bce0),
    ("BCE, target 1", bce1),
    ("hinge", hinge),
  ]


def plotext_frame(plt: Any, np: Any) -> str:
  """Sample the curves and build one plotext figure; returns the text."""
  x, curves = sample_curves(np)
  xs = x.tolist()
  plt.clear_figure()
  plt.theme("clear")  # no colours: only a reset code ends each line
  plt.limit_size(False, False)  # not bound by this terminal's size
  plt.plotsize(FRAME_WIDTH, FRAME_HEIGHT)
  for label, ys in curves:
    plt.plot(xs, ys.tolist(), marker="braille", label=label)
  plt.xlim(*X_RANGE)
  plt.ylim(*Y_RANGE)
  return plt.build()


def uniplot_frame(uniplot: Any, np: Any, width: int, height: int) -> str:
  """Sample the curves and draw them with uniplot at a plot area of width x height."""
  x, curves = sample_curves(np)
  return uniplot.plot_to_string(
    [ys for _, ys in curves],
    [x] * len(curves),
    width=width,
    height=height,
    x_min=X_RANGE[0],
    x_max=X_RANGE[1],
    y_min=Y_RANGE[0],
    y_max=Y_RANGE[1],
    lines=True,
    color=False,
    character_set="braille",
    legend_labels=[label for label, _ in curves],
  )


def line_fit_data(np: Any, n: int = MSE_POINTS) -> tuple[Any, Any]:
  """x evenly spaced on [0, 1]; y = 2x + 3 + uniform noise in [-0.5, 0.5]."""
  rng = np.random.default_rng(NOISE_SEED)
  x = np.linspace(0.0, 1.0, n)
  return x, 2.0 * x + 3.0 + rng.uniform(-0.5, 0.5, n)


def mse_surface_bruteforce(np: Any, x: Any, y: Any, w: Any, b: Any, chunk_bytes: int = CHUNK_BYTES) -> Any:
  """mean((w*x + b - y)^2) for every (b, w): rows follow b, columns follow w.

  Broadcasts over all points, a few rows of b at a time so the temporary
  (rows x len(w) x len(x) doubles) stays under `chunk_bytes`.
  """
  rows_per_chunk = max(1, chunk_bytes // (8 * len(w) * len(x)))
  out = np.empty((len(b), len(w)))
  wx = w[None, :, None] * x[None, None, :]
  for start in range(0, len(b), rows_per_chunk):
    bs = b[start : start + rows_per_chunk]
    r = wx + (bs[:, None, None] - y[None, None, :])
    np.square(r, out=r)
    out[start : start + len(bs)] = r.mean(axis=-1)
  return out


def loss_surface_bruteforce(
  np: Any, loss: str, x: Any, y: Any, w: Any, b: Any, delta: float = HUBER_DELTA, chunk_bytes: int = CHUNK_BYTES
) -> Any:
  """mean(loss(w*x + b - y)) for every (b, w), as `mse_surface_bruteforce`: MSE, MAE or Huber (delta)."""
  if loss == "mse":
    return mse_surface_bruteforce(np, x, y, w, b, chunk_bytes)
  rows_per_chunk = max(1, chunk_bytes // (8 * len(w) * len(x)))
  out = np.empty((len(b), len(w)))
  wx = w[None, :, None] * x[None, None, :]
  for start in range(0, len(b), rows_per_chunk):
    bs = b[start : start + rows_per_chunk]
    r = wx + (bs[:, None, None] - y[None, None, :])
    np.abs(r, out=r)
    if loss == "huber":
      # |r| <= delta: r^2/2; beyond: delta*(|r| - delta/2).
      r = np.where(r <= delta, 0.5 * r * r, delta * (r - 0.5 * delta))
    elif loss != "mae":
      raise BenchError(f"no brute-force surface for {loss!r}")
    out[start : start + len(bs)] = r.mean(axis=-1)
  return out


def five_sums(np: Any, x: Any, y: Any) -> tuple[float, float, float, float, float]:
  """Σx, Σy, Σx², Σxy, Σy²: what a cold MSE surface must read from the data."""
  return float(x.sum()), float(y.sum()), float(np.dot(x, x)), float(np.dot(x, y)), float(np.dot(y, y))


def write_csv(np: Any, path: Path, rows: int = CSV_ROWS) -> None:
  """The table of losslab's `load-csv-1e6`: header x,y; x = i/(n-1), y = 2x + 3 + U(-0.5, 0.5), 6 decimals."""
  x, y = line_fit_data(np, rows)
  np.savetxt(path, np.column_stack([x, y]), fmt="%.6f", delimiter=",", header="x,y", comments="")


def splitmix64(seed: int):
  """SplitMix64 (Steele, Lea & Flood 2014), the generator of LossCore: an endless stream of 64-bit draws."""
  mask = (1 << 64) - 1
  state = seed
  while True:
    state = (state + 0x9E3779B97F4A7C15) & mask
    z = state
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & mask
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & mask
    yield z ^ (z >> 31)


def tutorial_points(points: int = 50, seed: int = 42, noise: float = 0.5) -> tuple[list[float], list[float]]:
  """losslab's default contour data (`LineData.tutorial`): x_i = i/(n-1), y_i = 2x_i + 3 + noise*(2u - 1),
  u = the top 53 bits of a SplitMix64 draw times 2^-53."""
  draws = splitmix64(seed)
  xs = [i / (points - 1) for i in range(points)]
  ys = [2 * x + 3 + noise * (2 * ((next(draws) >> 11) * 2.0**-53) - 1) for x in xs]
  return xs, ys


def line_fit_means() -> tuple[float, ...]:
  """Means of x, y, x², xy, y² over the default contour data."""
  xs, ys = tutorial_points()
  n = float(len(xs))
  return (
    sum(xs) / n,
    sum(ys) / n,
    sum(x * x for x in xs) / n,
    sum(x * y for x, y in zip(xs, ys)) / n,
    sum(y * y for y in ys) / n,
  )


def gnuplot_script(samples: tuple[int, int] | None) -> str:
  """A gnuplot script drawing the contour view's default surface as text, 200x60 characters.

  MSE(w, b) = mean((w*x + b - y)^2), written with the five means (as losslab evaluates it), over
  w in [0, 4] and b in [1, 5], ten contour levels, dumb terminal. `samples` sets the grid
  (`isosamples`); None keeps gnuplot's default (10x10).
  """
  mx, my, mxx, mxy, myy = line_fit_means()
  grid = f"set isosamples {samples[0]},{samples[1]}\nset samples {samples[0]},{samples[1]}\n" if samples else ""
  return (
    f"set terminal dumb size {FRAME_WIDTH},{FRAME_HEIGHT}\n"
    "set view map\nunset surface\nset contour base\nset cntrparam levels 10\n"
    f"{grid}"
    f"set xrange [{W_RANGE[0]}:{W_RANGE[1]}]\nset yrange [{B_RANGE[0]}:{B_RANGE[1]}]\n"
    'set xlabel "w"\nset ylabel "b"\n'
    f"f(w,b) = w*w*{mxx!r} + 2*w*b*{mx!r} + b*b - 2*w*{mxy!r} - 2*b*{my!r} + {myy!r}\n"
    'splot f(x,y) title "MSE"\n'
  )


# ---------------------------------------------------------------------------
# Timing
# ---------------------------------------------------------------------------


def percentile(sorted_values: list[int], q: float) -> int:
  """Nearest-rank percentile (q in [0, 100]) of an ascending, non-empty list."""
  if not sorted_values:
    raise ValueError("percentile of no values")
  rank = max(1, math.ceil(q / 100.0 * len(sorted_values)))
  return sorted_values[min(rank, len(sorted_values)) - 1]


def median(sorted_values: list[int]) -> float:
  """Median of an ascending, non-empty list (mean of the middle two if even)."""
  if not sorted_values:
    raise ValueError("median of no values")
  n = len(sorted_values)
  mid = n // 2
  return float(sorted_values[mid]) if n % 2 else (sorted_values[mid - 1] + sorted_values[mid]) / 2.0


def measure(fn: Callable[[], object], seconds: float, min_iterations: int = 5) -> dict[str, Any]:
  """Warm up (>= 1 call and 10% of the budget), then call `fn` until `seconds`
  have passed and at least `min_iterations` calls were timed."""
  clock = time.perf_counter_ns
  warm_until = clock() + int(seconds * 0.1e9)
  warmups = 0
  while True:
    fn()
    warmups += 1
    if clock() >= warm_until:
      break
  samples: list[int] = []
  stop_at = clock() + int(seconds * 1e9)
  while len(samples) < min_iterations or clock() < stop_at:
    start = clock()
    fn()
    samples.append(clock() - start)
  samples.sort()
  return {
    "median_ns": median(samples),
    "p99_ns": percentile(samples, 99),
    "min_ns": samples[0],
    "iterations": len(samples),
    "warmup_iterations": warmups,
  }


ANSI = re.compile(r"\x1b\[[0-9;]*m")


def text_size(text: str) -> tuple[int, int]:
  """(columns, rows) of drawn text, ignoring colour codes and a final newline."""
  lines = ANSI.sub("", text).rstrip("\n").split("\n")
  return max(len(line) for line in lines), len(lines)


# ---------------------------------------------------------------------------
# Workers (one process per peer, BLAS variables unset)
# ---------------------------------------------------------------------------


def time_processes(commands: dict[str, list[str]], seconds: float, min_runs: int = PROCESS_MIN_RUNS) -> dict[str, Any]:
  """Start to exit of each command, run in turn (one of each per round, standard output to
  /dev/null), so that a change in the machine's load hits all of them alike.

  One untimed round first (page cache, dynamic loader caches). Returns each command's timing.
  """
  def run(argv: list[str]) -> int:
    start = time.perf_counter_ns()
    done = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    elapsed = time.perf_counter_ns() - start
    if done.returncode != 0:
      message = done.stderr.decode(errors="replace").strip().splitlines()
      raise BenchError(f"{' '.join(argv)} failed with exit code {done.returncode}: {message[-1] if message else ''}")
    return elapsed

  for argv in commands.values():
    run(argv)
  samples: dict[str, list[int]] = {name: [] for name in commands}
  stop_at = time.perf_counter_ns() + int(seconds * 1e9)
  rounds = 0
  names = list(commands)
  while rounds < min_runs or time.perf_counter_ns() < stop_at:
    for k in range(len(names)):
      name = names[(rounds + k) % len(names)]  # rotate who goes first
      samples[name].append(run(commands[name]))
    rounds += 1
  out = {}
  for name, values in samples.items():
    values.sort()
    out[name] = {
      "median_ns": median(values),
      "p99_ns": percentile(values, 99),
      "min_ns": values[0],
      "iterations": len(values),
      "warmup_iterations": 1,
    }
  return out


def whole_processes(binary: str, seconds: float, scratch: Path) -> tuple[dict[str, dict[str, Any]], dict[str, Any]]:
  """gnuplot's dumb-terminal contour (same samples, and its default samples) against
  `losslab render contour` at 200x60: the peers' entries and losslab's scenario entry."""
  gnuplot = shutil.which("gnuplot")
  if not gnuplot:
    raise BenchError("gnuplot is not installed (Debian: apt-get install gnuplot-nox)")
  version = first_line([gnuplot, "--version"])
  scripts = {}
  for name, samples in (("gnuplot", CONTOUR_SAMPLES), ("gnuplot-coarse", None)):
    path = scratch / f"{name}.gp"
    path.write_text(gnuplot_script(samples))
    scripts[name] = path
  ours = [binary, "render", "contour", "--width", str(FRAME_WIDTH), "--height", str(FRAME_HEIGHT)]
  commands = {"losslab": ours} | {name: [gnuplot, str(path)] for name, path in scripts.items()}
  print(f"peers: timing whole processes (gnuplot, losslab render contour; ~{seconds:g} s)...", file=sys.stderr)
  timing = time_processes(commands, seconds)
  peers = {}
  for name, samples in (("gnuplot", CONTOUR_SAMPLES), ("gnuplot-coarse", None)):
    grid = f"{samples[0]}x{samples[1]}" if samples else "default 10x10"
    peers[name] = {
      "peer": name,
      "what": f"whole process: gnuplot dumb 200x60, contour of the MSE surface, {grid} samples, 10 levels",
      "timing": timing[name],
      "versions": {"gnuplot": version.removeprefix("gnuplot ")},
    }
  entry = dict(timing["losslab"], name=PROCESS_SCENARIO)
  return peers, entry


def worker(peer: str, seconds: float, show: bool, csv: str | None = None) -> dict[str, Any]:
  """Time one peer in this process; returns its numbers and versions."""
  import importlib.metadata as md

  import numpy as np

  info: dict[str, Any] = {"peer": peer}
  if peer in ("pandas", "loadtxt"):
    if not csv:
      raise BenchError(f"the {peer} worker needs --csv FILE")
    if peer == "pandas":
      import pandas as pd

      def load() -> Any:
        return pd.read_csv(csv, dtype="float64")

      info["what"] = "pandas.read_csv(path, dtype='float64')"
      info["versions"] = {"pandas": pd.__version__, "numpy": np.__version__}
    else:

      def load() -> Any:
        return np.loadtxt(csv, delimiter=",", skiprows=1)

      info["what"] = "numpy.loadtxt(path, delimiter=',', skiprows=1)"
      info["versions"] = {"numpy": np.__version__}
    shape = list(np.asarray(load()).shape)
    if shape != [CSV_ROWS, 2]:
      raise BenchError(f"{peer} read {shape} values from {csv}, expected [{CSV_ROWS}, 2]")
    info["timing"] = measure(load, seconds, min_iterations=5)
    return info
  if peer == "plotext":
    import plotext as plt

    def frame() -> str:
      return plotext_frame(plt, np)

    info["what"] = "plt.clear_figure/theme('clear')/plotsize(200,60)/4x plot(braille)/xlim/ylim/build()"
  elif peer == "uniplot":
    import uniplot

    # uniplot's width/height is the plot area; shrink it so the whole text,
    # with border, labels and legend, fits in FRAME_WIDTH x FRAME_HEIGHT.
    cols, rows = text_size(uniplot_frame(uniplot, np, FRAME_WIDTH, FRAME_HEIGHT))
    width = FRAME_WIDTH - (cols - FRAME_WIDTH)
    height = FRAME_HEIGHT - (rows - FRAME_HEIGHT)
    info["plot_area"] = [width, height]

    def frame() -> str:
      return uniplot_frame(uniplot, np, width, height)

    info["what"] = f"plot_to_string(4 series, width={width}, height={height}, braille, lines, color=False, legend)"
  elif peer == "numpy-sums":
    x, y = line_fit_data(np, SUMS_POINTS)
    five_sums(np, x, y)
    info["what"] = f"x.sum(), y.sum(), dot(x,x), dot(x,y), dot(y,y) over {SUMS_POINTS} points"
    info["timing"] = measure(lambda: five_sums(np, x, y), seconds, min_iterations=20)
    try:
      from threadpoolctl import threadpool_limits

      # Under load numpy's threaded BLAS can be far slower than one thread: time that too, and compare
      # losslab with the faster of the two.
      with threadpool_limits(limits=1):
        one = measure(lambda: five_sums(np, x, y), seconds, min_iterations=20)
      info["timing_one_blas_thread"] = one
      if one["median_ns"] < info["timing"]["median_ns"]:
        info["timing_default_blas"] = info["timing"]
        info["timing"] = one
        info["what"] += " (one BLAS thread: faster than the default in this run)"
    except ImportError:
      pass
    info["versions"] = {"numpy": np.__version__}
    return info
  elif peer in SURFACE_PEERS:
    loss = SURFACE_PEERS[peer]
    x, y = line_fit_data(np)
    w = np.linspace(W_RANGE[0], W_RANGE[1], GRID_COLUMNS)
    b = np.linspace(B_RANGE[0], B_RANGE[1], GRID_ROWS)

    def surface() -> Any:
      return loss_surface_bruteforce(np, loss, x, y, w, b)

    s = surface()
    info["surface_shape"] = list(s.shape)
    info["surface_min"] = float(s.min())
    formula = {"mse": "mean((w*x+b-y)^2)", "mae": "mean(|w*x+b-y|)", "huber": f"mean(huber(w*x+b-y, {HUBER_DELTA:g}))"}
    info["what"] = f"brute-force {formula[loss]}, {MSE_POINTS} points, {GRID_COLUMNS}x{GRID_ROWS} grid, chunks <= {CHUNK_BYTES >> 20} MiB"
    try:
      from threadpoolctl import threadpool_info

      info["blas"] = [
        {k: p.get(k) for k in ("internal_api", "version", "architecture", "num_threads")}
        for p in threadpool_info()
      ]
    except ImportError:
      info["blas"] = "threadpoolctl not installed"
    info["timing"] = measure(surface, seconds, min_iterations=5)
    info["versions"] = {"numpy": np.__version__}
    return info
  else:
    raise BenchError(f"unknown peer {peer!r} (expected one of {', '.join(PEERS)})")

  text = frame()
  cols, rows = text_size(text)
  if cols > FRAME_WIDTH or rows > FRAME_HEIGHT:
    raise BenchError(f"{peer} drew {cols}x{rows} characters, more than {FRAME_WIDTH}x{FRAME_HEIGHT}")
  info["output_size"] = [cols, rows]
  if show:
    print(f"--- {peer} ({cols}x{rows}) ---", file=sys.stderr)
    print(ANSI.sub("", text), file=sys.stderr)
  info["timing"] = measure(frame, seconds)
  info["versions"] = {peer: md.version(peer), "numpy": np.__version__}
  return info


def run_worker(peer: str, seconds: float, show: bool, csv: str | None = None) -> dict[str, Any]:
  """Start `peer`'s worker through `env -u` for each BLAS variable."""
  command = ["env"]
  for name in BLAS_VARIABLES:
    command += ["-u", name]
  command += [sys.executable, str(Path(__file__).resolve()), "--worker", peer, "--seconds", str(seconds)]
  if show:
    command.append("--show")
  if csv:
    command += ["--csv", csv]
  print(f"peers: timing {peer} (~{seconds:g} s + warm-up)...", file=sys.stderr)
  done = subprocess.run(command, stdout=subprocess.PIPE, text=True)
  if done.returncode != 0:
    raise BenchError(f"{peer} worker failed with exit code {done.returncode} (its error is above)")
  try:
    return json.loads(done.stdout)
  except json.JSONDecodeError as error:
    raise BenchError(f"{peer} worker printed no JSON ({error})") from None


# ---------------------------------------------------------------------------
# losslab's numbers
# ---------------------------------------------------------------------------


def parse_bench(text: str, source: str) -> dict[str, dict[str, Any]]:
  """Check and index `losslab bench --json` output by scenario name.

  Raises BenchError naming `source` and the offending field and value.
  """
  try:
    document = json.loads(text)
  except json.JSONDecodeError as error:
    raise BenchError(f"{source}: not JSON: {error.msg} at line {error.lineno}, column {error.colno}") from None
  if not isinstance(document, dict) or not isinstance(document.get("scenarios"), list):
    raise BenchError(f'{source}: expected an object with a "scenarios" list')
  scenarios: dict[str, dict[str, Any]] = {}
  for index, entry in enumerate(document["scenarios"]):
    where = f"{source}: scenarios[{index}]"
    if not isinstance(entry, dict):
      raise BenchError(f"{where}: expected an object, got {json.dumps(entry)}")
    name = entry.get("name")
    if not isinstance(name, str) or not name:
      raise BenchError(f"{where}.name: expected a non-empty string, got {json.dumps(name)}")
    for field in ("median_ns", "p99_ns"):
      value = entry.get(field)
      if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value) or value <= 0:
        raise BenchError(f"{where}.{field} ({name}): expected a positive number, got {json.dumps(value)}")
    iterations = entry.get("iterations")
    if isinstance(iterations, bool) or not isinstance(iterations, int) or iterations < 1:
      raise BenchError(f"{where}.iterations ({name}): expected a positive integer, got {json.dumps(iterations)}")
    if name in scenarios:
      raise BenchError(f"{where}.name: scenario {name!r} appears twice")
    scenarios[name] = entry
  return scenarios


def preflight(env: dict[str, str]) -> None:
  """Fail before the peers' minute of timing if losslab's numbers cannot be had."""
  fake = env.get("LOSSLAB_BENCH_JSON")
  binary = env.get("LOSSLAB")
  if fake:
    losslab_numbers({"LOSSLAB_BENCH_JSON": fake})
  elif binary and not os.access(binary, os.X_OK):
    raise BenchError(f"LOSSLAB={binary}: not an executable file")


def losslab_binary(env: dict[str, str]) -> str:
  """LOSSLAB=path, or losslab built in release from the repository root (once per run)."""
  binary = env.get("LOSSLAB")
  if binary:
    return binary
  built_path = str(REPO_ROOT / ".build" / "release" / "losslab")
  if env.get("_PEERS_BUILT") != built_path:
    print("peers: swift build -c release --product losslab ...", file=sys.stderr)
    built = subprocess.run(
      ["swift", "build", "-c", "release", "--product", "losslab"], cwd=REPO_ROOT, stdout=sys.stderr
    )
    if built.returncode != 0:
      raise BenchError(f"swift build -c release --product losslab failed (exit {built.returncode}) in {REPO_ROOT}")
    env["_PEERS_BUILT"] = built_path
  return built_path


def losslab_numbers(env: dict[str, str]) -> tuple[dict[str, dict[str, Any]], str]:
  """losslab's scenarios, and where they came from.

  LOSSLAB_BENCH_JSON=file reads them from a file; LOSSLAB=path runs that
  binary; otherwise losslab is built in release from the repository root.
  """
  fake = env.get("LOSSLAB_BENCH_JSON")
  if fake:
    path = Path(fake)
    try:
      text = path.read_text()
    except OSError as error:
      raise BenchError(f"LOSSLAB_BENCH_JSON={fake}: cannot read: {error.strerror}") from None
    return parse_bench(text, str(path)), f"file {path}"
  binary = losslab_binary(env)
  print(f"peers: {binary} bench --json ...", file=sys.stderr)
  try:
    ran = subprocess.run([binary, "bench", "--json"], stdout=subprocess.PIPE, text=True, env=env)
  except OSError as error:
    raise BenchError(f"LOSSLAB={binary}: cannot run: {error.strerror}") from None
  if ran.returncode != 0:
    raise BenchError(f"{binary} bench --json failed with exit code {ran.returncode}")
  return parse_bench(ran.stdout, f"{binary} bench --json"), f"binary {binary}"


# ---------------------------------------------------------------------------
# Report
# ---------------------------------------------------------------------------


def compare(peers: dict[str, dict[str, Any]], losslab: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
  """Ratio rows: peer median / losslab median against each target.

  A missing side gives ratio None and met None rather than an error, so a
  partial run still prints what it has.
  """
  rows = []
  for c in COMPARISONS:
    peer = peers.get(c.peer)
    ours = losslab.get(c.scenario)
    peer_ns = peer["timing"]["median_ns"] if peer else None
    ours_ns = ours["median_ns"] if ours else None
    ratio = peer_ns / ours_ns if peer_ns and ours_ns else None
    rows.append({
      "scenario": c.scenario,
      "peer": c.peer,
      "what": c.what,
      "peer_median_ns": peer_ns,
      "losslab_median_ns": ours_ns,
      "ratio": ratio,
      "target_ratio": c.target_ratio,
      "met": None if ratio is None else ratio >= c.target_ratio,
    })
  return rows


def interactive_rows(losslab: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
  """losslab's interactive frames against the 0.4 ms budget, in bench order."""
  return [
    {
      "scenario": name,
      "median_ns": entry["median_ns"],
      "p99_ns": entry["p99_ns"],
      "budget_ns": INTERACTIVE_BUDGET_NS,
      "met": entry["median_ns"] < INTERACTIVE_BUDGET_NS,
    }
    for name, entry in losslab.items()
    if INTERACTIVE_PATTERN.match(name)
  ]


def format_ns(ns: float | None) -> str:
  """A duration in readable units: 12.3 µs, 4.56 ms, 5.49 s."""
  if ns is None:
    return "n/a"
  if ns < 1e3:
    return f"{ns:.0f} ns"
  if ns < 1e6:
    return f"{ns / 1e3:.3g} µs"
  if ns < 1e9:
    return f"{ns / 1e6:.3g} ms"
  return f"{ns / 1e9:.3g} s"


def yes_no(met: bool | None) -> str:
  return "n/a" if met is None else ("yes" if met else "no")


def first_line(command: list[str]) -> str:
  try:
    out = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True).stdout
  except OSError:
    return "not found"
  return out.strip().splitlines()[0] if out.strip() else "unknown"


def machine_info(env: dict[str, str]) -> dict[str, Any]:
  """nproc, CPU model, kernel, Swift version, and the BLAS variables as found."""
  cpu = "unknown"
  try:
    for line in Path("/proc/cpuinfo").read_text().splitlines():
      if line.startswith("model name"):
        cpu = line.split(":", 1)[1].strip()
        break
  except OSError:
    pass
  return {
    "nproc": first_line(["nproc"]),
    "cpu": cpu,
    "kernel": f"{platform.system()} {platform.release()} {platform.machine()}",
    "python": platform.python_version(),
    "swift": first_line(["swift", "--version"]),
    "blas_env_outside": {name: env.get(name) for name in BLAS_VARIABLES},
    "load_average_at_start": [round(v, 2) for v in os.getloadavg()],
    "date_utc": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
  }


def render_markdown(report: dict[str, Any]) -> str:
  """The Markdown section for Docs/performance.md."""
  m = report["machine"]
  versions = report["versions"]
  blas_outside = ", ".join(f"{k}={v if v is not None else '(unset)'}" for k, v in m["blas_env_outside"].items())
  numpy_blas = report["peers"].get("numpy", {}).get("blas")
  if isinstance(numpy_blas, list):
    numpy_blas = "; ".join(
      f"{p.get('internal_api')} {p.get('version')} {p.get('architecture')} x{p.get('num_threads')}" for p in numpy_blas
    ) or "none loaded"
  out = [
    "### Machine",
    "",
    f"- CPU: {m['cpu']} ({m['nproc']} cores available, `nproc`)",
    f"- OS: {m['kernel']}",
    f"- Swift: {m['swift']}",
    f"- Python {m['python']}, numpy {versions.get('numpy', 'n/a')}, plotext {versions.get('plotext', 'n/a')}, "
    f"uniplot {versions.get('uniplot', 'n/a')}, pandas {versions.get('pandas', 'n/a')}, gnuplot {versions.get('gnuplot', 'n/a')}",
    f"- BLAS variables in the caller's environment: {blas_outside}; unset for the peers (`env -u`)",
    f"- numpy's BLAS in the peer process: {numpy_blas or 'n/a'}",
    f"- Load average (1, 5, 15 min) when the run started: {', '.join(map(str, m['load_average_at_start']))}",
    f"- losslab numbers from: {report['losslab_source']}",
    f"- Date: {m['date_utc']}",
    "",
    "### losslab against its peers",
    "",
    "| scenario | peer | what | peer median | losslab median | ratio | target | met |",
    "| --- | --- | --- | ---: | ---: | ---: | ---: | --- |",
  ]
  for r in report["comparisons"]:
    ratio = (
      "n/a"
      if r["ratio"] is None
      else f"{r['ratio']:,.0f}×"
      if r["ratio"] >= 100
      else f"{r['ratio']:.1f}×"
      if r["ratio"] >= 1
      else f"{r['ratio']:.2f}×"
    )
    out.append(
      f"| `{r['scenario']}` | {r['peer']} | {r['what']} | {format_ns(r['peer_median_ns'])} | "
      f"{format_ns(r['losslab_median_ns'])} | {ratio} | ≥ {r['target_ratio']:g}× | {yes_no(r['met'])} |"
    )
  out += [
    "",
    "### Interactive frames (target: median under 0.4 ms)",
    "",
    "| scenario | losslab median | losslab p99 | met |",
    "| --- | ---: | ---: | --- |",
  ]
  rows = report["interactive"]
  for r in rows:
    out.append(f"| `{r['scenario']}` | {format_ns(r['median_ns'])} | {format_ns(r['p99_ns'])} | {yes_no(r['met'])} |")
  if not rows:
    out.append("| (no interactive scenario in losslab's output) | | | n/a |")
  out += [
    "",
    "### Peers (medians of this run)",
    "",
    "| peer | median | p99 | timed runs | what it does per run |",
    "| --- | ---: | ---: | ---: | --- |",
  ]
  for name, p in report["peers"].items():
    t = p["timing"]
    out.append(f"| {name} | {format_ns(t['median_ns'])} | {format_ns(t['p99_ns'])} | {t['iterations']} | {p['what']} |")
  return "\n".join(out) + "\n"


def main(argv: list[str]) -> int:
  parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
  parser.add_argument("--seconds", type=float, default=2.0, help="timed budget per peer (default 2)")
  parser.add_argument(
    "--json", nargs="?", const="-", metavar="FILE", help="also emit the raw numbers as JSON (to FILE, or after the table)"
  )
  parser.add_argument("--peers", default=",".join(PEERS), help=f"comma-separated subset of {','.join(PEERS)}")
  parser.add_argument("--show", action="store_true", help="print each peer's drawing once, on stderr")
  parser.add_argument("--worker", choices=PEERS, help=argparse.SUPPRESS)
  parser.add_argument("--csv", help=argparse.SUPPRESS)
  args = parser.parse_args(argv)
  if not args.seconds > 0:
    parser.error(f"--seconds must be positive, got {args.seconds}")

  try:
    if args.worker:
      print(json.dumps(worker(args.worker, args.seconds, args.show, args.csv)))
      return 0

    chosen = [p.strip() for p in args.peers.split(",") if p.strip()]
    for p in chosen:
      if p not in PEERS:
        raise BenchError(f"--peers: unknown peer {p!r} (expected some of {', '.join(PEERS)})")
    env = dict(os.environ)
    preflight(env)
    machine = machine_info(env)
    with tempfile.TemporaryDirectory(prefix="losslab-peers-") as scratch:
      csv = Path(scratch) / "xy-1e6.csv"
      if not env.get("LOSSLAB_BENCH_JSON"):
        import numpy as np

        print(f"peers: writing {csv} ({CSV_ROWS} rows)...", file=sys.stderr)
        write_csv(np, csv)
        env["LOSSLAB_BENCH_CSV"] = str(csv)
      elif any(p in ("pandas", "loadtxt") for p in chosen):
        import numpy as np

        write_csv(np, csv)
      peers = {p: run_worker(p, args.seconds, args.show, str(csv)) for p in chosen if p != "gnuplot"}
      process_entry = None
      if "gnuplot" in chosen:
        if env.get("LOSSLAB_BENCH_JSON") and not env.get("LOSSLAB"):
          print("peers: no losslab binary (LOSSLAB_BENCH_JSON without LOSSLAB): gnuplot skipped", file=sys.stderr)
        else:
          gnuplots, process_entry = whole_processes(losslab_binary(env), args.seconds, Path(scratch))
          peers |= gnuplots
      losslab, source = losslab_numbers(env)
      if process_entry:
        losslab[PROCESS_SCENARIO] = process_entry
    versions: dict[str, str] = {}
    for p in peers.values():
      versions.update(p["versions"])
    report = {
      "machine": machine,
      "versions": versions,
      "losslab_source": source,
      "peers": peers,
      "losslab": list(losslab.values()),
      "comparisons": compare(peers, losslab),
      "interactive": interactive_rows(losslab),
    }
    print(render_markdown(report), end="")
    if args.json == "-":
      print()
      print(json.dumps(report, indent=2))
    elif args.json:
      Path(args.json).write_text(json.dumps(report, indent=2) + "\n")
      print(f"peers: raw numbers written to {args.json}", file=sys.stderr)
    return 0
  except BenchError as error:
    print(f"peers: error: {error}", file=sys.stderr)
    return 2


if __name__ == "__main__":
  sys.exit(main(sys.argv[1:]))
