/*
 * suite.c: lookups in the generated registry tables (tables.c) and the
 * grading of cipher suites.
 */

#include "dissect/suite.h"

#include <stdio.h>

#define DRAFT(n)	"TLSv1.3-draft-" #n
/* The names do not fit the caller's 16 bytes, so they are constants. */
static const char *const drafts[] = {
	DRAFT(00), DRAFT(01), DRAFT(02), DRAFT(03), DRAFT(04), DRAFT(05),
	DRAFT(06), DRAFT(07), DRAFT(08), DRAFT(09), DRAFT(10), DRAFT(11),
	DRAFT(12), DRAFT(13), DRAFT(14), DRAFT(15), DRAFT(16), DRAFT(17),
	DRAFT(18), DRAFT(19), DRAFT(20), DRAFT(21), DRAFT(22), DRAFT(23),
	DRAFT(24), DRAFT(25), DRAFT(26), DRAFT(27), DRAFT(28)
};
#define N_DRAFTS	(sizeof(drafts) / sizeof(drafts[0]))

static const struct suite_tok *tok_find(const struct suite_tok *, size_t,
    uint32_t);
static const char *tok_name(const char *const *, unsigned int, unsigned int);

/*
 * tok_find is a binary search of a table sorted by id (gentab.awk refuses
 * unsorted input).  NULL when absent.
 */
