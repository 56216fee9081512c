/*
 * ecs.c: one Elastic Common Schema document per connection.
 *
 * Documents are nested objects ({"tls":{"server":{"x509":...}}}), as
 * Filebeat, Vector and Logstash pass them on; each leaf is an ECS field of
 * the ECS type (keyword: string, long: integer, date: ISO 8601, ip: an
 * address without port). The first handshake describes the connection,
 * as in --json; what ECS has no field for is under "tlshake".
 */
#include "view/ecs.h"

#include <arpa/inet.h>
#include <sys/socket.h>

#include <stdio.h>
#include <string.h>

#include "dissect/suite.h"
#include "model/certstore.h"
#include "view/json.h"
#include "view/label.h"

static void
open_obj(struct buf *b, const char *key)
{
	json_key(b, key);
	buf_addc(b, '{');
}

static void
close_obj(struct buf *b)
{
	buf_addc(b, '}');
}

static const char *
ip_str(const struct addr *a, char *buf, size_t len)
{
	if (inet_ntop(a->family == 6 ? AF_INET6 : AF_INET, a->a, buf,
	    (socklen_t)len) == NULL)
		return NULL;
	return buf;
}

static void
iso(struct buf *b, const char *key, uint64_t us)
{
	char t[40];

	label_time_iso(us, t, sizeof(t));
	json_cstr(b, key, t);
}

/* Certificates give seconds: no fraction. */
static void
iso_s(struct buf *b, const char *key, int64_t s)
{
	char t[40];

	if (s < 0)
		return;
	label_time_iso((uint64_t)s * 1000000, t, sizeof(t));
	memcpy(t + 19, "Z", 2);
	json_cstr(b, key, t);
}

/* source/destination/client/server: the same facts under four names. */
static void
endpoint(struct buf *b, const char *key, const struct endpoint *e,
    int64_t bytes)
{
	char ip[INET6_ADDRSTRLEN];

	open_obj(b, key);
	if (ip_str(&e->ip, ip, sizeof(ip)) != NULL) {
		json_cstr(b, "address", ip);
		json_cstr(b, "ip", ip);
	}
	json_u64(b, "port", e->port);
	if (bytes >= 0)		/* < 0: not known per direction */
		json_u64(b, "bytes", (uint64_t)bytes);
	close_obj(b);
}

/* "1.3" and "tls" from TLSv1.3; "3.0" and "ssl" from SSLv3. */
static void
version(struct buf *b, uint16_t v)
{
	static const struct {
		uint16_t	 v;
		const char	*num, *proto;
	} tab[] = {
		{ 0x0002, "2.0", "ssl" }, { 0x0300, "3.0", "ssl" },
		{ 0x0301, "1.0", "tls" }, { 0x0302, "1.1", "tls" },
		{ 0x0303, "1.2", "tls" }, { 0x0304, "1.3", "tls" },
		{ 0xfeff, "1.0", "dtls" }, { 0xfefd, "1.2", "dtls" },
		{ 0xfefc, "1.3", "dtls" },
	};
	size_t i;

	for (i = 0; i < sizeof(tab) / sizeof(tab[0]); i++)
		if (tab[i].v == v) {
			json_cstr(b, "version", tab[i].num);
			json_cstr(b, "version_protocol", tab[i].proto);
			return;
		}
}

static void
hex_upper(struct buf *b, const char *key, const uint8_t *p, size_t n)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t i;

	json_key(b, key);
	buf_addc(b, '"');
	for (i = 0; i < n; i++) {
		char two[2] = { hex[p[i] >> 4], hex[p[i] & 15] };

		buf_add(b, two, 2);
	}
	buf_addc(b, '"');
}

/* x509.subject or x509.issuer: the first CN and the whole name. */
static void
name(struct buf *b, const char *key, const char *cn, const char *dn)
{
	if (cn == NULL && dn == NULL)
		return;
	open_obj(b, key);
	json_cstrs(b, "common_name", &cn, cn != NULL);
	json_cstr(b, "distinguished_name", dn);
	close_obj(b);
}

/* Into tls.server or tls.client: the leaf certificate, ECS's x509 set. */
static void
leaf(struct buf *b, const struct cert_info *ci)
{
	if (ci == NULL)
		return;
	open_obj(b, "hash");
	hex_upper(b, "sha256", ci->sha256, sizeof(ci->sha256));
	close_obj(b);
	json_cstr(b, "subject", ci->subject);
	json_cstr(b, "issuer", ci->issuer);
	if (ci->not_before != 0 || ci->not_after != 0) {
		iso_s(b, "not_before", ci->not_before);
		iso_s(b, "not_after", ci->not_after);
	}
	open_obj(b, "x509");
	json_cstrs(b, "alternative_names", ci->san, ci->n_san);
	name(b, "subject", ci->subject_cn, ci->subject);
	name(b, "issuer", ci->issuer_cn, ci->issuer);
	/* ECS: hex without a prefix. */
	if (ci->serial != NULL)
		json_cstr(b, "serial_number", strncmp(ci->serial, "0x", 2) ==
		    0 ? ci->serial + 2 : ci->serial);
	if (ci->not_before != 0 || ci->not_after != 0) {
		iso_s(b, "not_before", ci->not_before);
		iso_s(b, "not_after", ci->not_after);
	}
	json_cstr(b, "public_key_algorithm", ci->key_type);
	if (ci->key_bits > 0)
		json_u64(b, "public_key_size", ci->key_bits);
	json_cstr(b, "signature_algorithm", ci->sig_alg);
	close_obj(b);
}

