/*
 * anom.h: anomaly codes. Each code has one stable dotted name and one
 * meaning, used by every view and by tlshake-json(5). "incomplete" codes
 * mean bytes are missing (truncated); "invalid" codes mean the bytes that
 * are there cannot be right.
 */
#ifndef TLSHAKE_MODEL_ANOM_H
#define TLSHAKE_MODEL_ANOM_H

enum anom_code {
	ANOM_NONE = 0,
	/* capture and link/IP/TCP decoding */
	ANOM_TRUNC,			/* capture.truncated */
	ANOM_TIME_BACKWARDS,		/* capture.time_backwards */
	ANOM_IP_INVALID,		/* ip.invalid */
	ANOM_IP_FRAG_OVERLAP,		/* ip.fragment.overlap */
	ANOM_IP_FRAG_INCOMPLETE,	/* ip.fragment.incomplete */
	ANOM_TCP_INVALID,		/* tcp.invalid */
	ANOM_TCP_GAP,			/* tcp.gap */
	ANOM_TCP_OVERLAP_CONFLICT,	/* tcp.overlap.conflict */
	ANOM_TCP_OOO_CAP,		/* tcp.out_of_order.cap */
	ANOM_TCP_MIDSTREAM,		/* tcp.midstream */
	ANOM_TCP_DATA_AFTER_FIN,	/* tcp.data_after_fin */
	ANOM_MEM_CAP,			/* limit.memory */
	ANOM_EVENTS_CAP,		/* limit.events */
	ANOM_LIST_CAP,			/* limit.list */
	/* TLS records */
	ANOM_REC_INVALID,		/* tls.record.invalid */
	ANOM_REC_LENGTH,		/* tls.record.length */
	ANOM_REC_INCOMPLETE,		/* tls.record.incomplete */
	ANOM_REC_EMPTY,			/* tls.record.empty */
	ANOM_REC_AFTER_GAP,		/* tls.record.resync */
	/* TLS handshake messages */
	ANOM_HS_INCOMPLETE,		/* tls.handshake.incomplete */
	ANOM_HS_INVALID,		/* tls.handshake.invalid */
	ANOM_HS_TOO_LARGE,		/* tls.handshake.too_large */
	ANOM_HS_TRAILING,		/* tls.handshake.trailing */
	ANOM_HS_UNEXPECTED,		/* tls.handshake.unexpected */
	ANOM_CH_INVALID,		/* tls.client_hello.invalid */
	ANOM_SH_INVALID,		/* tls.server_hello.invalid */
	ANOM_CERT_INVALID,		/* tls.certificate.invalid */
	ANOM_CERT_PARSE,		/* tls.certificate.x509 */
	ANOM_SKE_INVALID,		/* tls.server_key_exchange.invalid */
	ANOM_CR_INVALID,		/* tls.certificate_request.invalid */
	ANOM_NST_INVALID,		/* tls.new_session_ticket.invalid */
	ANOM_EXT_INVALID,		/* tls.extension.invalid */
	ANOM_EXT_DUPLICATE,		/* tls.extension.duplicate */
	ANOM_SNI_BAD_LEN,		/* tls.extension.sni.length */
	ANOM_ALERT_INVALID,		/* tls.alert.invalid */
	ANOM_CCS_INVALID,		/* tls.change_cipher_spec.invalid */
	ANOM_HEARTBEAT_OVERRUN,		/* tls.heartbeat.overrun */
	ANOM_SSL2_INVALID,		/* tls.sslv2.invalid */
	/* DTLS (RFC 6347, RFC 9147) */
	ANOM_DTLS_FRAG_INVALID,		/* dtls.fragment.invalid */
	ANOM_DTLS_FRAG_CAP,		/* dtls.fragment.cap */
	ANOM_DTLS_SEQ_JUMP,		/* dtls.record.sequence_jump */
	/* QUIC (RFC 9000, RFC 9001) */
	ANOM_QUIC_PACKET_INVALID,	/* quic.packet.invalid */
	ANOM_QUIC_FRAME_INVALID,	/* quic.frame.invalid */
	ANOM_QUIC_CRYPTO_CAP,		/* quic.crypto.cap */
	ANOM_QUIC_UNDECRYPTABLE,	/* quic.initial.undecryptable */
	/* decryption (later) */
	ANOM_DECRYPT_FAIL,		/* tls.decrypt.failed */
	ANOM_DECRYPT_UNSUPPORTED,	/* tls.decrypt.unsupported */
	ANOM_NCODES
};

struct anom_info {
	enum anom_code	 code;
	const char	*name;
	const char	*meaning;
};

/* anom_name returns the stable dotted name of "code". */
const char	*anom_name(enum anom_code);
const char	*anom_meaning(enum anom_code);
const struct anom_info *anom_table(void);

#endif /* TLSHAKE_MODEL_ANOM_H */
