#ifndef LOSSLAB_CNCURSES_SHIM_H
#define LOSSLAB_CNCURSES_SHIM_H
// Works with ncurses 6 (Linux: libncursesw, linked from Package.swift) and with the ncurses 5.7
// that macOS ships (its libncurses is already wide). Differences between the two are handled
// here, with the version macros, so that the Swift code sees one API.
//
// The wide-character ncurses API (cchar_t, setcchar, mvadd_wch, wget_wch) is only declared
// when these come before the first include.
#define NCURSES_WIDECHAR 1
#define _XOPEN_SOURCE_EXTENDED 1
#include <langinfo.h>
#include <locale.h>
#include <ncurses.h>
#include <term.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>
#include <wchar.h>

// ---------------------------------------------------------------------------------------------
// Accessors for what Swift cannot import (macros with arguments, variadic functions) or rejects
// in language mode 6 (C globals are shared mutable state).

static inline WINDOW *losslab_stdscr(void) { return stdscr; }
static inline WINDOW *losslab_curscr(void) { return curscr; }
static inline int losslab_lines(void) { return LINES; }
static inline int losslab_cols(void) { return COLS; }
static inline int losslab_colors(void) { return COLORS; }
static inline int losslab_color_pairs(void) { return COLOR_PAIRS; }
static inline FILE *losslab_stdin(void) { return stdin; }
static inline FILE *losslab_stdout(void) { return stdout; }

static inline attr_t losslab_a_normal(void) { return A_NORMAL; }
static inline attr_t losslab_a_bold(void) { return A_BOLD; }
static inline attr_t losslab_a_dim(void) { return A_DIM; }
static inline attr_t losslab_a_reverse(void) { return A_REVERSE; }
static inline attr_t losslab_a_underline(void) { return A_UNDERLINE; }

static inline int losslab_key_f(int n) { return KEY_F(n); }

static inline mmask_t losslab_button1_pressed(void) { return BUTTON1_PRESSED; }
static inline mmask_t losslab_button1_released(void) { return BUTTON1_RELEASED; }
static inline mmask_t losslab_button1_clicked(void) { return BUTTON1_CLICKED; }
static inline mmask_t losslab_button2_pressed(void) { return BUTTON2_PRESSED; }
static inline mmask_t losslab_button2_released(void) { return BUTTON2_RELEASED; }
static inline mmask_t losslab_button3_pressed(void) { return BUTTON3_PRESSED; }
static inline mmask_t losslab_button3_released(void) { return BUTTON3_RELEASED; }
static inline mmask_t losslab_button4_pressed(void) { return BUTTON4_PRESSED; }
/// 0 where ncurses has no fifth button (mouse protocol version 1, as in macOS's ncurses 5.7).
static inline mmask_t losslab_button5_pressed(void) {
#ifdef BUTTON5_PRESSED
  return BUTTON5_PRESSED;
#else
  return 0;
#endif
}
static inline mmask_t losslab_report_mouse_position(void) { return REPORT_MOUSE_POSITION; }

/// A terminfo string capability with `count` (0, 1 or 2) numeric parameters applied, as the
/// terminal would get it (padding such as `$<5>` is left in); NULL when the terminal lacks it.
/// tiparm is variadic, which Swift cannot call. Call after newterm.
static inline const char *losslab_tistr(const char *name, int count, int a, int b) {
  const char *s = tigetstr(name);
  if (s == NULL || s == (const char *)-1) return NULL;
  if (count == 0) return s;
  return count == 1 ? tiparm(s, a) : tiparm(s, a, b);
}
/// A line feed written to standard output moves down without returning to column 0 (the tty
/// does not map NL to CR-NL: ncurses turns ONLCR off). Call after newterm.
static inline int losslab_newline_keeps_column(void) {
  struct termios t;
  if (tcgetattr(STDOUT_FILENO, &t) != 0) return 0;
  return !((t.c_oflag & OPOST) && (t.c_oflag & ONLCR));
}
/// A terminfo number (-1 when absent) and flag (1 when set).
static inline int losslab_tinum(const char *name) { return tigetnum(name); }
static inline int losslab_tiflag(const char *name) { return tigetflag(name) == 1; }

/// A window for reading input that is never drawn in: ncurses refreshes the window it reads from
/// when that window was touched (resizing touches stdscr), and losslab paints the terminal itself.
static inline WINDOW *losslab_input_window(void) { return newwin(1, 1, 0, 0); }

