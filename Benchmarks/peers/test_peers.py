"""Checks of peers.py's work and bookkeeping (not run in CI).

  Benchmarks/peers/.venv/bin/python -m unittest discover -s Benchmarks/peers -p 'test_*.py'
"""

import json
import math
import stat
import tempfile
import unittest
from pathlib import Path

import numpy as np

import peers


class GnuplotTests(unittest.TestCase):
  def test_splitmix64_reference_outputs(self):
    # Vigna's splitmix64.c with seed 0 starts 0xe220a8397b1dcdaf, 0x6e789e6aa1b965f4.
    draws = peers.splitmix64(0)
    self.assertEqual(next(draws), 0xE220A8397B1DCDAF)
    self.assertEqual(next(draws), 0x6E789E6AA1B965F4)

  def test_tutorial_points_follow_the_line_with_bounded_noise(self):
    xs, ys = peers.tutorial_points()
    self.assertEqual(len(xs), 50)
    self.assertEqual((xs[0], xs[-1]), (0.0, 1.0))
    for x, y in zip(xs, ys):
      self.assertLessEqual(abs(y - (2 * x + 3)), 0.5)

  def test_script_surface_is_the_mean_squared_error(self):
    # The script's closed form, evaluated here, equals the mean over the points at a few (w, b).
    script = peers.gnuplot_script((40, 30))
    formula = next(line for line in script.splitlines() if line.startswith("f(w,b) = "))
    expression = formula.removeprefix("f(w,b) = ")
    xs, ys = peers.tutorial_points()
    for w, b in ((0.5, 1.5), (2.0, 3.0), (4.0, 5.0), (0.0, 1.0)):
      want = sum((w * x + b - y) ** 2 for x, y in zip(xs, ys)) / len(xs)
      got = eval(expression, {"w": w, "b": b})
      self.assertAlmostEqual(got, want, places=12)
    self.assertIn("set terminal dumb size 200,60", script)
    self.assertIn("set isosamples 40,30", script)
    self.assertIn("set xrange [0.0:4.0]", script)
    self.assertNotIn("isosamples", peers.gnuplot_script(None))


class MSESurfaceTests(unittest.TestCase):
  def test_matches_expanded_moments(self):
    # mean((wx + b - y)^2) = w^2 E[x^2] + b^2 + E[y^2] + 2wb E[x] - 2w E[xy] - 2b E[y]
    x, y = peers.line_fit_data(np, n=97)
    w = np.linspace(0.0, 4.0, 7)
    b = np.linspace(1.0, 5.0, 5)
    got = peers.mse_surface_bruteforce(np, x, y, w, b)
    ex, ey, exx, eyy, exy = x.mean(), y.mean(), (x * x).mean(), (y * y).mean(), (x * y).mean()
    W, B = w[None, :], b[:, None]
    want = W * W * exx + B * B + eyy + 2 * W * B * ex - 2 * W * exy - 2 * B * ey
    self.assertEqual(got.shape, (5, 7))
    np.testing.assert_allclose(got, want, rtol=1e-12, atol=1e-12)

  def test_one_point_is_the_squared_residual(self):
    x, y = np.array([0.5]), np.array([4.0])
    got = peers.mse_surface_bruteforce(np, x, y, np.array([2.0]), np.array([1.0]))
    self.assertAlmostEqual(got[0, 0], (2.0 * 0.5 + 1.0 - 4.0) ** 2)

  def test_small_chunks_give_the_same_surface(self):
    x, y = peers.line_fit_data(np, n=50)
    w = np.linspace(0.0, 4.0, 9)
    b = np.linspace(1.0, 5.0, 11)
    whole = peers.mse_surface_bruteforce(np, x, y, w, b)
    one_row_at_a_time = peers.mse_surface_bruteforce(np, x, y, w, b, chunk_bytes=1)
    three_rows = peers.mse_surface_bruteforce(np, x, y, w, b, chunk_bytes=3 * 8 * 9 * 50)
    np.testing.assert_array_equal(whole, one_row_at_a_time)
    np.testing.assert_array_equal(whole, three_rows)

  def test_mae_and_huber_surfaces_match_per_point_sums(self):
    x, y = peers.line_fit_data(np, n=41)
    w = np.linspace(0.0, 4.0, 6)
    b = np.linspace(1.0, 5.0, 4)
    for loss, delta in (("mae", 1.0), ("huber", 1.0), ("huber", 0.3)):
      got = peers.loss_surface_bruteforce(np, loss, x, y, w, b, delta=delta, chunk_bytes=2 * 8 * 6 * 41)
      self.assertEqual(got.shape, (4, 6))
      for j, bj in enumerate(b):
        for i, wi in enumerate(w):
          total = 0.0
          for xk, yk in zip(x, y):
            r = abs(wi * xk + bj - yk)
            if loss == "mae":
              total += r
            else:
              total += 0.5 * r * r if r <= delta else delta * r - 0.5 * delta * delta
          self.assertAlmostEqual(got[j, i], total / len(x), places=12, msg=f"{loss} delta {delta} ({j}, {i})")

  def test_five_sums(self):
    x, y = np.array([1.0, 2.0, 4.0]), np.array([3.0, -1.0, 0.5])
    self.assertEqual(peers.five_sums(np, x, y), (7.0, 2.5, 21.0, 3.0, 10.25))

  def test_data_is_a_noisy_line(self):
    x, y = peers.line_fit_data(np)
    self.assertEqual(len(x), 10_000)
    self.assertEqual((x[0], x[-1]), (0.0, 1.0))
    noise = y - (2 * x + 3)
    self.assertTrue(np.all(np.abs(noise) <= 0.5))
    self.assertGreater(noise.std(), 0.2)  # uniform on [-0.5, 0.5] has std 0.289


