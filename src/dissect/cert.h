/*
 * cert.h: X.509 certificates from Certificate messages, parsed once per
 * distinct DER and shared through model/certstore.h.
 */
#ifndef TLSHAKE_DISSECT_CERT_H
#define TLSHAKE_DISSECT_CERT_H

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

#endif /* TLSHAKE_DISSECT_CERT_H */
