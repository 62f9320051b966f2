#!/usr/bin/env bash
# Installs what the tests need that this machine lacks, one tool at a time, and says what it
# found and what it installed. Asked for a set of tools (default: all but base):
#   base     what `make` itself needs on a bare machine: Python 3.11 or later with its venv
#            module, make, git (.ci/run asks for it first)
#   browser  Chromium (Debian's headless shell, else its chromium, or any Chromium Playwright can
#            drive), the libatomic that Playwright's driver needs, the CJK fonts, pdftotext
#   server   nginx with its brotli_static module
#   node     node and npm (a Node from NodeSource or nvm counts: Debian's npm is never forced
#            onto a nodejs that already carries npm, which apt refuses as "held broken packages")
# Without root or sudo it installs nothing and prints the exact commands to run.
set -uo pipefail

want=("$@")
[ ${#want[@]} -gt 0 ] || want=(browser server node)

# CASEBOOK_OS_RELEASE: another system's os-release, for tests/unit/test_install_tools.py.
. "${CASEBOOK_OS_RELEASE:-/etc/os-release}" 2>/dev/null || true
distro="${ID:-unknown} ${VERSION_ID:-}"

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then SUDO="sudo"; else SUDO="none"; fi
fi

missing_pkgs=()
# Asked for where the system has them, never required: a failure leaves what was found in use.
wanted_pkgs=()
say() { printf '  %-10s %s\n' "$1" "$2"; }

have_chromium() {
  for c in chromium chromium-browser google-chrome; do
    p=$(command -v "$c" 2>/dev/null) || continue
    # Ubuntu's chromium-browser deb is a stub that asks for the snap: it does not run headless.
    "$p" --version >/dev/null 2>&1 && { echo "$p"; return 0; }
  done
  return 1
}

# The first Python 3.11 or later that can make a venv with pip in it (Debian and Ubuntu keep
# ensurepip in python3-venv / python3.X-venv).
python_found() {
  for py in python3 python3.13 python3.12 python3.11; do
    p=$(command -v "$py" 2>/dev/null) || continue
    "$p" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null || continue
    "$p" -c 'import ensurepip, venv' 2>/dev/null && { echo "$p"; return 0; }
  done
  return 1
}

playwright_chromium() {
  ls -d "${PLAYWRIGHT_BROWSERS_PATH:-$HOME/.cache/ms-playwright}"/chromium-*/chrome-linux*/chrome 2>/dev/null | head -1 | grep .
}

# Playwright's own Chromium and the libraries it needs (its install-deps asks apt for them).
install_playwright_chromium() {
  local py=.venv/bin/python
  [ -x "$py" ] || { echo "  no .venv yet: run make install first" >&2; return 1; }
  if [ -z "$SUDO" ]; then "$py" -m playwright install --with-deps chromium
  else "$py" -m playwright install chromium && $SUDO "$py" -m playwright install-deps chromium; fi
}

have_cjk_font() { fc-list :lang=zh 2>/dev/null | grep -q .; }

check() {
  case "$1" in
    base)
      if p=$(python_found); then say python "found: $p ($("$p" --version 2>&1))"
      else
        # Ubuntu 22.04's python3 is 3.10: its python3.11 package sits beside it.
        v=$(python3 -c 'import sys; print("%d.%d" % sys.version_info[:2])' 2>/dev/null || echo none)
        case "$v" in
          none) missing_pkgs+=(python3 python3-venv); say python missing;;
          3.1[1-9]) missing_pkgs+=(python3-venv); say python "found: python3 $v, without its venv module";;
          *) missing_pkgs+=(python3.11 python3.11-venv); say python "found: python3 $v, older than 3.11";;
        esac
      fi
      for tool in make git; do
        if command -v "$tool" >/dev/null 2>&1; then say "$tool" found; else missing_pkgs+=("$tool"); say "$tool" missing; fi
      done
      ;;
    browser)
      # Debian's headless shell: the tests' browser work in about a third less processor time than
      # its full chromium (src/casebook/tools/chromium.py), so it is asked for beside a chromium.
      if p=$(command -v chromium-headless-shell); then say chromium "found: $p"
      elif p=$(have_chromium); then
        say chromium "found: $p"
        [ "${ID:-}" != debian ] || wanted_pkgs+=(chromium-headless-shell)
      elif p=$(playwright_chromium); then say chromium "found: Playwright's own, $p"
      # Ubuntu's chromium is a snap behind a stub package: Playwright's own Chromium instead.
      elif [ "${ID:-}" = ubuntu ]; then want_playwright=1; say chromium "missing: Playwright's own will be installed"
      elif [ "${ID:-}" = debian ]; then missing_pkgs+=(chromium-headless-shell); say chromium missing
      else missing_pkgs+=(chromium); say chromium missing; fi
      # Playwright's own node driver (in the venv) needs libatomic, which a bare Debian lacks.
      if { ldconfig -p || /sbin/ldconfig -p; } 2>/dev/null | grep -q 'libatomic\.so\.1'; then say libatomic found
      else missing_pkgs+=(libatomic1); say libatomic missing; fi
      if have_cjk_font; then say cjk-fonts found; else missing_pkgs+=(fonts-noto-cjk); say cjk-fonts missing; fi
      if command -v pdftotext >/dev/null 2>&1; then say pdftotext found; else missing_pkgs+=(poppler-utils); say pdftotext missing; fi
      ;;
    server)
      if command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ]; then say nginx found; else missing_pkgs+=(nginx); say nginx missing; fi
      if [ -e /usr/lib/nginx/modules/ngx_http_brotli_static_module.so ]; then say brotli found
      else missing_pkgs+=(libnginx-mod-http-brotli-static); say brotli missing; fi
      ;;
    node)
      if command -v node >/dev/null 2>&1; then say node "found: $(node --version)"
      else missing_pkgs+=(nodejs); say node missing; fi
      if command -v npm >/dev/null 2>&1; then say npm "found: $(npm --version)"
      # NodeSource's nodejs carries npm and conflicts with Debian's npm package.
      elif dpkg -s nodejs 2>/dev/null | grep -q '^Version:.*nodesource'; then
        say npm "missing, but NodeSource's nodejs should carry it: reinstall nodejs from NodeSource"
      else missing_pkgs+=(npm); say npm missing; fi
      ;;
  esac
}

