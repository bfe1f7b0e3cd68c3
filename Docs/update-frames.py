#!/usr/bin/env python3
"""Refreshes the frames in the Docs from the program itself.

Every line `<!-- frame: render ARGS -->` in a Markdown file under Docs/ (and README.md) is followed by a
fenced block holding the output of `losslab render ARGS --color never`; this script rewrites those blocks.
Every line `<!-- image: FILE render ARGS -->` names an image (next to the Markdown file) that is the output
of `losslab render ARGS` (e.g. with `--format svg`); this script writes those files.
Every line `<!-- picture: FILE.png render ARGS -->` names a PNG of the colour frame as a terminal shows it
(`render ARGS --color always` piped through term2png at the frame's --width x --height); term2png is taken
from $TERM2PNG, else ../shared/tools/term2png (or ../../shared/tools from a worktree), and those pictures are skipped (with a note) without it.

    swift build && python3 Docs/update-frames.py [path/to/losslab]

The commands run in the repository's root, so a frame can name a file in it (`--data Docs/examples/planets.csv`).
"""
import os
import pathlib
import re
import shlex
import subprocess
import sys

root = pathlib.Path(__file__).resolve().parent.parent
binary = sys.argv[1] if len(sys.argv) > 1 else str(root / ".build" / "debug" / "losslab")
marker = re.compile(r"^<!-- frame: (.*) -->$")
image = re.compile(r"^<!-- image: (\S+) (render .*) -->$")
picture_marker = re.compile(r"^<!-- picture: (\S+\.png) (render .*) -->$")
term2png = os.environ.get("TERM2PNG") or next(
    (str(d / "shared" / "tools" / "term2png") for d in (root.parent, root.parent.parent)
     if (d / "shared" / "tools" / "term2png").exists()), "term2png")


def light_defaults(frame, width):
    """term2png paints the terminal's default colours dark: for a --theme light frame, give every
    cell the light terminal's defaults (black on white) explicitly, lines padded to the width."""
    sgr = re.compile(r"\x1b\[([0-9;]*)m")

    def explicit(m):
        params = m.group(1).split(";") if m.group(1) else ["0"]
        if params[0] not in ("0", ""):
            return m.group(0)
        if "38" not in params:
            params += ["38", "5", "16"]
        if "48" not in params:
            params += ["48", "5", "231"]
        return "\x1b[" + ";".join(params) + "m"

    out = []
    for line in frame.decode().split("\n"):
        shown = len(sgr.sub("", line))
        line = "\x1b[0m" + line + "\x1b[0m" + " " * max(0, width - shown)
        out.append(sgr.sub(explicit, line))
    return "\n".join(out).encode()


def option(args, name, default):
    """The value of `--name V` or `--name=V` in args, else default."""
    for k, a in enumerate(args):
        if a == name and k + 1 < len(args):
            return args[k + 1]
        if a.startswith(name + "="):
            return a.split("=", 1)[1]
    return default

files = sorted((root / "Docs").glob("*.md")) + [root / "README.md"]
for path in files:
    lines = path.read_text().split("\n")
    out, i, changed = [], 0, False
    while i < len(lines):
        line = lines[i]
        out.append(line)
        m = marker.match(line)
        i += 1
        picture = image.match(line)
        if picture:
            target = path.parent / picture.group(1)
            data = subprocess.run([binary] + shlex.split(picture.group(2)), check=True, capture_output=True, cwd=root).stdout
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
            print("wrote", target.relative_to(root))
        png = picture_marker.match(line)
        if png:
            target = path.parent / png.group(1)
            args = shlex.split(png.group(2)) + ["--color", "always"]
            size = f"{option(args, '--width', '80')}x{option(args, '--height', '24')}"
            if not os.access(term2png, os.X_OK):
                print("skipped", target.relative_to(root), "(no term2png at", term2png + ")")
            else:
                # Without the last newline: a terminal would scroll the top row away.
                frame = subprocess.run([binary] + args, check=True, capture_output=True).stdout.rstrip(b"\n")
                if option(args, "--theme", "dark") == "light":
                    frame = light_defaults(frame, int(option(args, "--width", "80")))
                target.parent.mkdir(parents=True, exist_ok=True)
                subprocess.run([term2png, "-s", size, "-o", str(target)], input=frame, check=True,
                               capture_output=True)
                print("wrote", target.relative_to(root))
        if not m:
            continue
        args = shlex.split(m.group(1)) + ["--color", "never"]
        frame = subprocess.run([binary] + args, check=True, capture_output=True, text=True, cwd=root).stdout.rstrip("\n")
        # Skip an existing block right after the marker.
        if i < len(lines) and lines[i].startswith("```"):
            j = i + 1
            while j < len(lines) and not lines[j].startswith("```"):
                j += 1
            i = j + 1
        out += ["```text", frame, "```"]
        changed = True
    if changed:
        path.write_text("\n".join(out))
        print("updated", path.relative_to(root))
