/*
 * repdata.h: the report's data, shared by report.c (text, md, JSON) and
 * html.c. Private to those two files.
 */
#ifndef TLSHAKE_VIEW_REPDATA_H
#define TLSHAKE_VIEW_REPDATA_H

#include <stdbool.h>
#include <stdint.h>

#include "common/buf.h"
#include "common/limits.h"
#include "model/anom.h"
#include "model/conn.h"
#include "view/report.h"
#include "view/tally.h"

/* Outcome classes, the order full sections come in. */
enum rep_class { RC_FAILED, RC_ANOMALOUS, RC_OK, RC_N };

/* One summary row per connection (up to LIM_REPORT_ROWS). */
struct rep_row {
	uint64_t	 id, t_first;
	char		 cli[48], srv[48];
	uint8_t		 sni[LIM_REPORT_SNI];
	uint8_t		 sni_len;
	bool		 has_sni, sni_cut;
	bool		 has_suite, has_alert, full;
	uint16_t	 version, suite;
	uint8_t		 alert, strength;
	const char	*status;	/* label_status(): static */
	uint32_t	 n_anoms;
	double		 hs_ms;		/* < 0: none */
};

/* A server (address:port and SNI) with its leaf certificate's facts. */
struct rep_srv {
	char		 ep[48];
	uint8_t		*sni;
	uint32_t	 sni_len;
	bool		 has_cert, self_signed;
	char		*subject, *issuer, *key_type;
	uint32_t	 key_bits;
	int64_t		 not_after;
	struct chain_result chain;	/* error copied */
};

struct rep_cli {
	char		 ja3[40], ja4[48];
};

struct report {
	enum report_fmt	 fmt;
	char		*source;
	struct text_opts o;
	uint64_t	 conns, completed, failed, incomplete, reset, notls;
	uint64_t	 t_min, t_max;
	uint64_t	 by_alert[256], failed_no_alert;
	uint64_t	 strength[4];	/* enum suite_strength */
	uint64_t	 anoms[ANOM_NCODES];
	struct tally	 versions, suites, servers, clients, snis;
	struct rep_row	*rows;
	size_t		 n_rows, cap_rows;
	uint64_t	 rows_dropped;
	struct conn	**full[RC_N];
	size_t		 n_full[RC_N];
};

/* html_emit writes the HTML report (html.c), repjson_emit the JSON one. */
void		 html_emit(struct report *, struct buf *);
void		 repjson_emit(struct report *, struct buf *);
/* charts_emit writes the HTML report's inline-SVG charts (charts.c). */
void		 charts_emit(struct report *, struct buf *);
/* report_sorted_rows / report_sorted_full: by connection number; the
 * caller frees the returned array only. */
struct rep_row	**report_sorted_rows(struct report *);
struct conn	**report_sorted_full(struct report *, size_t *);
/* report_spill writes "b" out when it has grown large (report_write's
 * file); html.c calls it between sections. */
void		 report_spill(struct buf *);
/* report_time: "2026-11-25T10:00:00Z" (seconds) into "buf". */
const char	*report_time(int64_t, char *, size_t);

#endif /* TLSHAKE_VIEW_REPDATA_H */
