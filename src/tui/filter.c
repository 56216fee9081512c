/*
 * filter.c: parsing and matching the TUI filter. Values compare without
 * case; wire strings (SNI) compare as bytes, never printed from here.
 */
#include "tui/filter.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "dissect/suite.h"
#include "view/label.h"

static const struct {
	const char	*name;
	enum tui_fkey	 key;
} fkeys[] = {
	{ "sni", FK_SNI }, { "client", FK_CLIENT }, { "server", FK_SERVER },
	{ "port", FK_PORT }, { "version", FK_VERSION }, { "suite", FK_SUITE },
	{ "status", FK_STATUS }, { "alert", FK_ALERT }, { "ja3", FK_JA3 },
	{ "ja4", FK_JA4 }, { "transport", FK_TRANSPORT },
};

const char tui_filter_keys[] =
    "sni client server port version suite status alert ja3 ja4 transport";

static bool	has_sub(const void *, size_t, const char *, size_t);
static bool	same(const void *, size_t, const char *, size_t);
static bool	str_is(const char *, const struct tui_fterm *);
static bool	version_is(uint16_t, const struct tui_fterm *);
static bool	endpoint_is(const struct endpoint *, const struct tui_fterm *);
static bool	term_match(const struct tui_fterm *, const struct conn *);

/* has_sub: "needle" (lower case) in "hay", ignoring case. */
static bool
has_sub(const void *hay, size_t hlen, const char *needle, size_t nlen)
{
	const unsigned char *h = hay;
	size_t i, j;

	if (nlen == 0)
		return true;
	if (hay == NULL || hlen < nlen)
		return false;
	for (i = 0; i + nlen <= hlen; i++) {
		for (j = 0; j < nlen; j++)
			if (tolower(h[i + j]) != (unsigned char)needle[j])
				break;
		if (j == nlen)
			return true;
	}
	return false;
}

static bool
same(const void *s, size_t len, const char *v, size_t vlen)
{
	return s != NULL && len == vlen && has_sub(s, len, v, vlen);
}

static bool
str_is(const char *s, const struct tui_fterm *t)
{
	if (s == NULL)
		return false;
	return t->exact ? same(s, strlen(s), t->val, t->len) :
	    has_sub(s, strlen(s), t->val, t->len);
}

/*
 * version_is: "TLSv1.2" also answers to "tls1.2", "tlsv12" is not
 * guessed, but "1.2" is (the number alone).
 */
static bool
version_is(uint16_t v, const struct tui_fterm *t)
{
	char name[32], alt[32];
	const char *n;
	size_t i, o;

	if (v == 0 || (n = label_version(v, name, sizeof(name))) == NULL)
		return false;
	if (str_is(n, t))
		return true;
	/* "TLSv1.2" -> "tls1.2" and "1.2" */
	for (i = o = 0; n[i] != '\0' && o + 1 < sizeof(alt); i++)
		if (!(i == 3 && n[i] == 'v'))
			alt[o++] = n[i];
	alt[o] = '\0';
	if (str_is(alt, t))
		return true;
	return o > 3 && str_is(alt + 3, t);
}

/* endpoint_is: "addr:port", or the address alone for "=". */
static bool
endpoint_is(const struct endpoint *e, const struct tui_fterm *t)
{
	char s[64], a[64];

	endpoint_str(e, s, sizeof(s));
	if (str_is(s, t))
		return true;
	addr_str(&e->ip, a, sizeof(a));
	return str_is(a, t);
}

