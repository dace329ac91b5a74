#!/usr/bin/env bash
# Install the system tools the report tests and page renders need, only when they are missing:
# LibreOffice Writer (soffice, headless .docx -> .pdf), poppler-utils (pdftoppm, pdftotext) and
# Calibri/Cambria-metric fonts so pages lay out as they do in Word, and openssl (a self-signed certificate for
# the team-server TLS test). Debian/Ubuntu; safe to run again.
# Used by .ci/run and by `make test`. Where it cannot install (no apt-get, or neither root nor sudo) it
# stops at once, naming what to install by hand.
set -euo pipefail

missing=()
command -v soffice >/dev/null 2>&1 || missing+=(libreoffice-writer-nogui)
command -v pdftoppm >/dev/null 2>&1 || missing+=(poppler-utils)
fc-list 2>/dev/null | grep -qi carlito || missing+=(fonts-crosextra-carlito)
fc-list 2>/dev/null | grep -qi "liberation sans" || missing+=(fonts-liberation2)
command -v openssl >/dev/null 2>&1 || missing+=(openssl)

if [ ${#missing[@]} -eq 0 ]; then
    exit 0
fi

cannot_install() {
    echo "install-ci-deps: $1, so the tests' system tools cannot be installed automatically." >&2
    echo "Install these by hand, then run the tests again: ${missing[*]}" >&2
    echo "(LibreOffice Writer for soffice, poppler-utils for pdftoppm, the Carlito and Liberation fonts;" >&2
    echo " on Debian/Ubuntu: sudo apt-get install ${missing[*]})" >&2
    exit 1
}

if ! command -v apt-get >/dev/null 2>&1; then
    cannot_install "apt-get was not found"
fi
sudo=""
if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 || cannot_install "you are not root and sudo was not found"
    sudo="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq || cannot_install "apt-get update failed"
if ! apt-cache show libreoffice-writer-nogui >/dev/null 2>&1; then
    missing=("${missing[@]/libreoffice-writer-nogui/libreoffice-writer}")
fi
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" || cannot_install "apt-get install failed"
