#!/bin/sh
#
# derive.sh regenerates the registry TSVs of src/dissect/data from two
# independent offline sources and prints the cross-check between them.
# It is a maintainer tool: the build only reads the TSVs it writes.
#
#   cd /tmp && apt-get download testssl.sh && dpkg -x testssl.sh_*.deb testssl
#   src/dissect/data/derive.sh /tmp/testssl/etc/testssl src/dissect/data
#
# Needs tshark (for "tshark -G values") and a POSIX sh, awk, sort.
# The IANA registries are the reference for names; both sources lag
# behind them, so the few values they lack or name differently are
# listed below with the registry entry they come from.

set -eu

TS=${1:-/tmp/testssl/etc/testssl}
OUT=${2:-$(dirname "$0")}
LC_ALL=C
export LC_ALL

for f in "$TS/cipher-mapping.txt" "$TS/curves-mapping.txt"; do
	[ -r "$f" ] || { echo "derive.sh: cannot read $f" >&2; exit 1; }
done

TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT INT TERM

tshark -G values 2>/dev/null >"$TMP/values"

# vals FIELD: "value<TAB>name" lines of one tshark value_string.
vals()
{
	awk -F'\t' -v f="$1" '$1 == "V" && $2 == f { print $3 "\t" $4 }' \
	    "$TMP/values"
}

# hex4 [WIDTH]: normalise decimal or 0x values to 0xXXXX (or WIDTH digits).
hex4()
{
	awk -F'\t' -v w="${1:-4}" '{
		v = $1; n = 0
		if (v ~ /^0x/) {
			v = toupper(substr(v, 3))
			for (i = 1; i <= length(v); i++)
				n = n * 16 + index("0123456789ABCDEF",
				    substr(v, i, 1)) - 1
		} else
			n = v + 0
		$1 = sprintf("0x%0" w "X", n); print
	}' OFS='\t'
}

# ---------------------------------------------------------------- suites

# testssl: id iana openssl proto kx au enc mac export
awk 'length($1) == 9 {
	split($1, b, ",")
	id = "0x" toupper(substr(b[1], 3)) toupper(substr(b[2], 3))
	ex = ($10 == "export") ? "export" : "-"
	print id "\t" $4 "\t" $3 "\t" $5 "\t" $6 "\t" $7 "\t" $8 "\t" $9 "\t" ex
}' "$TS/cipher-mapping.txt" | sort -t'	' -k1,1 -u >"$TMP/ts-suites"

vals tls.handshake.ciphersuite | hex4 | grep -v 'GREASE' |
    sort -t'	' -k1,1 -u >"$TMP/ws-suites"

# IANA values neither source knows yet (TLS Cipher Suites registry,
# draft-irtf-cfrg-aegis-aead).
cat >"$TMP/iana-suites" <<'X'
0x1306	TLS_AEGIS_256_SHA512
0x1307	TLS_AEGIS_128L_SHA256
X

awk -F'\t' -v TSF="$TMP/ts-suites" -v WSF="$TMP/ws-suites" \
    -v IAF="$TMP/iana-suites" -v REP="$TMP/report" -v OUTF="$OUT/suites.tsv" '
