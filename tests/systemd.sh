#!/bin/sh
# The example service and logrotate snippet: systemd-analyze verify finds
# nothing to say about tlshake@lo.service (ExecStart pointed at the built
# binary, the man pages it names on MANPATH); the service's command line
# starts as an unprivileged user holding only the unit's ambient
# capabilities (setpriv, where root can run it); logrotate -d accepts the
# snippet.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
UNIT=$top_srcdir/contrib/tlshake@.service
need systemd-analyze
tmpdir
mkdir -p "$T/man/man1" "$T/man/man5"
cp "$top_srcdir/man/tlshake.1" "$T/man/man1/"
cp "$top_srcdir/man/tlshake-json.5" "$T/man/man5/"
sed "s|/usr/bin/tlshake|$TLSHAKE|" "$UNIT" > "$T/tlshake@.service"
grep -q "^ExecStart=$TLSHAKE " "$T/tlshake@.service" || fail "no ExecStart=/usr/bin/tlshake in $UNIT"
man=
command -v man >/dev/null 2>&1 || man=--man=no
MANPATH=$T/man systemd-analyze verify $man "$T/tlshake@lo.service" \
    >"$T/verify.out" 2>&1 || fail "systemd-analyze verify: $(cat "$T/verify.out")"
[ -s "$T/verify.out" ] && fail "systemd-analyze verify: $(cat "$T/verify.out")"
echo "ok: systemd-analyze verify tlshake@lo.service: clean"

# The unit's command line, as the unit would run it: ExecStart's options
# with %I = lo, as an unprivileged user with CAP_NET_RAW CAP_NET_ADMIN
# ambient and no_new_privs.
if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null 2>&1 &&
    id nobody >/dev/null 2>&1; then
	chmod 755 "$T"
	mkdir "$T/log" && chown nobody "$T/log"
	args=$(sed -n 's/^ExecStart=[^ ]* //p' "$UNIT" |
	    sed "s|%I|lo|g; s|/var/log/tlshake/|$T/log/|; s|-Z tlshake|-Z nobody|")
	# shellcheck disable=SC2086
	setpriv --reuid=nobody --regid=nogroup --clear-groups \
	    --inh-caps=+net_raw,+net_admin --ambient-caps=+net_raw,+net_admin \
	    --no-new-privs "$TLSHAKE" $args -c 1 --idle 1 \
	    >"$T/svc.out" 2>"$T/svc.err" &
	sp=$!
	n=0
	while [ $n -lt 100 ] && ! grep -q "listening on" "$T/svc.err"; do
		sleep 0.1; n=$((n + 1))
	done
	grep -q "listening on lo" "$T/svc.err" || {
		kill "$sp" 2>/dev/null; fail "the service's command did not start: $(cat "$T/svc.err")"; }
	kill -TERM "$sp"; wait "$sp"
	rc=$?
	[ $rc = 0 ] || fail "the service's command exit $rc: $(cat "$T/svc.err")"
	[ -f "$T/log/lo.json" ] || fail "no $T/log/lo.json"
	echo "ok: ExecStart runs as nobody with ambient CAP_NET_RAW CAP_NET_ADMIN"
else
	echo "note: not root or no setpriv: the service's command line not run"
fi

if command -v logrotate >/dev/null 2>&1; then
	# The package makes the user tlshake; here it may not exist.
	lr=$top_srcdir/contrib/tlshake.logrotate
	if ! id tlshake >/dev/null 2>&1; then
		sed 's/^\(\tsu\) tlshake tlshake/\1 nobody nogroup/' "$lr" > "$T/lr.conf"
		lr=$T/lr.conf
	fi
	logrotate -d -s "$T/state" "$lr" \
	    >"$T/lr.out" 2>&1 || fail "logrotate -d: $(cat "$T/lr.out")"
	grep -qi "error" "$T/lr.out" && fail "logrotate -d: $(cat "$T/lr.out")"
	echo "ok: logrotate -d accepts contrib/tlshake.logrotate"
else
	echo "note: logrotate is not installed; the snippet is not checked"
fi
