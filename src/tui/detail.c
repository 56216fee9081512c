/*
 * detail.c: the fields of the selected ladder row, as lines. Everything
 * from the wire passes esc_term (tui_lines_wire) before it is drawn.
 */
#include "tui/detail.h"

#include <stdio.h>
#include <string.h>

#include "common/esc.h"
#include "dissect/suite.h"
#include "model/certstore.h"
#include "tui/draw.h"
#include "tui/state.h"
#include "tui/theme.h"
#include "view/label.h"

#define FIELD	16	/* columns of a field heading */

static void	common_fields(struct tui_lines *, const struct conn *,
		    const struct event *);
static void	client_hello(struct tui_lines *, const struct tls_hs *, int);
static void	server_hello(struct tui_lines *, const struct conn *,
		    const struct tls_hs *, const struct event *, int);
static void	certificates(struct tui_lines *, const struct conn *,
		    const struct tls_hs *, const struct event *, int);
static void	one_cert(struct tui_lines *, const struct conn *, uint32_t,
		    const struct cert_info *, uint16_t, int);
static void	tcp_fields(struct tui_lines *, const struct conn *,
		    const struct event *);
static void	wire_list(struct tui_lines *, const char *,
		    const struct strlist *, const struct bstr *, int);
static void	hs_flags(struct tui_lines *, const struct tls_hs *, bool);
static void	version_field(struct tui_lines *, const char *, uint16_t);

const char *
tui_detail_suite(uint16_t id, char *buf, size_t len)
{
	const struct suite *s = suite_find(id);

	if (s != NULL)
		snprintf(buf, len, "%s", s->name);
	else
		snprintf(buf, len, "%s (0x%04x)", suite_name(id), id);
	return buf;
}

enum role
tui_detail_strength_role(uint16_t id)
{
	const struct suite *s = suite_find(id);
	enum role r;

	/* Unknown suites are dim here, where every offered one is listed. */
	if (s == NULL || (r = role_strength(suite_strength(s))) ==
	    ROLE_NORMAL)
		return ROLE_DIM;
	return r;
}

/*
 * tui_detail_u16 writes a field with the names of a list, wrapped to
 * "width"; the "chosen" value, when "has", is highlighted.
 */
void
tui_detail_u16(struct tui_lines *l, const char *title,
    const struct u16list *v, const char *(*fn)(uint16_t, char *, size_t),
    int width, uint16_t chosen, bool has)
{
	char tmp[64];
	const char *n;
	uint32_t i;
	int col, w;

	if (v->n == 0)
		return;
	tui_lines_field(l, title);
	col = FIELD;
	for (i = 0; i < v->n; i++) {
		n = fn(v->v[i], tmp, sizeof(tmp));
		w = (int)strlen(n) + (i + 1 < v->n ? 2 : 0);
		if (i > 0 && col + w > width) {
			tui_lines_new(l, ROLE_NORMAL);
			tui_lines_addf(l, ROLE_NORMAL, "%*s", FIELD, "");
			col = FIELD;
		}
		tui_lines_add(l, has && v->v[i] == chosen ? ROLE_CHOSEN :
		    suite_is_grease(v->v[i]) ? ROLE_DIM : ROLE_NORMAL, n);
		if (i + 1 < v->n)
			tui_lines_add(l, ROLE_NORMAL, ", ");
		col += w;
	}
	if (v->dropped > 0)
		tui_lines_addf(l, ROLE_DIM, " +%u not kept", v->dropped);
}

/* Wire strings (ALPN), escaped, wrapped. */
static void
wire_list(struct tui_lines *l, const char *title, const struct strlist *v,
    const struct bstr *chosen, int width)
{
	uint32_t i;
	bool is;

	if (v->n == 0)
		return;
	tui_lines_field(l, title);
	for (i = 0; i < v->n; i++) {
		is = chosen != NULL && chosen->p != NULL &&
		    chosen->len == v->v[i].len &&
		    memcmp(chosen->p, v->v[i].p, v->v[i].len) == 0;
		if (i > 0)
			tui_lines_add(l, ROLE_NORMAL, ", ");
		tui_lines_wire(l, is ? ROLE_CHOSEN : ROLE_NORMAL, v->v[i].p,
		    v->v[i].len, (size_t)(width > FIELD + 8 ? width - FIELD :
		    8));
	}
}