function tok(k, v) { split(v, t, " "); KXT[k] = t[1]; AUT[k] = t[2] }
BEGIN {
	tok("NULL", "NULL NULL");		tok("RSA", "RSA RSA")
	tok("RSA_FIPS", "RSA RSA");		tok("RSA_EXPORT", "RSA_EXPORT RSA")
	tok("RSA_EXPORT1024", "RSA_EXPORT RSA")
	tok("DH_DSS", "DH DSS");		tok("DH_RSA", "DH RSA")
	tok("DHE_DSS", "DHE DSS");		tok("DHE_RSA", "DHE RSA")
	tok("DH_DSS_EXPORT", "DH_EXPORT DSS");	tok("DH_RSA_EXPORT", "DH_EXPORT RSA")
	tok("DHE_DSS_EXPORT", "DHE_EXPORT DSS")
	tok("DHE_RSA_EXPORT", "DHE_EXPORT RSA")
	tok("DHE_DSS_EXPORT1024", "DHE_EXPORT DSS")
	tok("DH_anon", "DHE ANON");		tok("DH_anon_EXPORT", "DHE_EXPORT ANON")
	tok("ECDH_anon", "ECDHE ANON")
	tok("FORTEZZA_KEA", "FORTEZZA FORTEZZA")
	tok("KRB5", "KRB5 KRB5");		tok("KRB5_EXPORT", "KRB5_EXPORT KRB5")
	tok("PSK", "PSK PSK");			tok("DHE_PSK", "DHE_PSK PSK")
	tok("PSK_DHE", "DHE_PSK PSK")
	tok("RSA_PSK", "RSA_PSK RSA");		tok("ECDHE_PSK", "ECDHE_PSK PSK")
	tok("ECDH_ECDSA", "ECDH ECDSA");	tok("ECDHE_ECDSA", "ECDHE ECDSA")
	tok("ECDH_RSA", "ECDH RSA");		tok("ECDHE_RSA", "ECDHE RSA")
	tok("SRP_SHA", "SRP SRP");		tok("SRP_SHA_RSA", "SRP RSA")
	tok("SRP_SHA_DSS", "SRP DSS");		tok("ECCPWD", "ECCPWD ECCPWD")
	tok("ECJPAKE", "ECJPAKE ECJPAKE")
	tok("CECPQ1_RSA", "CECPQ1 RSA");	tok("CECPQ1_ECDSA", "CECPQ1 ECDSA")
	tok("GOSTR341094", "GOST GOST");	tok("GOSTR341001", "GOST GOST")
	tok("GOSTR341112_256", "GOST GOST");	tok("GOSTR341094_RSA", "RSA RSA")
	# GM/T 0024 (TLCP) suites: SM2 static ("ECC"), identity-based.
	tok("GM_ECDHE", "ECDHE SM2");		tok("GM_ECC", "SM2 SM2")
	tok("GM_IBSDH", "IBSDH IBC");		tok("GM_IBC", "IBC IBC")
	tok("GM_RSA", "RSA RSA")

	n = split("NULL RC4_40 RC4_56 RC4_128 RC2_CBC_40 RC2_CBC_56" \
	    " DES40_CBC DES_CBC 3DES_EDE_CBC IDEA_CBC FORTEZZA_CBC" \
	    " AES_128_CBC AES_256_CBC AES_128_GCM AES_256_GCM AES_128_CCM" \
	    " AES_256_CCM AES_128_CCM_8 AES_256_CCM_8 CHACHA20_POLY1305" \
	    " CAMELLIA_128_CBC CAMELLIA_256_CBC CAMELLIA_128_GCM" \
	    " CAMELLIA_256_GCM ARIA_128_CBC ARIA_256_CBC ARIA_128_GCM" \
	    " ARIA_256_GCM SEED_CBC SM1_CBC SM4_CBC SM4_GCM SM4_CCM" \
	    " KUZNYECHIK_CTR MAGMA_CTR KUZNYECHIK_MGM_L KUZNYECHIK_MGM_S" \
	    " MAGMA_MGM_L MAGMA_MGM_S ESTREAM_SALSA20 SALSA20 AEGIS_128L" \
	    " AEGIS_256", e, " ")
	for (i = 1; i <= n; i++)
		ENCT[e[i]] = e[i]
	ENCT["DES_CBC_40"] = "DES40_CBC"
	ENCT["28147_CNT"] = "GOST28147_CNT"
	ENCT["SM1"] = "SM1_CBC"

	# Suffix naming the MAC (or, for AEAD suites, the PRF hash).
	ns = split("_SHA384 _SHA256 _SHA512 _SHA1 _SHA _MD5 _SM3 _IMIT" \
	    " _OMAC _GOST94 _GOSTR3411 _NULL", suf, " ")
	MACT["_SHA384"] = "SHA384"; MACT["_SHA256"] = "SHA256"
	MACT["_SHA512"] = "SHA512"; MACT["_SHA1"] = "SHA1"
	MACT["_SHA"] = "SHA1"; MACT["_MD5"] = "MD5"; MACT["_SM3"] = "SM3"
	MACT["_IMIT"] = "GOST28147"; MACT["_OMAC"] = "OMAC"
	MACT["_GOST94"] = "GOSTR3411"; MACT["_GOSTR3411"] = "GOSTR3411"
	MACT["_NULL"] = "NULL"

	# Private-use GOST values testssl names only the OpenSSL way.
	FIX["0xFF02"] = "GOST-GOST89MAC\tTLS1.0\tRSA\tRSA\tGOST28147_CNT\tGOST28147\tGOSTR3411"
	FIX["0xFF03"] = "GOST-GOST89STREAM\tTLS1.0\tRSA\tRSA\tGOST28147_CNT\tGOST28147\tGOSTR3411"
	FIX["0xFF85"] = "GOST2012256-GOST89-GOST89\tTLS1.2\tGOST\tGOST\tGOST28147_CNT\tGOST28147\tSTREEBOG256"
	FIX["0xFF87"] = "GOST2012256-NULL-STREEBOG256\tTLS1.2\tGOST\tGOST\tNULL\tSTREEBOG256\tSTREEBOG256"
	SIG["TLS_EMPTY_RENEGOTIATION_INFO_SCSV"] = 1
	SIG["TLS_FALLBACK_SCSV"] = 1

	while ((getline l < TSF) > 0) {
		split(l, f, "\t"); TS[f[1]] = l; ALL[f[1]] = 1
	}
	while ((getline l < WSF) > 0) {
		split(l, f, "\t"); WS[f[1]] = f[2]; ALL[f[1]] = 1
	}
	while ((getline l < IAF) > 0) {
		split(l, f, "\t"); IA[f[1]] = f[2]; ALL[f[1]] = 1
	}
}

