/*
 * repdata.h: the report's data, collected once by report.c, and the
 * section writers of the formats (reptext.c, repjson.c, html.c) that read
 * it. Private to those files.
 */
#ifndef TLSHAKE_VIEW_REPDATA_H
#define TLSHAKE_VIEW_REPDATA_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

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

/* What every section reads, sorted once by report_write (repdata.c). */
struct rep_view {
	struct tally_ent **versions, **suites, **clients, **snis;
	struct rep_row	**rows;		/* by connection number */
	struct conn	**full;		/* by class, then number */
	size_t		 n_full;
};

/*
 * Where the sections write: one buffer, written out to "fp" as it grows
 * (repdata_spill); "md" makes the text sections Markdown.
 */
struct rep_out {
	struct buf	 b;
	FILE		*fp;
	bool		 ok;		/* no write error yet */
	bool		 md;
};

/*
 * A section writer of one format. report.c's table gives each section a
 * text (and Markdown), a JSON and an HTML writer, in the order the
 * sections come in.
 */
typedef void	 rep_emit_fn(const struct report *, const struct rep_view *,
		    struct rep_out *);

/* repdata_view_init sorts what the sections read; cleanup frees it. */
void		 repdata_view_init(struct rep_view *, const struct report *);
void		 repdata_view_cleanup(struct rep_view *);
/* repdata_spill writes "o"'s buffer out when it has grown large. */
void		 repdata_spill(struct rep_out *);
/* repdata_time: "2026-11-25T10:00:00Z" (seconds) into "buf". */
const char	*repdata_time(int64_t, char *, size_t);

/* The sections, by format: reptext.c, repjson.c, html.c and charts.c. */
rep_emit_fn	 reptext_head, reptext_alerts, reptext_versions,
		 reptext_suites, reptext_strength, reptext_servers,
		 reptext_clients, reptext_snis, reptext_anoms, reptext_full,
		 reptext_rows;
rep_emit_fn	 repjson_head, repjson_alerts, repjson_versions,
		 repjson_suites, repjson_strength, repjson_servers,
		 repjson_clients, repjson_snis, repjson_anoms, repjson_dropped,
		 repjson_rows, repjson_full, repjson_end;
rep_emit_fn	 charts_emit;		/* charts.c: inline-SVG charts */
rep_emit_fn	 html_head, html_summary, html_alerts, html_versions,
		 html_suites, html_servers, html_clients, html_snis, html_anoms,
		 html_rows, html_full, html_end;

#endif /* TLSHAKE_VIEW_REPDATA_H */