static void
version_field(struct tui_lines *l, const char *title, uint16_t v)
{
	char tmp[32];

	if (v == 0)
		return;
	tui_lines_field(l, title);
	tui_lines_addf(l, ROLE_NORMAL, "%s (0x%04x)", label_version(v, tmp,
	    sizeof(tmp)), v);
}

static void
common_fields(struct tui_lines *l, const struct conn *c,
    const struct event *e)
{
	uint32_t first = conn_ev_first(c, e), count = conn_ev_count(c, e);
	char ts[40];

	label_time_iso(e->ts, ts, sizeof(ts));
	tui_lines_field(l, "time");
	tui_lines_addf(l, ROLE_NORMAL, "%.6f s  ", (double)(int64_t)(e->ts -
	    c->t_first) / 1e6);
	tui_lines_add(l, ROLE_DIM, ts);
	tui_lines_field(l, "direction");
	tui_lines_addf(l, ROLE_NORMAL, "%s %s %s", e->dir == DIR_C2S ?
	    "client" : "server", tui_g(G_TO), e->dir == DIR_C2S ? "server" :
	    "client");
	tui_lines_field(l, "frame");
	if (first != 0 && first != e->frame)
		tui_lines_addf(l, ROLE_NORMAL, "%u (from %u)", e->frame,
		    first);
	else
		tui_lines_addf(l, ROLE_NORMAL, "%u", e->frame);
	tui_lines_field(l, "length");
	tui_lines_addf(l, ROLE_NORMAL, "%u bytes", e->len);
	if (count > 1)
		tui_lines_addf(l, ROLE_NORMAL, " in %u records", count);
	if (e->flags & (EVF_RETRANS | EVF_DECRYPTED | EVF_ENCRYPTED |
	    EVF_BAD | EVF_SYN_DATA)) {
		tui_lines_field(l, "flags");
		if (e->flags & EVF_RETRANS)
			tui_lines_add(l, ROLE_MARK, "retransmitted ");
		if (e->flags & EVF_DECRYPTED)
			tui_lines_add(l, ROLE_TLS, "decrypted ");
		if (e->flags & EVF_ENCRYPTED)
			tui_lines_add(l, ROLE_DIM, "encrypted ");
		if (e->flags & EVF_BAD)
			tui_lines_add(l, ROLE_BAD, "malformed ");
		if (e->flags & EVF_SYN_DATA)
			tui_lines_add(l, ROLE_NORMAL, "data on SYN (TFO) ");
	}
}

static void
tcp_fields(struct tui_lines *l, const struct conn *c, const struct event *e)
{
	static const struct { uint8_t bit; const char *name; } fl[] = {
		{ 0x01, "FIN" }, { 0x02, "SYN" }, { 0x04, "RST" },
		{ 0x08, "PSH" }, { 0x10, "ACK" }, { 0x20, "URG" },
		{ 0x40, "ECE" }, { 0x80, "CWR" },
	};
	size_t i;

	tui_lines_field(l, "TCP flags");
	for (i = 0; i < sizeof(fl) / sizeof(fl[0]); i++)
		if (e->tcp_flags & fl[i].bit)
			tui_lines_addf(l, ROLE_NORMAL, "%s ", fl[i].name);
	if (e->type == EV_SYN_ACK && c->tcp.syn && c->tcp.ack &&
	    c->tcp.t_ack >= c->tcp.t_syn) {
		tui_lines_field(l, "round trip");
		tui_lines_addf(l, ROLE_NORMAL, "%.3f ms (SYN to ACK)",
		    (double)(c->tcp.t_ack - c->tcp.t_syn) / 1000.0);
	}
	tui_lines_new(l, ROLE_NORMAL);
	tui_lines_new(l, ROLE_NORMAL);
	tui_lines_add(l, ROLE_HEAD, " connection (TCP)");
	tui_lines_field(l, "handshake");
	tui_lines_addf(l, ROLE_NORMAL, "SYN %s, SYN-ACK %s, ACK %s%s",
	    c->tcp.syn ? "yes" : "no", c->tcp.syn_ack ? "yes" : "no",
	    c->tcp.ack ? "yes" : "no", c->tcp.midstream ?
	    "  (joined midstream)" : "");
	tui_lines_field(l, "packets");
	tui_lines_addf(l, ROLE_NORMAL, "%llu", (unsigned long long)
	    c->tcp.packets);
	tui_lines_field(l, "payload");
	tui_lines_addf(l, ROLE_NORMAL, "%llu B client->server, %llu B back",
	    (unsigned long long)c->tcp.bytes[0],
	    (unsigned long long)c->tcp.bytes[1]);
	tui_lines_field(l, "end");
	tui_lines_addf(l, ROLE_NORMAL, "FIN %s/%s, RST %s/%s (client/server)",
	    c->tcp.fin[0] ? "yes" : "no", c->tcp.fin[1] ? "yes" : "no",
	    c->tcp.rst[0] ? "yes" : "no", c->tcp.rst[1] ? "yes" : "no");
	tui_lines_field(l, "trouble");
	tui_lines_addf(l, c->tcp.retransmits + c->tcp.out_of_order +
	    c->tcp.gaps > 0 ? ROLE_MARK : ROLE_NORMAL,
	    "%u retransmitted, %u out of order, %u gaps (%llu B)",
	    c->tcp.retransmits, c->tcp.out_of_order, c->tcp.gaps,
	    (unsigned long long)c->tcp.gap_bytes);
}

