#!/usr/bin/env bash
# Times plotext, uniplot and numpy against `losslab bench --json` on this
# machine and prints a Markdown table (see README.md beside this file).
#
#   Benchmarks/peers/run.sh [--json [FILE]] [--seconds S] [--peers plotext,uniplot,numpy] [--show]
#
# Environment:
#   LOSSLAB=path             run this losslab binary instead of building one
#   LOSSLAB_BENCH_JSON=file  read losslab's numbers from this file instead
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
venv="$here/.venv"
requirements="$here/requirements.txt"
stamp="$venv/.requirements-installed"

if [[ ! -x "$venv/bin/python" ]]; then
  echo "peers: creating $venv" >&2
  python3 -m venv "$venv"
fi
# Install the pinned peers unless this exact requirements file is already in.
if ! cmp -s "$requirements" "$stamp"; then
  echo "peers: installing pinned peers from requirements.txt" >&2
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r "$requirements" >&2
  cp "$requirements" "$stamp"
fi

exec "$venv/bin/python" "$here/peers.py" "$@"