function aead(enc) {
	return enc ~ /_GCM$|_CCM$|_CCM_8$|^CHACHA20_POLY1305$|_MGM_|^AEGIS_/
}

# decomp sets P KX AU ENC MAC H from an IANA-style name; 0 if unparsed.
function decomp(id, name,    s, k, c, i, sx, ok) {
	P = KX = AU = ENC = MAC = H = "-"
	if (id in FIX) {
		split(FIX[id], t, "\t")
		P = t[2]; KX = t[3]; AU = t[4]; ENC = t[5]; MAC = t[6]; H = t[7]
		return 1
	}
	if (name in SIG)
		return 1
	s = name
	sub(/^(TLS|SSL)_/, "", s)
	sub(/_OLD$/, "", s)
	if (s ~ /_WITH_/) {
		k = s; sub(/_WITH_.*/, "", k)
		c = s; sub(/.*_WITH_/, "", c)
	} else if (id ~ /^0xE0/) {
		k = s; sub(/_.*/, "", k); k = "GM_" k
		c = s; sub(/^[^_]*_/, "", c)
	} else if (id ~ /^0x13/ || s ~ /^(SM4|AEGIS|SHA256|SHA384)_/) {
		k = "ANY"; c = s
	} else
		return 0
	if (k == "ANY") { KX = AU = "ANY" }
	else if (k in KXT) { KX = KXT[k]; AU = AUT[k] }
	else return 0
	sx = ""
	for (i = 1; i <= ns; i++)
		if (length(c) > length(suf[i]) &&
		    substr(c, length(c) - length(suf[i]) + 1) == suf[i]) {
			sx = suf[i]; c = substr(c, 1, length(c) - length(sx))
			break
		}
	# RFC 9150 integrity-only TLS 1.3 suites: TLS_SHA256_SHA256.
	if (c == "SHA256" || c == "SHA384") c = "NULL"
	if (!(c in ENCT)) return 0
	ENC = ENCT[c]
	if (aead(ENC)) {
		MAC = "AEAD"
		H = (sx == "") ? "SHA256" : MACT[sx]
	} else {
		if (sx == "") return 0
		MAC = MACT[sx]
		H = (MAC ~ /^(SHA256|SHA384|SM3)$/) ? MAC : "SHA256"
	}
	if (k ~ /^GOSTR3410(94|01)/ || (id ~ /^0xFF0/ && ENC ~ /GOST/))
		H = "GOSTR3411"
	if (k ~ /^GOSTR341112/ || ENC ~ /^(KUZNYECHIK|MAGMA)/)
		H = "STREEBOG256"
	# RFC 9367: the MGM suites are TLS 1.3 suites despite "_WITH_".
	if (ENC ~ /_MGM_/)
		KX = AU = "ANY"
	if (KX == "ANY")
		P = "TLS1.3"
	else if (KX ~ /PSK/ && MAC ~ /^SHA(256|384)$/)
		# RFC 5487, 3.2 (and 5489, 6209, 6367 after it): the
		# PSK HMAC-SHA-2 suites work with the TLS 1.0 PRF too.
		P = "TLS1.0"
	else if (MAC == "AEAD" || H == "STREEBOG256" ||
	    MAC ~ /^(SHA256|SHA384|SM3|OMAC)$/)
		P = "TLS1.2"
	else if (H == "GOSTR3411")
		P = "TLS1.0"
	else
		P = "SSL3"
	return 1
}

