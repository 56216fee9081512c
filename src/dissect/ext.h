/*
 * ext.h: TLS hello extensions (RFC 8446, 4.2), dispatched from one
 * { type, client parser, server parser } table.
 */
#ifndef TLSHAKE_DISSECT_EXT_H
#define TLSHAKE_DISSECT_EXT_H

#include <stdbool.h>
#include <stdint.h>

#include "common/cur.h"
#include "dissect/state.h"
#include "model/conn.h"

/* ExtensionType values (IANA TLS ExtensionType registry). */
#define EXT_SERVER_NAME			0
#define EXT_STATUS_REQUEST		5
#define EXT_SUPPORTED_GROUPS		10
#define EXT_EC_POINT_FORMATS		11
#define EXT_SIGNATURE_ALGORITHMS	13
#define EXT_ALPN			16
#define EXT_SCT				18
#define EXT_PADDING			21
#define EXT_ENCRYPT_THEN_MAC		22
#define EXT_EXTENDED_MASTER_SECRET	23
#define EXT_COMPRESS_CERTIFICATE	27
#define EXT_RECORD_SIZE_LIMIT		28
#define EXT_SESSION_TICKET		35
#define EXT_KEY_SHARE_DRAFT		40	/* drafts 0 to 22 */
#define EXT_PRE_SHARED_KEY		41
#define EXT_EARLY_DATA			42
#define EXT_SUPPORTED_VERSIONS		43
#define EXT_COOKIE			44
#define EXT_PSK_KEY_EXCHANGE_MODES	45
#define EXT_POST_HANDSHAKE_AUTH		49
#define EXT_SIGNATURE_ALGORITHMS_CERT	50
#define EXT_KEY_SHARE			51
#define EXT_CONNECTION_ID		54	/* DTLS (RFC 9146, 3) */
#define EXT_QUIC_TRANSPORT_PARAMETERS	57	/* RFC 9001, 8.2 */
#define EXT_ENCRYPTED_CLIENT_HELLO	0xfe0d
#define EXT_RENEGOTIATION_INFO		0xff01
#define EXT_QUIC_TP_DRAFT		0xffa5	/* draft-ietf-quic-tls-33 */

/* Which message an extension block belongs to. */
enum ext_msg {
	EXT_IN_CH,		/* ClientHello */
	EXT_IN_SH,		/* ServerHello */
	EXT_IN_HRR,		/* HelloRetryRequest */
	EXT_IN_EE		/* EncryptedExtensions */
};

/*
 * ext_parse_block walks the extensions "exts" (the body of the u16 length
 * prefix) of message "msg" from "dir", filling "hs". Each type goes to
 * "out" in wire order (appended to what "out" holds; NULL: not kept). A
 * bad extension records ANOM_EXT_INVALID (or ANOM_SNI_BAD_LEN) and the
 * walk goes on at the next one; a repeated type records ANOM_EXT_DUPLICATE
 * and is not parsed again; an overrun of the block's framing records
 * ANOM_EXT_INVALID and ends the walk, returning false.
 */
bool	ext_parse_block(struct conn *, struct tls_state *, struct tls_hs *,
	    enum dir, uint32_t, enum ext_msg, const struct cur *,
	    struct u16list *);

/*
 * ext_u16list fills "out" with the big-endian u16 values of "in" (its
 * whole length; an odd last byte is left). Past the arena cap it records
 * ANOM_MEM_CAP and keeps nothing; past LIM_LIST it records ANOM_LIST_CAP
 * and counts the rest. Returns false when "in" has an odd length.
 */
bool	ext_u16list(struct conn *, enum dir, uint32_t, struct cur *,
	    struct u16list *);

/* ext_is_grease is true for the RFC 8701 values 0x?a?a with equal bytes. */
bool	ext_is_grease(uint16_t);

#endif /* TLSHAKE_DISSECT_EXT_H */