static void
hs_flags(struct tui_lines *l, const struct tls_hs *hs, bool client)
{
	static const struct { uint32_t f; bool client; const char *name; }
	    fl[] = {
		{ HSF_EXT_EMS, true, "extended_master_secret" },
		{ HSF_EXT_ETM, true, "encrypt_then_mac" },
		{ HSF_EXT_TICKET, true, "session_ticket" },
		{ HSF_PSK_OFFERED, true, "pre_shared_key" },
		{ HSF_EARLY_DATA, true, "early_data" },
		{ HSF_ECH, true, "encrypted_client_hello" },
		{ HSF_FALLBACK_SCSV, true, "TLS_FALLBACK_SCSV" },
		{ HSF_RENEG_INFO, true, "renegotiation_info" },
		{ HSF_SSL2_CH, true, "SSLv2-compatible hello" },
		{ HSF_RESUMED, false, "resumed" },
		{ HSF_PSK_ACCEPTED, false, "PSK accepted" },
		{ HSF_EARLY_ACCEPTED, false, "early data accepted" },
		{ HSF_HRR, false, "HelloRetryRequest" },
		{ HSF_CERT_REQUEST, false, "client certificate requested" },
		{ HSF_CLIENT_CERT, false, "client certificate sent" },
		{ HSF_CERT_STATUS, false, "OCSP stapled" },
		{ HSF_TICKET_ISSUED, false, "ticket issued" },
		{ HSF_DOWNGRADE, false, "downgrade sentinel" },
	};
	size_t i;
	bool any = false;

	for (i = 0; i < sizeof(fl) / sizeof(fl[0]); i++) {
		if (fl[i].client != client || !(hs->flags & fl[i].f))
			continue;
		if (!any)
			tui_lines_field(l, client ? "offers" : "flags");
		else
			tui_lines_add(l, ROLE_NORMAL, ", ");
		tui_lines_add(l, fl[i].f == HSF_DOWNGRADE ||
		    fl[i].f == HSF_FALLBACK_SCSV ? ROLE_BAD : ROLE_NORMAL,
		    fl[i].name);
		any = true;
	}
}

