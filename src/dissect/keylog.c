/*
 * keylog.c: NSS key log files (SSLKEYLOGFILE, as NSS, OpenSSL, GnuTLS,
 * BoringSSL, curl and browsers write them) and pcapng Decryption Secrets
 * Blocks, read through the cursor into a hash table keyed by the client
 * random.
 *
 * A key log file stays open: a client writing it during a live capture
 * appends lines after tlshake started, so a client random not found yet
 * makes keylog_find read what was appended (rate-limited). A line split
 * by such a write waits for its newline.
 */
#include "dissect/keylog.h"

#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "common/arena.h"
#include "common/cur.h"
#include "common/limits.h"

#define DIAG_LEN	200

/* A source of lines: the open file, or a block of text. */
struct kl_reader {
	const char	*origin;
	uint64_t	 lineno;
	uint8_t		 pend[LIM_KEYLOG_LINE];
	size_t		 pend_len;
	bool		 pend_long;	/* the pending line overflowed */
};

struct keylog {
	struct keylog_entry *ent;
	size_t		 n, cap;
	uint32_t	*slot;		/* entry index + 1; 0 is empty */
	size_t		 n_slot;	/* a power of two, or 0 */
	uint64_t	 dropped;	/* new client randoms past the cap */
	/* the open file */
	int		 fd;
	char		*path;
	struct kl_reader file;
	uint64_t	 last_poll_ms;
	/* diagnostics, oldest first */
	char		 diag[LIM_KEYLOG_DIAGS][DIAG_LEN];
	size_t		 diag_head, diag_n;
	uint64_t	 n_diags;
	/* lookups by client random, for the end-of-run line */
	uint64_t	 found, missed;
	/* -j N: workers look up and read on while the main thread takes
	 * diagnostics; entries found stay where they are while no line is
	 * read (a file: read once before the workers start) */
	pthread_mutex_t	 m;
};

static const struct {
	const char	*label;
	int		 kind;		/* enum keylog_kind, -1: not used */
} labels[] = {
	{ "CLIENT_RANDOM", KL_MASTER },
	{ "CLIENT_EARLY_TRAFFIC_SECRET", KL_CLIENT_EARLY },
	{ "CLIENT_HANDSHAKE_TRAFFIC_SECRET", KL_CLIENT_HS },
	{ "SERVER_HANDSHAKE_TRAFFIC_SECRET", KL_SERVER_HS },
	{ "CLIENT_TRAFFIC_SECRET_0", KL_CLIENT_AP },
	{ "SERVER_TRAFFIC_SECRET_0", KL_SERVER_AP },
	{ "EXPORTER_SECRET", KL_EXPORTER },
	/* Known, not needed to read the handshake: the exporters; the
	 * secrets after a KeyUpdate, which are derived here; Wireshark's
	 * pre-master secret forms (the master secret is what is used). */
	{ "EARLY_EXPORTER_SECRET", -1 },
	{ "CLIENT_TRAFFIC_SECRET_N", -1 },
	{ "SERVER_TRAFFIC_SECRET_N", -1 },
	{ "RSA", -1 },
	{ "PMS_CLIENT_RANDOM", -1 },
	{ "ECH_SECRET", -1 },
	{ "ECH_CONFIG", -1 },
};
#define N_LABELS	(sizeof(labels) / sizeof(labels[0]))

static void	kl_diag(struct keylog *, const struct kl_reader *,
		    const char *, ...) __attribute__((format(printf, 3, 4)));
static bool	kl_hex(struct cur *, uint8_t *, size_t, size_t *);
static void	kl_line(struct keylog *, struct kl_reader *, struct cur *);
static void	kl_feed(struct keylog *, struct kl_reader *,
		    const struct cur *, bool);
static struct keylog_entry *kl_slot(struct keylog *, const uint8_t[32],
		    bool);
static uint64_t	kl_now_ms(void);
static void	kl_read_fd(struct keylog *, bool);

struct keylog *
keylog_new(void)
{
	struct keylog *kl = x_calloc(1, sizeof(*kl));

	kl->fd = -1;
	pthread_mutex_init(&kl->m, NULL);
	return kl;
}

