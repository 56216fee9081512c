/*
 * report.h: --report text|md|html|json: a summary of the whole capture
 * (outcomes, versions, suites, strength classes, servers with their
 * certificates, clients by fingerprint, SNIs, anomalies), then sections
 * for at most LIM_REPORT_FULL connections (failed and anomalous first)
 * and a summary row for each of the others (up to LIM_REPORT_ROWS).
 * Memory is bounded by those caps, not by the length of the capture.
 */
#ifndef TLSHAKE_VIEW_REPORT_H
#define TLSHAKE_VIEW_REPORT_H

#include <stdbool.h>
#include <stdio.h>

#include "model/conn.h"
#include "view/text.h"

enum report_fmt { REPORT_TEXT, REPORT_MD, REPORT_HTML, REPORT_JSON };

struct report;

/* report_fmt_parse: "text", "md", "html" or "json"; false otherwise. */
bool		 report_fmt_parse(const char *, enum report_fmt *);
/*
 * report_new starts a report on "source" (a file's base name or an
 * interface: never an absolute path); the ladders of text and md
 * reports use "o" without colour.
 */
struct report	*report_new(enum report_fmt, const char *,
		    const struct text_opts *);
/* report_add counts "c" and takes it over (kept in full or freed). */
void		 report_add(struct report *, struct conn *);
/* report_write writes the whole report; false on a write error. */
bool		 report_write(struct report *, FILE *);
void		 report_free(struct report *);
/*
 * report_open creates or truncates "path" for writing with mode 0644
 * (less the umask). It never follows a symbolic link at "path"
 * (O_NOFOLLOW): in a world-writable directory another user could have put
 * one there to make tlshake overwrite a file of its choosing. Returns
 * NULL with errno set (ELOOP for a symbolic link).
 */
FILE		*report_open(const char *);

#endif /* TLSHAKE_VIEW_REPORT_H */
