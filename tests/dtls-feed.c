/*
 * dtls-feed: runs DTLS datagrams given as text through the DTLS
 * dissector (dissect/dtls.c) and prints its messages, so that the record
 * and fragment layer can be held to tshark's truth before and apart from
 * tlshake's own UDP decoding (tests/dtls-conformance.py).
 *
 * usage: dtls-feed [KEYLOG] < LINES
 * Input lines: "FLOW<TAB>FRAME<TAB>DIR<TAB>MICROSECONDS<TAB>HEX", DIR 0
 * from the flow's first sender; a new FLOW starts a new connection.
 * Output, per message: "FLOW<TAB>FRAME<TAB>FIRST<TAB>c2s|s2c<TAB>TYPE
 * <TAB>FLAGS", FLAGS a string of r (retransmitted), d (decrypted), e
 * (encrypted); then per connection "FLOW<TAB>anomaly<TAB>CODE".
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/cur.h"
#include "dissect/decrypt.h"
#include "dissect/dtls.h"
#include "dissect/keylog.h"
#include "dissect/tls.h"
#include "model/certstore.h"
#include "model/conn.h"
#include "view/label.h"

static int
hexval(int ch)
{
	if (ch >= '0' && ch <= '9')
		return ch - '0';
	if (ch >= 'a' && ch <= 'f')
		return ch - 'a' + 10;
	if (ch >= 'A' && ch <= 'F')
		return ch - 'A' + 10;
	return -1;
}

static void
flush(struct conn *c, long flow)
{
	char tmp[32];
	uint32_t i;

	if (c == NULL)
		return;
	tls_free(c);
	for (i = 0; i < c->n_ev; i++) {
		const struct event *e = &c->ev[i];

		printf("%ld\t%u\t%u\t%s\t%s\t%s%s%s\n", flow, e->frame,
		    e->first_frame != 0 ? e->first_frame : e->frame,
		    label_dir(e->dir), label_json_type(e, tmp, sizeof(tmp)),
		    (e->flags & EVF_RETRANS) ? "r" : "",
		    (e->flags & EVF_DECRYPTED) ? "d" : "",
		    (e->flags & EVF_ENCRYPTED) ? "e" : "");
	}
	for (i = 0; i < c->n_anoms; i++)
		printf("%ld\tanomaly\t%s\n", flow, anom_name(c->anoms[i].code));
	conn_free(c);
}

int
main(int argc, char **argv)
{
	static char line[1 << 17];
	static uint8_t dg[1 << 16];
	struct tls_opts o;
	struct tls_ctx *ctx;
	struct keylog *kl = NULL;
	struct conn *c = NULL;
	struct cur cu;
	char err[256], *p, *hex;
	long flow, cur_flow = -1;
	unsigned long frame, dir;
	unsigned long long ts;
	size_t n;
	int hi, lo;

	memset(&o, 0, sizeof(o));
	if (argc > 1) {
		kl = keylog_new();
		if (!keylog_open(kl, argv[1], err, sizeof(err))) {
			fprintf(stderr, "dtls-feed: %s\n", err);
			return 2;
		}
		o.keylog = kl;
	}
	ctx = tls_ctx_new(&o);
	while (fgets(line, sizeof(line), stdin) != NULL) {
		flow = strtol(line, &p, 10);
		frame = strtoul(p, &p, 10);
		dir = strtoul(p, &p, 10);
		ts = strtoull(p, &p, 10);
		hex = p + strspn(p, "\t ");
		for (n = 0; n < sizeof(dg) && (hi = hexval(hex[0])) >= 0 &&
		    (lo = hexval(hex[1])) >= 0; hex += 2)
			dg[n++] = (uint8_t)(hi << 4 | lo);
		if (flow != cur_flow) {
			flush(c, cur_flow);
			c = conn_new((uint64_t)flow + 1);
			c->cli.port = 1;
			c->srv.port = 2;
			cur_flow = flow;
		}
		/* The flow table reads directions from the connection. */
		cur_init(&cu, dg, n);
		dtls_datagram(ctx, c, (c->cli.port == 1) == (dir == 0) ?
		    DIR_C2S : DIR_S2C, &cu, ts, (uint32_t)frame);
	}
	flush(c, cur_flow);
	tls_ctx_free(ctx);
	keylog_free(kl);
	return 0;
}
