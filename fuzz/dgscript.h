/*
 * dgscript.h: the datagram scripts of fuzz-dtls and fuzz-quic: a command
 * byte, a big-endian u16 length, then that many bytes (fewer at the end
 * of the input).
 */
#ifndef TLSHAKE_FUZZ_DGSCRIPT_H
#define TLSHAKE_FUZZ_DGSCRIPT_H

#include <assert.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/cur.h"
#include "common/limits.h"
#include "dissect/tls.h"
#include "model/conn.h"

/*
 * dgscript_start opens the script "data": its option byte (bit 0: a
 * 300-byte handshake message cap) sets up the dissector context it
 * returns; NULL for an empty input.
 */
static inline struct tls_ctx *
dgscript_start(struct cur *in, const uint8_t *data, size_t size)
{
	struct tls_opts o = { .max_hs_msg = LIM_HS_MSG };
	uint8_t opt;

	cur_init(in, data, size);
	if (!cur_get_u8(in, &opt))
		return NULL;
	if (opt & 1)
		o.max_hs_msg = 300;
	return tls_ctx_new(&o);
}

/* dgscript_next reads the next command into "*cmd" and "*dg". */
static inline bool
dgscript_next(struct cur *in, uint8_t *cmd, struct cur *dg)
{
	uint16_t len;

	if (!cur_get_u8(in, cmd))
		return false;
	if (!cur_get_u16(in, &len))
		len = 0;
	if (len > cur_len(in))
		len = (uint16_t)cur_len(in);
	return cur_get_bytes(in, dg, len);
}

/* dgscript_end retires "c" (its dissector state must go) and "ctx". */
static inline void
dgscript_end(struct tls_ctx *ctx, struct conn *c)
{
	tls_free(c);
	assert(c->dis == NULL);
	conn_free(c);
	tls_ctx_free(ctx);
}

#endif /* TLSHAKE_FUZZ_DGSCRIPT_H */