static const char *
suite_name_of(uint16_t id, char *buf, size_t len)
{
	(void)buf;
	(void)len;
	return suite_name(id);
}

static const char *
version_name(uint16_t v, char *buf, size_t len)
{
	return label_version_any(v, buf, len);
}

/* The first unencrypted fatal alert names why a handshake failed. */
static const char *
fatal_alert(const struct tls_hs *hs)
{
	uint32_t i;

	for (i = 0; i < hs->n_alerts; i++)
		if (!hs->alerts[i].encrypted && hs->alerts[i].level == 2)
			return suite_alert_name(hs->alerts[i].desc);
	return NULL;
}

static void
emit_tls(struct buf *b, const struct conn *c, const struct tls_hs *hs)
{
	char tmp[32];
	const struct cert_info *srv = hs->n_certs > 0 ?
	    cert_info(hs->certs[0]) : NULL;
	const struct cert_info *cli = hs->n_client_certs > 0 ?
	    cert_info(hs->client_certs[0]) : NULL;

	(void)c;
	open_obj(b, "tls");
	version(b, hs->version);
	if (hs->flags & HSF_HAS_SUITE)
		json_cstr(b, "cipher", suite_name(hs->suite));
	if (hs->flags & HSF_HAS_GROUP)
		json_cstr(b, "curve", label_group(hs->group, tmp,
		    sizeof(tmp)));
	if (hs->alpn.p != NULL)
		json_str(b, "next_protocol", hs->alpn.p, hs->alpn.len);
	json_bool(b, "established", (hs->flags & HSF_COMPLETE) != 0);
	json_bool(b, "resumed", (hs->flags & HSF_RESUMED) != 0);
	if (hs->flags & HSF_HAS_CH) {
		open_obj(b, "client");
		if (hs->sni.p != NULL)
			json_str(b, "server_name", hs->sni.p, hs->sni.len);
		leaf(b, cli);
		json_cstr(b, "ja3", conn_fp(hs)->ja3);
		json_names(b, "supported_ciphers", &hs->suites_offered,
		    suite_name_of);
		close_obj(b);
	}
	if (hs->flags & HSF_HAS_SH || srv != NULL) {
		open_obj(b, "server");
		leaf(b, srv);
		json_cstr(b, "ja3s", conn_fp(hs)->ja3s);
		close_obj(b);
	}
	close_obj(b);
}

static void
emit_tlshake(struct buf *b, const struct conn *c, const struct tls_hs *hs)
{
	uint32_t i;

	open_obj(b, "tlshake");
	json_u64(b, "conn", c->id);
	json_cstr(b, "status", label_status(c));
	if (c->transport == CONN_QUIC)
		json_emit_quic(b, c);
	else if (conn_dtls(c)->packets > 0)
		json_emit_dtls(b, c);
	else
		json_emit_tcp(b, c);
	if (hs != NULL) {
		open_obj(b, "tls");
		json_names(b, "versions_offered", &hs->versions_offered,
		    version_name);
		json_bstrs(b, "alpn_offered", &hs->alpn_offered);
		json_names(b, "groups_offered", &hs->groups_offered,
		    label_group);
		if (hs->flags & HSF_HAS_SUITE) {
			const struct suite *s = suite_find(hs->suite);

			json_hex16(b, "cipher_id", hs->suite);
			if (s != NULL)
				json_cstr(b, "strength", suite_strength_name(
				    suite_strength(s)));
		}
		if (hs->version != 0 && (hs->version < 0x0303 ||
		    hs->version == 0x0002))
			json_bool(b, "deprecated_version", true);
		json_bool(b, "hello_retry", (hs->flags & HSF_HRR) != 0);
		json_bool(b, "client_cert", (hs->flags & HSF_CLIENT_CERT) !=
		    0);
		json_bool(b, "decrypted", (hs->flags & HSF_DECRYPTED) != 0);
		json_cstr(b, "ja3_full", conn_fp(hs)->ja3_full);
		json_cstr(b, "ja3s_full", conn_fp(hs)->ja3s_full);
		json_cstr(b, "ja4", conn_fp(hs)->ja4);
		json_cstr(b, "ja4_r", conn_fp(hs)->ja4_r);
		if (hs->flags & HSF_COMPLETE)
			json_fixed(b, "handshake_ms", (int64_t)(hs->t_done -
			    hs->t_start), 3);
		json_emit_alerts(b, "alerts", hs);
		json_emit_chain(b, "chain", hs);
		if (c->n_hs > 1)
			json_u64(b, "renegotiations", c->n_hs - 1);
		close_obj(b);
	}
	if (c->n_anoms > 0) {
		json_key(b, "anomalies");
		buf_addc(b, '[');
		for (i = 0; i < c->n_anoms; i++)
			json_cstr(b, NULL, anom_name(c->anoms[i].code));
		buf_addc(b, ']');
	}
	close_obj(b);
}

