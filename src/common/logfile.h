/*
 * logfile.h: --log-file, an output file that can be reopened (SIGHUP) so
 * that logrotate may rename it without a line being lost: every line goes
 * whole to the file open when it is written, the renamed one until the
 * reopen, the new one after.
 */
#ifndef TLSHAKE_COMMON_LOGFILE_H
#define TLSHAKE_COMMON_LOGFILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

struct logfile {
	const char	*path;
	FILE		*fp;
};

/*
 * logfile_open opens "path" for appending, created mode 0640, never
 * through a symbolic link. False with a reason in "err".
 */
bool	logfile_open(struct logfile *, const char *, char *, size_t);
/*
 * logfile_reopen opens the path again (a new file if it was renamed) and
 * closes the old one; when that fails it keeps the old one, and says why
 * in "err".
 */
bool	logfile_reopen(struct logfile *, char *, size_t);
/* logfile_close closes it; false if data could not be written. */
bool	logfile_close(struct logfile *);

#endif /* TLSHAKE_COMMON_LOGFILE_H */
