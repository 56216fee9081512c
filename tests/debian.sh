#!/bin/sh
# The Debian package: dpkg-buildpackage -us -uc -b builds it from a copy of
# this checkout; lintian finds no error and no warning; dpkg -x unpacks it
# into a throwaway root holding the binary, both man pages, the
# completions, the README, the unit, the logrotate snippet and the user;
# the unpacked binary's --version is the changelog's and its view of the
# demo capture is the golden one (tests/golden/demo.out).
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
need dpkg-buildpackage
need dpkg-parsechangelog
command -v git >/dev/null 2>&1 && git -C "$top_srcdir" rev-parse --git-dir >/dev/null 2>&1 ||
	skip "not a git checkout (make distcheck's copy): the package is built from a checkout"
[ -d "$top_srcdir/debian" ] || skip "no debian/ directory"
(cd "$top_srcdir" && dpkg-checkbuilddeps) >"${TMPDIR:-/tmp}/debian-deps.$$" 2>&1 || {
	m=$(cat "${TMPDIR:-/tmp}/debian-deps.$$"); rm -f "${TMPDIR:-/tmp}/debian-deps.$$"
	skip "build dependencies missing: $m"; }
rm -f "${TMPDIR:-/tmp}/debian-deps.$$"
tmpdir
mkdir "$T/src"
# Tracked files, and new ones not ignored: what a commit would hold.
(cd "$top_srcdir" && git ls-files -co --exclude-standard -z |
    tar --null -cf - -T - 2>/dev/null) | tar -xf - -C "$T/src" ||
	fail "copying the checkout"
(cd "$T/src" && DEB_BUILD_OPTIONS="nocheck parallel=2" \
    dpkg-buildpackage -us -uc -b) >"$T/build.log" 2>&1 ||
	fail "dpkg-buildpackage: $(tail -n 30 "$T/build.log")"
version=$(dpkg-parsechangelog -l "$top_srcdir/debian/changelog" -S Version)
deb=$(ls "$T"/tlshake_"$version"_*.deb 2>/dev/null | head -n 1)
[ -n "$deb" ] || fail "no tlshake_${version}_*.deb: $(ls "$T")"
echo "built $(basename "$deb")"

# Depends only from ${shlibs:Depends} and ${misc:Depends}.
deps=$(sed -n '/^Package: tlshake/,/^$/s/^Depends: //p' "$top_srcdir/debian/control")
[ "$deps" = '${misc:Depends}, ${shlibs:Depends}' ] || fail "Depends: $deps"
dpkg-deb -f "$deb" Depends | grep -q 'libpcap0.8' || fail "shlibs gave no libpcap: $(dpkg-deb -f "$deb" Depends)"

if command -v lintian >/dev/null 2>&1; then
	lintian --fail-on error,warning --info "$deb" >"$T/lintian.out" 2>&1 ||
		fail "lintian: $(cat "$T/lintian.out")"
	grep -v 'running with root privileges' "$T/lintian.out" | grep -E '^[EW]:' &&
		fail "lintian errors or warnings"
	echo "lintian: clean$(grep -v 'running with root' "$T/lintian.out" | sed 's/^/; /')"
else
	echo "note: lintian is not installed; the package was not linted"
fi

dpkg -x "$deb" "$T/root" || fail "dpkg -x"
for f in usr/bin/tlshake usr/share/man/man1/tlshake.1.gz \
    usr/share/man/man5/tlshake-json.5.gz \
    usr/share/bash-completion/completions/tlshake \
    usr/share/zsh/vendor-completions/_tlshake \
    usr/share/doc/tlshake/README.md.gz usr/share/doc/tlshake/copyright \
    lib/systemd/system/tlshake@.service etc/logrotate.d/tlshake \
    usr/lib/sysusers.d/tlshake.conf \
    usr/share/locale/ko/LC_MESSAGES/tlshake.mo; do
	[ -e "$T/root/$f" ] || fail "the package has no /$f"
done
got=$("$T/root/usr/bin/tlshake" --version)
[ "$got" = "tlshake $version" ] || fail "--version says \"$got\", the changelog $version"
"$T/root/usr/bin/tlshake" -r "$PCAPS/demo.pcap" >"$T/demo.out" 2>&1
echo "exit $?" >> "$T/demo.out"	# as tests/golden.sh records it
cmp -s "$T/demo.out" "$top_srcdir/tests/golden/demo.out" ||
	fail "the installed binary's demo differs: $(diff "$top_srcdir/tests/golden/demo.out" "$T/demo.out" | head -20)"
grep -q "tlshake -i %I -Z tlshake" "$T/root/lib/systemd/system/tlshake@.service" ||
	fail "the unit is not the example service"
echo "ok: package $version installs the binary, man pages, completions, README, unit; demo as golden"