/// The locale's character set is UTF-8 (call after setlocale).
static inline int losslab_codeset_is_utf8(void) {
  const char *cs = nl_langinfo(CODESET);
  return cs != NULL && (strcmp(cs, "UTF-8") == 0 || strcmp(cs, "utf8") == 0);
}

/// ncurses 6.1 or later: extended colour pairs and alloc_pair.
#if defined(NCURSES_VERSION_MAJOR) && \
    (NCURSES_VERSION_MAJOR > 6 || (NCURSES_VERSION_MAJOR == 6 && NCURSES_VERSION_MINOR >= 1))
#define LOSSLAB_NCURSES_61 1
#else
#define LOSSLAB_NCURSES_61 0
#endif

/// Builds a one-character cchar_t; `pair` may exceed SHRT_MAX where ncurses has extended pairs.
static inline int losslab_setcchar(cchar_t *cc, unsigned int scalar, attr_t attrs, int pair) {
  wchar_t text[2] = {(wchar_t)scalar, 0};
  short small = pair > 32767 ? 0 : (short)pair;
#if LOSSLAB_NCURSES_61 && defined(NCURSES_EXT_COLORS)
  return setcchar(cc, text, attrs, small, &pair);
#else
  return setcchar(cc, text, attrs, small, NULL);  // older ncurses: the last argument must be NULL
#endif
}

/// A colour pair for (fg, bg), -1 meaning the terminal's default; 0 when none is left.
/// ncurses 6.1+ has alloc_pair (which recycles old pairs when the table is full); on older
/// versions pairs are handed out in order until the table is full. Call from one Swift file
/// only (TerminalBackend/CursesPainter.swift): the counter is per object file.
static inline int losslab_alloc_pair(int fg, int bg) {
#if LOSSLAB_NCURSES_61
  return alloc_pair(fg, bg);
#else
  static int next = 1;
  if (next >= COLOR_PAIRS || next > 32767) return 0;
  if (init_pair((short)next, (short)fg, (short)bg) != OK) return 0;
  return next++;
#endif
}

// ---------------------------------------------------------------------------------------------
// Leaving the terminal usable whatever happens.
//
// State shared with the signal handlers lives in a function-local static. Each object file that
// calls these functions gets its own copy, so call them from ONE Swift file only
// (TerminalBackend/Terminal.swift).

#define LOSSLAB_RESTORE_MAX 512

struct losslab_term_state {
  struct termios saved;        // the tty modes before start-up
  int has_saved;
  char restore[LOSSLAB_RESTORE_MAX];  // escape strings that undo the start-up (written raw)
  int restore_len;
  volatile sig_atomic_t armed;        // 1 while the terminal is in program mode
  volatile sig_atomic_t quit_signal;  // SIGINT/SIGTERM/SIGHUP seen, or 0
  volatile sig_atomic_t suspend_asked;  // SIGTSTP seen (Ctrl-Z), not yet carried out
  volatile sig_atomic_t continued;      // SIGCONT seen: what the terminal shows is unknown
  struct sigaction previous[65];      // handlers we replaced, to chain to on a crash
  // Crash report (see losslab_prepare_crash_report).
  int report;                         // 1: on a crash, write the report file and say where it is
  char report_dir[1024];              // created (with its parents) at crash time
  char report_path[1280];
  char fallback_path[128];            // in /tmp, if report_path cannot be written
  int capture_fd;                     // unnamed file holding what was written to stderr, or -1
  int saved_stderr;                   // the real stderr while it is captured, or -1
};

static inline struct losslab_term_state *losslab_state_ptr(void) {
  static struct losslab_term_state state;
  return &state;
}
#define losslab_state (*losslab_state_ptr())

/// Saves the tty modes of standard input; returns 0 on success.
static inline int losslab_save_termios(void) {
  if (tcgetattr(STDIN_FILENO, &losslab_state.saved) != 0) return -1;
  losslab_state.has_saved = 1;
  return 0;
}

static inline void losslab_append_restore(const char *s) {
  if (s == NULL || s == (const char *)-1) return;
  size_t n = strlen(s);
  if (losslab_state.restore_len + n >= LOSSLAB_RESTORE_MAX) return;
  memcpy(losslab_state.restore + losslab_state.restore_len, s, n);
  losslab_state.restore_len += (int)n;
}

