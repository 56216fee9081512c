/*
 * decrypt.h: opening protected records with the secrets of a key log
 * (keylog.h), so that the handshake messages inside go through the
 * normal parsers. Per-direction cipher state lives in tls_state->dec,
 * made by keys.c (keys.h) as the handshake goes.
 *
 * TLS 1.3 (RFC 8446, 7.3): the handshake traffic secrets from the
 * ServerHello on, the application traffic secrets after each side's
 * Finished, a new secret after each KeyUpdate (RFC 8446, 7.2), the
 * client's early traffic secret for 0-RTT up to its EndOfEarlyData.
 * TLS <= 1.2 and SSLv3 (RFC 5246, 6.3; RFC 6101, 6.2.2): the key block
 * from the logged master secret, used after each side's ChangeCipherSpec.
 *
 * Without keys nothing changes. A record that does not authenticate
 * records ANOM_DECRYPT_FAIL once for its direction, which then stays
 * undecrypted ("encrypted, unreadable").
 */
#ifndef TLSHAKE_DISSECT_DECRYPT_H
#define TLSHAKE_DISSECT_DECRYPT_H

#include <stdbool.h>
#include <stdint.h>

#include "common/cur.h"
#include "dissect/state.h"
#include "model/conn.h"

/*
 * The key log and the plaintext buffer come from the connection's
 * dissector context (st->ctx, tls_ctx_new).
 */
enum dec_res {
	DEC_NONE,	/* no keys for this record: handle it as before */
	DEC_OK,		/* "out" holds the plaintext, "*type" its type */
	DEC_FAIL	/* it did not authenticate (anomaly recorded) */
};

/*
 * dec_record opens record "h" with body "body" of direction "dir" when
 * that direction has keys. The plaintext stays valid until the next
 * call. TLS 1.3's inner content type is found by stripping the padding
 * (RFC 8446, 5.4); a record without one is ANOM_REC_INVALID.
 */
enum dec_res dec_record(struct conn *, struct tls_state *, enum dir,
	    const struct rec_hdr *, const struct cur *, uint32_t, struct cur *,
	    uint8_t *);
/*
 * dec_dtls13 opens a DTLS 1.3 record under the unified header "hdr" (RFC
 * 9147, 4) whose epoch's low bits are "ee", its masked record number the
 * "sn_len" bytes at "sn_off" of "hdr", and "body" the rest. DEC_NONE
 * without keys of that epoch; DEC_FAIL records ANOM_DECRYPT_FAIL once.
 */
enum dec_res dec_dtls13(struct conn *, struct tls_state *, enum dir, uint8_t,
	    const struct cur *, size_t, size_t, const struct cur *, uint32_t,
	    struct cur *, uint8_t *);
/* dec_need_body: must a record of type "type" be kept to be opened? */
bool	dec_need_body(const struct tls_state *, enum dir, uint8_t);
/*
 * dec_clear: are the records of "dir" sent in the clear (a NULL cipher,
 * RFC 5246, 6.2.3.1), with or without its secrets?
 */
bool	dec_clear(const struct tls_state *, enum dir);
/* dec_skip counts a protected record passed over without its bytes. */
void	dec_skip(struct tls_state *, enum dir, uint8_t);

#endif /* TLSHAKE_DISSECT_DECRYPT_H */
