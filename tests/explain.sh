#!/bin/sh
# --explain: every step code of the source is listed in tlshake(1) and no
# other; the codes of each project capture's connections are what its
# peers were set up to do and the values in the sentences are the JSON's
# (tests/explain.py); a self-signed and an expired chain made here with
# openssl (tests/mkexplain.py writes the handshake, the client refusing
# with the alert OpenSSL sends); the Korean catalogue is complete and
# gives the same codes in Korean words.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
need python3
need openssl
tmpdir
bad=0

# The codes of src/view/words.c and those of the man page, both ways.
grep -o '"explain\.[a-z0-9_.]*"' "$top_srcdir/src/view/words.c" | tr -d '"' |
    sort -u > "$T/src.codes"
sed -n 's/^\.It Li \(explain\.[a-z0-9_.]*\)$/\1/p' "$top_srcdir/man/tlshake.1" |
    sort -u > "$T/man.codes"
[ "$(wc -l < "$T/src.codes")" -ge 30 ] || fail "too few codes: $(cat "$T/src.codes")"
if ! cmp -s "$T/src.codes" "$T/man.codes"; then
	echo "FAIL: codes in the source (<) and in tlshake(1) (>) differ:"
	diff "$T/src.codes" "$T/man.codes"
	bad=$((bad + 1))
fi

# A self-signed leaf, and a leaf of a CA made here that expired 9 days
# before the capture (valid one day from now; the capture ten days on).
now=$(date +%s)
printf '[v3]\nbasicConstraints=critical,CA:true\nkeyUsage=critical,keyCertSign\n' > "$T/ca.ext"
printf '[v3]\nsubjectAltName=DNS:www.example.test\n' > "$T/leaf.ext"
(cd "$T" &&
openssl req -x509 -newkey rsa:2048 -nodes -keyout self.key -days 30 \
    -subj "/O=tlshake test/CN=www.example.test" \
    -addext subjectAltName=DNS:www.example.test -out self.pem &&
openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -days 3650 \
    -subj "/O=tlshake test/CN=Explain Test CA" -out ca.pem &&
openssl req -new -newkey rsa:2048 -nodes -keyout old.key \
    -subj "/O=tlshake test/CN=www.example.test" -out old.csr &&
openssl x509 -req -in old.csr -CA ca.pem -CAkey ca.key -CAcreateserial \
    -days 1 -extfile leaf.ext -extensions v3 -out old.pem &&
openssl x509 -in self.pem -outform DER -out self.der &&
openssl x509 -in old.pem -outform DER -out old.der &&
openssl x509 -in ca.pem -outform DER -out ca.der) >/dev/null 2>&1 ||
	fail "openssl could not make the certificates"
python3 "$top_srcdir/tests/mkexplain.py" "$T/self.pcap" $((now + 3600)) 48 \
    "$T/self.der" || fail "mkexplain self"
python3 "$top_srcdir/tests/mkexplain.py" "$T/old.pcap" $((now + 10 * 86400 + 3600)) 45 \
    "$T/old.der" "$T/ca.der" || fail "mkexplain old"
cat "$PCAPS/certs/root.pem" "$T/ca.pem" > "$T/trust.pem"
refused="tcp.handshake,hello.offer,hello.choice"
python3 "$top_srcdir/tests/explain.py" "$TLSHAKE" "$PCAPS" "$T/trust.pem" \
    "$T/self.pcap:$refused,cert.self_signed,alert" \
    "$T/old.pcap:$refused,cert.expired,alert" || bad=$((bad + 1))
"$TLSHAKE" -q --explain -r "$T/old.pcap" --ca-file "$T/trust.pem" > "$T/old.txt"
grep -q "expired on $(date -u -d @$((now + 86400)) +%Y-%m-%d), 9 days before the capture" \
    "$T/old.txt" || { echo "FAIL expired: $(cat "$T/old.txt")"; bad=$((bad + 1)); }

