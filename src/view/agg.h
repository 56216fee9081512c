/*
 * agg.h: --diff's look back over the capture: per server (address:port
 * and SNI) and per client fingerprint (JA4, else JA3), compact aggregates
 * of the connections seen, never the connections themselves. Tables are
 * bounded (LIM_DIFF_*); what does not fit is counted and said to be.
 */
#ifndef TLSHAKE_VIEW_AGG_H
#define TLSHAKE_VIEW_AGG_H

#include "common/buf.h"
#include "model/conn.h"
#include "view/text.h"

struct agg;

struct agg	*agg_new(void);
void		 agg_free(struct agg *);
/* agg_add counts the first handshake of "c" (nothing without a hello). */
void		 agg_add(struct agg *, const struct conn *);
/* agg_emit_text appends the per-server, then per-client sections. */
void		 agg_emit_text(struct agg *, struct buf *,
		    const struct text_opts *);
/* agg_emit_json appends one JSON line per server ("type": "server"), per
 * client ("type": "client"), then one "type": "totals" line. */
void		 agg_emit_json(struct agg *, struct buf *);

#endif /* TLSHAKE_VIEW_AGG_H */