# Normalise our tokens and testssl tokens to one comparable vocabulary.
function nkx(x) {
	if (x ~ /^(DH|DHE|DH_EXPORT|DHE_EXPORT)$/) return "DH"
	if (x ~ /^(ECDH|ECDHE)$/) return "ECDH"
	if (x ~ /^RSA(_EXPORT)?$/) return "RSA"
	if (x ~ /^KRB5/) return "KRB5"
	if (x == "ANY") return "any"
	if (x == "NULL") return "None"
	gsub(/_/, "", x); return x
}
function tkx(x) { sub(/^Kx=/, "", x); sub(/[(\/].*/, "", x); return x }
function nau(a, kx) {
	if (kx ~ /^DH(_EXPORT)?$/) return "DH"
	if (kx == "ECDH") return "ECDH"
	if (a == "ANON" || a == "NULL") return "None"
	if (a == "ANY") return "any"
	return a
}
function tau(a) { sub(/^Au=/, "", a); if (a ~ /^GOST/) a = "GOST"; return a }
function tenc(e,    b, m) {
	sub(/^Enc=/, "", e)
	if (e == "None") return "NULL"
	b = e; sub(/\(.*/, "", b); m = e; sub(/.*\(/, "", m); sub(/\)/, "", m)
	if (b == "3DES") return "3DES_EDE_CBC"
	if (b == "DES") return (m == 40) ? "DES40_CBC" : "DES_CBC"
	if (b == "RC4") return "RC4_" m
	if (b == "RC2") return "RC2_CBC_" m
	if (b == "IDEA") return "IDEA_CBC"
	if (b == "SEED") return "SEED_CBC"
	if (b == "GOST") return "GOST28147_CNT"
	if (b == "ChaCha20") return "CHACHA20_POLY1305"
	if (b == "AES") return "AES_" m "_CBC"
	if (b == "AESGCM") return "AES_" m "_GCM"
	if (b == "AESCCM") return "AES_" m "_CCM"
	if (b == "AESCCM8") return "AES_" m "_CCM_8"
	b = toupper(b)
	if (b ~ /GCM$/) { sub(/GCM$/, "", b); return b "_" m "_GCM" }
	return b "_" m "_CBC"
}
function tmac(m) {
	sub(/^Mac=/, "", m)
	if (m == "GOST89IMIT") return "GOST28147"
	if (m == "GOST94") return "GOSTR3411"
	if (m == "Null") return "NULL"
	return m
}
function tproto(p) {
	if (p == "SSLv3") return "SSL3"
	if (p == "TLSv1") return "TLS1.0"
	sub(/^TLSv/, "TLS", p); return p
}
function note(s) { print s >> REP; nrep++ }
# voc records token t of column c once, keeping each list sorted.
function voc(c, t,    j) {
	if (t == "-" || ((c, t) in SEEN)) return
	SEEN[c, t] = 1
	for (j = ++nvoc[c]; j > 1 && VOC[c, j - 1] > t; j--)
		VOC[c, j] = VOC[c, j - 1]
	VOC[c, j] = t
}

END {
	nout = 0
	for (id in ALL) order[++nall] = id
	# insertion sort: ids are fixed-width, string order is numeric order
	for (i = 2; i <= nall; i++) {
		v = order[i]
		for (j = i - 1; j >= 1 && order[j] > v; j--)
			order[j + 1] = order[j]
		order[j + 1] = v
	}
	for (i = 1; i <= nall; i++) {
		id = order[i]
		tsn = ""; if (id in TS) { split(TS[id], tf, "\t"); tsn = tf[2] }
		wsn = (id in WS) ? WS[id] : ""
		name = (id in IA) ? IA[id] : ""
		if (name == "") {
			if (tsn != "" && tsn != "-") name = tsn
			else if (wsn != "") name = wsn
			else name = tf[3]
		}
		if (tsn != "" && tsn != "-" && wsn != "" && tsn != wsn) {
			note("name " id ": testssl " tsn " / tshark " wsn)
			nname++
			# testssl drops CBC from the draft name; keep tshark.
			if (id == "0x0061") name = wsn
		}
		if (!(id in TS) && !(id in IA)) only_ws++
		if (!(id in WS) && !(id in IA)) only_ts++
		if (!decomp(id, name)) {
			print "derive.sh: cannot decompose " id " " name \
			    > "/dev/stderr"
			bad = 1
			continue
		}
		if (id in TS) {
			ncmp++
			d = ""
			if (nkx(KX) != tkx(tf[5]))
				d = d " kx " KX "/" tf[5]
			if (nau(AU, KX) != tau(tf[6]))
				d = d " au " AU "/" tf[6]
			if (ENC != tenc(tf[7]))
				d = d " enc " ENC "/" tf[7]
			if (MAC != tmac(tf[8]))
				d = d " mac " MAC "/" tf[8]
			if ((KX ~ /EXPORT/) != (tf[9] == "export"))
				d = d " export " KX "/" tf[9]
			if (d != "") { note("decomp " id " " name ":" d); ndec++ }
			if (P != tproto(tf[4])) {
				nproto++
				protodiff[P " vs testssl " tproto(tf[4])] = \
				    protodiff[P " vs testssl " tproto(tf[4])] " " id
			}
		}
		row[++nout] = id "\t" name "\t" P "\t" KX "\t" AU "\t" \
		    ENC "\t" MAC "\t" H
		voc(1, P); voc(2, KX); voc(3, AU); voc(4, ENC); voc(5, MAC)
		voc(6, H)
	}
	print "# TLS cipher suites by id, named as in the IANA registry (derive.sh)." > OUTF
	print "# id\tiana_name\tprotocol\tkx\tauth\tenc\tmac\thash" > OUTF
	print "# protocol: oldest version the suite works with. TLS1.3: TLS 1.3 suites" > OUTF
	print "#   (kx, auth ANY). TLS1.2: AEAD or SHA-2 MAC/PRF, except PSK HMAC-SHA-2" > OUTF
	print "#   suites (RFC 5487) and GOST 28147 suites on the GOST R 34.11-94 PRF:" > OUTF
	print "#   TLS1.0. SSL3: the rest." > OUTF
	print "# hash: hash of the TLS 1.2 PRF or TLS 1.3 HKDF: the one the suite" > OUTF
	print "#   names, else SHA256 as TLS 1.2 uses (CCM, MD5/SHA1 MAC suites);" > OUTF
	print "#   TLS 1.0/1.1 use MD5+SHA1 whatever the suite." > OUTF
	print "# EXPORT is a kx property (RSA_EXPORT, ...). DH_anon and ECDH_anon are" > OUTF
	print "#   ephemeral: kx DHE/ECDHE, auth ANON." > OUTF
	print "# \"-\": not applicable (signalling values 0x00FF, 0x5600)." > OUTF
	split("protocol kx auth enc mac hash", vn, " ")
	for (c = 1; c <= 6; c++) {
		line = "# " vn[c] ":"
		for (j = 1; j <= nvoc[c]; j++) {
			if (length(line) + length(VOC[c, j]) > 76) {
				print line > OUTF; line = "#  "
			}
			line = line " " VOC[c, j]
		}
		print line > OUTF
	}
	for (j = 1; j <= nout; j++)
		print row[j] > OUTF
	for (k in protodiff)
		note("protocol rule: ours " k ": " protodiff[k])
	printf("suites: %d written; testssl %d, tshark %d, IANA-only %d;" \
	    " only in tshark %d, only in testssl %d\n", nout, length_ts(),
	    length_ws(), length_ia(), only_ws, only_ts) >> REP
	printf("suites: %d name disagreements, %d decomposition" \
	    " disagreements of %d compared, %d protocol differences\n",
	    nname, ndec, ncmp, nproto) >> REP
	exit bad
}
function length_ts(   k, n) { for (k in TS) n++; return n }
function length_ws(   k, n) { for (k in WS) n++; return n }
function length_ia(   k, n) { for (k in IA) n++; return n }
' </dev/null

# Every suite either source knows must be in the table written.
cut -f1 "$TMP/ts-suites" "$TMP/ws-suites" | sort -u >"$TMP/want"
grep -v '^#' "$OUT/suites.tsv" | cut -f1 | sort >"$TMP/have"
comm -23 "$TMP/want" "$TMP/have" >"$TMP/missing"
echo "suites: $(wc -l <"$TMP/missing") ids of testssl or tshark missing" \
    "from suites.tsv" >>"$TMP/report"
if [ -s "$TMP/missing" ]; then
	cat "$TMP/missing" >&2
	exit 1
fi

# ---------------------------------------------------------------- SSLv2

{
	awk 'length($1) == 14 {
		split($1, b, ",")
		printf("0x%s%s%s\t%s\tts\n", toupper(substr(b[1], 3)),
		    toupper(substr(b[2], 3)), toupper(substr(b[3], 3)), $4)
	}' "$TS/cipher-mapping.txt"
	vals tls.handshake.cipherspec | awk -F'\t' '$1 > 65535 {
		n = $2; sub(/^SSL2_/, "SSL_CK_", n)
		printf("0x%06X\t%s\tws\n", $1, n)
	}'
} | sort -t'	' -k1,1 -k3,3 | awk -F'\t' -v REP="$TMP/report" \
    -v OUTF="$OUT/sslv2.tsv" '
