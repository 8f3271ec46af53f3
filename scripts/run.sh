#!/usr/bin/env bash
# Install searchapp into a local virtualenv, index data/ and serve the UI on 127.0.0.1.
# Usage: bash scripts/run.sh [extra `searchapp serve` options, e.g. --port 8090]
set -euo pipefail
cd "$(dirname "$0")/.."

[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install -q --disable-pip-version-check -e .

.venv/bin/searchapp index || [ $? -eq 4 ]  # 4: some files were skipped (listed above)
exec .venv/bin/searchapp serve "$@"