static void
client_hello(struct tui_lines *l, const struct tls_hs *hs, int width)
{
	const struct suite *s;
	const struct tls_fp *fp = conn_fp(hs);
	char tmp[96];
	uint32_t i;
	int nw;
	bool chosen;

	version_field(l, "record version", hs->record_version);
	version_field(l, "legacy version", hs->client_version);
	tui_detail_u16(l, "versions", &hs->versions_offered, label_version,
	    width, hs->version, hs->version != 0);
	if (hs->sni.p != NULL) {
		tui_lines_field(l, "SNI");
		/* Escaped; 4 KB names are cut where the pane ends. */
		tui_lines_wire(l, ROLE_NORMAL, hs->sni.p, hs->sni.len,
		    (size_t)(width > FIELD + 8 ? width - FIELD : 8));
		if (esc_term_cols(hs->sni.p, hs->sni.len) + FIELD >
		    (size_t)width) {
			tui_lines_field(l, "");
			tui_lines_addf(l, ROLE_DIM, "(%u bytes, cut)",
			    hs->sni.len);
		}
	}
	wire_list(l, "ALPN", &hs->alpn_offered, &hs->alpn, width);
	tui_lines_field(l, "session id");
	tui_lines_addf(l, ROLE_NORMAL, "%u bytes", hs->session_id_len);
	tui_lines_field(l, "cipher suites");
	tui_lines_addf(l, ROLE_NORMAL, "%u offered", hs->suites_offered.n);
	if (hs->suites_offered.dropped > 0)
		tui_lines_addf(l, ROLE_DIM, " (+%u not kept)",
		    hs->suites_offered.dropped);
	nw = width - 2 - 4 - 9 - 9;
	if (nw > 44)
		nw = 44;
	if (nw < 16)
		nw = 16;
	for (i = 0; i < hs->suites_offered.n; i++) {
		uint16_t id = hs->suites_offered.v[i];

		s = suite_find(id);
		chosen = (hs->flags & HSF_HAS_SUITE) && hs->suite == id;
		tui_lines_new(l, chosen ? ROLE_CHOSEN : ROLE_NORMAL);
		tui_lines_addf(l, ROLE_NORMAL, "%s%3u ", chosen ?
		    tui_g(G_SEL) : " ", i + 1);
		tui_lines_pad(l, suite_is_grease(id) ? ROLE_DIM : ROLE_NORMAL,
		    tui_detail_suite(id, tmp, sizeof(tmp)), nw,
		    tui_g(G_ELLIPSIS));
		tui_lines_addf(l, ROLE_NORMAL, " %-7s ",
		    chosen ? "chosen" : "");
		if (s != NULL)
			tui_lines_add(l, tui_detail_strength_role(id),
			    suite_strength_name(suite_strength(s)));
	}
	tui_detail_u16(l, "groups", &hs->groups_offered, label_group, width,
	    hs->group, (hs->flags & HSF_HAS_GROUP) != 0);
	tui_detail_u16(l, "key shares", &hs->key_shares_offered, label_group,
	    width, hs->group, (hs->flags & HSF_HAS_GROUP) != 0);
	tui_detail_u16(l, "signature algs", &hs->sig_algs_offered,
	    label_sigalg, width, hs->ske_sig_alg, hs->ske_sig_alg != 0);
	tui_detail_u16(l, "sig algs (cert)", &hs->sig_algs_cert_offered,
	    label_sigalg, width, 0, false);
	if (hs->exts_offered.n > 0) {
		tui_lines_field(l, "extensions");
		tui_lines_addf(l, ROLE_NORMAL, "%u, in wire order",
		    hs->exts_offered.n);
		for (i = 0; i < hs->exts_offered.n; i++) {
			uint16_t x = hs->exts_offered.v[i];
			uint32_t k;
			bool ans = false;

			for (k = 0; k < hs->exts_chosen.n; k++)
				if (hs->exts_chosen.v[k] == x)
					ans = true;
			tui_lines_new(l, ROLE_NORMAL);
			tui_lines_addf(l, suite_is_grease(x) ? ROLE_DIM :
			    ROLE_NORMAL, "%*s%5u  %s", FIELD - 6, "", x,
			    label_ext(x, tmp, sizeof(tmp)));
			if (ans)
				tui_lines_add(l, ROLE_DIM, "  (answered)");
		}
	}
	if (hs->ec_point_formats.n > 0) {
		tui_lines_field(l, "ec point fmts");
		for (i = 0; i < hs->ec_point_formats.n; i++)
			tui_lines_addf(l, ROLE_NORMAL, "%s%s", i ? ", " : "",
			    hs->ec_point_formats.v[i] == 0 ? "uncompressed" :
			    hs->ec_point_formats.v[i] == 1 ?
			    "ansiX962_compressed_prime" :
			    hs->ec_point_formats.v[i] == 2 ?
			    "ansiX962_compressed_char2" : "?");
	}
	if (hs->compressions_offered.n > 0) {
		tui_lines_field(l, "compression");
		for (i = 0; i < hs->compressions_offered.n; i++)
			tui_lines_addf(l, hs->compressions_offered.v[i] ?
			    ROLE_BAD : ROLE_NORMAL, "%s%s", i ? ", " : "",
			    hs->compressions_offered.v[i] == 0 ? "null" :
			    hs->compressions_offered.v[i] == 1 ? "DEFLATE" :
			    "other");
	}
	hs_flags(l, hs, true);
	if (fp->ja3 != NULL) {
		tui_lines_field(l, "JA3");
		tui_lines_wire(l, ROLE_NORMAL, fp->ja3, strlen(fp->ja3), 0);
		if (fp->ja3_full != NULL) {
			tui_lines_new(l, ROLE_NORMAL);
			tui_lines_addf(l, ROLE_DIM, "%*s", FIELD, "");
			tui_lines_wire(l, ROLE_DIM, fp->ja3_full,
			    strlen(fp->ja3_full), 0);
		}
	}
	if (fp->ja4 != NULL) {
		tui_lines_field(l, "JA4");
		tui_lines_wire(l, ROLE_NORMAL, fp->ja4, strlen(fp->ja4), 0);
		if (fp->ja4_r != NULL) {
			tui_lines_new(l, ROLE_NORMAL);
			tui_lines_addf(l, ROLE_DIM, "%*s", FIELD, "");
			tui_lines_wire(l, ROLE_DIM, fp->ja4_r,
			    strlen(fp->ja4_r), 0);
		}
	}
}

