#!/usr/bin/env bash
# The README's first command: installs what is missing, then serves the widget with Trunk at
# http://127.0.0.1:8080/ (try /?error=CID7023, /?gallery), rebuilding when a file changes.
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"

ensure_build_tools
say "Serving the widget at http://127.0.0.1:8080/  (for example /?error=CID7023 or /?gallery; Ctrl+C stops)"
exec trunk serve "$@"
