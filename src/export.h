/*
 * export.h: --export-certs: each certificate seen, written once as
 * DIR/<sha256>.pem (RFC 7468), never through a symbolic link.
 */
#ifndef TLSHAKE_EXPORT_H
#define TLSHAKE_EXPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model/conn.h"

struct export {
	int		 fd;		/* the directory; -1: not exporting */
	const char	*dir;
	uint64_t	 written;
	bool		 failed;	/* a write failed (said once) */
};

/*
 * export_open makes directory "dir" if needed and opens it; false with
 * the reason in "err".
 */
bool	export_open(struct export *, const char *, char *, size_t);
/*
 * export_conn writes the certificates of "c" (the server's and the
 * client's) not written yet; the first failure is said on stderr.
 */
void	export_conn(struct export *, const struct conn *);
void	export_close(struct export *);

#endif /* TLSHAKE_EXPORT_H */
