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

/// The count and Σt (`squares` left 0) of the points i < n with t = (a[i] + c) − delta·v[i] < theta, where n is
/// `count` rounded up to a multiple of 8: the points from `count` to n are summed too, so the caller must make
/// sure they are not below `theta` (or count where the band's would). `wide` asks for the AVX2 version; where it
/// is not available the baseline one runs.
losslab_band_sums losslab_band_below(
  const double *a, const double *v, long count, double c, double delta, double theta, int wide);

/// The same with Σt² too.
losslab_band_sums losslab_band_below_squares(
  const double *a, const double *v, long count, double c, double delta, double theta, int wide);

/// How many values past `count` the kernels read, at most (one less than this).
enum { losslab_band_padding = 8 };

#endif
