#!/usr/bin/env bash
# Builds Asterisk 22.10.1 (with the bundled pjproject 2.17) from source and installs it into a
# cache outside the work tree, once; later runs, the real-PBX test tier and CI reuse it.
# The same script builds the Asterisk of docker/asterisk/Dockerfile.
#
#   scripts/asterisk-build.sh              builds (or finds) the cached build, prints its prefix
#   scripts/asterisk-build.sh --system     builds and installs a system Asterisk (prefix /usr, config in
#                                          /etc/asterisk, data in /var/lib/asterisk; $DESTDIR honoured):
#                                          docker/asterisk/Dockerfile's build stage
#   scripts/asterisk-build.sh --print      prints the cached prefix without building (exit 1: none)
#
# Sources: $HOTLINE_ASTERISK_SRC (default ../shared/asterisk/src beside the project) when it holds
# the tarballs; otherwise they are downloaded from Asterisk's and pjproject's release locations.
# Either way they are checked against the SHA-256 sums below.
# Cache: $HOTLINE_ASTERISK_CACHE (default ${XDG_CACHE_HOME:-~/.cache}/hotline-asterisk)/<version>-<key>,
# where <key> hashes the build recipe below (versions, sums, dependencies, configure and menuselect
# flags), so a changed version, flag or module list is a new entry and a comment is not.
# Debian build dependencies are installed when missing (root, or sudo).
set -euo pipefail

ASTERISK_VERSION=22.10.1
PJPROJECT_VERSION=2.17
ASTERISK_SHA256=248b634d1a6c784aa3266e8cbfb8402780c04a468652992260a4aabab8023ff5
PJPROJECT_SHA256=04b2eb1f0f01aa0ad1945b167171843448a51aa6b7c3e806496d434f13a112b7
ASTERISK_URL=https://downloads.asterisk.org/pub/telephony/asterisk/releases/asterisk-${ASTERISK_VERSION}.tar.gz
PJPROJECT_URL=https://raw.githubusercontent.com/asterisk/third-party/master/pjproject/${PJPROJECT_VERSION}/pjproject-${PJPROJECT_VERSION}.tar.bz2
# libpq-dev: res_config_pgsql / cdr_pgsql (queue_log into PostgreSQL); the rest as Asterisk needs.
BUILD_DEPS=(build-essential pkg-config bzip2 patch python3 ca-certificates libjansson-dev libxml2-dev
  libxslt1-dev libsqlite3-dev uuid-dev libedit-dev libncurses-dev libssl-dev libcurl4-openssl-dev
  libsrtp2-dev libopus-dev libspeex-dev libspeexdsp-dev libogg-dev libvorbis-dev libgsm1-dev libpq-dev)

CONFIGURE_FLAGS=(--with-pjproject-bundled --with-jansson --without-libjwt --without-x11 --without-gtk2)
MENUSELECT_FLAGS=(--disable BUILD_NATIVE --disable-category MENUSELECT_CORE_SOUNDS
  --disable-category MENUSELECT_MOH --disable-category MENUSELECT_EXTRA_SOUNDS)

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
recipe="$ASTERISK_VERSION $ASTERISK_SHA256 $PJPROJECT_VERSION $PJPROJECT_SHA256 ${BUILD_DEPS[*]} ${CONFIGURE_FLAGS[*]} ${MENUSELECT_FLAGS[*]}"
script_key=$(printf '%s' "$recipe" | sha256sum | cut -c1-12)
cache_root=${HOTLINE_ASTERISK_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/hotline-asterisk}
cached_prefix="$cache_root/${ASTERISK_VERSION}-${script_key}"
src_dir=${HOTLINE_ASTERISK_SRC:-$here/../../shared/asterisk/src}

prefix=""
system_flags=()
case "${1:-}" in
  --print) [ -f "$cached_prefix/.complete" ] && { echo "$cached_prefix"; exit 0; }; exit 1 ;;
  --system) prefix=/usr; system_flags=(--sysconfdir=/etc --localstatedir=/var) ;;
  "") ;;
  *) echo "usage: $0 [--print | --system]" >&2; exit 2 ;;
