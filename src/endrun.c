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

#include "common/i18n.h"

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

/* What the packets were: "1,204 packets (TCP 1,190 in 12 connections, ...)" */
static void
seen(struct line *l, const struct endrun *e)
{
	char a[32], b[32], c[32], d[32], f[32];

	add(l, P_N("%s packet", "%s packets", (unsigned long)e->packets),
	    grouped(a, e->packets));
	add(l, P_N(" (TCP %s in %s connection, UDP %s, other %s)",
	    " (TCP %s in %s connections, UDP %s, other %s)",
	    (unsigned long)e->conns), grouped(b, e->tcp), grouped(c, e->conns),
	    grouped(d, e->udp), grouped(f, e->other));
}

static void
nothing_reported(struct line *l, const struct endrun *e)
{
	char a[32], what[256];
	struct line w = { what, sizeof(what), 0 };
	bool cut = e->max_packets != 0 && e->packets >= e->max_packets;

	if (e->packets == 0) {
		if (e->filter != NULL)
			add(l, _("tlshake: the filter \"%s\" matched no packet "
			    "of %s; nothing to report\n"), e->filter,
			    e->source);
		else
			add(l, _("tlshake: %s: no packets; nothing to report\n"),
			    e->source);
		return;
	}
	what[0] = '\0';
	seen(&w, e);
	add(l, cut ? _("tlshake: no TLS connections in the first %s") :
	    _("tlshake: no TLS connections in %s"), what);
	if (cut)
		add(l, _("; -c %s stopped the capture before any TLS was seen"),
		    grouped(a, e->max_packets));
	if (e->conns > 0 && !e->all)
		add(l, "%s", _("; --all shows every TCP connection"));
	add(l, "\n");
}

/* Fewer handshakes than --handshakes asked for, and what ended first. */
static void
short_handshakes(struct line *l, const struct endrun *e)
{
	char a[32], b[32];
	unsigned long n = (unsigned long)e->handshakes;
	const char *f;

	if (e->max_packets != 0 && e->packets >= e->max_packets)
		f = P_N("tlshake: %s TLS handshake completed, fewer than "
		    "--handshakes %s asked for: the -c limit ended first\n",
		    "tlshake: %s TLS handshakes completed, fewer than "
		    "--handshakes %s asked for: the -c limit ended first\n", n);
	else if (e->live)
		f = P_N("tlshake: %s TLS handshake completed, fewer than "
		    "--handshakes %s asked for: the capture ended first\n",
		    "tlshake: %s TLS handshakes completed, fewer than "
		    "--handshakes %s asked for: the capture ended first\n", n);
	else
		f = P_N("tlshake: %s TLS handshake completed, fewer than "
		    "--handshakes %s asked for: the input ended first\n",
		    "tlshake: %s TLS handshakes completed, fewer than "
		    "--handshakes %s asked for: the input ended first\n", n);
	add(l, f, grouped(a, e->handshakes), grouped(b, e->max_handshakes));
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
		add(&l, P_N("tlshake: no TLS handshake completed in the first "
		    "%s packet (-c %s)\n", "tlshake: no TLS handshake "
		    "completed in the first %s packets (-c %s)\n",
		    (unsigned long)e->packets), grouped(a, e->packets),
		    grouped(b, e->max_packets));
	if (!e->quiet && e->max_handshakes != 0 &&
	    e->handshakes < e->max_handshakes)
		short_handshakes(&l, e);
	if (e->keylog != NULL && e->kl_found == 0 && e->kl_missed > 0)
		add(&l, e->kl_entries == 0 ? _("tlshake: key log %s: no "
		    "usable line in it, so nothing was decrypted\n") :
		    _("tlshake: key log %s: none of its client randoms "
		    "matches a connection of this capture (is it the key log "
		    "of another session?)\n"), e->keylog);
}
