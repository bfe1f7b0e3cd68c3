#ifndef LOSSLAB_CSTARTUP_H
#define LOSSLAB_CSTARTUP_H

/// The Swift backtracer settings losslab runs with unless the user set SWIFT_BACKTRACE:
/// "interactive=no,color=no,output-to=stderr".
const char *losslab_backtracer_settings(void);

/// 1 when those settings were put in place before the Swift runtime started (see startup.c), so
/// the runtime already follows them and the program need not run itself again.
int losslab_backtracer_preset(void);

#endif
