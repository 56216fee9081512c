# lib.sh: sourced by the shell tests. Finds the binary, the source tree
# and ../shared; "skip" exits 77 (automake's SKIP) with a message.
: "${top_srcdir:=$(cd "$(dirname "$0")/.." && pwd)}"
: "${top_builddir:=$top_srcdir}"
: "${TLSHAKE:=$top_builddir/src/tlshake}"
: "${SHARED_DIR:=$top_srcdir/../shared}"
export TZ=UTC LC_ALL=C
# Outputs must not depend on the caller's key log.
unset SSLKEYLOGFILE
PUBLIC=$SHARED_DIR/pcaps/public
PCAPS=$top_srcdir/pcaps

skip() { echo "SKIP: $*"; exit 77; }
fail() { echo "FAIL: $*"; exit 1; }
need_shared() {
	[ -d "$PUBLIC" ] || skip "no public corpus at $PUBLIC (../shared is not beside the source tree)"
}
need() {
	command -v "$1" >/dev/null 2>&1 || skip "$1 is not installed"
}
tmpdir() {
	T=$(mktemp -d "${TMPDIR:-/tmp}/tlshake-test.XXXXXX")
	trap 'rm -rf "$T"' EXIT
}
# need_chromium WHAT: CHROME names the browser, or skip saying WHAT was
# checked without it.
need_chromium() {
	CHROME=
	for c in chromium chromium-browser google-chrome; do
		command -v "$c" >/dev/null 2>&1 && { CHROME=$c; return; }
	done
	skip "Chromium is not installed (apt-get install chromium); $1"
}
