/*
 * ext.c: hello extensions (RFC 8446, 4.2; RFC 6066; RFC 7301; RFC 8422).
 *
 * Each extension body is handed to its parser as its own sub-cursor, so a
 * lying inner length cannot reach the next extension. A parser returns
 * ANOM_NONE, or the anomaly code the dispatcher records once.
 */
#include "dissect/ext.h"

#include <string.h>

#include "common/limits.h"
#include "dissect/quicint.h"

struct ext_ctx {
	struct conn		*c;
	struct tls_state	*st;
	struct tls_hs		*hs;
	enum dir		 dir;
	uint32_t		 frame;
	enum ext_msg		 msg;
};

typedef enum anom_code (*ext_fn)(struct ext_ctx *, struct cur *);

struct ext_ent {
	uint16_t	 type;
	ext_fn		 client;	/* ClientHello */
	ext_fn		 server;	/* ServerHello, HRR, EncryptedExtensions */
};

static enum anom_code	ext_sni(struct ext_ctx *, struct cur *);
static enum anom_code	ext_sni_server(struct ext_ctx *, struct cur *);
static enum anom_code	ext_groups(struct ext_ctx *, struct cur *);
static enum anom_code	ext_points(struct ext_ctx *, struct cur *);
static enum anom_code	ext_sigalgs(struct ext_ctx *, struct cur *);
static enum anom_code	ext_sigalgs_cert(struct ext_ctx *, struct cur *);
static enum anom_code	ext_alpn(struct ext_ctx *, struct cur *);
static enum anom_code	ext_alpn_server(struct ext_ctx *, struct cur *);
static enum anom_code	ext_versions(struct ext_ctx *, struct cur *);
static enum anom_code	ext_versions_server(struct ext_ctx *, struct cur *);
static enum anom_code	ext_key_share(struct ext_ctx *, struct cur *);
static enum anom_code	ext_key_share_server(struct ext_ctx *, struct cur *);
static enum anom_code	ext_psk_modes(struct ext_ctx *, struct cur *);
static enum anom_code	ext_psk(struct ext_ctx *, struct cur *);
static enum anom_code	ext_psk_server(struct ext_ctx *, struct cur *);
static enum anom_code	ext_early(struct ext_ctx *, struct cur *);
static enum anom_code	ext_early_server(struct ext_ctx *, struct cur *);
static enum anom_code	ext_ticket(struct ext_ctx *, struct cur *);
static enum anom_code	ext_reneg(struct ext_ctx *, struct cur *);
static enum anom_code	ext_ems(struct ext_ctx *, struct cur *);
static enum anom_code	ext_etm(struct ext_ctx *, struct cur *);
static enum anom_code	ext_empty(struct ext_ctx *, struct cur *);
static enum anom_code	ext_status(struct ext_ctx *, struct cur *);
static enum anom_code	ext_u16(struct ext_ctx *, struct cur *);
static enum anom_code	ext_any(struct ext_ctx *, struct cur *);
static enum anom_code	ext_compress_cert(struct ext_ctx *, struct cur *);
static enum anom_code	ext_ech(struct ext_ctx *, struct cur *);
static enum anom_code	ext_cookie(struct ext_ctx *, struct cur *);
static enum anom_code	ext_cid(struct ext_ctx *, struct cur *);
static enum anom_code	ext_qtp(struct ext_ctx *, struct cur *);
static const struct ext_ent *ext_find(uint16_t);
static bool		ext_u8list(struct conn *, enum dir, uint32_t,
			    struct cur *, struct u8list *);