class CurveTests(unittest.TestCase):
  def test_four_curves_on_the_default_range(self):
    x, curves = peers.sample_curves(np)
    self.assertEqual(len(x), 1000)
    self.assertEqual((x[0], x[-1]), (-1.0, 2.0))
    self.assertEqual([name for name, _ in curves], ["-log(x)", "BCE, target 0", "BCE, target 1", "hinge"])
    neg_log, bce0, bce1, hinge = (ys for _, ys in curves)
    self.assertAlmostEqual(neg_log[-1], -math.log(2.0))
    self.assertTrue(np.all(np.isnan(neg_log[x <= 0])))
    self.assertAlmostEqual(bce0[0], -math.log(2.0))
    self.assertTrue(np.all(np.isnan(bce0[x >= 1])))
    self.assertTrue(np.all(np.isnan(bce1[(x <= 0) | (x > 1)])))
    inside = (x > 0) & (x <= 1)
    np.testing.assert_allclose(bce1[inside], -np.log(x[inside]))
    self.assertEqual(hinge[0], 2.0)
    self.assertEqual(hinge[-1], 0.0)


class FrameTests(unittest.TestCase):
  def test_plotext_frame_is_200_by_60(self):
    import plotext as plt

    cols, rows = peers.text_size(peers.plotext_frame(plt, np))
    self.assertEqual((cols, rows), (200, 60))

  def test_uniplot_frame_fits_when_shrunk_as_the_worker_does(self):
    import uniplot

    cols, rows = peers.text_size(peers.uniplot_frame(uniplot, np, 200, 60))
    self.assertGreater(cols, 200)  # width/height are uniplot's plot area
    cols2, rows2 = peers.text_size(peers.uniplot_frame(uniplot, np, 200 - (cols - 200), 60 - (rows - 60)))
    self.assertEqual((cols2, rows2), (200, 60))

  def test_text_size_ignores_colour_codes(self):
    self.assertEqual(peers.text_size("\x1b[31mab\x1b[0m\nabc\x1b[0m\n"), (3, 2))


