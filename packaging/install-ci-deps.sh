#!/usr/bin/env bash
# Install the system tools the report tests and page renders need, only when they are missing:
# LibreOffice Writer (soffice, headless .docx -> .pdf), poppler-utils (pdftoppm, pdftotext) and
# Calibri/Cambria-metric fonts so pages lay out as they do in Word, and openssl (a self-signed certificate for
# the team-server TLS test). Debian/Ubuntu; safe to run again.
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
if ! command -v apt-get >/dev/null 2>&1; then
    echo "install-ci-deps: apt-get not found; install ${missing[*]} by hand." >&2
    exit 1
fi
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
if ! apt-cache show libreoffice-writer-nogui >/dev/null 2>&1; then
    missing=("${missing[@]/libreoffice-writer-nogui/libreoffice-writer}")
fi
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