BEGIN { print "# id name: SSLv2 CIPHER-SPECs, named as in the SSLv2 draft" \
    " (SSL_CK_*)" > OUTF }
$1 "" == last "" { if ($2 != lname) { print "sslv2 name " $1 ": " lname " / " $2 \
    >> REP; nd++ } ; next }
{ print $1 "\t" $2 > OUTF; last = $1; lname = $2; n++ }
END { printf("sslv2: %d written, %d name disagreements\n", n, nd) >> REP }'

# ---------------------------------------------------------------- small registries

# merge NAME HEADER: stdin is "id<TAB>name<TAB>source" with source tshark,
# testssl or iana; iana overrides, "-" as name drops the value.
merge()
{
	sort -t'	' -k1,1 | awk -F'\t' -v what="$1" -v hdr="$2" \
	    -v REP="$TMP/report" -v OUTF="$OUT/$1.tsv" '
	BEGIN { print "# " hdr > OUTF }
	# mawk reads "0x0000" as the number 0: compare ids as strings.
	$1 "" != cur "" { flush(); cur = $1 ""; split("", nm) }
	{ nm[$3] = $2 }
	function flush(   n, s) {
		if (cur == "") return
		n = ("iana" in nm) ? nm["iana"] : \
		    ("tshark" in nm) ? nm["tshark"] : nm["testssl"]
		if (("tshark" in nm) && ("testssl" in nm) &&
		    nm["tshark"] != nm["testssl"]) {
			print what " " cur ": tshark " nm["tshark"] \
			    " / testssl " nm["testssl"] >> REP; nd++
		}
		if ("iana" in nm) {
			s = ""
			if ("tshark" in nm && nm["tshark"] != nm["iana"])
				s = s " tshark " nm["tshark"]
			if ("testssl" in nm && nm["testssl"] != nm["iana"])
				s = s " testssl " nm["testssl"]
			if (!("tshark" in nm) && !("testssl" in nm))
				s = " (in neither source)"
			if (s != "") {
				print what " " cur ": override " nm["iana"] ":" s \
				    >> REP; ni++
			}
		}
		if (n != "-") { print cur "\t" n > OUTF; cnt++ }
	}
	END {
		flush()
		printf("%s: %d written, %d tshark/testssl disagreements," \
		    " %d overrides (IANA or noted)\n", what, cnt, nd,
		    ni) >> REP
	}'
}

