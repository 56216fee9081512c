/*
 * endrun.c: what a run says at its end when it reported nothing or
 * stopped short: the counts of what was seen, and the reason in words
 * (a filter that matched nothing, -c before any handshake, fewer
 * handshakes than --handshakes asked for, a key log of another capture).
 */
#include "endrun.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

struct line {
	char	*buf;
	size_t	 size, len;
};

static void
add(struct line *l, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (l->len >= l->size)
		return;
	va_start(ap, fmt);
	n = vsnprintf(l->buf + l->len, l->size - l->len, fmt, ap);
	va_end(ap);
	if (n > 0)
		l->len = l->len + (size_t)n < l->size ? l->len + (size_t)n :
		    l->size - 1;
}

/* grouped writes "n" with thousands separators, as the counts are read. */
static const char *
grouped(char out[32], uint64_t n)
{
	char tmp[32];
	int len, i, o = 0;

	len = snprintf(tmp, sizeof(tmp), "%llu", (unsigned long long)n);
	for (i = 0; i < len; i++) {
		if (i > 0 && (len - i) % 3 == 0)
			out[o++] = ',';
		out[o++] = tmp[i];
	}
	out[o] = '\0';
	return out;
}

static const char *
plural(uint64_t n, const char *one, const char *many)
{
	return n == 1 ? one : many;
}

/* What the packets were: "1,204 packets (TCP 1,190 in 12 connections, ...)" */
static void
seen(struct line *l, const struct endrun *e)
{
	char a[32], b[32], c[32], d[32], f[32];

	add(l, "%s %s (TCP %s in %s %s, UDP %s, other %s)",
	    grouped(a, e->packets), plural(e->packets, "packet", "packets"),
	    grouped(b, e->tcp), grouped(c, e->conns),
	    plural(e->conns, "connection", "connections"), grouped(d, e->udp),
	    grouped(f, e->other));
}

static void
nothing_reported(struct line *l, const struct endrun *e)
{
	char a[32];
	bool cut = e->max_packets != 0 && e->packets >= e->max_packets;

	if (e->packets == 0) {
		if (e->filter != NULL)
			add(l, "tlshake: the filter \"%s\" matched no packet "
			    "of %s; nothing to report\n", e->filter,
			    e->source);
		else
			add(l, "tlshake: %s: no packets; nothing to report\n",
			    e->source);
		return;
	}
	add(l, "tlshake: no TLS connections in ");
	if (cut)
		add(l, "the first ");
	seen(l, e);
	if (cut)
		add(l, "; -c %s stopped the capture before any TLS was seen",
		    grouped(a, e->max_packets));
	if (e->conns > 0 && !e->all)
		add(l, "; --all shows every TCP connection");
	add(l, "\n");
}

void
endrun_lines(const struct endrun *e, char *buf, size_t size)
{
	struct line l = { buf, size, 0 };
	char a[32], b[32];

	if (size == 0)
		return;
	buf[0] = '\0';
	if (e->quiet)
		;
	else if (e->reported == 0 && !e->stdout_content)
		nothing_reported(&l, e);
	else if (e->max_packets != 0 && e->packets >= e->max_packets &&
	    e->handshakes == 0)
		add(&l, "tlshake: no TLS handshake completed in the first %s "
		    "%s (-c %s)\n", grouped(a, e->packets),
		    plural(e->packets, "packet", "packets"),
		    grouped(b, e->max_packets));
	if (!e->quiet && e->max_handshakes != 0 &&
	    e->handshakes < e->max_handshakes)
		add(&l, "tlshake: %s TLS %s completed, fewer than "
		    "--handshakes %s asked for: the %s ended first\n",
		    grouped(a, e->handshakes),
		    plural(e->handshakes, "handshake", "handshakes"),
		    grouped(b, e->max_handshakes),
		    e->max_packets != 0 && e->packets >= e->max_packets ?
		    "-c limit" : e->live ? "capture" : "input");
	if (e->keylog != NULL && e->kl_found == 0 && e->kl_missed > 0)
		add(&l, "tlshake: key log %s: %s\n", e->keylog,
		    e->kl_entries == 0 ? "no usable line in it, so nothing "
		    "was decrypted" : "none of its client randoms matches a "
		    "connection of this capture (is it the key log of another "
		    "session?)");
}
