/*
 * fuzz-quic.c: the QUIC packet and frame parsers (dissect/quic.c,
 * dissect/quicframe.c) driven by a script of datagrams in both
 * directions, checking the caps.
 *
 * Input: one option byte (bit 0: a 300-byte handshake message cap), then
 * commands: a byte whose bit 0 is the direction and bits 1-2 the mode, a
 * big-endian u16 length, then that many bytes (fewer at the end of the
 * input). Mode 0 hands the bytes to quic_datagram as a UDP payload (the
 * packet layer: headers, coalescing, Initial keys, header protection);
 * modes 1 to 3 hand them to quic_frames as the plaintext of an opened
 * Initial, Handshake or 1-RTT packet, which no fuzzer could seal itself
 * (the frame layer and the CRYPTO reassembly behind it).
 */
#include <assert.h>
#include <stddef.h>
#include <stdint.h>

#include "common/cur.h"
#include "common/limits.h"
#include "dissect/quic.h"
#include "dissect/quicint.h"
#include "dissect/tls.h"
#include "model/conn.h"
#include "dgscript.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static void
check_caps(const struct conn *c)
{
	assert(c->n_ev <= model_opts.events_cap);
	assert(c->n_anoms <= LIM_ANOM_PER_CONN);
	assert(c->n_hs <= LIM_HANDSHAKES);
	assert(conn_quic(c)->close_reason.len <= LIM_QUIC_DGRAM);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct tls_ctx *ctx;
	struct cur in, dg, none;
	struct conn *c;
	uint32_t frame = 0;
	uint8_t cmd, mode;

	if ((ctx = dgscript_start(&in, data, size)) == NULL)
		return 0;
	c = conn_new(1);
	c->transport = CONN_QUIC;
	c->cli.port = 50000;
	c->srv.port = 443;
	/* the QUIC state, made by a first (empty) datagram */
	cur_init(&none, NULL, 0);
	quic_datagram(ctx, c, DIR_C2S, &none, 0, 0);
	while (dgscript_next(&in, &cmd, &dg)) {
		frame++;
		mode = (cmd >> 1) & 3;
		if (mode == 0)
			quic_datagram(ctx, c, cmd & 1, &dg,
			    (uint64_t)frame * 1000, frame);
		else
			quic_frames(c, cmd & 1, (enum qlevel)(mode - 1), &dg,
			    (uint64_t)frame * 1000, frame, quic_crypto);
		check_caps(c);
	}
	dgscript_end(ctx, c);
	return 0;
}