static bool
term_match(const struct tui_fterm *t, const struct conn *c)
{
	const struct tls_hs *hs = label_hs0(c);
	const char *st;
	char tmp[16];
	uint32_t i, h;

	switch (t->key) {
	case FK_WORD:
		if (hs != NULL && has_sub(hs->sni.p, hs->sni.len, t->val,
		    t->len))
			return true;
		if (endpoint_is(&c->cli, t) || endpoint_is(&c->srv, t))
			return true;
		if (hs != NULL && (hs->flags & HSF_HAS_SUITE) &&
		    str_is(suite_name(hs->suite), t))
			return true;
		return hs != NULL && version_is(hs->version, t);
	case FK_SNI:
		if (hs == NULL || hs->sni.p == NULL)
			return false;
		return t->exact ? same(hs->sni.p, hs->sni.len, t->val,
		    t->len) : has_sub(hs->sni.p, hs->sni.len, t->val, t->len);
	case FK_CLIENT:
		return endpoint_is(&c->cli, t);
	case FK_SERVER:
		return endpoint_is(&c->srv, t);
	case FK_PORT:
		snprintf(tmp, sizeof(tmp), "%u", c->cli.port);
		if (str_is(tmp, t))
			return true;
		snprintf(tmp, sizeof(tmp), "%u", c->srv.port);
		return str_is(tmp, t);
	case FK_VERSION:
		return hs != NULL && version_is(hs->version, t);
	case FK_SUITE:
		if (hs == NULL || !(hs->flags & HSF_HAS_SUITE))
			return false;
		snprintf(tmp, sizeof(tmp), "0x%04x", hs->suite);
		return str_is(suite_name(hs->suite), t) || str_is(tmp, t);
	case FK_STATUS:
		st = label_status(c);
		if (str_is(st, t))
			return true;
		/* The status bar's words. */
		return (strcmp(st, "ok") == 0 && str_is("complete", t)) ||
		    (strcmp(st, "reset") == 0 && str_is("failed", t));
	case FK_ALERT:
		for (h = 0; h < c->n_hs; h++)
			for (i = 0; i < c->hs[h].n_alerts; i++) {
				const struct alert *a = &c->hs[h].alerts[i];

				snprintf(tmp, sizeof(tmp), "%u", a->desc);
				if (!a->encrypted && (str_is(
				    suite_alert_name(a->desc), t) ||
				    str_is(tmp, t)))
					return true;
			}
		return false;
	case FK_JA3:
		return hs != NULL && (str_is(conn_fp(hs)->ja3, t) ||
		    (!t->exact && str_is(conn_fp(hs)->ja3_full, t)));
	case FK_JA4:
		return hs != NULL && (str_is(conn_fp(hs)->ja4, t) ||
		    (!t->exact && str_is(conn_fp(hs)->ja4_r, t)));
	case FK_TRANSPORT:
		/* "udp" names both QUIC and DTLS */
		return str_is(label_transport(c), t) ||
		    (c->transport != CONN_TCP && str_is("udp", t));
	}
	return false;
}

bool
tui_filter_match(const struct tui_filter *f, const struct conn *c)
{
	size_t i;

	for (i = 0; i < f->n; i++)
		if (term_match(&f->t[i], c) == f->t[i].negate)
			return false;
	return true;
}

void
tui_filter_cleanup(struct tui_filter *f)
{
	size_t i;

	for (i = 0; i < f->n; i++)
		free(f->t[i].val);
	memset(f, 0, sizeof(*f));
}

bool
tui_filter_parse(struct tui_filter *f, const char *s, char *err,
    size_t errlen)
{
	char word[256], *op;
	struct tui_fterm *t;
	size_t i, n, k;
	bool quoted;

	memset(f, 0, sizeof(*f));
	snprintf(f->text, sizeof(f->text), "%s", s);
	err[0] = '\0';
	for (;;) {
		while (*s == ' ' || *s == '\t')
			s++;
		if (*s == '\0')
			return true;
		/* One term: up to a space outside double quotes. */
		n = 0;
		quoted = false;
		while (*s != '\0' && (quoted || (*s != ' ' && *s != '\t'))) {
			if (*s == '"')
				quoted = !quoted;
			else if (n + 1 < sizeof(word))
				word[n++] = *s;
			s++;
		}
		word[n] = '\0';
		if (quoted) {
			snprintf(err, errlen, "unterminated \"");
			goto bad;
		}
		if (f->n == TUI_FILTER_MAX) {
			snprintf(err, errlen, "more than %d terms",
			    TUI_FILTER_MAX);
			goto bad;
		}
		t = &f->t[f->n];
		memset(t, 0, sizeof(*t));
		op = word;
		if (*op == '!') {
			t->negate = true;
			op++;
		}
		k = strcspn(op, "=~");
		if (op[k] == '\0') {
			t->key = FK_WORD;
		} else {
			t->exact = op[k] == '=';
			for (i = 0; i < sizeof(fkeys) / sizeof(fkeys[0]); i++)
				if (strlen(fkeys[i].name) == k &&
				    strncasecmp(fkeys[i].name, op, k) == 0)
					break;
			if (i == sizeof(fkeys) / sizeof(fkeys[0])) {
				snprintf(err, errlen, "unknown key \"%.*s\" "
				    "(keys: %s)", (int)(k > 32 ? 32 : k), op,
				    tui_filter_keys);
				goto bad;
			}
			t->key = fkeys[i].key;
			op += k + 1;
		}
		if (*op == '\0') {
			snprintf(err, errlen, "empty value in \"%.40s\"", word);
			goto bad;
		}
		t->len = strlen(op);
		t->val = malloc(t->len + 1);
		if (t->val == NULL) {
			snprintf(err, errlen, "out of memory");
			goto bad;
		}
		for (i = 0; i <= t->len; i++)
			t->val[i] = (char)tolower((unsigned char)op[i]);
		f->n++;
	}
bad:
	tui_filter_cleanup(f);
	return false;
}