void
ecs_emit_conn(struct buf *b, const struct conn *c)
{
	const struct tls_hs *hs = label_hs0(c);
	const char *status = label_status(c), *why = NULL;
	char ip[2][INET6_ADDRSTRLEN];
	bool ok = false, quic = c->transport == CONN_QUIC;
	const struct dtls_info *dt = conn_dtls(c);
	const struct quic_info *q = conn_quic(c);
	bool dtls = dt->packets > 0 || quic;	/* over UDP */

	buf_addc(b, '{');
	iso(b, "@timestamp", c->t_first);
	open_obj(b, "ecs");
	json_cstr(b, "version", ECS_VERSION);
	close_obj(b);

	open_obj(b, "event");
	json_cstr(b, "kind", "event");
	json_key(b, "category");
	buf_adds(b, "[\"network\"]");
	json_key(b, "type");
	buf_adds(b, "[\"connection\",\"protocol\"]");
	json_cstr(b, "module", "tlshake");
	json_cstr(b, "dataset", "tlshake.connection");
	json_cstr(b, "action", hs != NULL ? "tls_handshake" :
	    "tcp_connection");
	json_u64(b, "sequence", c->id);
	iso(b, "start", c->t_first);
	iso(b, "end", c->t_last >= c->t_first ? c->t_last : c->t_first);
	/* ECS: nanoseconds. */
	json_u64(b, "duration", c->t_last >= c->t_first ?
	    (c->t_last - c->t_first) * 1000 : 0);
	if (hs != NULL) {
		ok = (hs->flags & HSF_COMPLETE) != 0;
		json_cstr(b, "outcome", ok ? "success" :
		    strcmp(status, "incomplete") == 0 ? "unknown" :
		    "failure");
		if (!ok && (why = fatal_alert(hs)) == NULL)
			why = strcmp(status, "reset") == 0 ?
			    "connection reset" : NULL;
		json_cstr(b, "reason", why);
	}
	close_obj(b);

	endpoint(b, "source", &c->cli, dtls ? -1 : (int64_t)c->tcp.bytes[DIR_C2S]);
	endpoint(b, "destination", &c->srv, dtls ? -1 :
	    (int64_t)c->tcp.bytes[DIR_S2C]);
	endpoint(b, "client", &c->cli, dtls ? -1 : (int64_t)c->tcp.bytes[DIR_C2S]);
	endpoint(b, "server", &c->srv, dtls ? -1 : (int64_t)c->tcp.bytes[DIR_S2C]);

	open_obj(b, "network");
	json_cstr(b, "transport", dtls ? "udp" : "tcp");
	json_cstr(b, "iana_number", dtls ? "17" : "6");
	json_cstr(b, "type", c->cli.ip.family == 6 ? "ipv6" : "ipv4");
	if (hs != NULL)
		json_cstr(b, "protocol", quic ? "quic" : dtls ? "dtls" :
		    "tls");
	json_u64(b, "bytes", quic ? q->bytes : dtls ? dt->bytes :
	    c->tcp.bytes[0] + c->tcp.bytes[1]);
	json_u64(b, "packets", quic ? q->datagrams : dtls ?
	    dt->packets : c->tcp.packets);
	close_obj(b);

	open_obj(b, "related");
	json_key(b, "ip");
	buf_addc(b, '[');
	if (ip_str(&c->cli.ip, ip[0], sizeof(ip[0])) != NULL)
		json_cstr(b, NULL, ip[0]);
	if (ip_str(&c->srv.ip, ip[1], sizeof(ip[1])) != NULL &&
	    strcmp(ip[0], ip[1]) != 0)
		json_cstr(b, NULL, ip[1]);
	buf_addc(b, ']');
	if (hs != NULL && hs->sni.p != NULL) {
		json_key(b, "hosts");
		buf_addc(b, '[');
		json_str(b, NULL, hs->sni.p, hs->sni.len);
		buf_addc(b, ']');
	}
	close_obj(b);

	if (hs != NULL)
		emit_tls(b, c, hs);
	emit_tlshake(b, c, hs);
	buf_adds(b, "}\n");
}
