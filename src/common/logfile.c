/*
 * logfile.c: the reopenable output file of --log-file.
 */
#include "common/logfile.h"

#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

static FILE *
open_append(const char *path, char *err, size_t errlen)
{
	FILE *fp;
	int fd;

	/* O_NOFOLLOW: a symbolic link at "path" fails with ELOOP. */
	fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_NOFOLLOW |
	    O_CLOEXEC, S_IRUSR | S_IWUSR | S_IRGRP);
	if (fd < 0) {
		snprintf(err, errlen, "--log-file %s: %s%s", path,
		    strerror(errno), errno == ELOOP ? " (a symbolic link: "
		    "never followed)" : "");
		return NULL;
	}
	if ((fp = fdopen(fd, "a")) == NULL) {
		snprintf(err, errlen, "--log-file %s: %s", path,
		    strerror(errno));
		close(fd);
	}
	return fp;
}

bool
logfile_open(struct logfile *l, const char *path, char *err, size_t errlen)
{
	l->path = path;
	l->fp = open_append(path, err, errlen);
	return l->fp != NULL;
}

bool
logfile_reopen(struct logfile *l, char *err, size_t errlen)
{
	FILE *fp = open_append(l->path, err, errlen);

	if (fp == NULL)
		return false;
	/* Lines are written whole and flushed: nothing is pending here. */
	if (l->fp != NULL && fclose(l->fp) != 0) {
		l->fp = fp;
		snprintf(err, errlen, "--log-file %s: closing the old file: "
		    "%s", l->path, strerror(errno));
		return false;
	}
	l->fp = fp;
	return true;
}

bool
logfile_close(struct logfile *l)
{
	bool ok = true;

	if (l->fp != NULL)
		ok = fclose(l->fp) == 0;
	l->fp = NULL;
	return ok;
}
