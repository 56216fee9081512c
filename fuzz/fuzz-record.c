/*
 * fuzz-record.c: the TLS dissector's entry points (dissect/tls.c) driven
 * by a script of deliveries in both directions, checking the caps.
 *
 * Input: one option byte (bit 0: roles from the SYN, else guessed; bit 1:
 * a 300-byte handshake message cap; bit 2: port 443 forced), then
 * commands: a byte C then, for C < 0xf0, (C >> 1) + 1 bytes of data for
 * direction C & 1 (fewer at the end of the input); 0xf0/0xf1 a gap in
 * direction 0/1 (100 bytes); 0xf2/0xf3 the end of direction 0/1; 0xf4/0xf5
 * a 3-byte gap in direction 0/1; others are skipped.
 */
#include <assert.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "common/cur.h"
#include "common/limits.h"
#include "dissect/record.h"
#include "dissect/tls.h"
#include "model/certstore.h"
#include "model/conn.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static void
check_caps(const struct conn *c, const struct tls_opts *o)
{
	const struct tls_state *st = c->dis;
	int i;

	assert(c->n_ev <= model_opts.events_cap);
	assert(c->n_anoms <= LIM_ANOM_PER_CONN);
	assert(c->n_hs <= LIM_HANDSHAKES);
	if (st == NULL)
		return;
	for (i = 0; i < 2; i++) {
		assert(st->d[i].rlen <= st->d[i].rcap);
		assert(st->d[i].rcap <= REC_MAX_WIRE);
		assert(st->d[i].hlen <= st->d[i].hcap);
		assert(st->d[i].hcap <= 4 + (size_t)o->max_hs_msg);
		assert(st->d[i].clear_len <= 64 * 1024 + 65536);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const uint16_t port443[] = { 443 };
	struct tls_opts o = { .max_hs_msg = LIM_HS_MSG };
	struct tls_ctx *ctx;
	struct cur in, chunk;
	struct conn *c;
	uint32_t frame = 1;
	uint8_t opt, cmd;
	size_t n;

	cur_init(&in, data, size);
	if (!cur_get_u8(&in, &opt))
		return 0;
	if (opt & 2)
		o.max_hs_msg = 300;
	if (opt & 4) {
		o.force_ports = port443;
		o.n_force_ports = 1;
	}
	ctx = tls_ctx_new(&o);
	c = conn_new(1);
	c->orient = (opt & 1) ? ORIENT_SYN : ORIENT_GUESS;
	c->cli.port = 50000;
	c->srv.port = 443;
	while (cur_get_u8(&in, &cmd)) {
		frame++;
		if (cmd >= 0xf0) {
			if (cmd <= 0xf1)
				tls_gap(ctx, c, cmd & 1, 100, 0, frame);
			else if (cmd <= 0xf3)
				tls_end(c, cmd & 1, 0, frame);
			else if (cmd <= 0xf5)	/* inside a record */
				tls_gap(ctx, c, cmd & 1, 3, 0, frame);
			continue;
		}
		n = (size_t)(cmd >> 1) + 1;
		if (n > cur_len(&in))
			n = cur_len(&in);
		cur_get_bytes(&in, &chunk, n);
		tls_data(ctx, c, cmd & 1, &chunk, (uint64_t)frame * 1000,
		    frame);
		check_caps(c, &o);
	}
	tls_end(c, DIR_C2S, 0, frame);
	tls_end(c, DIR_S2C, 0, frame);
	tls_free(c);
	assert(c->dis == NULL);
	check_caps(c, &o);
	conn_free(c);
	tls_ctx_free(ctx);
	return 0;
}
