/*
 * fuzz-hs.c: handshake message reassembly and parsing (dissect/hs.c,
 * hello.c, ext.c) through handshake records, after an optional real
 * ClientHello and ServerHello so the server-side parsers see a TLS 1.2 or
 * TLS 1.3 context.
 *
 * Input: one option byte (bit 0: direction of the fuzzed bytes; bits 1-2:
 * 0 nothing first, 1 a ClientHello, 2 ClientHello and TLS 1.2 ServerHello,
 * 3 ClientHello and TLS 1.3 HelloRetryRequest; bit 3: a 300-byte cap),
 * one byte giving the record size (0: 16384), then the handshake bytes,
 * cut into records of that size.
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

/* A TLS 1.2 ClientHello (suites 0xc02f, 0x1301; SNI "a"; versions). */
static const uint8_t ch[] = {
	0x16, 0x03, 0x01, 0x00, 0x42,
	0x01, 0x00, 0x00, 0x3e, 0x03, 0x03,
	1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16,
	17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32,
	0x00, 0x00, 0x04, 0xc0, 0x2f, 0x13, 0x01, 0x01, 0x00,
	0x00, 0x11, 0x00, 0x00, 0x00, 0x06, 0x00, 0x04, 0x00, 0x00, 0x01,
	'a', 0x00, 0x2b, 0x00, 0x03, 0x02, 0x03, 0x04,
};
/* ServerHello: TLS 1.2, 0xc02f, no extensions. */
static const uint8_t sh12[] = {
	0x16, 0x03, 0x03, 0x00, 0x2a,
	0x02, 0x00, 0x00, 0x26, 0x03, 0x03,
	9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9,
	9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9,
	0x00, 0xc0, 0x2f, 0x00,
};
/* HelloRetryRequest: TLS 1.3, 0x1301, key_share secp256r1. */
static const uint8_t hrr[] = {
	0x16, 0x03, 0x03, 0x00, 0x38,
	0x02, 0x00, 0x00, 0x34, 0x03, 0x03,
	0xcf, 0x21, 0xad, 0x74, 0xe5, 0x9a, 0x61, 0x11,
	0xbe, 0x1d, 0x8c, 0x02, 0x1e, 0x65, 0xb8, 0x91,
	0xc2, 0xa2, 0x11, 0x16, 0x7a, 0xbb, 0x8c, 0x5e,
	0x07, 0x9e, 0x09, 0xe2, 0xc8, 0xa8, 0x33, 0x9c,
	0x00, 0x13, 0x01, 0x00, 0x00, 0x0c,
	0x00, 0x2b, 0x00, 0x02, 0x03, 0x04,
	0x00, 0x33, 0x00, 0x02, 0x00, 0x17,
};

static void
feed(struct tls_ctx *ctx, struct conn *c, enum dir dir, const uint8_t *p,
    size_t len, uint32_t frame)
{
	struct cur cu;

	cur_init(&cu, p, len);
	tls_data(ctx, c, dir, &cu, (uint64_t)frame * 1000, frame);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static uint8_t rec[5 + 16384];
	struct tls_opts o = { .max_hs_msg = LIM_HS_MSG };
	struct tls_ctx *ctx;
	struct cur in;
	struct conn *c;
	enum dir dir;
	uint32_t frame = 10;
	uint8_t opt, rs;
	size_t max, n;

	cur_init(&in, data, size);
	if (!cur_get_u8(&in, &opt) || !cur_get_u8(&in, &rs))
		return 0;
	if (opt & 8)
		o.max_hs_msg = 300;
	ctx = tls_ctx_new(&o);
	c = conn_new(1);
	c->orient = ORIENT_SYN;
	dir = (opt & 1) ? DIR_S2C : DIR_C2S;
	if ((opt >> 1 & 3) >= 1)
		feed(ctx, c, DIR_C2S, ch, sizeof(ch), 1);
	if ((opt >> 1 & 3) == 2)
		feed(ctx, c, DIR_S2C, sh12, sizeof(sh12), 2);
	if ((opt >> 1 & 3) == 3)
		feed(ctx, c, DIR_S2C, hrr, sizeof(hrr), 2);
	max = rs == 0 ? 16384 : rs;
	while (cur_len(&in) > 0) {
		n = cur_len(&in) < max ? cur_len(&in) : max;
		rec[0] = 22;
		rec[1] = 3;
		rec[2] = 3;
		rec[3] = (uint8_t)(n >> 8);
		rec[4] = (uint8_t)n;
		cur_copy(&in, rec + 5, n);
		feed(ctx, c, dir, rec, 5 + n, frame++);
		assert(c->n_anoms <= LIM_ANOM_PER_CONN);
	}
	tls_free(c);
	assert(c->n_ev <= model_opts.events_cap);
	conn_free(c);
	tls_ctx_free(ctx);
	return 0;
}
