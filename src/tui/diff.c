/*
 * diff.c: offered against chosen for one connection, as in --diff
 * (MOCKUPS.md 3), with every offered suite listed in the client's order.
 */
#include "tui/diff.h"

#include <stdio.h>
#include <string.h>

#include "dissect/suite.h"
#include "tui/detail.h"
#include "tui/draw.h"
#include "view/label.h"

static void	diff_hs(struct tui_lines *, const struct tls_hs *, int);

static void
diff_hs(struct tui_lines *l, const struct tls_hs *hs, int width)
{
	const struct suite *s;
	char tmp[96];
	uint32_t i, pos = 0, n_bad = 0;
	uint16_t id;
	int nw;
	bool chosen;

	for (i = 0; i < hs->suites_offered.n; i++)
		if ((hs->flags & HSF_HAS_SUITE) &&
		    hs->suites_offered.v[i] == hs->suite)
			pos = i + 1;
	tui_lines_field(l, "cipher suite");
	tui_lines_addf(l, ROLE_NORMAL, "offered %u", hs->suites_offered.n);
	if (hs->flags & HSF_HAS_SUITE) {
		if (pos > 0)
			tui_lines_addf(l, ROLE_NORMAL, ", chosen #%u of the "
			    "client's list: ", pos);
		else
			tui_lines_add(l, ROLE_BAD, ", chosen (not offered!): ");
		tui_lines_add(l, ROLE_CHOSEN, tui_detail_suite(hs->suite, tmp,
		    sizeof(tmp)));
		if ((s = suite_find(hs->suite)) != NULL) {
			tui_lines_add(l, ROLE_NORMAL, "  ");
			tui_lines_add(l, tui_detail_strength_role(hs->suite),
			    suite_strength_name(suite_strength(s)));
		}
	} else
		tui_lines_add(l, ROLE_DIM, ", none chosen");
	nw = width - 30;
	if (nw > 44)
		nw = 44;
	if (nw < 16)
		nw = 16;
	for (i = 0; i < hs->suites_offered.n; i++) {
		id = hs->suites_offered.v[i];
		s = suite_find(id);
		chosen = (hs->flags & HSF_HAS_SUITE) && hs->suite == id;
		tui_lines_new(l, chosen ? ROLE_CHOSEN : ROLE_NORMAL);
		tui_lines_addf(l, ROLE_NORMAL, "%14s%s%3u ", "", chosen ?
		    tui_g(G_SEL) : " ", i + 1);
		tui_lines_pad(l, suite_is_grease(id) ? ROLE_DIM : ROLE_NORMAL,
		    tui_detail_suite(id, tmp, sizeof(tmp)), nw,
		    tui_g(G_ELLIPSIS));
		tui_lines_addf(l, ROLE_NORMAL, " %-7s ",
		    chosen ? "chosen" : "");
		if (s != NULL) {
			tui_lines_add(l, tui_detail_strength_role(id),
			    suite_strength_name(suite_strength(s)));
			if (suite_strength(s) == STRENGTH_INSECURE ||
			    suite_strength(s) == STRENGTH_WEAK)
				n_bad++;
		}
	}
	if (n_bad > 0) {
		tui_lines_field(l, "");
		tui_lines_addf(l, ROLE_WEAK, "%u offered suite%s weak or "
		    "insecure", n_bad, n_bad == 1 ? "" : "s");
	}
	tui_lines_new(l, ROLE_NORMAL);
	tui_detail_u16(l, "versions", &hs->versions_offered, label_version,
	    width, hs->version, hs->version != 0);
	tui_lines_field(l, "version");
	if (hs->version != 0) {
		tui_lines_addf(l, ROLE_NORMAL, "chosen %s", label_version(
		    hs->version, tmp, sizeof(tmp)));
		if (hs->version < 0x0303 && hs->version >= 0x0200)
			tui_lines_add(l, ROLE_WEAK, " (deprecated)");
	} else
		tui_lines_add(l, ROLE_DIM, "none chosen");
	tui_detail_u16(l, "groups", &hs->groups_offered, label_group, width,
	    hs->group, (hs->flags & HSF_HAS_GROUP) != 0);
	tui_detail_u16(l, "key shares", &hs->key_shares_offered, label_group,
	    width, hs->group, (hs->flags & HSF_HAS_GROUP) != 0);
	tui_lines_field(l, "group");
	if (hs->flags & HSF_HAS_GROUP) {
		tui_lines_addf(l, ROLE_NORMAL, "chosen %s", label_group(
		    hs->group, tmp, sizeof(tmp)));
		if (hs->flags & HSF_HRR)
			tui_lines_add(l, ROLE_WEAK,
			    " (after a HelloRetryRequest)");
	} else
		tui_lines_add(l, ROLE_DIM, "none seen");
	if (hs->alpn_offered.n > 0 || hs->alpn.p != NULL) {
		tui_lines_field(l, "ALPN");
		tui_lines_add(l, ROLE_NORMAL, "offered ");
		for (i = 0; i < hs->alpn_offered.n; i++) {
			if (i > 0)
				tui_lines_add(l, ROLE_NORMAL, ", ");
			tui_lines_wire(l, ROLE_NORMAL, hs->alpn_offered.v[i].p,
			    hs->alpn_offered.v[i].len, 32);
		}
		tui_lines_addf(l, ROLE_NORMAL, " %s chosen ", tui_g(G_TO));
		if (hs->alpn.p != NULL)
			tui_lines_wire(l, ROLE_CHOSEN, hs->alpn.p, hs->alpn.len,
			    32);
		else if (hs->version == 0x0304 &&
		    !(hs->flags & HSF_DECRYPTED))
			tui_lines_add(l, ROLE_DIM, "unknown (TLS 1.3 sends it "
			    "encrypted)");
		else
			tui_lines_add(l, ROLE_DIM, "none");
	}
	tui_lines_field(l, "extensions");
	tui_lines_addf(l, ROLE_NORMAL, "offered %u, answered %u",
	    hs->exts_offered.n, hs->exts_chosen.n);
}

