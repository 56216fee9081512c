/*
 * certstore.h: distinct certificates, parsed once, shared by reference.
 *
 * Entries are keyed by the SHA-256 of their DER. A connection holds a
 * reference for each certificate it saw; unreferenced entries stay cached
 * (for the next connection to the same server) until the cache is full.
 * It knows nothing of connections: conn.h includes it, not the reverse.
 */
#ifndef TLSHAKE_MODEL_CERTSTORE_H
#define TLSHAKE_MODEL_CERTSTORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/arena.h"

/* A parsed certificate: shared between connections through certstore. */
struct cert;

struct cert_info {
	const char	*subject;	/* RFC 2253-like, escaped later by views */
	const char	*issuer;
	const char	*subject_cn;	/* NULL when absent */
	const char	*issuer_cn;
	const char	**san;
	uint32_t	 n_san;
	const char	*serial;	/* "0x..." */
	int64_t		 not_before;	/* UNIX seconds */
	int64_t		 not_after;
	const char	*key_type;	/* "RSA", "EC", "ED25519", "DSA", ... */
	uint32_t	 key_bits;
	const char	*sig_alg;	/* OpenSSL long name */
	uint8_t		 sha256[32];
	uint32_t	 der_len;
	bool		 self_signed;
	bool		 is_ca;
	const char	*error;		/* set when the DER did not parse */
};

/* Chain verification result (filled by the chain checker when enabled). */
struct chain_result {
	const char	*error;		/* OpenSSL's reason string */
	uint16_t	 flags;		/* CERTF_* of all certificates */
	bool		 checked;
	bool		 valid;
	bool		 hostname_checked;
	bool		 hostname_match;
};

/* What is wrong with a certificate, judged at the capture time. */
#define CERTF_EXPIRED		0x0001	/* after notAfter */
#define CERTF_NOT_YET_VALID	0x0002	/* before notBefore */
#define CERTF_EXPIRES_SOON	0x0004	/* notAfter within 30 days */
#define CERTF_SELF_SIGNED	0x0008
#define CERTF_WEAK_KEY		0x0010	/* RSA or DSA below 2048 bits */
#define CERTF_WEAK_SIG		0x0020	/* signed with SHA-1 or MD5 */
#define CERTF_NO_SAN		0x0040	/* end entity without subjectAltName */
#define CERTF_HOST_MISMATCH	0x0080	/* leaf does not match the SNI */
#define CERTF_LONG_VALIDITY	0x0100	/* end entity valid > 398 days */
#define CERTF_N			9

/*
 * certstore_lock / certstore_unlock bracket a lookup and the filling of
 * a new entry (certstore_get, certstore_find_der, certstore_new, then
 * cert_info_mut), so that -j N's workers parse each certificate once and
 * never see one half filled. cert_unref takes the lock itself.
 */
void		 certstore_lock(void);
void		 certstore_unlock(void);
/* certstore_get returns a new reference to a cached entry, or NULL. */
struct cert	*certstore_get(const uint8_t[32]);
/*
 * certstore_find_der returns a new reference to the entry whose DER is
 * "der".."len", or NULL: found by a cheap sampled hash and confirmed by
 * comparing the bytes, so a certificate seen again costs no SHA-256.
 */
struct cert	*certstore_find_der(const void *, size_t);
/*
 * certstore_new adds an entry holding a copy of "der" and returns it with
 * one reference; the caller fills cert_info_mut() from cert_arena().
 */
struct cert	*certstore_new(const uint8_t[32], const void *, size_t);
void		 cert_ref(struct cert *);
void		 cert_unref(struct cert *);
const struct cert_info *cert_info(const struct cert *);
struct cert_info *cert_info_mut(struct cert *);
struct arena	*cert_arena(struct cert *);
const uint8_t	*cert_der(const struct cert *, size_t *);
/* Distinct certificates parsed, and entries held now. */
size_t		 certstore_parsed(void);
size_t		 certstore_held(void);
void		 certstore_cleanup(void);

#endif /* TLSHAKE_MODEL_CERTSTORE_H */
