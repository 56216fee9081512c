/*
 * label.c: names of events, versions and outcomes for every view.
 */
#include "view/label.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "dissect/suite.h"

static const char *const tcp_json[] = {
	[EV_SYN] = "SYN", [EV_SYN_ACK] = "SYN_ACK", [EV_ACK] = "ACK",
	[EV_FIN] = "FIN", [EV_RST] = "RST", [EV_SEGMENT] = "segment",
	[EV_GAP] = "gap",
};

/* QUIC packet types (enum quic_ptype): JSON, then ladder names. */
static const char *const quic_json[QP_N] = {
	[QP_INITIAL] = "initial", [QP_0RTT] = "0rtt",
	[QP_HANDSHAKE] = "handshake", [QP_RETRY] = "retry",
	[QP_VN] = "version_negotiation", [QP_1RTT] = "1rtt",
};

static const char *const quic_label[QP_N] = {
	[QP_INITIAL] = "Initial", [QP_0RTT] = "0-RTT",
	[QP_HANDSHAKE] = "Handshake", [QP_RETRY] = "Retry",
	[QP_VN] = "VersionNegotiation", [QP_1RTT] = "1-RTT",
};

static const char *const hs_label[] = {
	[0] = "HelloRequest", [1] = "ClientHello", [2] = "ServerHello",
	[3] = "HelloVerifyRequest", [4] = "NewSessionTicket",
	[5] = "EndOfEarlyData", [6] = "HelloRetryRequest",
	[8] = "EncryptedExtensions", [11] = "Certificate",
	[12] = "ServerKeyExchange", [13] = "CertificateRequest",
	[14] = "ServerHelloDone", [15] = "CertificateVerify",
	[16] = "ClientKeyExchange", [20] = "Finished",
	[21] = "CertificateURL", [22] = "CertificateStatus",
	[23] = "SupplementalData", [24] = "KeyUpdate",
	[25] = "CompressedCertificate",
};

static const char *const ssl2_label[] = {
	[1] = "SSLv2 ClientHello", [2] = "SSLv2 ClientMasterKey",
	[3] = "SSLv2 ClientFinished", [4] = "SSLv2 ServerHello",
	[5] = "SSLv2 ServerVerify", [6] = "SSLv2 ServerFinished",
	[7] = "SSLv2 RequestCertificate", [8] = "SSLv2 ClientCertificate",
};

/* An SSLv2(-compatible) ClientHello is a client_hello; the rest of SSLv2
 * take Wireshark's names. */
static const char *const ssl2_json[] = {
	[1] = "client_hello", [2] = "ssl2_client_master_key",
	[3] = "ssl2_client_finished", [4] = "ssl2_server_hello",
	[5] = "ssl2_server_verify", [6] = "ssl2_server_finished",
	[7] = "ssl2_request_certificate", [8] = "ssl2_client_certificate",
};

const char *
label_dir(unsigned d)
{
	return d == DIR_C2S ? "c2s" : "s2c";
}

const char *
label_json_type(const struct event *e, char *buf, size_t len)
{
	const char *n;

	switch (e->type) {
	case EV_SYN: case EV_SYN_ACK: case EV_ACK: case EV_FIN: case EV_RST:
	case EV_SEGMENT: case EV_GAP:
		return tcp_json[e->type];
	case EV_HANDSHAKE:
		if (e->flags & EVF_HRR)
			return "hello_retry_request";
		if ((n = suite_hs_name(e->sub)) != NULL)
			return n;
		snprintf(buf, len, "handshake_%u", e->sub);
		return buf;
	case EV_CCS:
		return "change_cipher_spec";
	case EV_ALERT:
		return "alert";
	case EV_ENC_HANDSHAKE:
		return "encrypted_handshake";
	case EV_ENC_ALERT:
		return "encrypted_alert";
	case EV_APPDATA:
		return "application_data";
	case EV_HEARTBEAT:
		return "heartbeat";
	case EV_QUIC_PACKET:
		return e->sub < QP_N ? quic_json[e->sub] : "packet";
	case EV_QUIC_CLOSE:
		return "connection_close";
	case EV_DTLS_RECORD:
		return "record";
	case EV_SSL2:
		if (e->flags & EVF_ENCRYPTED)
			return "encrypted_handshake";
		if (e->sub < sizeof(ssl2_json) / sizeof(ssl2_json[0]) &&
		    ssl2_json[e->sub] != NULL)
			return ssl2_json[e->sub];
		snprintf(buf, len, "ssl2_%u", e->sub);
		return buf;
	default:
		snprintf(buf, len, "record_%u", e->sub);
		return buf;
	}
}

static void
tcp_flags_str(uint8_t f, char *buf, size_t len)
{
	static const struct { uint8_t bit; const char *name; } fl[] = {
		{ 0x02, "SYN" }, { 0x01, "FIN" }, { 0x04, "RST" },
		{ 0x08, "PSH" }, { 0x10, "ACK" }, { 0x20, "URG" },
	};
	size_t i, o = 0;

	buf[0] = '\0';
	for (i = 0; i < sizeof(fl) / sizeof(fl[0]); i++)
		if ((f & fl[i].bit) && o < len)
			o += (size_t)snprintf(buf + o, len - o, "%s%s",
			    o > 0 ? ", " : "", fl[i].name);
}