static void
server_hello(struct tui_lines *l, const struct conn *c,
    const struct tls_hs *hs, const struct event *e, int width)
{
	const struct suite *s;
	const struct tls_fp *fp = conn_fp(hs);
	char tmp[96];
	uint32_t i;
	double ms;

	version_field(l, "legacy version", hs->server_version);
	if (e->flags & EVF_HRR) {
		tui_lines_field(l, "asks for group");
		tui_lines_add(l, ROLE_NORMAL, hs->flags & HSF_HAS_HRR_GROUP ?
		    label_group(hs->hrr_group, tmp, sizeof(tmp)) :
		    "(none: a new ClientHello for another reason)");
		return;
	}
	version_field(l, "version", hs->version);
	if (hs->flags & HSF_HAS_SUITE) {
		tui_lines_field(l, "cipher suite");
		tui_lines_addf(l, ROLE_CHOSEN, "%s", tui_detail_suite(hs->suite,
		    tmp, sizeof(tmp)));
		tui_lines_addf(l, ROLE_NORMAL, " (0x%04x) ", hs->suite);
		if ((s = suite_find(hs->suite)) != NULL) {
			tui_lines_add(l, tui_detail_strength_role(hs->suite),
			    suite_strength_name(suite_strength(s)));
			tui_lines_new(l, ROLE_NORMAL);
			tui_lines_addf(l, ROLE_NORMAL, "%*sprotocol %s, kx %s, "
			    "auth %s", FIELD, "", suite_proto_name(s->proto),
			    suite_kx_name(s->kx), suite_au_name(s->au));
			tui_lines_new(l, ROLE_NORMAL);
			tui_lines_addf(l, ROLE_NORMAL, "%*senc %s, mac %s, "
			    "hash %s", FIELD, "", suite_enc_name(s->enc),
			    suite_mac_name(s->mac),
			    suite_hash_name(suite_prf_hash(s, hs->version)));
			tui_lines_new(l, ROLE_NORMAL);
			tui_lines_addf(l, ROLE_NORMAL, "%*sforward secrecy %s, "
			    "AEAD %s", FIELD, "", suite_fs(s) ? "yes" : "no",
			    suite_aead(s) ? "yes" : "no");
		}
		for (i = 0; i < hs->suites_offered.n; i++)
			if (hs->suites_offered.v[i] == hs->suite)
				break;
		tui_lines_field(l, "position");
		if (i < hs->suites_offered.n)
			tui_lines_addf(l, ROLE_NORMAL, "#%u of the client's %u",
			    i + 1, hs->suites_offered.n);
		else if (hs->suites_offered.n > 0)
			tui_lines_add(l, ROLE_BAD, "not offered by the client");
		else
			tui_lines_add(l, ROLE_DIM, "ClientHello not seen");
	}
	if ((hs->flags & HSF_HAS_GROUP) && !(hs->flags & HSF_SKE_GROUP)) {
		tui_lines_field(l, "group");
		tui_lines_add(l, ROLE_NORMAL, label_group(hs->group, tmp,
		    sizeof(tmp)));
	}
	if (hs->alpn.p != NULL) {
		tui_lines_field(l, "ALPN");
		tui_lines_wire(l, ROLE_NORMAL, hs->alpn.p, hs->alpn.len,
		    (size_t)(width > FIELD + 8 ? width - FIELD : 8));
	}
	tui_lines_field(l, "compression");
	tui_lines_add(l, hs->compression ? ROLE_BAD : ROLE_NORMAL,
	    hs->compression == 0 ? "null" : "DEFLATE or other");
	tui_detail_u16(l, "extensions", &hs->exts_chosen, label_ext, width, 0,
	    false);
	hs_flags(l, hs, false);
	if (fp->ja3s != NULL) {
		tui_lines_field(l, "JA3S");
		tui_lines_wire(l, ROLE_NORMAL, fp->ja3s, strlen(fp->ja3s), 0);
		if (fp->ja3s_full != NULL) {
			tui_lines_new(l, ROLE_NORMAL);
			tui_lines_addf(l, ROLE_DIM, "%*s", FIELD, "");
			tui_lines_wire(l, ROLE_DIM, fp->ja3s_full,
			    strlen(fp->ja3s_full), 0);
		}
	}
	tui_lines_field(l, "handshake");
	if ((hs->flags & HSF_COMPLETE) && (ms = conn_handshake_ms(c, hs)) >= 0)
		tui_lines_addf(l, ROLE_OK, "complete, %.1f ms", ms);
	else
		tui_lines_add(l, hs->flags & HSF_FAILED ? ROLE_BAD : ROLE_DIM,
		    label_status(c));
}