/// Fetches from terminfo the strings that undo attributes, keypad mode, mouse reporting, the
/// hidden cursor and the alternate screen. Call after newterm.
static inline void losslab_prepare_restore(int mouse) {
  losslab_state.restore_len = 0;
  losslab_append_restore(tigetstr("sgr0"));
  if (mouse) {
    const char *xm = tigetstr("XM");
    if (xm != NULL && xm != (const char *)-1) {
      losslab_append_restore(tiparm(xm, 0));
    } else {
      const char *kmous = tigetstr("kmous");
      if (kmous != NULL && kmous != (const char *)-1) losslab_append_restore("\033[?1000l\033[?1006l");
    }
  }
  losslab_append_restore(tigetstr("rmkx"));
  losslab_append_restore(tigetstr("cnorm"));
  losslab_append_restore(tigetstr("rmcup"));
}

static inline void losslab_set_armed(int on) { losslab_state.armed = on; }
static inline int losslab_quit_signal(void) { return losslab_state.quit_signal; }

/// Async-signal-safe: puts the tty modes back and writes the restore strings.
static inline void losslab_restore_now(void) {
  if (!losslab_state.armed) return;
  losslab_state.armed = 0;
  if (losslab_state.restore_len > 0) {
    ssize_t r = write(STDOUT_FILENO, losslab_state.restore, (size_t)losslab_state.restore_len);
    (void)r;
    const char nl = '\n';
    r = write(STDOUT_FILENO, &nl, 1);
    (void)r;
  }
  if (losslab_state.has_saved) tcsetattr(STDIN_FILENO, TCSANOW, &losslab_state.saved);
}

// ---------------------------------------------------------------------------------------------
// Crash report. While the app owns the screen, standard error goes to an unnamed temporary file
// (anything written there would scribble over the frame, and a fatal error's message would vanish
// with the alternate screen). On a crash the handler copies it into the report file, says on the
// real standard error in one line what happened and where the report is, and points standard
// error at the report, where the Swift runtime's backtracer then writes the backtrace (losslab
// starts it with SWIFT_BACKTRACE=...,output-to=stderr,interactive=no). Everything here is
// async-signal-safe: open, read, write, dup2, mkdir, no allocation.

static inline size_t losslab_strlen(const char *s) { size_t n = 0; while (s[n]) n++; return n; }

static inline void losslab_copy(char *dst, size_t cap, const char *src) {
  size_t n = losslab_strlen(src);
  if (n >= cap) n = cap - 1;
  memcpy(dst, src, n);
  dst[n] = 0;
}

/// Arms the crash report: `dir` is created when needed, `path` is the report, `fallback` is used
/// when `path` cannot be written. Call before losslab_capture_stderr.
static inline void losslab_prepare_crash_report(const char *dir, const char *path,
                                                const char *fallback) {
  losslab_copy(losslab_state.report_dir, sizeof losslab_state.report_dir, dir);
  losslab_copy(losslab_state.report_path, sizeof losslab_state.report_path, path);
  losslab_copy(losslab_state.fallback_path, sizeof losslab_state.fallback_path, fallback);
  losslab_state.report = 1;
}

/// Sends standard error to an unnamed temporary file until losslab_release_stderr.
static inline void losslab_capture_stderr(void) {
  losslab_state.capture_fd = -1;
  losslab_state.saved_stderr = -1;
  char name[] = "/tmp/losslab-stderr-XXXXXX";
  int fd = mkstemp(name);
  if (fd < 0) return;
  unlink(name);  // no name from now on: nothing to clean up, whatever happens
  int saved = dup(STDERR_FILENO);
  if (saved < 0 || dup2(fd, STDERR_FILENO) < 0) {
    if (saved >= 0) close(saved);
    close(fd);
    return;
  }
  fcntl(saved, F_SETFD, FD_CLOEXEC);
  fcntl(fd, F_SETFD, FD_CLOEXEC);
  losslab_state.capture_fd = fd;
  losslab_state.saved_stderr = saved;
}

static inline void losslab_write_all(int fd, const char *p, size_t n) {
  while (n > 0) {
    ssize_t w = write(fd, p, n);
    if (w < 0 && errno == EINTR) continue;
    if (w <= 0) return;
    p += w;
    n -= (size_t)w;
  }
}

/// Copies what was captured to `fd`.
static inline void losslab_copy_capture(int fd) {
  if (losslab_state.capture_fd < 0) return;
  char buffer[4096];
  off_t at = 0;
  for (;;) {
    ssize_t n = pread(losslab_state.capture_fd, buffer, sizeof buffer, at);
    if (n <= 0) break;
    losslab_write_all(fd, buffer, (size_t)n);
    at += n;
  }
}

