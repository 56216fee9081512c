/*
 * fuzz-dtls.c: the DTLS record and fragment layer (dissect/dtls.c) driven
 * by a script of datagrams in both directions, checking the caps.
 *
 * Input: one option byte (bit 0: a 300-byte handshake message cap), then
 * datagrams: a byte whose bit 0 is the direction, a big-endian u16
 * length, then that many bytes (fewer at the end of the input).
 */
#include <assert.h>
#include <stddef.h>
#include <stdint.h>

#include "common/cur.h"
#include "common/limits.h"
#include "dissect/dtls.h"
#include "dissect/tls.h"
#include "model/conn.h"
#include "dgscript.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static void
check_caps(const struct conn *c)
{
	const struct tls_state *st = c->dis;

	assert(c->n_ev <= model_opts.events_cap);
	assert(c->n_anoms <= LIM_ANOM_PER_CONN);
	assert(c->n_hs <= LIM_HANDSHAKES);
	if (st == NULL)
		return;
	assert(dtls_held(st, DIR_C2S) <= LIM_DTLS_REASM);
	assert(dtls_held(st, DIR_S2C) <= LIM_DTLS_REASM);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct tls_ctx *ctx;
	struct cur in, dg;
	struct conn *c;
	uint32_t frame = 0;
	uint8_t cmd;

	if ((ctx = dgscript_start(&in, data, size)) == NULL)
		return 0;
	c = conn_new(1);
	c->cli.port = 50000;
	c->srv.port = 4433;
	while (dgscript_next(&in, &cmd, &dg)) {
		frame++;
		dtls_datagram(ctx, c, cmd & 1, &dg, (uint64_t)frame * 1000,
		    frame);
		check_caps(c);
	}
	dgscript_end(ctx, c);
	return 0;
}