want_playwright=0
echo "Tools for the tests on $distro:"
for w in "${want[@]}"; do check "$w"; done
[ ${#missing_pkgs[@]} -eq 0 ] && [ ${#wanted_pkgs[@]} -eq 0 ] && [ "$want_playwright" = 0 ] && exit 0

if [ ${#missing_pkgs[@]} -eq 0 ] && [ "$want_playwright" = 0 ] && { [ "$SUDO" = none ] || ! command -v apt-get >/dev/null 2>&1; }; then
  say "${wanted_pkgs[*]}" "not installed (no root, sudo or apt-get): the tests use what was found, more slowly;"
  say "" "for speed: sudo apt-get install -y --no-install-recommends ${wanted_pkgs[*]}"
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "No apt-get here: install these with your system's package manager: ${missing_pkgs[*]}" >&2
  exit 1
fi
if [ "$SUDO" = none ]; then
  echo "Not root and no sudo: run these, then make test again:" >&2
  [ ${#missing_pkgs[@]} -eq 0 ] || echo "  sudo apt-get update && sudo apt-get install -y --no-install-recommends ${missing_pkgs[*]} ${wanted_pkgs[*]}" >&2
  [ "$want_playwright" = 0 ] || echo "  .venv/bin/python -m playwright install chromium && sudo .venv/bin/python -m playwright install-deps chromium" >&2
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
# Wait for another apt-get instead of failing on its lock.
APT="$SUDO apt-get -o DPkg::Lock::Timeout=600"
failed=()
[ ${#missing_pkgs[@]} -eq 0 ] && [ ${#wanted_pkgs[@]} -eq 0 ] || $APT update -qq
# One package at a time, so that one that cannot be had (a snap stub, a conflict) leaves the
# others installed and is named.
for p in "${missing_pkgs[@]}"; do
  if $APT install -y -qq --no-install-recommends "$p" >/dev/null 2>&1; then say "$p" installed
  # A Debian older than 12 has no headless shell: its chromium instead.
  elif [ "$p" = chromium-headless-shell ] && $APT install -y -qq --no-install-recommends chromium >/dev/null 2>&1; then
    say chromium "installed (no $p here)"
  else failed+=("$p"); say "$p" "could not be installed"; fi
done
for p in "${wanted_pkgs[@]}"; do
  if $APT install -y -qq --no-install-recommends "$p" >/dev/null 2>&1; then say "$p" installed
  else say "$p" "could not be installed: the tests use the chromium found, more slowly"; fi
done
if [ "$want_playwright" = 1 ]; then
  if install_playwright_chromium >/dev/null 2>&1; then say chromium "installed: Playwright's own, $(playwright_chromium)"
  else
    failed+=(chromium); say chromium "could not be installed"
    echo "Playwright could not fetch its Chromium (no network to its CDN?): install Chromium another way" >&2
    echo "(snap install chromium, or Google's .deb) and set CASEBOOK_CHROMIUM to its path." >&2
  fi
fi
if [ ${#failed[@]} -gt 0 ]; then
  echo "Could not install: ${failed[*]}." >&2
  case " ${failed[*]} " in *" chromium "*|*" chromium-headless-shell "*)
    echo "For Chromium: .venv/bin/python -m playwright install --with-deps chromium (the tests then use it)," >&2
    echo "or any Chromium, named in CASEBOOK_CHROMIUM." >&2;;
  esac
  exit 1
fi