/// Gives standard error back and passes on what was written to it meanwhile.
static inline void losslab_release_stderr(void) {
  if (losslab_state.saved_stderr < 0) return;
  fflush(stderr);
  dup2(losslab_state.saved_stderr, STDERR_FILENO);
  losslab_copy_capture(STDERR_FILENO);
  close(losslab_state.saved_stderr);
  close(losslab_state.capture_fd);
  losslab_state.saved_stderr = -1;
  losslab_state.capture_fd = -1;
}

static inline const char *losslab_signal_name(int sig) {
  switch (sig) {
  case SIGSEGV: return "segmentation fault";
  case SIGBUS: return "bus error";
  case SIGILL: return "illegal instruction";
  case SIGTRAP: return "trace trap";
  case SIGABRT: return "abort";
  case SIGFPE: return "arithmetic error";
  default: return "signal";
  }
}

/// The first captured line that holds "Fatal error", into `out` (empty if none).
static inline void losslab_fatal_line(char *out, size_t cap) {
  out[0] = 0;
  if (losslab_state.capture_fd < 0) return;
  char buffer[8192];
  ssize_t n = pread(losslab_state.capture_fd, buffer, sizeof buffer - 1, 0);
  if (n <= 0) return;
  buffer[n] = 0;
  const char *hit = strstr(buffer, "Fatal error");
  if (hit == NULL) return;
  const char *start = hit;
  while (start > buffer && start[-1] != '\n') start--;
  size_t len = 0;
  while (start[len] && start[len] != '\n' && len + 1 < cap) len++;
  memcpy(out, start, len);
  out[len] = 0;
}

static inline int losslab_open_report(void) {
  char dir[sizeof losslab_state.report_dir];
  losslab_copy(dir, sizeof dir, losslab_state.report_dir);
  for (char *p = dir + 1; *p; p++) {  // mkdir -p
    if (*p != '/') continue;
    *p = 0;
    mkdir(dir, 0700);
    *p = '/';
  }
  mkdir(dir, 0700);
  int flags = O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC;
  int fd = open(losslab_state.report_path, flags, 0600);
  if (fd < 0) {
    fd = open(losslab_state.fallback_path, flags, 0600);
    if (fd >= 0) losslab_copy(losslab_state.report_path, sizeof losslab_state.report_path,
                              losslab_state.fallback_path);
  }
  return fd;
}

/// On a crash: the report file and the one line about it (see above).
static inline void losslab_write_crash_report(int sig) {
  if (!losslab_state.report) {  // the user's own SWIFT_BACKTRACE: the runtime reports as told
    if (losslab_state.saved_stderr >= 0) {
      dup2(losslab_state.saved_stderr, STDERR_FILENO);
      losslab_copy_capture(STDERR_FILENO);
    }
    return;
  }
  losslab_state.report = 0;
  int out = losslab_state.saved_stderr >= 0 ? losslab_state.saved_stderr : STDERR_FILENO;
  int fd = losslab_open_report();
  char what[240];
  losslab_fatal_line(what, sizeof what);
  const char *lead = "losslab crashed";
  losslab_write_all(out, lead, losslab_strlen(lead));
  if (what[0]) {
    losslab_write_all(out, " (", 2);
    losslab_write_all(out, what, losslab_strlen(what));
    losslab_write_all(out, ")", 1);
  } else {
    const char *name = losslab_signal_name(sig);
    losslab_write_all(out, " (", 2);
    losslab_write_all(out, name, losslab_strlen(name));
    losslab_write_all(out, ")", 1);
  }
  if (fd >= 0) {
    const char *mid = "; the report is in ";
    losslab_write_all(out, mid, losslab_strlen(mid));
    losslab_write_all(out, losslab_state.report_path, losslab_strlen(losslab_state.report_path));
    losslab_write_all(out, "\n", 1);
    losslab_copy_capture(fd);
    dup2(fd, STDERR_FILENO);  // the runtime's backtrace goes to the report too
    close(fd);
  } else {
    const char *none = "; no report could be written\n";
    losslab_write_all(out, none, losslab_strlen(none));
    dup2(out, STDERR_FILENO);
  }
}

static inline void losslab_crash_handler(int sig) {
  losslab_restore_now();
  losslab_write_crash_report(sig);
  // Hand the signal to whoever had it before (the Swift runtime's backtracer, or the default
  // action). It is blocked while we run, so it is delivered when this handler returns.
  sigaction(sig, &losslab_state.previous[sig], NULL);
  raise(sig);
}

