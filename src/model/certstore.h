/*
 * certstore.h: distinct certificates, parsed once, shared by reference.
 *
 * Entries are keyed by the SHA-256 of their DER. A connection holds a
 * reference for each certificate it saw; unreferenced entries stay cached
 * (for the next connection to the same server) until the cache is full.
 */
#ifndef TLSHAKE_MODEL_CERTSTORE_H
#define TLSHAKE_MODEL_CERTSTORE_H

#include <stddef.h>
#include <stdint.h>

#include "common/arena.h"
#include "model/conn.h"

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
