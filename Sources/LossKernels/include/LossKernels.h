// Vector kernels of LossCore's strip surfaces, compiled for the build's baseline CPU and, on x86-64, also for
// AVX2 (chosen at run time). Both versions run the same source with the same lanes and the same order of
// additions, and no fused multiply-adds, so they return the same bits.

#ifndef LOSSLAB_KERNELS_H
#define LOSSLAB_KERNELS_H

/// Count, Σt and Σt² of a band's points below a threshold.
typedef struct {
  double count;
  double sum;
  double squares;
} losslab_band_sums;

/// Whether this CPU runs the wide (AVX2) versions.
int losslab_kernels_wide_available(void);

/// A band: `count` points from `start`, and the threshold they are compared with.
typedef struct {
  long start;
  long count;
  double theta;
} losslab_band;

/// For each of the `n` bands, the count and Σt (and Σt² when `squares`; else 0) of its points with
/// t = (a[i] + c) − delta·v[i] < theta, into `out[k]`. The points are taken eight at a time, so a band's points
/// after its `count`, up to the next multiple of 8, are summed too: the caller must make sure that those are not
/// below the band's threshold, or may count as its points (see LineFitStrips.swift). `wide` asks for the AVX2
/// version; where it is not available the baseline one runs. One call for many bands: a call per band cost as
/// much as a band's points.
void losslab_bands_below(
  const double *a, const double *v, const losslab_band *bands, long n, double c, double delta,
  int squares, int wide, losslab_band_sums *out);

/// How many values past `count` the kernels read, at most (one less than this).
enum { losslab_band_padding = 8 };

#endif