class StatisticsTests(unittest.TestCase):
  def test_median(self):
    self.assertEqual(peers.median([1, 2, 9]), 2.0)
    self.assertEqual(peers.median([1, 2, 4, 9]), 3.0)

  def test_nearest_rank_percentile(self):
    values = list(range(1, 101))
    self.assertEqual(peers.percentile(values, 99), 99)
    self.assertEqual(peers.percentile(values, 50), 50)
    self.assertEqual(peers.percentile([5, 7, 8], 99), 8)
    self.assertEqual(peers.percentile([5], 0), 5)

  def test_measure_warms_up_and_times_at_least_the_minimum(self):
    calls = []
    result = peers.measure(lambda: calls.append(1), seconds=0.001, min_iterations=7)
    self.assertGreaterEqual(result["warmup_iterations"], 1)
    self.assertGreaterEqual(result["iterations"], 7)
    self.assertEqual(len(calls), result["iterations"] + result["warmup_iterations"])
    self.assertLessEqual(result["min_ns"], result["median_ns"])
    self.assertLessEqual(result["median_ns"], result["p99_ns"])


def bench(*entries):
  return json.dumps({"scenarios": list(entries)})


def entry(name, median=1000, p99=2000, iterations=10):
  return {"name": name, "median_ns": median, "p99_ns": p99, "iterations": iterations}


class ParseBenchTests(unittest.TestCase):
  def test_indexes_scenarios_by_name(self):
    got = peers.parse_bench(bench(entry("curves-80x24"), entry("line-1e6", median=5.5)), "b.json")
    self.assertEqual(list(got), ["curves-80x24", "line-1e6"])
    self.assertEqual(got["line-1e6"]["median_ns"], 5.5)

  def assertBenchError(self, text, *fragments):
    with self.assertRaises(peers.BenchError) as caught:
      peers.parse_bench(text, "b.json")
    message = str(caught.exception)
    self.assertNotIn("\n", message)
    for fragment in ("b.json",) + fragments:
      self.assertIn(fragment, message)

  def test_rejects_text_that_is_not_json(self):
    self.assertBenchError('{"scenarios": [\n  oops]}', "not JSON", "line 2")

  def test_rejects_a_document_without_scenarios(self):
    self.assertBenchError('{"results": []}', '"scenarios" list')
    self.assertBenchError("[]", '"scenarios" list')

  def test_rejects_bad_fields_naming_index_field_and_value(self):
    self.assertBenchError(bench(entry("a"), {"median_ns": 1, "p99_ns": 1, "iterations": 1}), "scenarios[1].name", "null")
    self.assertBenchError(bench(entry("a", median="abc")), "scenarios[0].median_ns", "(a)", '"abc"')
    self.assertBenchError(bench(entry("a", median=0)), "scenarios[0].median_ns", "got 0")
    self.assertBenchError(bench(entry("a", p99=-3)), "scenarios[0].p99_ns", "-3")
    self.assertBenchError(bench(entry("a", iterations=True)), "scenarios[0].iterations", "true")
    self.assertBenchError(bench(entry("a", iterations=2.5)), "scenarios[0].iterations", "2.5")
    self.assertBenchError(bench(entry("a"), entry("a")), "scenarios[1].name", "twice")
    self.assertBenchError(bench(7), "scenarios[0]", "got 7")


class ReportTests(unittest.TestCase):
  PEERS = {
    "plotext": {"timing": {"median_ns": 120e6}},
    "uniplot": {"timing": {"median_ns": 12e6}},
  }

  def test_ratio_is_peer_over_losslab_against_each_target(self):
    losslab = peers.parse_bench(bench(entry("curves-200x60", median=2e6)), "b.json")
    rows = {r["peer"]: r for r in peers.compare(self.PEERS, losslab)}
    self.assertEqual(rows["plotext"]["ratio"], 60.0)
    self.assertTrue(rows["plotext"]["met"])  # target 50
    self.assertEqual(rows["uniplot"]["ratio"], 6.0)
    self.assertFalse(rows["uniplot"]["met"])  # target 10
    self.assertIsNone(rows["numpy"]["ratio"])  # numpy not timed
    self.assertIsNone(rows["numpy"]["met"])

  def test_interactive_rows_pick_frames_and_apply_the_budget(self):
    losslab = peers.parse_bench(
      bench(
        entry("curves-80x24", median=399_999),
        entry("line-1e6", median=10),
        entry("contour-step", median=400_000),
        entry("contour-cold-mse-1e4", median=10),
        entry("distributions-200x60", median=5),
      ),
      "b.json",
    )
    rows = peers.interactive_rows(losslab)
    self.assertEqual([(r["scenario"], r["met"]) for r in rows],
                     [("curves-80x24", True), ("contour-step", False), ("distributions-200x60", True)])

  def test_format_ns_picks_units(self):
    self.assertEqual(peers.format_ns(512), "512 ns")
    self.assertEqual(peers.format_ns(41_000), "41 µs")
    self.assertEqual(peers.format_ns(4_560_000), "4.56 ms")
    self.assertEqual(peers.format_ns(5_490_000_000), "5.49 s")
    self.assertEqual(peers.format_ns(None), "n/a")


