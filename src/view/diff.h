/*
 * diff.h: --diff, offered versus chosen (SPEC.md, "--diff"; MOCKUPS.md, 3).
 *
 * Per connection, as it ends: the client's offered cipher suites in its
 * order beside the server's choice (its position in the client's list,
 * each suite decomposed with its strength class), then the same for
 * versions, groups, signature algorithms and ALPN. At the end of the
 * input, per server and per client fingerprint (agg.h). Text or JSON Lines.
 */
#ifndef TLSHAKE_VIEW_DIFF_H
#define TLSHAKE_VIEW_DIFF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/buf.h"
#include "dissect/suite.h"
#include "model/conn.h"
#include "view/text.h"

struct diff;

/*
 * diff_new returns a diff view writing JSON Lines when "json", else text
 * with the colours of "o" (kept by pointer: it must outlive the view).
 */
struct diff	*diff_new(bool, const struct text_opts *);
void		 diff_free(struct diff *);
/*
 * diff_emit_conn appends the per-connection diff of "c" to "b" (nothing
 * for a connection without a TLS hello) and adds "c" to the per-server
 * and per-client aggregates; "c" is not kept.
 */
void		 diff_emit_conn(struct diff *, struct buf *, const struct conn *);
/* diff_emit_end appends the per-server and per-client parts. */
void		 diff_emit_end(struct diff *, struct buf *);

/* The per-connection part alone, for reports. */
void		 diff_text_conn(struct buf *, const struct conn *,
		    const struct text_opts *);
void		 diff_json_conn(struct buf *, const struct conn *);
/* diff_text_body: diff_text_conn without its header line. */
void		 diff_text_body(struct buf *, const struct conn *,
		    const struct text_opts *);

/* Helpers shared with agg.c and the reports. */
/* diff_deprecated: SSL 2, SSL 3, TLS 1.0 and 1.1 (RFC 8996). */
bool		 diff_deprecated(uint16_t);
/* diff_highest: the client's highest offered version (supported_versions,
 * else legacy_version); 0 when unknown. */
uint16_t	 diff_highest(const struct tls_hs *);
/* diff_position: 1-based position of the chosen suite in the client's
 * list (GREASE counted, as sent), 0 when not there or not chosen. */
uint32_t	 diff_position(const struct tls_hs *);
/*
 * diff_reasons writes why a suite is weak or insecure ("3DES", "no FS,
 * CBC") into "buf", or "" for a secure or unknown one; returns "buf".
 */
const char	*diff_reasons(const struct suite *, char *, size_t);
/* Mozilla server-side TLS profiles (SPEC.md), most restrictive first. */
enum diff_profile { PROF_MODERN, PROF_INTERMEDIATE, PROF_OLD, PROF_NONE };
/* diff_profile_of: the most restrictive profile allowing the choice of
 * suite "id" (second) at version "v" (first). */
enum diff_profile diff_profile_of(uint16_t, uint16_t);
const char	*diff_profile_name(enum diff_profile);
/* diff_strength: suite_strength of an id (STRENGTH_UNKNOWN for unknown). */
enum suite_strength diff_strength(uint16_t);

#endif /* TLSHAKE_VIEW_DIFF_H */