esac

log() { echo "asterisk-build: $*" >&2; }

if [ -z "$prefix" ] && [ -f "$cached_prefix/.complete" ]; then
  echo "$cached_prefix"; exit 0
fi

install_deps() {
  local need=() p
  for p in "${BUILD_DEPS[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || need+=("$p")
  done
  command -v wget >/dev/null 2>&1 || command -v curl >/dev/null 2>&1 || need+=(wget)
  [ ${#need[@]} -eq 0 ] && return 0
  local sudo_=""; [ "$(id -u)" -eq 0 ] || sudo_="sudo"
  log "installing ${need[*]}"
  $sudo_ apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $sudo_ apt-get install -y -qq --no-install-recommends "${need[@]}" >&2
}

fetch() { # fetch NAME URL SHA256 DESTDIR
  local name=$1 url=$2 sum=$3 dest=$4
  if [ -f "$src_dir/$name" ]; then
    cp "$src_dir/$name" "$dest/$name"
  else
    log "no $src_dir/$name: downloading $url"
    if command -v wget >/dev/null 2>&1; then wget -q -O "$dest/$name" "$url"; else curl -fsSL -o "$dest/$name" "$url"; fi
  fi
  echo "$sum  $dest/$name" | sha256sum -c --quiet - || { log "$name does not match its SHA-256"; exit 1; }
}

build() { # build PREFIX
  local target=$1 work
  work=$(mktemp -d "${TMPDIR:-/tmp}/asterisk-build.XXXXXX")
  trap 'rm -rf "$work"' RETURN
  mkdir -p "$work/externals"
  fetch "asterisk-${ASTERISK_VERSION}.tar.gz" "$ASTERISK_URL" "$ASTERISK_SHA256" "$work"
  fetch "pjproject-${PJPROJECT_VERSION}.tar.bz2" "$PJPROJECT_URL" "$PJPROJECT_SHA256" "$work/externals"
  tar -C "$work" -xzf "$work/asterisk-${ASTERISK_VERSION}.tar.gz"
  cd "$work/asterisk-${ASTERISK_VERSION}"
  log "configure (log: $work/build.log)"
  # bundled pjproject from the externals cache (no download); jansson from Debian (the bundled
  # one would be downloaded); libjwt only serves STIR/SHAKEN.
  ./configure --prefix="$target" "${system_flags[@]}" --with-externals-cache="$work/externals" "${CONFIGURE_FLAGS[@]}" \
    > "$work/build.log" 2>&1 \
    || { tail -40 "$work/build.log" >&2; exit 1; }
  make menuselect.makeopts >> "$work/build.log" 2>&1
  # no sound downloads (Debian's asterisk-core-sounds-en-* packages serve them); binaries not
  # tied to this CPU
  menuselect/menuselect "${MENUSELECT_FLAGS[@]}" menuselect.makeopts >> "$work/build.log" 2>&1
  log "make -j$(nproc) (about 5 minutes on 2 cores)"
  make -j"$(nproc)" >> "$work/build.log" 2>&1 || { tail -60 "$work/build.log" >&2; exit 1; }
  make install DESTDIR="${DESTDIR:-}" >> "$work/build.log" 2>&1 || { tail -40 "$work/build.log" >&2; exit 1; }
}

install_deps
if [ -n "$prefix" ]; then
  build "$prefix"
  echo "$prefix"
  exit 0
fi

mkdir -p "$cache_root"
exec 9>"$cache_root/.lock"
flock 9                                 # one build at a time; the others reuse its result
if [ ! -f "$cached_prefix/.complete" ]; then
  # Asterisk bakes its prefix into the binaries, so it is built for the final path and only
  # marked complete (.complete) when make install has finished.
  rm -rf "$cached_prefix"
  started=$(date +%s)
  build "$cached_prefix"
  touch "$cached_prefix/.complete"
  log "built Asterisk ${ASTERISK_VERSION} into $cached_prefix in $(( $(date +%s) - started )) s"
fi
echo "$cached_prefix"