const char *
label_event(const struct conn *c, const struct event *e, char *buf,
    size_t len)
{
	uint32_t count = conn_ev_count(c, e);
	const char *n;

	switch (e->type) {
	case EV_SYN: case EV_SYN_ACK: case EV_ACK: case EV_FIN: case EV_RST:
	case EV_SEGMENT:
		tcp_flags_str(e->tcp_flags, buf, len);
		if (e->type == EV_SEGMENT && e->len > 0) {
			size_t o = strlen(buf);

			snprintf(buf + o, len - o, "%sdata", o ? ", " : "");
		}
		return buf;
	case EV_GAP:
		return "gap";
	case EV_HANDSHAKE:
		if (e->flags & EVF_HRR)
			return "HelloRetryRequest";
		if (e->sub < sizeof(hs_label) / sizeof(hs_label[0]) &&
		    hs_label[e->sub] != NULL)
			return hs_label[e->sub];
		snprintf(buf, len, "Handshake(%u)", e->sub);
		return buf;
	case EV_CCS:
		return (e->flags & EVF_ENCRYPTED) ? "[ChangeCipherSpec]" :
		    "ChangeCipherSpec";
	case EV_ALERT:
		n = suite_alert_name(e->sub2);
		if (n != NULL)
			snprintf(buf, len, "Alert %s %s",
			    e->sub == 2 ? "fatal" : e->sub == 1 ? "warning" :
			    "level?", n);
		else
			snprintf(buf, len, "Alert %s %u",
			    e->sub == 2 ? "fatal" : e->sub == 1 ? "warning" :
			    "level?", e->sub2);
		return buf;
	case EV_ENC_HANDSHAKE:
		return "[encrypted handshake]";
	case EV_ENC_ALERT:
		return "[encrypted alert]";
	case EV_APPDATA:
		if (count > 1)
			snprintf(buf, len, "application data x%u", count);
		else
			snprintf(buf, len, "application data");
		return buf;
	case EV_HEARTBEAT:
		return e->sub == 1 ? "Heartbeat request" :
		    e->sub == 2 ? "Heartbeat response" : "Heartbeat";
	case EV_QUIC_PACKET:
		n = e->sub < QP_N ? quic_label[e->sub] : "packet";
		if (count > 1)
			snprintf(buf, len, "%s x%u", n, count);
		else
			snprintf(buf, len, "%s", n);
		return buf;
	case EV_QUIC_CLOSE:
		return "CONNECTION_CLOSE";
	case EV_DTLS_RECORD:
		/* "record hs e0": content type and epoch */
		snprintf(buf, len, "record %s e%u", (e->sub & 0xe0) == 0x20 ?
		    "unified" : e->sub == 20 ? "ccs" : e->sub == 21 ? "alert" :
		    e->sub == 22 ? "hs" : e->sub == 23 ? "data" : e->sub == 25 ?
		    "cid" : e->sub == 26 ? "ack" : "?", e->sub2);
		return buf;
	case EV_SSL2:
		if (e->flags & EVF_ENCRYPTED)
			return "[SSLv2 encrypted]";
		if (e->sub < sizeof(ssl2_label) / sizeof(ssl2_label[0]) &&
		    ssl2_label[e->sub] != NULL)
			return ssl2_label[e->sub];
		snprintf(buf, len, "SSLv2 message %u", e->sub);
		return buf;
	default:
		snprintf(buf, len, "record type %u", e->sub);
		return buf;
	}
}

const char *
label_quic_tp(uint64_t id, char *buf, size_t len)
{
	/* RFC 9000, 18.2; RFC 9221, 3; RFC 9368, 3 */
	static const char *const names[] = {
		"original_destination_connection_id", "max_idle_timeout",
		"stateless_reset_token", "max_udp_payload_size",
		"initial_max_data", "initial_max_stream_data_bidi_local",
		"initial_max_stream_data_bidi_remote",
		"initial_max_stream_data_uni", "initial_max_streams_bidi",
		"initial_max_streams_uni", "ack_delay_exponent",
		"max_ack_delay", "disable_active_migration",
		"preferred_address", "active_connection_id_limit",
		"initial_source_connection_id", "retry_source_connection_id",
		"version_information",
	};

	if (id < sizeof(names) / sizeof(names[0]))
		return names[id];
	if (id == 0x20)
		return "max_datagram_frame_size";
	if (id == 0x2ab2)
		return "grease_quic_bit";	/* RFC 9287, 3 */
	if (id == 0xff73db)
		return "version_information_draft";
	if (id >= 27 && (id - 27) % 31 == 0)
		return "GREASE";	/* RFC 9000, 18.1 */
	snprintf(buf, len, "0x%llx", (unsigned long long)id);
	return buf;
}