void
keylog_free(struct keylog *kl)
{
	if (kl == NULL)
		return;
	if (kl->fd >= 0)
		close(kl->fd);
	free(kl->path);
	/* Secrets do not outlive their use. */
	if (kl->ent != NULL)
		memset(kl->ent, 0, kl->cap * sizeof(*kl->ent));
	free(kl->ent);
	free(kl->slot);
	pthread_mutex_destroy(&kl->m);
	free(kl);
}

size_t
keylog_count(const struct keylog *kl)
{
	return kl->n;
}

uint64_t
keylog_n_diags(const struct keylog *kl)
{
	return kl->n_diags;
}

bool
keylog_next_diag(struct keylog *kl, char *buf, size_t len)
{
	bool ok = false;

	pthread_mutex_lock(&kl->m);
	if (kl->diag_n > 0) {
		snprintf(buf, len, "%s", kl->diag[kl->diag_head]);
		kl->diag_head = (kl->diag_head + 1) % LIM_KEYLOG_DIAGS;
		kl->diag_n--;
		ok = true;
	}
	pthread_mutex_unlock(&kl->m);
	return ok;
}

static void
kl_diag(struct keylog *kl, const struct kl_reader *r, const char *fmt, ...)
{
	char msg[DIAG_LEN - 64];
	va_list ap;

	kl->n_diags++;
	if (kl->diag_n >= LIM_KEYLOG_DIAGS)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	snprintf(kl->diag[(kl->diag_head + kl->diag_n) % LIM_KEYLOG_DIAGS],
	    DIAG_LEN, "%.60s:%llu: %s", r->origin,
	    (unsigned long long)r->lineno, msg);
	kl->diag_n++;
}

static uint64_t
kl_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

/*
 * kl_hex decodes the hex digits of "in" (all of it) into "out", at most
 * "max" bytes; "*n" is the byte count. False for a non-hex character,
 * an odd count or more than "max" bytes.
 */
static bool
kl_hex(struct cur *in, uint8_t *out, size_t max, size_t *n)
{
	uint8_t ch, v, hi = 0;
	size_t digits = 0;

	*n = 0;
	while (cur_get_u8(in, &ch)) {
		if (ch >= '0' && ch <= '9')
			v = (uint8_t)(ch - '0');
		else if (ch >= 'a' && ch <= 'f')
			v = (uint8_t)(ch - 'a' + 10);
		else if (ch >= 'A' && ch <= 'F')
			v = (uint8_t)(ch - 'A' + 10);
		else
			return false;
		if (digits++ % 2 == 0) {
			hi = v;
			continue;
		}
		if (*n >= max)
			return false;
		out[(*n)++] = (uint8_t)(hi << 4 | v);
	}
	return digits % 2 == 0;
}

/* kl_slot finds (or, with "add", makes) the entry of a client random. */
static struct keylog_entry *
kl_slot(struct keylog *kl, const uint8_t cr[32], bool add)
{
	size_t i, mask, h = 0, k;
	uint32_t *ns;

	for (k = 0; k < 8; k++)
		h = h << 8 | cr[k];
	if (kl->n_slot > 0) {
		mask = kl->n_slot - 1;
		/* Each turn moves to the next slot; the table is never full
		 * (load at most one half). */
		for (i = h & mask; kl->slot[i] != 0; i = (i + 1) & mask)
			if (memcmp(kl->ent[kl->slot[i] - 1].cr, cr, 32) == 0)
				return &kl->ent[kl->slot[i] - 1];
	}
	if (!add)
		return NULL;
	if (kl->n >= LIM_KEYLOG_ENTRIES) {
		kl->dropped++;
		return NULL;
	}
	if (kl->n == kl->cap) {
		kl->cap = kl->cap == 0 ? 64 : kl->cap * 2;
		kl->ent = x_realloc(kl->ent, kl->cap, sizeof(*kl->ent));
	}
	if (2 * (kl->n + 1) > kl->n_slot) {
		/* Grow and rehash. */
		k = kl->n_slot == 0 ? 128 : kl->n_slot * 2;
		ns = x_calloc(k, sizeof(*ns));
		for (i = 0; i < kl->n; i++) {
			size_t hh = 0, j;

			for (j = 0; j < 8; j++)
				hh = hh << 8 | kl->ent[i].cr[j];
			for (j = hh & (k - 1); ns[j] != 0; j = (j + 1) & (k - 1))
				;
			ns[j] = (uint32_t)i + 1;
		}
		free(kl->slot);
		kl->slot = ns;
		kl->n_slot = k;
	}
	memset(&kl->ent[kl->n], 0, sizeof(kl->ent[kl->n]));
	memcpy(kl->ent[kl->n].cr, cr, 32);
	mask = kl->n_slot - 1;
	for (i = h & mask; kl->slot[i] != 0; i = (i + 1) & mask)
		;
	kl->slot[i] = (uint32_t)++kl->n;
	return &kl->ent[kl->n - 1];
}

