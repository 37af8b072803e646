#!/usr/bin/env bash
# Installs what the test suite needs from Debian's packages, only when missing:
# headless Chromium and its driver for the console's browser tests, espeak-ng for
# Chinese prompts. Needs root (or passwordless sudo) the first time.
set -euo pipefail
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v chromedriver >/dev/null 2>&1 || need+=(chromium-driver)
command -v espeak-ng >/dev/null 2>&1 || need+=(espeak-ng)
[ ${#need[@]} -eq 0 ] && exit 0
sudo_=""
[ "$(id -u)" -eq 0 ] || sudo_="sudo"
echo "install-test-deps: installing ${need[*]} ..." >&2
$sudo_ apt-get update -qq >&2
DEBIAN_FRONTEND=noninteractive $sudo_ apt-get install -y -qq --no-install-recommends "${need[@]}" >&2