/* Validity at the time of the capture, not of the viewing. */
static void
one_cert(struct tui_lines *l, const struct conn *c, uint32_t i,
    const struct cert_info *ci, uint16_t flags, int width)
{
	char a[40], b[40];
	int64_t now = (int64_t)(c->t_first / 1000000), days;
	size_t max = (size_t)(width > FIELD + 8 ? width - FIELD : 8);
	uint32_t j;

	tui_lines_new(l, ROLE_NORMAL);
	tui_lines_addf(l, ROLE_HEAD, " certificate %u", i);
	if (ci->self_signed)
		tui_lines_add(l, ROLE_DIM, "  self-signed");
	if (ci->is_ca)
		tui_lines_add(l, ROLE_DIM, "  CA");
	if (ci->error != NULL) {
		tui_lines_field(l, "error");
		tui_lines_wire(l, ROLE_BAD, ci->error, strlen(ci->error), max);
		return;
	}
	tui_lines_field(l, "subject");
	if (ci->subject != NULL)
		tui_lines_wire(l, ROLE_NORMAL, ci->subject, strlen(ci->subject),
		    max);
	tui_lines_field(l, "issuer");
	if (ci->issuer != NULL)
		tui_lines_wire(l, ROLE_NORMAL, ci->issuer, strlen(ci->issuer),
		    max);
	for (j = 0; j < ci->n_san && j < 64; j++) {
		tui_lines_field(l, j == 0 ? "SAN" : "");
		tui_lines_wire(l, ROLE_NORMAL, ci->san[j], strlen(ci->san[j]),
		    max);
	}
	if (ci->n_san > 64) {
		tui_lines_field(l, "");
		tui_lines_addf(l, ROLE_DIM, "+%u more", ci->n_san - 64);
	}
	label_time_iso((uint64_t)(ci->not_before > 0 ? ci->not_before : 0) *
	    1000000, a, sizeof(a));
	label_time_iso((uint64_t)(ci->not_after > 0 ? ci->not_after : 0) *
	    1000000, b, sizeof(b));
	/* Seconds are enough here: drop ".000000Z" to "Z". */
	if (strlen(a) > 20)
		memcpy(a + 19, "Z", 2);
	if (strlen(b) > 20)
		memcpy(b + 19, "Z", 2);
	tui_lines_field(l, "not before");
	tui_lines_add(l, ROLE_NORMAL, a);
	tui_lines_field(l, "not after");
	tui_lines_add(l, ROLE_NORMAL, b);
	tui_lines_field(l, "validity");
	if (now < ci->not_before) {
		days = (ci->not_before - now + 86399) / 86400;
		tui_lines_addf(l, ROLE_BAD, "not yet valid at capture (%lld "
		    "days to go)", (long long)days);
	} else if (now > ci->not_after) {
		days = (now - ci->not_after) / 86400;
		tui_lines_addf(l, ROLE_BAD, "expired %lld days before capture",
		    (long long)days);
	} else {
		days = (ci->not_after - now) / 86400;
		tui_lines_addf(l, days < 14 ? ROLE_WEAK : ROLE_OK,
		    "%lld days left at capture", (long long)days);
	}
	if (flags != 0) {
		unsigned k;
		bool first = true;

		/* The chain checker's findings (CERTF_*), in words. */
		tui_lines_field(l, "flags");
		for (k = 0; k < CERTF_N; k++)
			if (flags & (1u << k)) {
				tui_lines_addf(l, ROLE_WEAK, "%s%s", first ?
				    "" : ", ", label_cert_flag(k));
				first = false;
			}
	}
	tui_lines_field(l, "key");
	if (ci->key_type != NULL)
		tui_lines_wire(l, ROLE_NORMAL, ci->key_type,
		    strlen(ci->key_type), 32);
	tui_lines_addf(l, ROLE_NORMAL, " %u bits", ci->key_bits);
	tui_lines_field(l, "signature");
	if (ci->sig_alg != NULL)
		tui_lines_wire(l, ROLE_NORMAL, ci->sig_alg, strlen(ci->sig_alg),
		    max);
	tui_lines_field(l, "serial");
	if (ci->serial != NULL)
		tui_lines_wire(l, ROLE_DIM, ci->serial, strlen(ci->serial),
		    max);
	tui_lines_field(l, "sha256");
	for (j = 0; j < 32; j++)
		tui_lines_addf(l, ROLE_DIM, "%02x", ci->sha256[j]);
	tui_lines_field(l, "size");
	tui_lines_addf(l, ROLE_DIM, "%u bytes DER", ci->der_len);
}