/*
 * NSS key log format (as documented by NSS and Wireshark):
 *	<Label> <space> <ClientRandom> <space> <Secret>
 * ClientRandom is 64 hex digits; the secret 96 for CLIENT_RANDOM (the
 * 48-byte master secret), else a hash length (32, 48 or 64 bytes).
 * Lines starting with '#' and empty lines are comments.
 */
static void
kl_line(struct keylog *kl, struct kl_reader *r, struct cur *line)
{
	static uint8_t word[256], space[256];
	struct cur m = *line, label, crh, sech;
	struct keylog_entry *e;
	uint8_t cr[32], sec[KL_SECRET_MAX], ch;
	size_t i, n, want;
	int kind = -2;

	if (space[' '] == 0) {
		for (i = 0; i < 256; i++)
			word[i] = i > ' ' && i != 0x7f;
		space[' '] = space['\t'] = space['\r'] = 1;
	}
	cur_skip(&m, cur_span(&m, space));
	if (cur_len(&m) == 0 || (cur_peek_u8(&m, &ch) && ch == '#'))
		return;
	cur_get_bytes(&m, &label, cur_span(&m, word));
	cur_skip(&m, cur_span(&m, space));
	cur_get_bytes(&m, &crh, cur_span(&m, word));
	cur_skip(&m, cur_span(&m, space));
	cur_get_bytes(&m, &sech, cur_span(&m, word));
	cur_skip(&m, cur_span(&m, space));
	for (i = 0; i < N_LABELS; i++)
		if (cur_equal(&label, labels[i].label,
		    strlen(labels[i].label))) {
			kind = labels[i].kind;
			break;
		}
	if (kind == -2) {
		/* Name it only when it is a plain identifier. */
		static uint8_t ident[256];

		if (ident['A'] == 0)
			for (i = 0; i < 256; i++)
				ident[i] = (i >= 'A' && i <= 'Z') ||
				    (i >= 'a' && i <= 'z') ||
				    (i >= '0' && i <= '9') || i == '_';
		if (cur_len(&label) > 0 && cur_len(&label) <= 40 &&
		    cur_span(&label, ident) == cur_len(&label) &&
		    cur_len(&crh) > 0)
			kl_diag(kl, r, "unknown label \"%.*s\"",
			    (int)cur_len(&label),
			    (const char *)cur_data(&label));
		else
			kl_diag(kl, r, "not a key log line");
		return;
	}
	if (cur_len(&crh) == 0 || cur_len(&sech) == 0) {
		kl_diag(kl, r, "truncated: expected a label, a client random "
		    "and a secret");
		return;
	}
	if (cur_len(&m) != 0) {
		kl_diag(kl, r, "unexpected text after the secret");
		return;
	}
	if (kind < 0)
		return;
	n = cur_len(&crh);
	if (n != 64 || !kl_hex(&crh, cr, sizeof(cr), &n) || n != 32) {
		kl_diag(kl, r, "client random is not 64 hex digits");
		return;
	}
	want = cur_len(&sech);	/* hex digits */
	if (!kl_hex(&sech, sec, sizeof(sec), &n)) {
		if (want % 2 == 1 && cur_len(&sech) == 0)
			kl_diag(kl, r, "secret cut short (an odd number of "
			    "hex digits)");
		else
			kl_diag(kl, r, "secret is not hex, or longer than %d "
			    "bytes", KL_SECRET_MAX);
		return;
	}
	want = kind == KL_MASTER ? 48 : 0;
	if ((want != 0 && n != want) ||
	    (want == 0 && n != 32 && n != 48 && n != 64)) {
		kl_diag(kl, r, "%s secret of %zu bytes (expected %s)",
		    labels[i].label, n, want != 0 ? "48" : "32, 48 or 64");
		return;
	}
	if ((e = kl_slot(kl, cr, true)) == NULL) {
		if (kl->dropped == 1)
			kl_diag(kl, r, "more than %d client randoms: the rest "
			    "are not kept", LIM_KEYLOG_ENTRIES);
		return;
	}
	/* A repeated line replaces the secret (as Wireshark). */
	memcpy(e->secret[kind], sec, n);
	e->len[kind] = (uint8_t)n;
	e->have |= (uint8_t)(1u << kind);
}

