/*
 * secrets.c: the key log of a run and its diagnostics.
 */
#include "secrets.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dissect/keylog.h"

/* Key log diagnostics printed on stderr; the rest are counted. */
#define KEYLOG_DIAGS_SHOWN	5

void
secrets_diags(struct secrets *s, bool final)
{
	char msg[256];
	uint64_t n;

	if (s->kl == NULL)
		return;
	while (keylog_next_diag(s->kl, msg, sizeof(msg)))
		if (s->printed++ < KEYLOG_DIAGS_SHOWN)
			fprintf(stderr, "tlshake: key log: %s\n", msg);
	n = keylog_n_diags(s->kl);
	if (final && n > KEYLOG_DIAGS_SHOWN)
		fprintf(stderr, "tlshake: key log: %llu more lines not used\n",
		    (unsigned long long)(n - KEYLOG_DIAGS_SHOWN));
}

bool
secrets_open(struct secrets *s, const char *path, const char *file)
{
	char err[512];
	const char *env;
	size_t n_dsb = 0;

	memset(s, 0, sizeof(*s));
	if (path == NULL && (env = getenv("SSLKEYLOGFILE")) != NULL &&
	    *env != '\0') {
		path = env;
		fprintf(stderr, "tlshake: using the key log SSLKEYLOGFILE=%s\n",
		    path);
	}
	s->path = path;
	s->kl = keylog_new();
	if (path != NULL && !keylog_open(s->kl, path, err, sizeof(err))) {
		fprintf(stderr, "tlshake: key log %s\n", err);
		return false;
	}
	/* Reading a file, nobody is still writing its key log. */
	if (path != NULL && file != NULL)
		keylog_poll(s->kl, true);
	if (file != NULL && strcmp(file, "-") != 0 &&
	    !keylog_add_pcapng(s->kl, file, &n_dsb, err, sizeof(err))) {
		fprintf(stderr, "tlshake: %s\n", err);
		return false;
	}
	secrets_diags(s, false);
	if (path == NULL && n_dsb == 0) {
		keylog_free(s->kl);
		s->kl = NULL;
	}
	return true;
}

void
secrets_endrun(const struct secrets *s, struct endrun *e)
{
	if (s->kl == NULL)
		return;
	e->keylog = s->path != NULL ? s->path : "(the capture's secrets)";
	e->kl_entries = keylog_count(s->kl);
	keylog_lookups(s->kl, &e->kl_found, &e->kl_missed);
}

void
secrets_cleanup(struct secrets *s)
{
	keylog_free(s->kl);
	s->kl = NULL;
}
