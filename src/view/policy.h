/*
 * policy.h: what the views judge about a handshake: deprecated versions,
 * the client's highest version, the chosen suite's position and strength
 * (with the reasons in words) and the Mozilla profile a choice fits.
 * Pure functions over the model and the suite registry; used by --diff,
 * its per-server aggregates and the reports.
 */
#ifndef TLSHAKE_VIEW_POLICY_H
#define TLSHAKE_VIEW_POLICY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "dissect/suite.h"
#include "model/conn.h"

/* policy_deprecated: SSL 2, SSL 3, TLS 1.0 and 1.1 (RFC 8996). */
bool		 policy_deprecated(uint16_t);
/* policy_highest: the client's highest offered version (supported_versions,
 * else legacy_version); 0 when unknown. */
uint16_t	 policy_highest(const struct tls_hs *);
/* policy_position: 1-based position of the chosen suite in the client's
 * list (GREASE counted, as sent), 0 when not there or not chosen. */
uint32_t	 policy_position(const struct tls_hs *);
/*
 * policy_reasons writes why a suite is weak or insecure ("3DES", "no FS,
 * CBC") into "buf", or "" for a secure or unknown one; returns "buf".
 */
const char	*policy_reasons(const struct suite *, char *, size_t);
/* Mozilla server-side TLS profiles (SPEC.md), most restrictive first. */
enum policy_profile { PROF_MODERN, PROF_INTERMEDIATE, PROF_OLD, PROF_NONE };
/* policy_profile_of: the most restrictive profile allowing the choice of
 * suite "id" (second) at version "v" (first). */
enum policy_profile policy_profile_of(uint16_t, uint16_t);
const char	*policy_profile_name(enum policy_profile);
/* policy_strength: suite_strength of an id (STRENGTH_UNKNOWN for unknown). */
enum suite_strength policy_strength(uint16_t);

#endif /* TLSHAKE_VIEW_POLICY_H */
