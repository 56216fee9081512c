/*
 * esc.h: escaping of wire strings for their destination.
 *
 * Wire strings (SNI, ALPN, certificate fields) may hold any byte. Before
 * they reach a terminal, JSON or HTML they pass one of these functions.
 */
#ifndef TLSHAKE_COMMON_ESC_H
#define TLSHAKE_COMMON_ESC_H

#include <stddef.h>

#include "common/buf.h"

/*
 * esc_term appends "p".."len" for a terminal: printable UTF-8 is kept;
 * C0/C1 controls, DEL, bidirectional and other format controls, and bytes
 * that are not valid UTF-8 become visible \xNN or \u{NNNN} escapes, so
 * nothing can move the cursor, change colours or reorder text. At most
 * "maxcols" columns are added (0: no limit); a cut string ends in "~".
 * Returns the columns added.
 */
size_t	esc_term(struct buf *, const void *, size_t, size_t);
/*
 * esc_json appends a JSON string body (no quotes); invalid UTF-8 -> U+FFFD;
 * controls, C1 and bidirectional/format controls as \uXXXX escapes.
 */
void	esc_json(struct buf *, const void *, size_t);
/* esc_html appends text safe in HTML content and attribute values. */
void	esc_html(struct buf *, const void *, size_t);
/* esc_term_cols returns the columns esc_term would add without a limit. */
size_t	esc_term_cols(const void *, size_t);

#endif /* TLSHAKE_COMMON_ESC_H */
