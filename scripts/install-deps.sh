#!/bin/sh
# Installs the Debian packages gongkai needs, and only those missing.
# With --test, also what the test suites need (cmocka, clang-format, Chromium,
# playwright-core).
# Runs apt-get update only when something is missing.
set -e

want="build-essential pkg-config libmicrohttpd-dev libsqlite3-dev sqlite3 libjansson-dev
libsodium-dev libqrencode-dev"
# the yearly report's documents: XLSX (libxlsxwriter), PDF (cairo + pango) with
# an embedded CJK font (docs/annual-report-documents.md)
want="$want libxlsxwriter-dev libcairo2-dev libpango1.0-dev fonts-noto-cjk"
# the report checker reads a PDF's text with pdftotext and a .docx's with
# unzip (docs/report-checker.md)
want="$want poppler-utils unzip"
# notices by e-mail (SMTP) and SMS (an HTTP gateway) through libcurl
want="$want libcurl4-openssl-dev"
if [ "$1" = "--test" ]; then
	want="$want libcmocka-dev clang-format chromium fonts-wqy-microhei nodejs npm curl"
	# the PDF's text and fonts (pdftotext, pdffonts) and the XLSX's XML (unzip)
	want="$want poppler-utils unzip"
	# the notice tests read e-mails back with python3's email package and
	# make a certificate for their TLS mail sink with openssl
	want="$want python3 openssl"
	# the fuzz targets run for a few seconds each (tests/fuzz/smoke.sh)
	want="$want clang libclang-rt-dev"
fi

missing=""
for p in $want; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
		missing="$missing $p"
	fi
done
# nodejs may come from elsewhere than Debian; a working node is enough.
if [ -n "$missing" ] && command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1; then
	missing=$(echo "$missing" | tr ' ' '\n' | grep -vx -e nodejs -e npm | tr '\n' ' ')
fi

if [ -n "$(echo "$missing" | tr -d ' ')" ]; then
	echo "installing:$missing"
	SUDO=""
	[ "$(id -u)" -eq 0 ] || SUDO=sudo
	$SUDO apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing
fi

if [ "$1" = "--test" ] && { [ ! -d tests/node_modules/playwright-core ] || [ ! -d tests/node_modules/axe-core ]; }; then
	echo "installing playwright-core and axe-core (npm) into tests/node_modules"
	(cd tests && npm ci --silent --no-audit --no-fund)
fi
exit 0