static const struct suite_tok *
tok_find(const struct suite_tok *tab, size_t n, uint32_t id)
{
	size_t lo = 0, hi = n, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (tab[mid].id == id)
			return &tab[mid];
		if (tab[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

static const char *
tok_name(const char *const *names, unsigned int max, unsigned int v)
{
	if (v == 0 || v >= max || names[v] == NULL)
		return "unknown";
	return names[v];
}

const struct suite *
suite_find(uint16_t id)
{
	size_t lo = 0, hi = suite_tab_n, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (suite_tab[mid].id == id)
			return &suite_tab[mid];
		if (suite_tab[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

bool
suite_is_grease(uint16_t v)
{
	/* RFC 8701, 2: both bytes equal, each of the form 0x?A. */
	return (v & 0x0f0f) == 0x0a0a && (v >> 8) == (v & 0xff);
}

const char *
suite_name(uint16_t id)
{
	const struct suite *s;

	if (suite_is_grease(id))
		return "GREASE";
	if ((s = suite_find(id)) == NULL)
		return "unknown";
	return s->name;
}

const char *
suite_proto_name(unsigned int v)
{
	return tok_name(suite_proto_names, P_MAX, v);
}

const char *
suite_kx_name(unsigned int v)
{
	return tok_name(suite_kx_names, KX_MAX, v);
}

const char *
suite_au_name(unsigned int v)
{
	return tok_name(suite_au_names, AU_MAX, v);
}

const char *
suite_enc_name(unsigned int v)
{
	return tok_name(suite_enc_names, ENC_MAX, v);
}

const char *
suite_mac_name(unsigned int v)
{
	return tok_name(suite_mac_names, MAC_MAX, v);
}

const char *
suite_hash_name(unsigned int v)
{
	return tok_name(suite_hash_names, H_MAX, v);
}

bool
suite_fs(const struct suite *s)
{
	if (s == NULL)
		return false;
	switch (s->kx) {
	case KX_DHE:
	case KX_DHE_EXPORT:
	case KX_ECDHE:
	case KX_DHE_PSK:
	case KX_ECDHE_PSK:
	case KX_SRP:
	case KX_ECCPWD:
	case KX_ECJPAKE:
	case KX_CECPQ1:
	case KX_ANY:
		return true;
	default:
		return false;
	}
}

bool
suite_aead(const struct suite *s)
{
	return s != NULL && s->mac == MAC_AEAD;
}

enum suite_strength
suite_strength(const struct suite *s)
{
	if (s == NULL || s->kx == KX_UNKNOWN || s->enc == ENC_UNKNOWN ||
	    s->mac == MAC_UNKNOWN)
		return STRENGTH_UNKNOWN;

	switch (s->enc) {
	case ENC_NULL:
	case ENC_RC4_40:
	case ENC_RC4_56:
	case ENC_RC4_128:
	case ENC_RC2_CBC_40:
	case ENC_RC2_CBC_56:
	case ENC_DES40_CBC:
	case ENC_DES_CBC:
	case ENC_3DES_EDE_CBC:
	case ENC_IDEA_CBC:
	case ENC_FORTEZZA_CBC:
		return STRENGTH_INSECURE;
	default:
		break;
	}
	switch (s->kx) {
	case KX_NULL:
	case KX_RSA_EXPORT:
	case KX_DH_EXPORT:
	case KX_DHE_EXPORT:
	case KX_KRB5_EXPORT:
		return STRENGTH_INSECURE;
	default:
		break;
	}
	if (s->au == AU_ANON || s->au == AU_NULL || s->mac == MAC_MD5)
		return STRENGTH_INSECURE;

	if (s->proto == P_TLS13)
		return STRENGTH_SECURE;

	if (!suite_aead(s) || !suite_fs(s) || s->enc == ENC_AES128_CCM8 ||
	    s->enc == ENC_AES256_CCM8)
		return STRENGTH_WEAK;
	return STRENGTH_SECURE;
}

unsigned int
suite_prf_hash(const struct suite *s, uint16_t version)
{
	if (version >= 0x0300 && version < 0x0303)
		return H_MD5_SHA1;
	return s->hash;
}

const char *
suite_strength_name(enum suite_strength v)
{
	switch (v) {
	case STRENGTH_INSECURE:
		return "insecure";
	case STRENGTH_WEAK:
		return "weak";
	case STRENGTH_SECURE:
		return "secure";
	default:
		return "unknown";
	}
}

const char *
suite_sslv2_name(uint32_t spec)
{
	const struct suite_tok *t;

	t = tok_find(suite_sslv2_tab, suite_sslv2_tab_n, spec);
	return t == NULL ? NULL : t->name;
}

const char *
suite_group_name(uint16_t v)
{
	const struct suite_tok *t;

	if (suite_is_grease(v))
		return "GREASE";
	t = tok_find(suite_group_tab, suite_group_tab_n, v);
	return t == NULL ? NULL : t->name;
}

const char *
suite_sigalg_name(uint16_t v)
{
	const struct suite_tok *t;

	if (suite_is_grease(v))
		return "GREASE";
	t = tok_find(suite_sigalg_tab, suite_sigalg_tab_n, v);
	return t == NULL ? NULL : t->name;
}

const char *
suite_ext_name(uint16_t v)
{
	const struct suite_tok *t;

	if (suite_is_grease(v))
		return "GREASE";
	t = tok_find(suite_ext_tab, suite_ext_tab_n, v);
	return t == NULL ? NULL : t->name;
}

const char *
suite_alert_name(uint8_t v)
{
	const struct suite_tok *t;

	t = tok_find(suite_alert_tab, suite_alert_tab_n, v);
	return t == NULL ? NULL : t->name;
}

const char *
suite_hs_name(uint8_t v)
{
	const struct suite_tok *t;

	t = tok_find(suite_hs_tab, suite_hs_tab_n, v);
	return t == NULL ? NULL : t->name;
}

const char *
suite_version_name(uint16_t v, char buf[16])
{
	switch (v) {
	case 0x0002:
		return "SSLv2";
	case 0x0300:
		return "SSLv3";
	case 0x0301:
		return "TLSv1.0";
	case 0x0302:
		return "TLSv1.1";
	case 0x0303:
		return "TLSv1.2";
	case 0x0304:
		return "TLSv1.3";
	case 0xfeff:
		return "DTLSv1.0";
	case 0xfefd:
		return "DTLSv1.2";
	case 0xfefc:
		return "DTLSv1.3";
	default:
		break;
	}
	if (suite_is_grease(v))
		return "GREASE";
	/* draft-ietf-tls-tls13-NN sent 0x7f00 | NN; 28 was the last. */
	if ((v >> 8) == 0x7f && (v & 0xff) < N_DRAFTS)
		return drafts[v & 0xff];
	(void)snprintf(buf, 16, "0x%04x", (unsigned int)v);
	return buf;
}