# Wireshark capitalises descriptions; IANA writes snake_case.
snake()
{
	awk -F'\t' -v src="$1" '{
		n = tolower($2); gsub(/ /, "_", n)
		print $1 "\t" n "\t" src
	}' OFS='\t'
}

{
	vals tls.handshake.extensions_supported_group | hex4 |
	    awk -F'\t' '{ print $1 "\t" $2 "\ttshark" }'
	awk 'length($1) == 9 {
		split($1, b, ",")
		printf("0x%s%s\t%s\ttestssl\n", toupper(substr(b[1], 3)),
		    toupper(substr(b[2], 3)), $4)
	}' "$TS/curves-mapping.txt"
	# IANA TLS Supported Groups, where the sources lag or differ.
	# 0x0000 is not a group; GREASE is answered by code;
	# tshark 4.0 gives OQS experiment code points that IANA has since
	# assigned otherwise (0x0200-0x0202) or never assigned (0x2Fxx).
	vals tls.handshake.extensions_supported_group | hex4 |
	    awk -F'\t' '$2 ~ /GREASE/ || $1 ~ /^0x02|^0x2F/ {
		print $1 "\t-\tiana" }'
	cat <<'X'
0x0000	-	iana
0x0200	MLKEM512	iana
0x0201	MLKEM768	iana
0x0202	MLKEM1024	iana
0x11EB	SecP256r1MLKEM768	iana
0x11EC	X25519MLKEM768	iana
0x11ED	SecP384r1MLKEM1024	iana
0x11EE	curveSM2MLKEM768	iana
0x6399	X25519Kyber768Draft00	iana
0x639A	SecP256r1Kyber768Draft00	iana
X
} | merge groups "id name: TLS Supported Groups (IANA spelling)"