/*
 * kl_feed splits "in" into lines; a line without its newline waits in
 * the reader unless "final". Lines longer than LIM_KEYLOG_LINE are
 * reported and passed over.
 */
static void
kl_feed(struct keylog *kl, struct kl_reader *r, const struct cur *in,
    bool final)
{
	static uint8_t notnl[256];
	struct cur data = *in, seg, line;
	size_t n, i;
	bool nl;

	if (notnl[0] == 0)
		for (i = 0; i < 256; i++)
			notnl[i] = i != '\n';
	/* Each turn consumes a segment, or its newline, or returns. */
	while (cur_len(&data) > 0 || (final && (r->pend_len > 0 ||
	    r->pend_long))) {
		n = cur_span(&data, notnl);
		cur_get_bytes(&data, &seg, n);
		nl = cur_skip(&data, 1);
		if (!nl && !final) {
			/* Wait for the rest of the line. */
			if (!r->pend_long &&
			    n <= sizeof(r->pend) - r->pend_len) {
				cur_copy(&seg, r->pend + r->pend_len, n);
				r->pend_len += n;
			} else
				r->pend_long = true;
			return;
		}
		r->lineno++;
		if (r->pend_long || (r->pend_len > 0 &&
		    n > sizeof(r->pend) - r->pend_len) ||
		    n > sizeof(r->pend)) {
			kl_diag(kl, r, "line longer than %d bytes",
			    LIM_KEYLOG_LINE);
		} else if (r->pend_len > 0) {
			cur_copy(&seg, r->pend + r->pend_len, n);
			cur_init(&line, r->pend, r->pend_len + n);
			kl_line(kl, r, &line);
		} else
			kl_line(kl, r, &seg);
		r->pend_len = 0;
		r->pend_long = false;
		if (!nl)
			return;
	}
}

void
keylog_add_text(struct keylog *kl, const char *origin, const void *p,
    size_t len)
{
	struct kl_reader *r = x_calloc(1, sizeof(*r));
	struct cur in;

	r->origin = origin;
	cur_init(&in, p, len);
	kl_feed(kl, r, &in, true);
	free(r);
}

static void
kl_read_fd(struct keylog *kl, bool final)
{
	uint8_t buf[16384];
	struct cur in;
	ssize_t n;

	if (kl->fd < 0)
		return;
	kl->last_poll_ms = kl_now_ms();
	/* Each turn reads more of the file, or stops at its end. */
	for (;;) {
		n = read(kl->fd, buf, sizeof(buf));
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		cur_init(&in, buf, (size_t)n);
		kl_feed(kl, &kl->file, &in, false);
	}
	if (final) {
		cur_init(&in, NULL, 0);
		kl_feed(kl, &kl->file, &in, true);
	}
}

bool
keylog_open(struct keylog *kl, const char *path, char *err, size_t errlen)
{
	struct stat st;
	int fd;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0) {
		snprintf(err, errlen, "%s: %s%s", path, strerror(errno),
		    errno == ENOENT ? "; give the file that SSLKEYLOGFILE "
		    "named when the TLS client ran" : "");
		return false;
	}
	if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
		close(fd);
		snprintf(err, errlen, "%s: is a directory; give an NSS key "
		    "log file (the one SSLKEYLOGFILE named)", path);
		return false;
	}
	if (kl->fd >= 0)
		close(kl->fd);
	free(kl->path);
	kl->fd = fd;
	kl->path = x_malloc(strlen(path) + 1);
	memcpy(kl->path, path, strlen(path) + 1);
	memset(&kl->file, 0, sizeof(kl->file));
	kl->file.origin = kl->path;
	kl_read_fd(kl, false);
	return true;
}