static void
certificates(struct tui_lines *l, const struct conn *c,
    const struct tls_hs *hs, const struct event *e, int width)
{
	struct cert *const *v = e->dir == DIR_S2C ? hs->certs :
	    hs->client_certs;
	uint32_t n = e->dir == DIR_S2C ? hs->n_certs : hs->n_client_certs;
	const struct chain_result *ch = &hs->chain;
	uint32_t i;

	tui_lines_field(l, "chain");
	tui_lines_addf(l, ROLE_NORMAL, "%u certificate%s%s", n, n == 1 ? "" :
	    "s", hs->certs_source == CERTS_DECRYPTED ? " (decrypted)" : "");
	if (e->dir == DIR_S2C && hs->certs_dropped > 0)
		tui_lines_addf(l, ROLE_DIM, ", %u not kept", hs->certs_dropped);
	for (i = 0; i < n; i++) {
		tui_lines_new(l, ROLE_NORMAL);
		one_cert(l, c, i, cert_info(v[i]), e->dir == DIR_S2C &&
		    hs->cert_flags != NULL ? hs->cert_flags[i] : 0, width);
	}
	if (e->dir != DIR_S2C)
		return;
	tui_lines_new(l, ROLE_NORMAL);
	tui_lines_field(l, "verdict");
	if (!ch->checked)
		tui_lines_add(l, ROLE_DIM, "chain not checked");
	else if (ch->valid)
		tui_lines_add(l, ROLE_OK, "chain: valid");
	else {
		tui_lines_add(l, ROLE_BAD, "chain: ");
		if (ch->error != NULL)
			tui_lines_wire(l, ROLE_BAD, ch->error,
			    strlen(ch->error), 0);
		else
			tui_lines_add(l, ROLE_BAD, "invalid");
	}
	if (ch->hostname_checked) {
		tui_lines_field(l, "hostname");
		if (ch->hostname_match)
			tui_lines_add(l, ROLE_OK, "matches the SNI");
		else
			tui_lines_add(l, ROLE_BAD, "does not match the SNI");
	}
}