{
	vals tls.handshake.sig_hash_alg | hex4 |
	    awk -F'\t' '{ print $1 "\t" $2 "\ttshark" }'
	# tshark 4.0 lists OQS experiment values in the private-use range.
	vals tls.handshake.sig_hash_alg | hex4 |
	    awk -F'\t' '$1 ~ /^0xFE/ { print $1 "\t-\tiana" }'
	# IANA TLS SignatureScheme, plus the TLS 1.2 (hash, signature)
	# pairs no scheme names, spelt hash_signature as Wireshark shows
	# them (RFC 5246, 7.4.1.4.1); IANA's dsa_*_RESERVED are DSA pairs.
	cat <<'X'
0x0101	md5_rsa	iana
0x0102	md5_dsa	iana
0x0103	md5_ecdsa	iana
0x0202	sha1_dsa	iana
0x0301	sha224_rsa	iana
0x0302	sha224_dsa	iana
0x0303	sha224_ecdsa	iana
0x0402	sha256_dsa	iana
0x0420	rsa_pkcs1_sha256_legacy	iana
0x0502	sha384_dsa	iana
0x0520	rsa_pkcs1_sha384_legacy	iana
0x0602	sha512_dsa	iana
0x0620	rsa_pkcs1_sha512_legacy	iana
0x0704	eccsi_sha256	iana
0x0705	iso_ibs1	iana
0x0706	iso_ibs2	iana
0x0707	iso_chinese_ibs	iana
0x0709	gostr34102012_256a	iana
0x070A	gostr34102012_256b	iana
0x070B	gostr34102012_256c	iana
0x070C	gostr34102012_256d	iana
0x070D	gostr34102012_512a	iana
0x070E	gostr34102012_512b	iana
0x070F	gostr34102012_512c	iana
0x081A	ecdsa_brainpoolP256r1tls13_sha256	iana
0x081B	ecdsa_brainpoolP384r1tls13_sha384	iana
0x081C	ecdsa_brainpoolP512r1tls13_sha512	iana
0x0904	mldsa44	iana
0x0905	mldsa65	iana
0x0906	mldsa87	iana
X
} | merge sigalgs "id name: TLS SignatureScheme (IANA), legacy TLS 1.2 pairs as hash_sig"