static inline void losslab_quit_handler(int sig) { losslab_state.quit_signal = sig; }
static inline void losslab_tstp_handler(int sig) { (void)sig; losslab_state.suspend_asked = 1; }
static inline void losslab_cont_handler(int sig) { (void)sig; losslab_state.continued = 1; }

/// Installs the crash handlers (SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGABRT, SIGFPE), the quit
/// handlers (SIGINT, SIGTERM, SIGHUP: they only set a flag) and the suspend ones (SIGTSTP, SIGCONT:
/// flags too; the loop suspends with losslab_stop, since losslab paints the terminal itself and
/// ncurses' own SIGTSTP handler would repaint what it believes is on the screen). Call before
/// newterm so that ncurses keeps its hands off SIGINT, SIGTERM and SIGTSTP.
static inline void losslab_install_handlers(void) {
  static const int crash[] = {SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGABRT, SIGFPE};
  static const int quit[] = {SIGINT, SIGTERM, SIGHUP};
  losslab_state.quit_signal = 0;
  losslab_state.suspend_asked = 0;
  losslab_state.continued = 0;
  static const int flags[] = {SIGTSTP, SIGCONT};
  for (unsigned i = 0; i < sizeof flags / sizeof flags[0]; i++) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = flags[i] == SIGTSTP ? losslab_tstp_handler : losslab_cont_handler;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = 0;  // no SA_RESTART: a pending read returns early
    sigaction(flags[i], &sa, &losslab_state.previous[flags[i]]);
  }
  for (unsigned i = 0; i < sizeof crash / sizeof crash[0]; i++) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = losslab_crash_handler;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = 0;
    sigaction(crash[i], &sa, &losslab_state.previous[crash[i]]);
  }
  for (unsigned i = 0; i < sizeof quit / sizeof quit[0]; i++) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = losslab_quit_handler;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = 0;  // no SA_RESTART: a pending read returns early
    sigaction(quit[i], &sa, &losslab_state.previous[quit[i]]);
  }
}

/// Puts back the handlers that `losslab_install_handlers` replaced.
static inline void losslab_remove_handlers(void) {
  static const int all[] = {SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGABRT, SIGFPE, SIGINT, SIGTERM, SIGHUP,
                            SIGTSTP, SIGCONT};
  for (unsigned i = 0; i < sizeof all / sizeof all[0]; i++) {
    sigaction(all[i], &losslab_state.previous[all[i]], NULL);
  }
}

/// Unblocks the signals we handle, in case the parent left them blocked.
static inline void losslab_unblock_signals(void) {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGHUP);
  sigaddset(&set, SIGWINCH);
  sigaddset(&set, SIGTSTP);
  sigaddset(&set, SIGCONT);
  sigprocmask(SIG_UNBLOCK, &set, NULL);
}

/// Takes the flags the SIGTSTP and SIGCONT handlers set (1 if set since the last call).
static inline int losslab_take_suspend(void) {
  int asked = losslab_state.suspend_asked;
  losslab_state.suspend_asked = 0;
  return asked;
}
static inline int losslab_take_continued(void) {
  int c = losslab_state.continued;
  losslab_state.continued = 0;
  return c;
}

/// Suspends as Ctrl-Z does, and comes back: leaves curses mode (endwin: the shell's tty modes,
/// normal screen, cursor shown), stops the process with the default SIGTSTP action, and when
/// continued (fg) keeps any tty changes made meanwhile as the shell's modes and re-enters curses
/// mode (doupdate). The terminal's contents are unknown afterwards: repaint everything.
static inline void losslab_stop_and_resume(void) {
  def_prog_mode();
  losslab_state.armed = 0;
  endwin();
  struct sigaction dfl, ours;
  memset(&dfl, 0, sizeof dfl);
  dfl.sa_handler = SIG_DFL;
  sigemptyset(&dfl.sa_mask);
  sigaction(SIGTSTP, &dfl, &ours);
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGTSTP);
  sigprocmask(SIG_UNBLOCK, &set, NULL);
  kill(getpid(), SIGTSTP);  // stops here until SIGCONT
  sigaction(SIGTSTP, &ours, NULL);
  def_shell_mode();
  reset_prog_mode();
  losslab_state.armed = 1;
  doupdate();
  losslab_state.suspend_asked = 0;
}

#endif
