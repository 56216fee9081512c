/*
 * export.c: certificates as PEM files, named by their SHA-256.
 */
#include "export.h"

#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "common/cur.h"
#include "model/certstore.h"

enum pem_res { PEM_WRITTEN, PEM_EXISTS, PEM_ERROR };

static void		b64_line(struct cur *, char *);
static enum pem_res	export_pem(const struct cert *, int, char *, size_t);

bool
export_open(struct export *ex, const char *dir, char *err, size_t errlen)
{
	memset(ex, 0, sizeof(*ex));
	ex->dir = dir;
	if (mkdir(dir, 0755) != 0 && errno != EEXIST)
		ex->fd = -1;
	else
		ex->fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (ex->fd < 0) {
		snprintf(err, errlen, "--export-certs %s: %s", dir,
		    strerror(errno));
		return false;
	}
	return true;
}

void
export_close(struct export *ex)
{
	if (ex->fd >= 0)
		close(ex->fd);
	ex->fd = -1;
}

/*
 * b64_line encodes the (at most 48) bytes of "in" in base64 (RFC 4648, 4,
 * with padding) into "out", NUL-terminated: one PEM line.
 */
static void
b64_line(struct cur *in, char *out)
{
	static const char b64[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	uint8_t b[3];
	size_t n, o = 0;

	/* Each turn consumes up to 3 bytes. */
	while ((n = cur_len(in)) > 0) {
		if (n > 3)
			n = 3;
		memset(b, 0, sizeof(b));
		cur_copy(in, b, n);
		out[o++] = b64[b[0] >> 2];
		out[o++] = b64[(b[0] & 3) << 4 | b[1] >> 4];
		out[o++] = n > 1 ? b64[(b[1] & 15) << 2 | b[2] >> 6] : '=';
		out[o++] = n > 2 ? b64[b[2] & 63] : '=';
	}
	out[o] = '\0';
}

/*
 * export_pem writes "c" as PEM to the file named by its SHA-256 in
 * lower-case hex plus ".pem" in directory "dirfd", mode 0644. It never
 * follows a symbolic link nor replaces a file: an existing name gives
 * PEM_EXISTS. PEM_ERROR sets "err".
 */
static enum pem_res
export_pem(const struct cert *c, int dirfd, char *err, size_t errlen)
{
	static const char hexd[] = "0123456789abcdef";
	const struct cert_info *ci = cert_info(c);
	struct cur in, chunk;
	const uint8_t *der;
	char name[64 + 5], line[65];
	size_t len, i;
	int fd;
	enum pem_res res = PEM_ERROR;
	FILE *fp;

	for (i = 0; i < 32; i++) {
		name[2 * i] = hexd[ci->sha256[i] >> 4];
		name[2 * i + 1] = hexd[ci->sha256[i] & 15];
	}
	memcpy(name + 64, ".pem", 5);
	if ((der = cert_der(c, &len)) == NULL || len == 0) {
		snprintf(err, errlen, "%s: no DER kept", name);
		return PEM_ERROR;
	}
	fd = openat(dirfd, name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW |
	    O_CLOEXEC, 0644);
	if (fd < 0) {
		if (errno == EEXIST)
			return PEM_EXISTS;
		snprintf(err, errlen, "%s: %s", name, strerror(errno));
		return PEM_ERROR;
	}
	/* Exactly 0644, whatever the umask: it holds public data. */
	(void)fchmod(fd, 0644);
	if ((fp = fdopen(fd, "w")) == NULL) {
		snprintf(err, errlen, "%s: %s", name, strerror(errno));
		close(fd);
		return PEM_ERROR;
	}
	/* RFC 7468, 2: base64 in lines of 64 characters. */
	fputs("-----BEGIN CERTIFICATE-----\n", fp);
	cur_init(&in, der, len);
	while (cur_get_bytes(&in, &chunk, cur_len(&in) < 48 ? cur_len(&in) :
	    48) && cur_len(&chunk) > 0) {
		b64_line(&chunk, line);
		fputs(line, fp);
		fputc('\n', fp);
	}
	fputs("-----END CERTIFICATE-----\n", fp);
	if (fflush(fp) != 0 || ferror(fp))
		snprintf(err, errlen, "%s: %s", name, strerror(errno));
	else
		res = PEM_WRITTEN;
	if (fclose(fp) != 0 && res == PEM_WRITTEN) {
		snprintf(err, errlen, "%s: %s", name, strerror(errno));
		res = PEM_ERROR;
	}
	return res;
}

void
export_conn(struct export *ex, const struct conn *c)
{
	const struct tls_hs *hs;
	struct cert *const *v;
	uint32_t i, j, n;
	char err[512];
	int side;

	if (ex->fd < 0)
		return;
	for (i = 0; i < c->n_hs; i++) {
		hs = &c->hs[i];
		for (side = 0; side < 2; side++) {
			v = side == 0 ? hs->certs : hs->client_certs;
			n = side == 0 ? hs->n_certs : hs->n_client_certs;
			for (j = 0; j < n; j++) {
				switch (export_pem(v[j], ex->fd, err,
				    sizeof(err))) {
				case PEM_WRITTEN:
					ex->written++;
					break;
				case PEM_EXISTS:
					break;
				case PEM_ERROR:
					if (!ex->failed)
						fprintf(stderr, "tlshake: "
						    "--export-certs %s/%s\n",
						    ex->dir, err);
					ex->failed = true;
					break;
				}
			}
		}
	}
}