const char *
label_transport(const struct conn *c)
{
	if (c->transport == CONN_QUIC)
		return "quic";
	if (c->transport == CONN_DTLS || conn_dtls(c)->packets > 0)
		return "dtls";
	return "tcp";
}

const char *
label_layer(const struct event *e)
{
	if (e->type == EV_QUIC_PACKET || e->type == EV_QUIC_CLOSE)
		return "quic";
	if (e->type == EV_DTLS_RECORD)
		return "dtls";
	return e->type < EV_HANDSHAKE ? "tcp" : "tls";
}

bool
label_transport_event(const struct event *e)
{
	return e->type < EV_HANDSHAKE || e->type == EV_QUIC_PACKET ||
	    e->type == EV_QUIC_CLOSE || e->type == EV_DTLS_RECORD;
}

const struct tls_hs *
label_hs0(const struct conn *c)
{
	if (c->n_hs == 0 || !(c->hs[0].flags & (HSF_HAS_CH | HSF_HAS_SH)))
		return NULL;
	return &c->hs[0];
}

const char *
label_status(const struct conn *c)
{
	const struct tls_hs *hs = label_hs0(c);

	if (hs == NULL)
		return c->is_tls ? "incomplete" : "tcp";
	if (hs->flags & HSF_FAILED)
		return "failed";
	if (hs->flags & HSF_COMPLETE)
		return "ok";
	if (c->tcp.rst[0] || c->tcp.rst[1])
		return "reset";
	return "incomplete";
}

const char *
label_version(uint16_t v, char *buf, size_t len)
{
	char tmp[16];

	if (v == 0)
		return NULL;
	snprintf(buf, len, "%s", suite_version_name(v, tmp));
	return buf;
}

const char *
label_version_any(uint16_t v, char *buf, size_t len)
{
	char tmp[16];

	snprintf(buf, len, "%s", suite_version_name(v, tmp));
	return buf;
}

static const char *
label_tok(const char *n, uint16_t v, char *buf, size_t len)
{
	if (n != NULL)
		return n;
	snprintf(buf, len, "0x%04x", v);
	return buf;
}

const char *
label_group(uint16_t v, char *buf, size_t len)
{
	return label_tok(suite_group_name(v), v, buf, len);
}

const char *
label_sigalg(uint16_t v, char *buf, size_t len)
{
	return label_tok(suite_sigalg_name(v), v, buf, len);
}

const char *
label_ext(uint16_t v, char *buf, size_t len)
{
	return label_tok(suite_ext_name(v), v, buf, len);
}

static void
put_digits(char *p, unsigned v, int n)
{
	while (n-- > 0) {
		p[n] = (char)('0' + v % 10);
		v /= 10;
	}
}

void
label_time_iso(uint64_t us, char *buf, size_t len)
{
	/* Per thread: -j N prints on its workers. */
	static _Thread_local time_t last_day = -1;
	static _Thread_local struct tm day;
	time_t t = (time_t)(us / 1000000);
	char tmp[28];
	unsigned sec;

	/* One gmtime per day seen: connections of a capture share days. */
	if (t / 86400 != last_day) {
		time_t midnight = t / 86400 * 86400;

		gmtime_r(&midnight, &day);
		last_day = t / 86400;
	}
	sec = (unsigned)(t % 86400);
	if (day.tm_year + 1900 > 9999 || t < 0) {
		snprintf(buf, len, "%lld", (long long)t);
		return;
	}
	put_digits(tmp, (unsigned)day.tm_year + 1900, 4);
	tmp[4] = '-';
	put_digits(tmp + 5, (unsigned)day.tm_mon + 1, 2);
	tmp[7] = '-';
	put_digits(tmp + 8, (unsigned)day.tm_mday, 2);
	tmp[10] = 'T';
	put_digits(tmp + 11, sec / 3600, 2);
	tmp[13] = ':';
	put_digits(tmp + 14, sec / 60 % 60, 2);
	tmp[16] = ':';
	put_digits(tmp + 17, sec % 60, 2);
	tmp[19] = '.';
	put_digits(tmp + 20, (unsigned)(us % 1000000), 6);
	tmp[26] = 'Z';
	if (len > 0) {
		len = len - 1 < 27 ? len - 1 : 27;
		memcpy(buf, tmp, len);
		buf[len] = '\0';
	}
}

bool
label_reported(const struct conn *c, bool all)
{
	if (c->is_tls)
		return true;
	/* UDP: TLS seen, or a QUIC version tlshake cannot open. */
	if (c->transport != CONN_TCP)
		return c->transport == CONN_QUIC && conn_quic(c)->version != 0 &&
		    !conn_quic(c)->known;
	if (all)
		return true;
	return c->tls_port && c->tcp.syn && c->tcp.syn_ack && c->tcp.ack;
}

const char *
label_cert_flag(unsigned int i)
{
	/* In CERTF_* bit order (model/conn.h). */
	static const char *const names[CERTF_N] = {
		"expired", "not_yet_valid", "expires_soon", "self_signed",
		"weak_key", "weak_signature", "no_san", "hostname_mismatch",
		"long_validity",
	};

	return i < CERTF_N ? names[i] : "unknown";
}
