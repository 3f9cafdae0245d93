#!/usr/bin/env bash
# Makes sure Debian's Chromium and ChromeDriver are present for the console's browser tests (run by `mvn verify`
# before the tests, see pom.xml). Installs them with apt when missing and allowed (root, or sudo without a
# password); never downloads a browser of its own. Without them, on a machine where they cannot be installed, the
# browser tests are skipped with a message — except under CI (CI=true), where that is an error.
set -euo pipefail
CHROMIUM=${HUB_CHROMIUM:-/usr/bin/chromium}
DRIVER=${HUB_CHROMEDRIVER:-/usr/bin/chromedriver}
if [[ -x "$CHROMIUM" && -x "$DRIVER" ]]; then
  echo "ensure-chromium: $("$CHROMIUM" --version 2>/dev/null || echo "$CHROMIUM"), $("$DRIVER" --version 2>/dev/null | head -1)"
  exit 0
fi
if command -v apt-get >/dev/null 2>&1; then
  SUDO=""
  if [[ $(id -u) -ne 0 ]]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then SUDO="sudo -n"; else SUDO="none"; fi
  fi
  if [[ "$SUDO" != "none" ]]; then
    echo "ensure-chromium: installing Debian's chromium and chromium-driver (apt-get update first)"
    export DEBIAN_FRONTEND=noninteractive
    $SUDO apt-get update -qq
    $SUDO apt-get install -y -qq --no-install-recommends chromium chromium-driver >/dev/null
    echo "ensure-chromium: $("$CHROMIUM" --version 2>/dev/null), $("$DRIVER" --version 2>/dev/null | head -1)"
    exit 0
  fi
fi
if [[ "${CI:-}" == "true" ]]; then
  echo "ensure-chromium: $CHROMIUM or $DRIVER missing and cannot be installed here (no apt-get as root)" >&2
  exit 1
fi
echo "ensure-chromium: $CHROMIUM or $DRIVER missing and cannot be installed here: the browser tests will be skipped" >&2
exit 0