void
tui_diff_build(struct tui_lines *l, const struct conn *c, int width)
{
	char cli[64], srv[64];
	uint32_t i;

	tui_lines_reset(l);
	if (c == NULL)
		return;
	endpoint_str(&c->cli, cli, sizeof(cli));
	endpoint_str(&c->srv, srv, sizeof(srv));
	tui_lines_new(l, ROLE_NORMAL);
	tui_lines_addf(l, ROLE_HEAD, " #%llu  %s %s %s",
	    (unsigned long long)c->id, cli, tui_g(G_TO), srv);
	if (label_hs0(c) == NULL) {
		tui_lines_new(l, ROLE_NORMAL);
		tui_lines_new(l, ROLE_NORMAL);
		tui_lines_add(l, ROLE_DIM, " No TLS hello seen: nothing to "
		    "compare.");
		return;
	}
	if (c->hs[0].sni.p != NULL) {
		tui_lines_add(l, ROLE_HEAD, "  sni=");
		tui_lines_wire(l, ROLE_HEAD, c->hs[0].sni.p, c->hs[0].sni.len,
		    (size_t)(width > 60 ? width - 50 : 10));
	}
	for (i = 0; i < c->n_hs; i++) {
		if (!(c->hs[i].flags & (HSF_HAS_CH | HSF_HAS_SH)))
			continue;
		if (c->n_hs > 1) {
			tui_lines_new(l, ROLE_NORMAL);
			tui_lines_new(l, ROLE_NORMAL);
			tui_lines_addf(l, ROLE_HEAD, " handshake %u%s", i + 1,
			    i > 0 ? " (renegotiation)" : "");
		}
		tui_lines_new(l, ROLE_NORMAL);
		diff_hs(l, &c->hs[i], width);
	}
}
