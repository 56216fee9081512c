/*
 * policy.c: judgements on a handshake shared by --diff, its aggregates
 * and the reports (policy.h).
 */
#include "view/policy.h"

#include <stdio.h>

bool
policy_deprecated(uint16_t v)
{
	return v == 0x0002 || v == 0x0300 || v == 0x0301 || v == 0x0302;
}

uint16_t
policy_highest(const struct tls_hs *hs)
{
	uint16_t best = 0, v;
	uint32_t i;

	for (i = 0; i < hs->versions_offered.n; i++) {
		v = hs->versions_offered.v[i];
		/* TLS and SSL only: GREASE, drafts and DTLS do not order. */
		if (v >= 0x0300 && v <= 0x0304 && v > best)
			best = v;
	}
	if (best == 0 && (hs->flags & HSF_HAS_CH))
		best = hs->client_version;
	return best;
}

uint32_t
policy_position(const struct tls_hs *hs)
{
	uint32_t i;

	if (!(hs->flags & HSF_HAS_SUITE))
		return 0;
	for (i = 0; i < hs->suites_offered.n; i++)
		if (hs->suites_offered.v[i] == hs->suite)
			return i + 1;
	return 0;
}

enum suite_strength
policy_strength(uint16_t id)
{
	const struct suite *s = suite_find(id);

	return s == NULL ? STRENGTH_UNKNOWN : suite_strength(s);
}

/* The testssl.sh categories behind suite_strength, as words. */
const char *
policy_reasons(const struct suite *s, char *buf, size_t len)
{
	enum suite_strength st;
	size_t n = 0;

	buf[0] = '\0';
	if (s == NULL || (st = suite_strength(s)) == STRENGTH_SECURE ||
	    st == STRENGTH_UNKNOWN)
		return buf;
#define ADD(w) do {							\
	n += (size_t)snprintf(buf + n, n < len ? len - n : 0, "%s%s",	\
	    n > 0 ? ", " : "", (w));					\
	if (n >= len)							\
		n = len - 1;						\
} while (0)
	if (st == STRENGTH_INSECURE) {
		if (s->enc == ENC_NULL)
			ADD("NULL encryption");
		if (s->au == AU_ANON || s->au == AU_NULL)
			ADD("anonymous");
		if (s->kx == KX_RSA_EXPORT || s->kx == KX_DH_EXPORT ||
		    s->kx == KX_DHE_EXPORT || s->kx == KX_KRB5_EXPORT ||
		    s->enc == ENC_RC4_40 || s->enc == ENC_RC2_CBC_40 ||
		    s->enc == ENC_DES40_CBC)
			ADD("EXPORT");
		if (s->enc == ENC_RC4_40 || s->enc == ENC_RC4_56 ||
		    s->enc == ENC_RC4_128)
			ADD("RC4");
		if (s->enc == ENC_RC2_CBC_40 || s->enc == ENC_RC2_CBC_56)
			ADD("RC2");
		if (s->enc == ENC_DES_CBC || s->enc == ENC_DES40_CBC)
			ADD("DES");
		if (s->enc == ENC_3DES_EDE_CBC)
			ADD("3DES");
		if (s->enc == ENC_IDEA_CBC)
			ADD("IDEA");
		if (s->enc == ENC_FORTEZZA_CBC || s->kx == KX_FORTEZZA)
			ADD("FORTEZZA");
		if (s->mac == MAC_MD5)
			ADD("MD5");
	} else {
		if (!suite_fs(s))
			ADD("no FS");
		if (!suite_aead(s))
			ADD(s->enc == ENC_NULL ? "no AEAD" : "CBC");
		if (s->enc == ENC_AES128_CCM8 || s->enc == ENC_AES256_CCM8)
			ADD("CCM_8");
	}
#undef ADD
	return buf;
}

const char *
policy_profile_name(enum policy_profile p)
{
	static const char *const names[] = {
		"modern", "intermediate", "old", "none",
	};

	return p <= PROF_NONE ? names[p] : "none";
}

/*
 * Mozilla Server Side TLS 5.7, as SPEC.md words it: modern is TLS 1.3
 * with its three suites; intermediate adds TLS 1.2 with ECDHE-ECDSA/RSA
 * and DHE-RSA over AES-GCM or ChaCha20-Poly1305; old adds TLS 1.0 and 1.1,
 * the ECDHE/DHE CBC suites with SHA-1/256/384, static RSA AES-GCM/CBC and
 * TLS_RSA_WITH_3DES_EDE_CBC_SHA.
 */
enum policy_profile
policy_profile_of(uint16_t version, uint16_t id)
{
	const struct suite *s = suite_find(id);
	bool aead_ok, cbc_ok, inter, old;

	if (version == 0x0304)
		return id >= 0x1301 && id <= 0x1303 ? PROF_MODERN : PROF_NONE;
	if (s == NULL || (version != 0x0303 && version != 0x0302 &&
	    version != 0x0301))
		return PROF_NONE;
	aead_ok = s->enc == ENC_AES128_GCM || s->enc == ENC_AES256_GCM ||
	    s->enc == ENC_CHACHA20_POLY1305;
	cbc_ok = (s->enc == ENC_AES128_CBC || s->enc == ENC_AES256_CBC) &&
	    (s->mac == MAC_SHA1 || s->mac == MAC_SHA256 ||
	    s->mac == MAC_SHA384);
	inter = aead_ok && ((s->kx == KX_ECDHE && (s->au == AU_ECDSA ||
	    s->au == AU_RSA)) || (s->kx == KX_DHE && s->au == AU_RSA));
	old = inter || id == 0x000a ||
	    (cbc_ok && (s->kx == KX_ECDHE || s->kx == KX_DHE) &&
	    (s->au == AU_ECDSA || s->au == AU_RSA)) ||
	    (s->kx == KX_RSA && s->au == AU_RSA && (cbc_ok ||
	    s->enc == ENC_AES128_GCM || s->enc == ENC_AES256_GCM));
	if (version == 0x0303 && inter)
		return PROF_INTERMEDIATE;
	return old ? PROF_OLD : PROF_NONE;
}