void
tui_detail_build(struct tui_lines *l, char *title, size_t tlen,
    const struct conn *c, const struct tui_ladder_row *r, int width)
{
	const struct event *e;
	const struct tls_hs *hs;
	char tmp[64];

	tui_lines_reset(l);
	snprintf(title, tlen, "Detail");
	if (c == NULL || r == NULL)
		return;
	if (r->kind == TUI_ROW_ANOM) {
		snprintf(title, tlen, "Anomaly");
		tui_lines_field(l, "code");
		tui_lines_add(l, ROLE_BAD, anom_name(r->anom->code));
		tui_lines_field(l, "meaning");
		tui_lines_add(l, ROLE_NORMAL, anom_meaning(r->anom->code));
		tui_lines_field(l, "frame");
		tui_lines_addf(l, ROLE_NORMAL, "%u", r->anom->frame);
		tui_lines_field(l, "direction");
		tui_lines_add(l, ROLE_NORMAL, r->anom->dir == DIR_C2S ?
		    "client to server" : "server to client");
		if (r->anom->detail != NULL) {
			tui_lines_field(l, "detail");
			tui_lines_wire(l, ROLE_NORMAL, r->anom->detail,
			    strlen(r->anom->detail), 0);
		}
		if (c->anoms_dropped > 0) {
			tui_lines_new(l, ROLE_NORMAL);
			tui_lines_addf(l, ROLE_DIM, " %u more anomalies "
			    "counted, not kept", c->anoms_dropped);
		}
		return;
	}
	if (r->kind == TUI_ROW_MORE) {
		snprintf(title, tlen, "Events not kept");
		tui_lines_new(l, ROLE_NORMAL);
		tui_lines_addf(l, ROLE_NORMAL, " %u events past the cap of the "
		    "connection were counted, not kept.", c->ev_dropped);
		return;
	}
	e = r->ev;
	hs = e->hs_idx < c->n_hs ? &c->hs[e->hs_idx] : NULL;
	snprintf(title, tlen, "%s  frame %u, %u bytes", label_event(c, e, tmp,
	    sizeof(tmp)), e->frame, e->len);
	common_fields(l, c, e);
	switch (e->type) {
	case EV_SYN: case EV_SYN_ACK: case EV_ACK: case EV_FIN: case EV_RST:
	case EV_SEGMENT:
		tcp_fields(l, c, e);
		return;
	case EV_ALERT:
		tui_lines_field(l, "level");
		tui_lines_addf(l, e->sub == 2 ? ROLE_BAD : ROLE_NORMAL,
		    "%s (%u)",
		    e->sub == 2 ? "fatal" : e->sub == 1 ? "warning" : "?",
		    e->sub);
		tui_lines_field(l, "description");
		tui_lines_addf(l, ROLE_BAD, "%s (%u)", suite_alert_name(e->sub2)
		    != NULL ? suite_alert_name(e->sub2) : "unknown", e->sub2);
		tui_lines_field(l, "sent by");
		tui_lines_add(l, ROLE_NORMAL, e->dir == DIR_C2S ? "the client" :
		    "the server");
		return;
	case EV_ENC_HANDSHAKE: case EV_ENC_ALERT:
		tui_lines_new(l, ROLE_NORMAL);
		tui_lines_new(l, ROLE_NORMAL);
		tui_lines_add(l, ROLE_DIM, " Encrypted. With the session keys "
		    "(--keylog) the messages inside are shown.");
		return;
	case EV_APPDATA:
		tui_lines_field(l, "records");
		tui_lines_addf(l, ROLE_NORMAL, "%u, %u bytes",
		    conn_ev_count(c, e), e->len);
		return;
	case EV_HANDSHAKE:
		break;
	default:
		return;
	}
	if (hs == NULL)
		return;
	if (c->n_hs > 1) {
		tui_lines_field(l, "handshake");
		tui_lines_addf(l, ROLE_NORMAL, "%u of %u%s", e->hs_idx + 1,
		    c->n_hs, e->hs_idx > 0 ? " (renegotiation)" : "");
	}
	switch (e->sub) {
	case 1:
		client_hello(l, hs, width);
		break;
	case 2:
		server_hello(l, c, hs, e, width);
		break;
	case 11:
		certificates(l, c, hs, e, width);
		break;
	case 12:
		if (hs->flags & HSF_SKE_GROUP) {
			tui_lines_field(l, "group");
			tui_lines_add(l, ROLE_NORMAL, label_group(hs->group,
			    tmp, sizeof(tmp)));
		}
		if (hs->ske_sig_alg != 0) {
			tui_lines_field(l, "signature");
			tui_lines_add(l, ROLE_NORMAL, label_sigalg(
			    hs->ske_sig_alg, tmp, sizeof(tmp)));
		}
		break;
	default:
		break;
	}
}

void
tui_detail_draw(struct tui *ui)
{
	WINDOW *w = ui->w_detail;
	const struct conn *c = tui_selected(ui);
	const struct tui_ladder_row *r = NULL;
	char title[160], note[48];
	int h, wd, ih;

	werase(w);
	getmaxyx(w, h, wd);
	ih = h - 2;
	if (c != NULL && ui->row_sel < ui->n_rows)
		r = &ui->rows[ui->row_sel];
	tui_detail_build(&ui->dl, title, sizeof(title), c, r, wd - 2);
	if (ui->detail_top + (size_t)ih > ui->dl.n_line)
		ui->detail_top = ui->dl.n_line > (size_t)ih ?
		    ui->dl.n_line - (size_t)ih : 0;
	note[0] = '\0';
	if (ui->dl.n_line > (size_t)ih && ih > 0)
		snprintf(note, sizeof(note), "%zu-%zu of %zu",
		    ui->detail_top + 1, ui->detail_top + (size_t)ih,
		    ui->dl.n_line);
	tui_box(w, ui->focus == TUI_PANE_DETAIL, title, note);
	tui_lines_draw(w, 1, 1, ih, wd - 2, &ui->dl, ui->detail_top);
}