/* Sorted by type. Types not listed are kept by number and not parsed. */
static const struct ext_ent ext_tab[] = {
	{ EXT_SERVER_NAME,		ext_sni,	ext_sni_server },
	{ EXT_STATUS_REQUEST,		ext_status,	ext_any },
	{ EXT_SUPPORTED_GROUPS,		ext_groups,	ext_any },
	{ EXT_EC_POINT_FORMATS,		ext_points,	ext_points },
	{ EXT_SIGNATURE_ALGORITHMS,	ext_sigalgs,	ext_any },
	{ EXT_ALPN,			ext_alpn,	ext_alpn_server },
	{ EXT_SCT,			ext_empty,	ext_any },
	{ EXT_PADDING,			ext_any,	ext_any },
	{ EXT_ENCRYPT_THEN_MAC,		ext_etm,	ext_empty },
	{ EXT_EXTENDED_MASTER_SECRET,	ext_ems,	ext_empty },
	{ EXT_COMPRESS_CERTIFICATE,	ext_compress_cert, ext_any },
	{ EXT_RECORD_SIZE_LIMIT,	ext_u16,	ext_u16 },
	{ EXT_SESSION_TICKET,		ext_ticket,	ext_empty },
	{ EXT_KEY_SHARE_DRAFT,		ext_key_share,	ext_key_share_server },
	{ EXT_PRE_SHARED_KEY,		ext_psk,	ext_psk_server },
	{ EXT_EARLY_DATA,		ext_early,	ext_early_server },
	{ EXT_SUPPORTED_VERSIONS,	ext_versions,	ext_versions_server },
	{ EXT_COOKIE,			ext_cookie,	ext_cookie },
	{ EXT_PSK_KEY_EXCHANGE_MODES,	ext_psk_modes,	ext_any },
	{ EXT_POST_HANDSHAKE_AUTH,	ext_empty,	ext_any },
	{ EXT_SIGNATURE_ALGORITHMS_CERT, ext_sigalgs_cert, ext_any },
	{ EXT_KEY_SHARE,		ext_key_share,	ext_key_share_server },
	{ EXT_CONNECTION_ID,		ext_cid,	ext_cid },
	{ EXT_QUIC_TRANSPORT_PARAMETERS, ext_qtp,	ext_qtp },
	{ EXT_ENCRYPTED_CLIENT_HELLO,	ext_ech,	ext_any },
	{ EXT_RENEGOTIATION_INFO,	ext_reneg,	ext_reneg },
	{ EXT_QUIC_TP_DRAFT,		ext_qtp,	ext_qtp },
};
#define N_EXT_TAB	(sizeof(ext_tab) / sizeof(ext_tab[0]))

bool
ext_is_grease(uint16_t v)
{
	/* RFC 8701, 2: 0x0A0A, 0x1A1A, ... 0xFAFA. */
	return (v & 0x0f0f) == 0x0a0a && (v >> 8) == (v & 0xff);
}

