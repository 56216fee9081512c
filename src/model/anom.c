/* anom.c: the one table of anomaly codes, names and meanings. */
#include "model/anom.h"

#include <stddef.h>

static const struct anom_info anoms[] = {
	{ ANOM_NONE, "none", "no anomaly" },
	{ ANOM_TRUNC, "capture.truncated",
	    "frame cut by the snap length; later layers saw only part" },
	{ ANOM_TIME_BACKWARDS, "capture.time_backwards",
	    "packet timestamp earlier than the previous packet's" },
	{ ANOM_IP_INVALID, "ip.invalid",
	    "IP header impossible (version, header or total length)" },
	{ ANOM_IP_FRAG_OVERLAP, "ip.fragment.overlap",
	    "IP fragments overlap with different bytes; first copy kept" },
	{ ANOM_IP_FRAG_INCOMPLETE, "ip.fragment.incomplete",
	    "IP fragment train never completed (timeout or cap)" },
	{ ANOM_TCP_INVALID, "tcp.invalid",
	    "TCP header impossible (data offset, options)" },
	{ ANOM_TCP_GAP, "tcp.gap",
	    "bytes of the stream never seen; delivery resumed after them" },
	{ ANOM_TCP_OVERLAP_CONFLICT, "tcp.overlap.conflict",
	    "retransmitted bytes differ from the first copy; first kept" },
	{ ANOM_TCP_OOO_CAP, "tcp.out_of_order.cap",
	    "out-of-order buffer full; the hole became a gap" },
	{ ANOM_TCP_MIDSTREAM, "tcp.midstream",
	    "connection first seen after its SYN" },
	{ ANOM_TCP_DATA_AFTER_FIN, "tcp.data_after_fin",
	    "payload beyond the sequence number of the sender's FIN" },
	{ ANOM_MEM_CAP, "limit.memory",
	    "the connection's memory cap was reached; detail dropped" },
	{ ANOM_EVENTS_CAP, "limit.events",
	    "more events than kept per connection; the rest counted" },
	{ ANOM_LIST_CAP, "limit.list",
	    "a list longer than kept; the rest counted" },
	{ ANOM_REC_INVALID, "tls.record.invalid",
	    "record header impossible (content type or version)" },
	{ ANOM_REC_LENGTH, "tls.record.length",
	    "record length exceeds 2^14+2048 (RFC 5246, 6.2.3)" },
	{ ANOM_REC_INCOMPLETE, "tls.record.incomplete",
	    "stream ended inside a record" },
	{ ANOM_REC_EMPTY, "tls.record.empty",
	    "zero-length record of a type that must not be empty" },
	{ ANOM_REC_AFTER_GAP, "tls.record.resync",
	    "record boundary lost (a gap, or a capture begun inside the stream); records taken up again at a header confirmed by the next one or the segment's end" },
	{ ANOM_HS_INCOMPLETE, "tls.handshake.incomplete",
	    "handshake message cut short (stream ended or gap)" },
	{ ANOM_HS_INVALID, "tls.handshake.invalid",
	    "handshake message body impossible" },
	{ ANOM_HS_TOO_LARGE, "tls.handshake.too_large",
	    "handshake message longer than the cap; skipped" },
	{ ANOM_HS_TRAILING, "tls.handshake.trailing",
	    "bytes after the end of a handshake message's fields" },
	{ ANOM_HS_UNEXPECTED, "tls.handshake.unexpected",
	    "handshake message out of the protocol's order" },
	{ ANOM_CH_INVALID, "tls.client_hello.invalid",
	    "ClientHello fields overrun or contradict their lengths" },
	{ ANOM_SH_INVALID, "tls.server_hello.invalid",
	    "ServerHello fields overrun or contradict their lengths" },
	{ ANOM_CERT_INVALID, "tls.certificate.invalid",
	    "Certificate message list lengths overrun" },
	{ ANOM_CERT_PARSE, "tls.certificate.x509",
	    "a certificate entry is not valid DER X.509" },
	{ ANOM_SKE_INVALID, "tls.server_key_exchange.invalid",
	    "ServerKeyExchange fields overrun their lengths" },
	{ ANOM_CR_INVALID, "tls.certificate_request.invalid",
	    "CertificateRequest fields overrun their lengths" },
	{ ANOM_NST_INVALID, "tls.new_session_ticket.invalid",
	    "NewSessionTicket fields overrun their lengths" },
	{ ANOM_EXT_INVALID, "tls.extension.invalid",
	    "extension body overruns or contradicts its length" },
	{ ANOM_EXT_DUPLICATE, "tls.extension.duplicate",
	    "extension type appears twice (RFC 8446, 4.2)" },
	{ ANOM_SNI_BAD_LEN, "tls.extension.sni.length",
	    "host_name empty or overruns its list" },
	{ ANOM_ALERT_INVALID, "tls.alert.invalid",
	    "alert record not 2 bytes or level unknown" },
	{ ANOM_CCS_INVALID, "tls.change_cipher_spec.invalid",
	    "ChangeCipherSpec not the single byte 1" },
	{ ANOM_HEARTBEAT_OVERRUN, "tls.heartbeat.overrun",
	    "heartbeat payload length exceeds the record (Heartbleed)" },
	{ ANOM_SSL2_INVALID, "tls.sslv2.invalid",
	    "SSLv2 message lengths overrun" },
	{ ANOM_DTLS_FRAG_INVALID, "dtls.fragment.invalid",
	    "DTLS fragment header overruns or contradicts its message" },
	{ ANOM_DTLS_FRAG_CAP, "dtls.fragment.cap",
	    "DTLS fragments past the reassembly cap were dropped" },
	{ ANOM_DTLS_SEQ_JUMP, "dtls.record.sequence_jump",
	    "DTLS record number skips ahead past the replay window" },
	{ ANOM_QUIC_PACKET_INVALID, "quic.packet.invalid",
	    "QUIC long header overruns its datagram or is impossible" },
	{ ANOM_QUIC_FRAME_INVALID, "quic.frame.invalid",
	    "QUIC frame overruns its packet or is not allowed there" },
	{ ANOM_QUIC_CRYPTO_CAP, "quic.crypto.cap",
	    "QUIC CRYPTO data past the reassembly cap was dropped" },
	{ ANOM_QUIC_UNDECRYPTABLE, "quic.initial.undecryptable",
	    "QUIC Initial packet did not open with the Initial keys" },
	{ ANOM_DECRYPT_FAIL, "tls.decrypt.failed",
	    "a record did not authenticate with the logged keys" },
	{ ANOM_DECRYPT_UNSUPPORTED, "tls.decrypt.unsupported",
	    "keys logged, but the suite's cipher cannot be opened" },
	{ ANOM_NCODES, NULL, NULL },
};

const char *
anom_name(enum anom_code code)
{
	if ((unsigned)code >= ANOM_NCODES)
		return "unknown";
	return anoms[code].name;
}

const char *
anom_meaning(enum anom_code code)
{
	if ((unsigned)code >= ANOM_NCODES)
		return "unknown";
	return anoms[code].meaning;
}

const struct anom_info *
anom_table(void)
{
	return anoms;
}