{
	vals tls.handshake.extension.type | hex4 | snake tshark
	# IANA TLS ExtensionType Values, where tshark 4.0 lags or differs.
	vals tls.handshake.extension.type | hex4 |
	    awk -F'\t' '$2 ~ /GREASE|^Reserved/ { print $1 "\t-\tiana" }'
	cat <<'X'
0x001A	tls_lts	iana
0x001D	pwd_protect	iana
0x001E	pwd_clear	iana
0x001F	password_salt	iana
0x0020	ticket_pinning	iana
0x0021	tls_cert_with_extern_psk	iana
0x0022	delegated_credential	iana
0x0024	TLMSP	iana
0x0025	TLMSP_proxying	iana
0x0026	TLMSP_delegate	iana
0x0027	supported_ekt_ciphers	iana
0x0035	connection_id_deprecated	iana
0x003C	sequence_number_encryption_algorithms	iana
0x003D	rrc	iana
0x44CD	application_settings_new	iana
0xFD00	ech_outer_extensions	iana
0xFE0D	encrypted_client_hello	iana
0xFFA5	quic_transport_parameters_draft	iana
X
} | merge extensions "id name: TLS ExtensionType (IANA; others as Wireshark names them)"

{
	vals tls.alert_message.desc | hex4 2 | snake tshark
	# IANA TLS Alerts: 1 was end_of_early_data only in TLS 1.3
	# drafts; legacy values keep their name without "_RESERVED".
	cat <<'X'
0x01	-	iana
0x34	too_many_cids_requested	iana
0x75	general_error	iana
X
} | merge alerts "id name: TLS Alerts (IANA AlertDescription, legacy names without _RESERVED)"

{
	# tshark prints the SSLv2 message types first under the same
	# field; the TLS list starts at "Hello Request".
	vals tls.handshake.type | awk -F'\t' '$2 == "Hello Request" { on = 1 }
	    on' | hex4 2 | snake tshark
	cat <<'X'
0x09	request_connection_id	iana
0x0A	new_connection_id	iana
0x11	client_certificate_request	iana
0x15	certificate_url	iana
0x1A	ekt_key	iana
0x43	next_protocol	iana
0xFE	message_hash	iana
X
} | merge handshake "id name: TLS HandshakeType (IANA); 67 is NPN's NextProtocol"

cat "$TMP/report"
