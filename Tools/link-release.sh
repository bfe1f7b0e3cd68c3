#!/bin/sh
# The linker of losslab's release build on Linux (Package.swift passes it to clang as --ld-path).
#
# It runs ld.gold, the linker swiftc uses on Linux, with three libraries taken from their static
# archives instead of shared libraries: the C++ runtime the Swift runtime needs (libstdc++), gcc's
# unwinder (libgcc_s), and ncurses (libncursesw, libtinfo). Each shared library costs every start
# of the program a file to map and relocate (libstdc++ alone about 30 page faults and a tenth of a
# short `losslab render`). The C library and libm stay shared (a static glibc cannot load NSS or
# locale modules reliably). An archive that is not installed leaves its library as it was.
#
# It also leaves out `--export-dynamic`, which swiftc passes so that a program's symbols can be
# found with dlsym: losslab looks up none, and exporting all of them made the dynamic symbol table
# 6,700 symbols and 320 KB of names, which the Swift runtime's `dladdr` of its own path searches
# linearly at every start (and faults in). The crash report is the same without it.
#
# swiftc's own options put `-lstdc++` on the command line before anything Package.swift can add,
# and a shared library named first wins, hence a wrapper rather than linker flags.
set -eu
archive() {  # the archive's full path if the compiler finds it, else nothing
  found=$(gcc -print-file-name="$1" 2>/dev/null || true)
  [ -n "$found" ] && [ "$found" != "$1" ] && [ -e "$found" ] && printf '%s' "$found"
}
cxx=$(archive libstdc++.a)
eh=$(archive libgcc_eh.a)
curses=$(archive libncursesw.a)
tinfo=$(archive libtinfo.a)
for arg in "$@"; do
  shift
  case "$arg" in
    -lstdc++) [ -n "$cxx" ] && set -- "$@" "$cxx" || set -- "$@" "$arg" ;;
    -lgcc_s) [ -n "$eh" ] && [ -n "$cxx" ] && set -- "$@" "$eh" || set -- "$@" "$arg" ;;
    -lncursesw)
      if [ -n "$curses" ] && [ -n "$tinfo" ]; then set -- "$@" "$curses" "$tinfo"; else set -- "$@" "$arg"; fi ;;
    # Not exporting the program's own symbols: see the note at the top.
    --export-dynamic | -export-dynamic | -E) ;;
    *) set -- "$@" "$arg" ;;
  esac
done
if command -v ld.gold >/dev/null 2>&1; then exec ld.gold "$@"; fi
exec ld "$@"