# The HTML report: each connection's section lists the same steps.
"$TLSHAKE" --report html -q -o "$T/r.html" -r "$PCAPS/demo.pcap" || fail "--report html"
"$TLSHAKE" --json --explain -r "$PCAPS/demo.pcap" > "$T/demo.jsonl"
python3 - "$T/r.html" "$T/demo.jsonl" <<'PY' || bad=$((bad + 1))
import json, re, sys
html = open(sys.argv[1], encoding="utf-8").read()
bad = 0
for l in open(sys.argv[2]):
    d = json.loads(l)
    m = re.search(r'<section id="c%d">(.*?)</section>' % d["conn"], html, re.S)
    got = re.findall(r'<li data-code="([^"]+)">', m.group(1)) if m else None
    want = [s["code"] for s in d["explain"]]
    if got != want:
        print("FAIL html #%d: %s, want %s" % (d["conn"], got, want))
        bad += 1
sys.exit(1 if bad else 0)
PY

# The Korean catalogue: complete, and used.
if command -v msgfmt >/dev/null 2>&1; then
	st=$(msgfmt --check --statistics -o "$T/ko.mo" "$top_srcdir/po/ko.po" 2>&1) ||
		{ echo "FAIL msgfmt --check: $st"; bad=$((bad + 1)); }
	echo "po/ko.po: $st"
	case $st in
	*untranslated*|*fuzzy*) echo "FAIL: po/ko.po is not complete"; bad=$((bad + 1)) ;;
	esac
	# Every message of the sources is in it (po/POTFILES.in).
	(cd "$top_srcdir" && grep -v '^#' po/POTFILES.in | xargs xgettext \
	    --from-code=UTF-8 --keyword=_ --keyword=N_ --keyword=P_:1,2 --keyword=P_N:1,2 \
	    -o "$T/all.pot") 2>/dev/null || fail "xgettext"
	msgmerge -q -o "$T/merged.po" "$top_srcdir/po/ko.po" "$T/all.pot" 2>/dev/null
	st=$(msgfmt --statistics -o /dev/null "$T/merged.po" 2>&1)
	case $st in
	*untranslated*|*fuzzy*) echo "FAIL: po/ko.po lacks messages of the sources: $st"
		bad=$((bad + 1)) ;;
	esac
	mkdir -p "$T/locale/ko/LC_MESSAGES" && cp "$T/ko.mo" "$T/locale/ko/LC_MESSAGES/tlshake.mo"
	# LANGUAGE chooses under any UTF-8 locale glibc has.
	ko() { TLSHAKE_LOCALEDIR=$T/locale LC_ALL=C.UTF-8 LANGUAGE=ko "$@"; }
	en=$("$TLSHAKE" --json --explain -r "$PCAPS/demo.pcap" | python3 -c '
import json, sys
for l in sys.stdin:
    d = json.loads(l)
    print(sorted(d), [s["code"] for s in d["explain"]])')
	kr=$(ko "$TLSHAKE" --json --explain -r "$PCAPS/demo.pcap" | python3 -c '
import json, sys, re
for l in sys.stdin:
    d = json.loads(l)
    for s in d["explain"]:
        assert re.search("[\uac00-\ud7a3]", s["text"]), s["text"]
    print(sorted(d), [s["code"] for s in d["explain"]])') ||
		{ echo "FAIL: a Korean step without Korean"; bad=$((bad + 1)); }
	[ -n "$en" ] && [ "$en" = "$kr" ] ||
		{ echo "FAIL: keys or codes change with the language: $en / $kr"; bad=$((bad + 1)); }
	ko "$TLSHAKE" -q --explain -r "$PCAPS/tls12-rsa.pcap" --ca-file "$PCAPS/certs/root.pem" |
	    grep -q "키 교환: RSA 키 전송" ||
		{ echo "FAIL: no Korean RSA key transport step"; bad=$((bad + 1)); }
else
	echo "note: msgfmt is not installed; the Korean catalogue was not checked"
fi
echo "explain: $bad failures"
[ $bad -eq 0 ]
