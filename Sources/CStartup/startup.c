// Work done before the Swift runtime starts.
//
// The Swift runtime reads SWIFT_BACKTRACE once, in a static constructor, and on a terminal its
// default would print a backtrace over the screen and wait 30 s for a key. `CrashReport` therefore
// sets losslab's own settings and, where the runtime has already read the environment, runs the
// program again (execv): a second exec, loader and runtime start before the first frame.
//
// When the runtime is linked into the executable (the static release build on Linux), the
// constructor below runs before the runtime's (a constructor with a priority runs before those
// without), so the setting is in place when the runtime reads it and no second exec is needed.
// Where the runtime is a shared library (debug builds, macOS) its constructors run first: nothing
// is done here, and CrashReport runs the program again as before.

#define _GNU_SOURCE
#include "CStartup.h"

static const char settings[] = "interactive=no,color=no,output-to=stderr";

const char *losslab_backtracer_settings(void) { return settings; }

#if defined(__linux__)
#include <link.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int preset = 0;

// Whether a shared libswiftCore is loaded (its constructors have then already run).
static int sharedRuntime(struct dl_phdr_info *info, size_t size, void *data) {
  (void)size;
  (void)data;
  return info->dlpi_name != NULL && strstr(info->dlpi_name, "libswiftCore.so") != NULL;
}

// The runtime's own hook for `CommandLine.arguments` (the one a JIT uses).
__attribute__((swiftcall)) extern void _swift_stdlib_overrideUnsafeArgvArgc(char **argv, int argc);

// glibc calls the constructors of the program with its arguments and environment.
__attribute__((constructor(101))) static void losslab_preset_backtracer(
  int argc, char **argv, char **envp) {
  (void)envp;
  if (getenv("SWIFT_BACKTRACE") != NULL) return;  // the user's own settings win
  // As CrashReport.configureBacktracer: only where a terminal is attached would the backtracer wait.
  if (!isatty(STDIN_FILENO) && !isatty(STDOUT_FILENO) && !isatty(STDERR_FILENO)) return;
  if (dl_iterate_phdr(sharedRuntime, NULL) != 0) return;
  // On Linux the runtime finds argv by walking back from `environ` to the process's initial stack;
  // setenv moves `environ` to the heap, so the runtime is given argv directly first.
  _swift_stdlib_overrideUnsafeArgvArgc(argv, argc);
  if (setenv("SWIFT_BACKTRACE", settings, 1) == 0) preset = 1;
}

int losslab_backtracer_preset(void) { return preset; }
#else
int losslab_backtracer_preset(void) { return 0; }
#endif

#if defined(__GLIBC__)
#include <malloc.h>

void losslab_keep_freed_memory(void) {
  // Setting either turns off glibc's own adjustment of both (which starts at 128 KiB and, with a
  // frame's frees, kept trimming the heap and refaulting it).
  mallopt(M_MMAP_THRESHOLD, 32 << 20);
  mallopt(M_TRIM_THRESHOLD, 64 << 20);
}
#else
void losslab_keep_freed_memory(void) {}
#endif
