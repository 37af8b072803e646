#!/usr/bin/env bash
# Installs what the test suite needs from Debian's packages, only when missing:
# headless Chromium and its driver for the console's browser tests, espeak-ng for
# Chinese prompts, and for the real-PBX tier Asterisk's core English sounds (digits,
# letters: Asterisk's own prompts, which its build does not download here) and SIPp for
# real SIP callers. Asterisk's build dependencies are scripts/asterisk-build.sh's.
# Needs root (or passwordless sudo) the first time.
set -euo pipefail
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v chromedriver >/dev/null 2>&1 || need+=(chromium-driver)
command -v espeak-ng >/dev/null 2>&1 || need+=(espeak-ng)
command -v sipp >/dev/null 2>&1 || need+=(sip-tester)
for p in asterisk-core-sounds-en-gsm asterisk-core-sounds-en-wav; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || need+=("$p")
done
[ ${#need[@]} -eq 0 ] && exit 0
sudo_=""
[ "$(id -u)" -eq 0 ] || sudo_="sudo"
echo "install-test-deps: installing ${need[*]} ..." >&2
$sudo_ apt-get update -qq >&2
DEBIAN_FRONTEND=noninteractive $sudo_ apt-get install -y -qq --no-install-recommends "${need[@]}" >&2
