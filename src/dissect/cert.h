/*
 * cert.h: X.509 certificates from Certificate messages, parsed once per
 * distinct DER and shared through model/certstore.h.
 */
#ifndef TLSHAKE_DISSECT_CERT_H
#define TLSHAKE_DISSECT_CERT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct cert;

/*
 * cert_parse returns the certificate whose DER is "der".."len" with a new
 * reference that the caller owns (cert_unref(), or hand it to
 * conn_add_cert()). A certificate already in certstore is returned as it
 * is, so each distinct certificate is parsed once; a new one is parsed
 * with libcrypto and its struct cert_info filled in the entry's arena.
 * Names and subjectAltName entries keep their bytes (escape sequences
 * included), at most LIM_STR of them; as the strings carry no length, an
 * embedded NUL becomes U+FFFD. subject_cn/issuer_cn are the first CN in
 * DER order (as tshark), NULL without one.
 *
 * When the DER does not parse it returns NULL and sets "*err" to a reason
 * with static storage (OpenSSL's reason string when it gave one). When it
 * parses but something is off (bytes after the certificate, fields past
 * the entry's memory cap) it returns the entry and sets "*err" to the same
 * string as cert_info()->error; otherwise "*err" is NULL. It records no
 * anomaly: the caller knows the connection and the frame.
 */
struct cert	*cert_parse(const uint8_t *, size_t, const char **);

struct conn;
struct tls_hs;
struct chain_result;

/*
 * cert_trust_new loads the trust store for chain verification from
 * "ca_file" and/or "ca_path", or the system's default locations when both
 * are NULL. NULL with a reason in "err" when a named file or directory
 * cannot be loaded. Several pipelines (and threads) may share one: a chain
 * check holds its lock, since libcrypto adds the CA certificates it reads
 * from a hashed directory to the store as chains need them.
 * cert_trust_free(NULL) is a no-op.
 */
struct cert_trust;
struct cert_trust *cert_trust_new(const char *, const char *, char *,
		    size_t);
void		 cert_trust_free(struct cert_trust *);

/*
 * cert_check_new returns the chain checks of one dissector: the trust
 * store "trust" (borrowed, it must outlive them; NULL: chains are not
 * verified, the certificate flags are still computed) and a cache of
 * results per chain, SNI and day, owned by the caller (cert_check_free).
 */
struct cert_check;
struct cert_check *cert_check_new(struct cert_trust *);
void		 cert_check_free(struct cert_check *);

/*
 * cert_check_hs judges the server's certificates of "hs" at the capture
 * time "ts" (microseconds since the epoch) against the SNI: hs->chain
 * and one CERTF_* word per certificate in hs->cert_flags (allocated in
 * the connection's arena; left NULL past its cap). Results are cached
 * in "ck". It records no anomaly.
 */
void		 cert_check_hs(struct cert_check *, struct conn *,
		    struct tls_hs *, uint64_t);

/*
 * cert_chain_check is what cert_check_hs runs: the chain "certs" (leaf
 * first, as sent) at UNIX time "t" against host "sni".."sni_len" (NULL:
 * no host check), into "out" and "flags" (one per certificate).
 */
void		 cert_chain_check(struct cert_check *, struct cert *const *,
		    uint32_t, const uint8_t *, size_t, int64_t,
		    struct chain_result *, uint16_t *);

#endif /* TLSHAKE_DISSECT_CERT_H */
