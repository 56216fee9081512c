#!/bin/sh
# check-deps.sh [SRCDIR]: the layering of STYLE.md, read off the #include
# lines of src/. Each folder may include only the folders below it:
#
#	common				nothing but itself
#	model				common
#	capture, dissect		common, model (never each other)
#	view				common, model, dissect/suite.h
#	tui				common, model, view, dissect/suite.h
#	src/*.c (tlshake, args, pipeline,	everything
#	  output, reader, stats, secrets)
#
# The pipeline (pipeline.c/.h) sits below the output: it includes no view,
# no TUI and none of output, reader, stats, secrets or args; connections
# leave it through its sink. From another folder, a file includes only
# that folder's public headers (PUBLIC below; the rest are private). Also banned: printf, puts,
# perror, err, exit and abort in capture/, dissect/ and model/ (they report
# through their callers), and ntohs/ntohl and casts to struct ip * or
# struct tcphdr * anywhere (the cursor reads the wire). Each violation is
# named with its file and line; exit 1 if there is any.
src=${1:-${top_srcdir:-$(dirname "$0")/..}/src}
cd "$src" || exit 2

# The headers a folder offers to the folders above it.
PUBLIC='
common/arena.h common/buf.h common/cur.h common/esc.h common/limits.h
common/logfile.h
model/anom.h model/certstore.h model/conn.h model/store.h
capture/decode.h capture/flowtab.h capture/pcapin.h capture/reasm.h capture/udpflow.h
dissect/cert.h dissect/decrypt.h dissect/dtls.h dissect/fp.h
dissect/keylog.h dissect/quic.h dissect/suite.h dissect/tls.h
view/agg.h view/diff.h view/ecs.h view/json.h view/label.h view/policy.h
view/report.h view/role.h view/tally.h view/text.h view/explain.h
common/i18n.h
tui/tui.h
'

find . -name '*.[ch]' | sed 's|^\./||' | sort | xargs awk -v public="$PUBLIC" '
BEGIN {
	n = split(public, p, /[ \t\n]+/)
	for (i = 1; i <= n; i++)
		if (p[i] != "")
			pub[p[i]] = 1
	# allowed[layer] = folders it may include
	allowed["common"] = " common "
	allowed["model"] = " common model "
	allowed["capture"] = " common model capture "
	allowed["dissect"] = " common model dissect "
	allowed["view"] = " common model view "
	allowed["tui"] = " common model view tui "
	bad = 0
}
function layer(f,   i) {
	i = index(f, "/")
	return i == 0 ? "top" : substr(f, 1, i - 1)
}
function fail(msg) {
	printf "src/%s:%d: %s\n", FILENAME, FNR, msg
	bad = 1
}
{
	me = layer(FILENAME)
}
/^[ \t]*#[ \t]*include[ \t]*"/ {
	h = $0
	sub(/^[ \t]*#[ \t]*include[ \t]*"/, "", h)
	sub(/".*/, "", h)
	if (FILENAME ~ /^pipeline\.[ch]$/ && (h ~ /^(view|tui)\// ||
	    h ~ /^(output|reader|stats|secrets|args)\.h$/)) {
		fail("the pipeline includes " h ": the output sits above it")
		next
	}
	if (h == "config.h" || index(h, "/") == 0) {
		# a header beside the file (src/*.h, data tables): top only,
		# or a generated table in the same folder
		if (me != "top" && h != "config.h" && h !~ /\.inc$|\.tab\.h$|^check\.h$/)
			fail("includes \"" h "\" by a bare name; name its folder")
		next
	}
	to = layer(h)
	if (me == "top" || to == me) {
		if (to != me && !(h in pub) && to != "top")
			fail("includes " h ", private to " to "/")
		next
	}
	if (h == "dissect/suite.h" && (me == "view" || me == "tui"))
		next
	if (index(allowed[me], " " to " ") == 0) {
		fail(me "/ includes " h ": " to "/ is not below " me "/ (STYLE.md, layering)")
		next
	}
	if (!(h in pub))
		fail("includes " h ", private to " to "/")
}
me == "capture" || me == "dissect" || me == "model" {
	line = $0
	sub(/\/\/.*/, "", line)
	if (line ~ /^[ \t]*\*/ || line ~ /^[ \t]*\/\*/)
		next
	if (match(line, /(^|[^A-Za-z0-9_.>])(printf|puts|perror|err|errx|exit|abort)[ \t]*\(/))
	{
		call = substr(line, RSTART, RLENGTH)
		sub(/^[^A-Za-z]/, "", call)
		fail(me "/ calls " call " (report through the caller)")
	}
}
{
	line = $0
	if (line ~ /^[ \t]*\*/)
		next
	if (line ~ /(^|[^A-Za-z0-9_])ntoh[sl][ \t]*\(/)
		fail("ntohs/ntohl: read the wire through the cursor")
	if (line ~ /\([ \t]*(const[ \t]+)?struct[ \t]+(ip|tcphdr)[ \t]*\*[ \t]*\)/)
		fail("a cast to a packet header struct: read through the cursor")
}
END { exit bad }
' || exit 1
