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
#include "view/policy.h"
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

#endif /* TLSHAKE_VIEW_DIFF_H */