static const struct ext_ent *
ext_find(uint16_t type)
{
	size_t lo = 0, hi = N_EXT_TAB, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (ext_tab[mid].type == type)
			return &ext_tab[mid];
		if (ext_tab[mid].type < type)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

bool
ext_u16list(struct conn *c, enum dir dir, uint32_t frame, struct cur *in,
    struct u16list *out)
{
	size_t n = cur_len(in) / 2, i, keep;
	uint16_t v;

	if (!conn_u16list(c, out, (uint32_t)(n > UINT32_MAX ? UINT32_MAX :
	    n))) {
		conn_anom(c, dir, frame, ANOM_MEM_CAP, "list of %zu dropped",
		    n);
		cur_skip(in, n * 2);
		return cur_len(in) == 0;
	}
	keep = n > LIM_LIST ? LIM_LIST : n;
	for (i = 0; i < n && cur_get_u16(in, &v); i++) {
		if (i < keep)
			out->v[out->n++] = v;
	}
	if (out->dropped > 0)
		conn_anom(c, dir, frame, ANOM_LIST_CAP,
		    "list of %zu values, %u kept", n, (unsigned)keep);
	return cur_len(in) == 0;
}

static bool
ext_u8list(struct conn *c, enum dir dir, uint32_t frame, struct cur *in,
    struct u8list *out)
{
	size_t n = cur_len(in);
	uint8_t v;

	if (!conn_u8list(c, out, (uint32_t)n)) {
		conn_anom(c, dir, frame, ANOM_MEM_CAP, "list of %zu dropped",
		    n);
		return false;
	}
	while (cur_get_u8(in, &v)) {
		if (out->n < LIM_LIST)
			out->v[out->n++] = v;
	}
	return true;
}

/*
 * RFC 6066, 3:
 *	struct { NameType name_type; select (name_type) {
 *	    case host_name: HostName; } name; } ServerName;
 *	opaque HostName<1..2^16-1>;
 *	struct { ServerName server_name_list<1..2^16-1> } ServerNameList;
 */
static enum anom_code
ext_sni(struct ext_ctx *x, struct cur *b)
{
	struct cur list, name;
	uint8_t type;

	if (!cur_get_u16_prefixed(b, &list) || cur_len(b) != 0 ||
	    cur_len(&list) == 0)
		return ANOM_SNI_BAD_LEN;
	/* Each turn consumes at least 3 bytes or ends. */
	while (cur_len(&list) > 0) {
		if (!cur_get_u8(&list, &type) ||
		    !cur_get_u16_prefixed(&list, &name))
			return ANOM_SNI_BAD_LEN;
		if (type != 0)
			continue;
		if (cur_len(&name) == 0)
			return ANOM_SNI_BAD_LEN;
		if (x->hs->sni.p == NULL &&
		    !conn_bstr(x->c, &x->hs->sni, cur_data(&name),
		    cur_len(&name)))
			conn_anom(x->c, x->dir, x->frame, ANOM_MEM_CAP,
			    "server_name dropped");
	}
	return ANOM_NONE;
}

/* RFC 6066, 3: the server's "extension_data" field SHALL be empty. */
static enum anom_code
ext_sni_server(struct ext_ctx *x, struct cur *b)
{
	(void)x;
	return cur_len(b) == 0 ? ANOM_NONE : ANOM_EXT_INVALID;
}

/* RFC 8446, 4.2.7: NamedGroup named_group_list<2..2^16-1>; */
static enum anom_code
ext_groups(struct ext_ctx *x, struct cur *b)
{
	struct cur l;

	if (!cur_get_u16_prefixed(b, &l) || cur_len(b) != 0 ||
	    cur_len(&l) < 2 ||
	    !ext_u16list(x->c, x->dir, x->frame, &l, &x->hs->groups_offered))
		return ANOM_EXT_INVALID;
	return ANOM_NONE;
}

/* RFC 8422, 5.1.2: ECPointFormat ec_point_format_list<1..2^8-1> */
static enum anom_code
ext_points(struct ext_ctx *x, struct cur *b)
{
	struct cur l;

	if (!cur_get_u8_prefixed(b, &l) || cur_len(b) != 0 ||
	    cur_len(&l) < 1)
		return ANOM_EXT_INVALID;
	if (x->msg == EXT_IN_CH)
		ext_u8list(x->c, x->dir, x->frame, &l,
		    &x->hs->ec_point_formats);
	return ANOM_NONE;
}

/* RFC 8446, 4.2.3: SignatureScheme supported_signature_algorithms<2..>; */
static enum anom_code
ext_sigalgs(struct ext_ctx *x, struct cur *b)
{
	struct cur l;

	if (!cur_get_u16_prefixed(b, &l) || cur_len(b) != 0 ||
	    cur_len(&l) < 2 ||
	    !ext_u16list(x->c, x->dir, x->frame, &l,
	    &x->hs->sig_algs_offered))
		return ANOM_EXT_INVALID;
	return ANOM_NONE;
}

static enum anom_code
ext_sigalgs_cert(struct ext_ctx *x, struct cur *b)
{
	struct cur l;

	if (!cur_get_u16_prefixed(b, &l) || cur_len(b) != 0 ||
	    cur_len(&l) < 2 ||
	    !ext_u16list(x->c, x->dir, x->frame, &l,
	    &x->hs->sig_algs_cert_offered))
		return ANOM_EXT_INVALID;
	return ANOM_NONE;
}

/*
 * RFC 7301, 3.1:
 *	opaque ProtocolName<1..2^8-1>;
 *	struct { ProtocolName protocol_name_list<2..2^16-1> }
 *	    ProtocolNameList;
 */
static enum anom_code
ext_alpn(struct ext_ctx *x, struct cur *b)
{
	struct cur l, walk, name;
	struct strlist *out = &x->hs->alpn_offered;
	uint32_t n = 0;

	if (!cur_get_u16_prefixed(b, &l) || cur_len(b) != 0 ||
	    cur_len(&l) < 2)
		return ANOM_EXT_INVALID;
	walk = l;
	while (cur_len(&walk) > 0) {
		if (!cur_get_u8_prefixed(&walk, &name) || cur_len(&name) == 0)
			return ANOM_EXT_INVALID;
		n++;
	}
	if (out->v != NULL)
		return ANOM_NONE;
	out->v = arena_alloc(&x->c->arena, (size_t)n * sizeof(*out->v));
	if (out->v == NULL) {
		conn_anom(x->c, x->dir, x->frame, ANOM_MEM_CAP,
		    "ALPN list dropped");
		return ANOM_NONE;
	}
	while (out->n < n && cur_get_u8_prefixed(&l, &name)) {
		if (!conn_bstr(x->c, &out->v[out->n], cur_data(&name),
		    cur_len(&name)))
			break;
		out->n++;
	}
	return ANOM_NONE;
}

/* RFC 7301, 3.1: the server's list holds exactly one name. */
static enum anom_code
ext_alpn_server(struct ext_ctx *x, struct cur *b)
{
	struct cur l, name;

	if (!cur_get_u16_prefixed(b, &l) || cur_len(b) != 0 ||
	    !cur_get_u8_prefixed(&l, &name) || cur_len(&name) == 0 ||
	    cur_len(&l) != 0)
		return ANOM_EXT_INVALID;
	if (!conn_bstr(x->c, &x->hs->alpn, cur_data(&name), cur_len(&name)))
		conn_anom(x->c, x->dir, x->frame, ANOM_MEM_CAP,
		    "ALPN dropped");
	return ANOM_NONE;
}

/* RFC 8446, 4.2.1: ProtocolVersion versions<2..254>; (ClientHello) */
static enum anom_code
ext_versions(struct ext_ctx *x, struct cur *b)
{
	struct cur l;

	if (!cur_get_u8_prefixed(b, &l) || cur_len(b) != 0 ||
	    cur_len(&l) < 2 ||
	    !ext_u16list(x->c, x->dir, x->frame, &l,
	    &x->hs->versions_offered))
		return ANOM_EXT_INVALID;
	return ANOM_NONE;
}

/* RFC 8446, 4.2.1: ProtocolVersion selected_version; (ServerHello, HRR) */
static enum anom_code
ext_versions_server(struct ext_ctx *x, struct cur *b)
{
	uint16_t v;

	if (!cur_get_u16(b, &v) || cur_len(b) != 0)
		return ANOM_EXT_INVALID;
	if (x->msg == EXT_IN_SH)
		x->hs->version = v;
	if (state_is_tls13(v))
		x->st->tls13 = true;
	return ANOM_NONE;
}

/*
 * RFC 8446, 4.2.8:
 *	struct { NamedGroup group; opaque key_exchange<1..2^16-1>; }
 *	    KeyShareEntry;
 *	KeyShareEntry client_shares<0..2^16-1>;	(ClientHello)
 */
static enum anom_code
ext_key_share(struct ext_ctx *x, struct cur *b)
{
	struct cur l, walk, key;
	struct u16list *out = &x->hs->key_shares_offered;
	uint32_t n = 0;
	uint16_t g;

	if (!cur_get_u16_prefixed(b, &l) || cur_len(b) != 0)
		return ANOM_EXT_INVALID;
	walk = l;
	while (cur_len(&walk) > 0) {
		if (!cur_get_u16(&walk, &g) ||
		    !cur_get_u16_prefixed(&walk, &key) || cur_len(&key) == 0)
			return ANOM_EXT_INVALID;
		n++;
	}
	if (out->v != NULL)
		return ANOM_NONE;
	if (!conn_u16list(x->c, out, n)) {
		conn_anom(x->c, x->dir, x->frame, ANOM_MEM_CAP,
		    "key shares dropped");
		return ANOM_NONE;
	}
	while (out->n < n && cur_get_u16(&l, &g) &&
	    cur_get_u16_prefixed(&l, &key))
		out->v[out->n++] = g;
	return ANOM_NONE;
}

/*
 * RFC 8446, 4.2.8: ServerHello: KeyShareEntry server_share;
 * HelloRetryRequest: NamedGroup selected_group;
 */
static enum anom_code
ext_key_share_server(struct ext_ctx *x, struct cur *b)
{
	struct cur key;
	uint16_t g;

	if (x->msg == EXT_IN_HRR) {
		if (!cur_get_u16(b, &g) || cur_len(b) != 0)
			return ANOM_EXT_INVALID;
		x->hs->hrr_group = g;
		x->hs->flags |= HSF_HAS_HRR_GROUP;
		return ANOM_NONE;
	}
	if (!cur_get_u16(b, &g) || !cur_get_u16_prefixed(b, &key) ||
	    cur_len(&key) == 0 || cur_len(b) != 0)
		return ANOM_EXT_INVALID;
	x->hs->group = g;
	x->hs->flags |= HSF_HAS_GROUP;
	return ANOM_NONE;
}

/* RFC 8446, 4.2.9: PskKeyExchangeMode ke_modes<1..255>; */
static enum anom_code
ext_psk_modes(struct ext_ctx *x, struct cur *b)
{
	struct cur l;

	(void)x;
	if (!cur_get_u8_prefixed(b, &l) || cur_len(b) != 0 ||
	    cur_len(&l) < 1)
		return ANOM_EXT_INVALID;
	return ANOM_NONE;
}

/*
 * RFC 8446, 4.2.11:
 *	struct { PskIdentity identities<7..2^16-1>;
 *	    PskBinderEntry binders<33..2^16-1>; } OfferedPsks;
 */
static enum anom_code
ext_psk(struct ext_ctx *x, struct cur *b)
{
	struct cur ids, binders;

	x->hs->flags |= HSF_PSK_OFFERED;
	if (!cur_get_u16_prefixed(b, &ids) ||
	    !cur_get_u16_prefixed(b, &binders) || cur_len(b) != 0 ||
	    cur_len(&ids) == 0 || cur_len(&binders) == 0)
		return ANOM_EXT_INVALID;
	return ANOM_NONE;
}

/* RFC 8446, 4.2.11: uint16 selected_identity; (ServerHello) */
static enum anom_code
ext_psk_server(struct ext_ctx *x, struct cur *b)
{
	uint16_t sel;

	if (!cur_get_u16(b, &sel) || cur_len(b) != 0)
		return ANOM_EXT_INVALID;
	if (x->msg == EXT_IN_SH)
		x->hs->flags |= HSF_PSK_ACCEPTED | HSF_RESUMED;
	return ANOM_NONE;
}

/* RFC 8446, 4.2.10: empty in ClientHello and EncryptedExtensions. */
static enum anom_code
ext_early(struct ext_ctx *x, struct cur *b)
{
	x->hs->flags |= HSF_EARLY_DATA;
	return cur_len(b) == 0 ? ANOM_NONE : ANOM_EXT_INVALID;
}

static enum anom_code
ext_early_server(struct ext_ctx *x, struct cur *b)
{
	if (x->msg == EXT_IN_EE)
		x->hs->flags |= HSF_EARLY_ACCEPTED;
	return cur_len(b) == 0 ? ANOM_NONE : ANOM_EXT_INVALID;
}

/* RFC 5077, 3.2: a ticket, or empty to ask for one. */
static enum anom_code
ext_ticket(struct ext_ctx *x, struct cur *b)
{
	(void)b;
	x->hs->flags |= HSF_EXT_TICKET;
	return ANOM_NONE;
}

/* RFC 5746, 3.2: opaque renegotiated_connection<0..255>; */
static enum anom_code
ext_reneg(struct ext_ctx *x, struct cur *b)
{
	struct cur l;

	if (!cur_get_u8_prefixed(b, &l) || cur_len(b) != 0)
		return ANOM_EXT_INVALID;
	x->hs->flags |= HSF_RENEG_INFO;
	return ANOM_NONE;
}

/* RFC 7627, 5.1: empty. */
static enum anom_code
ext_ems(struct ext_ctx *x, struct cur *b)
{
	x->hs->flags |= HSF_EXT_EMS;
	return cur_len(b) == 0 ? ANOM_NONE : ANOM_EXT_INVALID;
}

/* RFC 7366, 2: empty. */
static enum anom_code
ext_etm(struct ext_ctx *x, struct cur *b)
{
	x->hs->flags |= HSF_EXT_ETM;
	return cur_len(b) == 0 ? ANOM_NONE : ANOM_EXT_INVALID;
}

static enum anom_code
ext_empty(struct ext_ctx *x, struct cur *b)
{
	(void)x;
	return cur_len(b) == 0 ? ANOM_NONE : ANOM_EXT_INVALID;
}

/*
 * RFC 6066, 8:
 *	struct { CertificateStatusType status_type; select (status_type) {
 *	    case ocsp: OCSPStatusRequest; } request; } CertificateStatusRequest;
 *	struct { ResponderID responder_id_list<0..2^16-1>;
 *	    Extensions request_extensions; } OCSPStatusRequest;
 */
static enum anom_code
ext_status(struct ext_ctx *x, struct cur *b)
{
	struct cur ids, exts;
	uint8_t type;

	(void)x;
	if (!cur_get_u8(b, &type))
		return ANOM_EXT_INVALID;
	if (type != 1)
		return ANOM_NONE;
	if (!cur_get_u16_prefixed(b, &ids) ||
	    !cur_get_u16_prefixed(b, &exts) || cur_len(b) != 0)
		return ANOM_EXT_INVALID;
	return ANOM_NONE;
}

/* RFC 8449, 4: uint16 RecordSizeLimit; */
static enum anom_code
ext_u16(struct ext_ctx *x, struct cur *b)
{
	uint16_t v;

	(void)x;
	if (!cur_get_u16(b, &v) || cur_len(b) != 0)
		return ANOM_EXT_INVALID;
	return ANOM_NONE;
}

static enum anom_code
ext_any(struct ext_ctx *x, struct cur *b)
{
	(void)x;
	(void)b;
	return ANOM_NONE;
}

/* RFC 8879, 3: CertificateCompressionAlgorithm algorithms<2..2^8-2>; */
static enum anom_code
ext_compress_cert(struct ext_ctx *x, struct cur *b)
{
	struct cur l;

	(void)x;
	if (!cur_get_u8_prefixed(b, &l) || cur_len(b) != 0 ||
	    cur_len(&l) < 2 || cur_len(&l) % 2 != 0)
		return ANOM_EXT_INVALID;
	return ANOM_NONE;
}

/* draft-ietf-tls-esni: any ECHClientHello marks an ECH (or GREASE) offer. */
static enum anom_code
ext_ech(struct ext_ctx *x, struct cur *b)
{
	x->hs->flags |= HSF_ECH;
	return cur_len(b) > 0 ? ANOM_NONE : ANOM_EXT_INVALID;
}

/*
 * RFC 9146, 3: struct { opaque cid<0..2^8-1>; } ConnectionId;
 * Each side names the CID it wants to receive: the client's is in the
 * records the server sends, the server's in the client's (RFC 9147, 9).
 */
static enum anom_code
ext_cid(struct ext_ctx *x, struct cur *b)
{
	struct cur l;
	enum dir to = x->dir == DIR_C2S ? DIR_S2C : DIR_C2S;

	if (!cur_get_u8_prefixed(b, &l) || cur_len(b) != 0)
		return ANOM_EXT_INVALID;
	if (x->msg == EXT_IN_HRR || x->st == NULL)
		return ANOM_NONE;
	state_udp(x->st)->cid_known[to] = true;
	state_udp(x->st)->cid_len[to] = (uint8_t)cur_len(&l);
	return ANOM_NONE;
}

/* RFC 9001, 8.2: the QUIC transport parameters (dissect/quictp.c). */
static enum anom_code
ext_qtp(struct ext_ctx *x, struct cur *b)
{
	if (x->msg == EXT_IN_HRR)
		return ANOM_NONE;
	if (x->hs->qtp == NULL)
		x->hs->qtp = x_calloc(2, sizeof(*x->hs->qtp));
	return quic_tp_parse(x->c, &x->hs->qtp[x->dir], x->dir, x->frame, b) ?
	    ANOM_NONE : ANOM_EXT_INVALID;
}

/* RFC 8446, 4.2.2: opaque cookie<1..2^16-1>; */
static enum anom_code
ext_cookie(struct ext_ctx *x, struct cur *b)
{
	struct cur l;

	(void)x;
	if (!cur_get_u16_prefixed(b, &l) || cur_len(b) != 0 ||
	    cur_len(&l) == 0)
		return ANOM_EXT_INVALID;
	return ANOM_NONE;
}

/*
 * RFC 8446, 4.2:
 *	struct { ExtensionType extension_type;
 *	    opaque extension_data<0..2^16-1>; } Extension;
 */
bool
ext_parse_block(struct conn *c, struct tls_state *st, struct tls_hs *hs,
    enum dir dir, uint32_t frame, enum ext_msg msg, const struct cur *exts,
    struct u16list *out)
{
	struct ext_ctx x = { c, st, hs, dir, frame, msg };
	const struct ext_ent *ent;
	struct cur walk = *exts, body;
	struct u16list nl;
	uint8_t seen[65536 / 8];
	uint32_t n = 0, i;
	uint16_t type;
	size_t blen;
	enum anom_code code;
	ext_fn fn;
	bool ok = true, dup_noted = false;

	/* First pass: count, so the list is allocated once. */
	while (cur_len(&walk) > 0) {
		if (!cur_get_u16(&walk, &type) ||
		    !cur_get_u16_prefixed(&walk, &body)) {
			conn_anom(c, dir, frame, ANOM_EXT_INVALID,
			    "extension block overruns after %u extensions",
			    n);
			ok = false;
			break;
		}
		n++;
	}
	if (out != NULL) {
		memset(&nl, 0, sizeof(nl));
		if (!conn_u16list(c, &nl, out->n + n)) {
			conn_anom(c, dir, frame, ANOM_MEM_CAP,
			    "extension list dropped");
			out = NULL;
		} else {
			for (i = 0; i < out->n; i++)
				nl.v[nl.n++] = out->v[i];
			*out = nl;
		}
	}
	memset(seen, 0, sizeof(seen));
	walk = *exts;
	for (i = 0; i < n; i++) {
		if (!cur_get_u16(&walk, &type) ||
		    !cur_get_u16_prefixed(&walk, &body))
			break;
		if (out != NULL && out->n < LIM_LIST)
			out->v[out->n++] = type;
		if (seen[type / 8] & (1u << (type % 8))) {
			/* RFC 8446, 4.2: at most one of each type. */
			if (!dup_noted)
				conn_anom(c, dir, frame, ANOM_EXT_DUPLICATE,
				    "extension %u repeated", type);
			dup_noted = true;
			continue;
		}
		seen[type / 8] |= (uint8_t)(1u << (type % 8));
		if ((ent = ext_find(type)) == NULL)
			continue;
		fn = msg == EXT_IN_CH ? ent->client : ent->server;
		blen = cur_len(&body);
		if ((code = fn(&x, &body)) != ANOM_NONE)
			conn_anom(c, dir, frame, code,
			    "extension %u (%zu bytes)", type, blen);
	}
	return ok;
}