class LosslabNumbersTests(unittest.TestCase):
  def test_reads_the_file_named_by_LOSSLAB_BENCH_JSON(self):
    with tempfile.TemporaryDirectory() as tmp:
      path = Path(tmp) / "bench.json"
      path.write_text(bench(entry("curves-200x60", median=123)))
      got, source = peers.losslab_numbers({"LOSSLAB_BENCH_JSON": str(path)})
    self.assertEqual(got["curves-200x60"]["median_ns"], 123)
    self.assertIn("bench.json", source)

  def test_a_missing_file_is_a_clear_error(self):
    with self.assertRaises(peers.BenchError) as caught:
      peers.losslab_numbers({"LOSSLAB_BENCH_JSON": "/nonexistent/bench.json"})
    self.assertIn("/nonexistent/bench.json", str(caught.exception))

  def test_preflight_rejects_a_bad_file_or_binary_before_any_timing(self):
    with tempfile.TemporaryDirectory() as tmp:
      bad = Path(tmp) / "bench.json"
      bad.write_text("{}")
      with self.assertRaises(peers.BenchError) as caught:
        peers.preflight({"LOSSLAB_BENCH_JSON": str(bad)})
      self.assertIn("bench.json", str(caught.exception))
      with self.assertRaises(peers.BenchError) as caught:
        peers.preflight({"LOSSLAB": str(Path(tmp) / "missing")})
      self.assertIn("not an executable", str(caught.exception))
      peers.preflight({})  # building losslab later is fine

  def test_runs_the_binary_named_by_LOSSLAB_with_bench_json(self):
    with tempfile.TemporaryDirectory() as tmp:
      fake = Path(tmp) / "losslab"
      # Answers only to `bench --json`, so the test fails if the arguments change.
      fake.write_text(
        "#!/bin/sh\n"
        '[ "$1 $2" = "bench --json" ] || exit 3\n'
        f"echo '{bench(entry('contour-step', median=77))}'\n"
      )
      fake.chmod(fake.stat().st_mode | stat.S_IXUSR)
      got, source = peers.losslab_numbers({"LOSSLAB": str(fake)})
      self.assertEqual(got["contour-step"]["median_ns"], 77)
      fake.write_text("#!/bin/sh\nexit 4\n")
      with self.assertRaises(peers.BenchError) as caught:
        peers.losslab_numbers({"LOSSLAB": str(fake)})
      self.assertIn("exit code 4", str(caught.exception))


class CSVTableTests(unittest.TestCase):
  def test_header_then_x_evenly_spaced_and_six_decimals(self):
    with tempfile.TemporaryDirectory() as scratch:
      path = Path(scratch) / "t.csv"
      peers.write_csv(np, path, rows=3)
      lines = path.read_text().splitlines()
    self.assertEqual(lines[0], "x,y")
    self.assertEqual([line.split(",")[0] for line in lines[1:]], ["0.000000", "0.500000", "1.000000"])
    for line in lines[1:]:
      x, y = map(float, line.split(","))
      self.assertRegex(line, r"^\d\.\d{6},\d\.\d{6}$")
      self.assertLessEqual(abs(y - (2 * x + 3)), 0.5)

  def test_workers_read_every_row(self):
    with tempfile.TemporaryDirectory() as scratch:
      path = Path(scratch) / "t.csv"
      peers.write_csv(np, path, rows=10)
      with self.assertRaises(peers.BenchError) as caught:
        peers.worker("loadtxt", 0.01, False, str(path))
      self.assertIn("read [10, 2] values", str(caught.exception))


if __name__ == "__main__":
  unittest.main()
