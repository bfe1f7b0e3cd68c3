#ifndef LOSSLAB_CSTARTUP_H
#define LOSSLAB_CSTARTUP_H

/// The Swift backtracer settings losslab runs with unless the user set SWIFT_BACKTRACE:
/// "interactive=no,color=no,output-to=stderr".
const char *losslab_backtracer_settings(void);

/// 1 when those settings were put in place before the Swift runtime started (see startup.c), so
/// the runtime already follows them and the program need not run itself again.
int losslab_backtracer_preset(void);

/// Asks the C allocator (glibc) to keep freed memory for reuse instead of handing it back to the
/// system after every large free: blocks up to 32 MiB (glibc's largest setting) come from the heap (not
/// a fresh mapping each), and up to 64 MiB freed at the top of the heap stay mapped. A cold frame frees
/// and allocates the same arrays again (a surface's grid, its columns' histograms, the screen; at 10⁶
/// points the strips' 8 MB copies of the points), and every fresh page costs a page fault (about 2 µs
/// here, more when both cores fault at once). Small data seldom allocates that much: the default app's
/// peak memory went from 10.0–10.2 to 10.4 MB with the larger limits. Elsewhere it does nothing.
void losslab_keep_freed_memory(void);

#endif