void
keylog_poll(struct keylog *kl, bool final)
{
	pthread_mutex_lock(&kl->m);
	kl_read_fd(kl, final);
	pthread_mutex_unlock(&kl->m);
}

const struct keylog_entry *
keylog_find(struct keylog *kl, const uint8_t cr[32])
{
	const struct keylog_entry *e;

	pthread_mutex_lock(&kl->m);
	if ((e = kl_slot(kl, cr, false)) == NULL && kl->fd >= 0 &&
	    kl_now_ms() - kl->last_poll_ms >= LIM_KEYLOG_POLL_MS) {
		kl_read_fd(kl, false);
		e = kl_slot(kl, cr, false);
	}
	if (e != NULL)
		kl->found++;
	else
		kl->missed++;
	pthread_mutex_unlock(&kl->m);
	return e;
}

void
keylog_lookups(const struct keylog *kl, uint64_t *found, uint64_t *missed)
{
	*found = kl->found;
	*missed = kl->missed;
}

/*
 * pcapng (draft-ietf-opsawg-pcapng, 4.1 and 4.7):
 *	Block: uint32 type; uint32 total_length; body; uint32 total_length
 *	Section Header Block: type 0x0A0D0D0A, body starts with the
 *	    byte-order magic 0x1A2B3C4D in the writer's byte order.
 *	Decryption Secrets Block: type 0x0000000A; uint32 secrets_type;
 *	    uint32 secrets_length; secrets data padded to 32 bits; options.
 *	    secrets_type 0x544c534b ("TLSK") holds NSS key log text.
 */
#define PCAPNG_SHB	0x0a0d0d0a
#define PCAPNG_DSB	0x0000000a
#define DSB_TLSK	0x544c534b
#define BOM		0x1a2b3c4d

static bool
kl_u32(struct cur *c, bool le, uint32_t *out)
{
	return le ? cur_get_u32le(c, out) : cur_get_u32(c, out);
}

bool
keylog_add_pcapng(struct keylog *kl, const char *path, size_t *n_dsb,
    char *err, size_t errlen)
{
	uint8_t hdr[12], *body = NULL;
	struct cur c, text;
	uint32_t type = 0, total = 0, bom = 0, stype = 0, slen = 0;
	bool le = false, ok = true;
	FILE *fp;

	*n_dsb = 0;
	if ((fp = fopen(path, "rb")) == NULL) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return false;
	}
	/* Each turn reads one block or ends. */
	for (;;) {
		if (fread(hdr, 1, 8, fp) != 8)
			break;
		cur_init(&c, hdr, 8);
		cur_get_u32(&c, &type);	/* the SHB type reads the same */
		if (type == PCAPNG_SHB) {
			if (fread(hdr + 8, 1, 4, fp) != 4)
				break;
			cur_init(&c, hdr + 8, 4);
			cur_get_u32(&c, &bom);
			if (bom != BOM && bom != 0x4d3c2b1a)
				break;
			le = bom == 0x4d3c2b1a;
			cur_init(&c, hdr + 4, 4);
			kl_u32(&c, le, &total);
			if (total < 16 || total % 4 != 0 ||
			    fseek(fp, (long)total - 12, SEEK_CUR) != 0)
				break;
			continue;
		}
		if (ftell(fp) == 8)
			break;		/* not pcapng: no SHB first */
		cur_init(&c, hdr, 8);
		kl_u32(&c, le, &type);
		kl_u32(&c, le, &total);
		if (total < 12 || total % 4 != 0)
			break;
		if (type != PCAPNG_DSB || total - 12 > LIM_KEYLOG_DSB) {
			if (fseek(fp, (long)total - 8, SEEK_CUR) != 0)
				break;
			continue;
		}
		body = x_realloc(body, total - 8, 1);
		if (fread(body, 1, total - 8, fp) != total - 8)
			break;
		cur_init(&c, body, total - 12);
		if (!kl_u32(&c, le, &stype) || !kl_u32(&c, le, &slen) ||
		    !cur_get_bytes(&c, &text, slen) || stype != DSB_TLSK)
			continue;
		(*n_dsb)++;
		keylog_add_text(kl, "pcapng Decryption Secrets Block",
		    cur_data(&text), cur_len(&text));
	}
	if (ferror(fp)) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		ok = false;
	}
	free(body);
	fclose(fp);
	return ok;
}
