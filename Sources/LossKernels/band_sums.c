// The band points of the strip surfaces (LineFitStrips.swift): for a threshold θ, the count and sums of t over
// the points with t = (ã + c) − Δ·ṽ < θ.
//
// Eight lanes, written with clang's vector extensions: on the baseline x86-64 (SSE2) each operation is four
// instructions, with AVX2 two. Both functions below inline the same body, so they add in the same order; fused
// multiply-adds are off, so t is rounded the same way. Whole vectors only: the caller makes the points after a
// band's end safe to include (see the header), which costs less than masking a last, partial vector.

#include "LossKernels.h"

#pragma clang fp contract(off)

typedef double v8d __attribute__((ext_vector_type(8)));
typedef long v8l __attribute__((ext_vector_type(8)));
typedef double v8d_unaligned __attribute__((ext_vector_type(8), aligned(8)));

// Macros rather than functions: a function taking or returning eight doubles would have a different ABI in the
// two versions.
#define LOAD8(p) (*(const v8d_unaligned *)(p))
#define TOTAL(x) ((((x)[0] + (x)[1]) + ((x)[2] + (x)[3])) + (((x)[4] + (x)[5]) + ((x)[6] + (x)[7])))

static inline __attribute__((always_inline)) losslab_band_sums band(
  const double *a, const double *v, long count, double c, double delta, double theta, int squares) {
  const v8d cv = c, dv = delta, th = theta;
  v8l nb = 0;
  v8d sb = 0, qb = 0;
  for (long i = 0; i < count; i += 8) {
    v8d t = (LOAD8(a + i) + cv) - dv * LOAD8(v + i);
    v8l below = t < th;  // all ones (−1) where true
    v8d tb = (v8d)((v8l)t & below);
    nb -= below;
    sb += tb;
    if (squares) qb += tb * tb;
  }
  long n = TOTAL(nb);
  losslab_band_sums out = {(double)n, TOTAL(sb), squares ? TOTAL(qb) : 0};
  return out;
}

static inline __attribute__((always_inline)) void bands(
  const double *a, const double *v, const losslab_band *list, long n, double c, double delta,
  int squares, losslab_band_sums *out) {
  for (long k = 0; k < n; k++) {
    out[k] = band(a + list[k].start, v + list[k].start, list[k].count, c, delta, list[k].theta, squares);
  }
}

static void bands2(
  const double *a, const double *v, const losslab_band *list, long n, double c, double delta,
  losslab_band_sums *out) {
  bands(a, v, list, n, c, delta, 0, out);
}

static void bands3(
  const double *a, const double *v, const losslab_band *list, long n, double c, double delta,
  losslab_band_sums *out) {
  bands(a, v, list, n, c, delta, 1, out);
}

#if defined(__x86_64__) && defined(__clang__)
#define LOSSLAB_WIDE 1
__attribute__((target("avx2"))) static void bands2Wide(
  const double *a, const double *v, const losslab_band *list, long n, double c, double delta,
  losslab_band_sums *out) {
  bands(a, v, list, n, c, delta, 0, out);
}

__attribute__((target("avx2"))) static void bands3Wide(
  const double *a, const double *v, const losslab_band *list, long n, double c, double delta,
  losslab_band_sums *out) {
  bands(a, v, list, n, c, delta, 1, out);
}

int losslab_kernels_wide_available(void) {
  __builtin_cpu_init();
  return __builtin_cpu_supports("avx2") ? 1 : 0;
}
#else
#define LOSSLAB_WIDE 0
int losslab_kernels_wide_available(void) { return 0; }
#endif

void losslab_bands_below(
  const double *a, const double *v, const losslab_band *list, long n, double c, double delta,
  int squares, int wide, losslab_band_sums *out) {
#if LOSSLAB_WIDE
  if (wide) {
    if (squares) bands3Wide(a, v, list, n, c, delta, out);
    else bands2Wide(a, v, list, n, c, delta, out);
    return;
  }
#endif
  (void)wide;
  if (squares) bands3(a, v, list, n, c, delta, out);
  else bands2(a, v, list, n, c, delta, out);
}
