#!/usr/bin/env bash
# Installs Debian's Chromium and CJK fonts for the browser tests and screenshots, and npm for axe-core.
set -euo pipefail
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends chromium fonts-noto-cjk poppler-utils npm >/dev/null
chromium --version
