/*
 * test-tui.c: the TUI's pure parts: layout geometry, ladder rows, the
 * filter, the list index, the theme's role table and the detail lines.
 * The screen itself is tested through tmux (tests/tui/tmux.sh).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/buf.h"
#include "model/conn.h"
#include "model/store.h"
#include "tui/detail.h"
#include "tui/draw.h"
#include "tui/filter.h"
#include "tui/index.h"
#include "tui/ladder.h"
#include "tui/layout.h"
#include "tui/lines.h"
#include "tui/theme.h"
#include "../unit/check.h"

static uint16_t suites[] = { 0x1302, 0x1301, 0x000a, 0x002f, 0x0a0a };

static struct conn *
mk_conn(uint64_t id, uint8_t last, uint16_t port, const char *sni,
    uint16_t version, uint16_t suite, uint32_t flags)
{
	struct conn *c = conn_new(id);
	struct tls_hs *hs;

	c->cli.ip.family = 4;
	c->cli.ip.a[0] = 192;
	c->cli.ip.a[2] = 2;
	c->cli.ip.a[3] = last;
	c->cli.port = (uint16_t)(50000 + id);
	c->srv.ip.family = 4;
	c->srv.ip.a[0] = 198;
	c->srv.ip.a[1] = 51;
	c->srv.ip.a[2] = 100;
	c->srv.ip.a[3] = 7;
	c->srv.port = port;
	c->is_tls = true;
	c->t_first = 1000000 * id;
	hs = conn_hs(c, 0);
	hs->flags = HSF_HAS_CH | HSF_HAS_SH | flags;
	if (sni != NULL)
		conn_bstr(c, &hs->sni, sni, strlen(sni));
	hs->version = version;
	if (suite != 0) {
		hs->suite = suite;
		hs->flags |= HSF_HAS_SUITE;
	}
	if (conn_u16list(c, &hs->suites_offered, 5)) {
		memcpy(hs->suites_offered.v, suites, sizeof(suites));
		hs->suites_offered.n = 5;
	}
	hs->t_start = c->t_first + 1000;
	hs->t_done = c->t_first + 1000 + 1000 * id;
	return c;
}

static void
test_layout(void)
{
	struct tui_layout l;
	struct tui_list_cols lc;
	struct tui_ladder_cols dc;
	int r, c, w, sum;

	tui_layout_compute(&l, 23, 80);
	CHECK(l.too_small);
	tui_layout_compute(&l, 24, 79);
	CHECK(l.too_small);
	tui_layout_compute(&l, 24, 80);
	CHECK(!l.too_small);
	CHECK(l.place == TUI_DETAIL_SWAP);
	CHECK(l.detail.y == l.ladder.y && l.detail.h == l.ladder.h);
	tui_layout_compute(&l, 40, 120);
	CHECK(l.place == TUI_DETAIL_SIDE);
	CHECK(l.ladder.w + l.detail.w == 120);
	CHECK(l.detail.x == l.ladder.w);
	CHECK(l.list.h == 38 / 3);
	CHECK(l.ladder.w >= 62);
	tui_layout_compute(&l, 40, 100);
	CHECK(l.place == TUI_DETAIL_BELOW);
	CHECK(l.detail.y == l.ladder.y + l.ladder.h);
	tui_layout_compute(&l, 30, 100);
	CHECK(l.place == TUI_DETAIL_SWAP);
	/* Every size: rows stack without gaps or overlap, all on screen. */
	for (r = 24; r <= 120; r++)
		for (c = 80; c <= 300; c++) {
			tui_layout_compute(&l, r, c);
			if (l.too_small || l.title.y != 0 || l.title.h != 1 ||
			    l.list.y != 1 || l.list.h < 6 ||
			    l.ladder.y != l.list.y + l.list.h ||
			    l.status.y != r - 1 ||
			    l.detail.x + l.detail.w > c ||
			    l.ladder.h < 4 || l.detail.h < 4 ||
			    (l.place == TUI_DETAIL_BELOW ? l.detail.y +
			    l.detail.h : l.ladder.y + l.ladder.h) != r - 1) {
				CHECK(!"layout");
				fprintf(stderr, "  at %dx%d\n", c, r);
				return;
			}
		}
	/* List columns fill the inner width exactly. */
	for (w = 78; w <= 400; w++) {
		tui_list_columns(&lc, w, 4);
		sum = lc.mark + lc.idx + (lc.client > 0 ? lc.client + 1 : 0) +
		    lc.server + lc.sni + lc.version + lc.suite + lc.ms +
		    lc.status + 7;
		CHECK(sum == w || (fprintf(stderr, "  w %d sum %d\n", w,
		    sum), 0));
		CHECK(lc.sni >= 12);
		if (sum != w || lc.sni < 12)
			break;
	}
	tui_list_columns(&lc, 78, 3);
	CHECK(lc.client == 0 && lc.server >= 15);
	tui_list_columns(&lc, 118, 3);
	CHECK(lc.client == 21 && lc.suite >= 24 && lc.sni >= 16);
	for (w = 60; w <= 300; w++) {
		tui_ladder_columns(&dc, w);
		CHECK(dc.cli > dc.time && dc.srv > dc.cli + 11 &&
		    dc.note > dc.srv && dc.note + dc.note_w == w);
	}
	GROUP_END("layout");
}

static struct tui_ladder_row rows[32];

static void
test_ladder(void)
{
	struct conn *c = mk_conn(1, 10, 443, "example.com", 0x0304, 0x1301,
	    HSF_COMPLETE);
	struct event *e;
	size_t n, i;

	e = conn_add_event(c, DIR_C2S, EV_SYN, c->t_first, 1, 0);
	e->tcp_flags = 0x02;
	e->flags |= EVF_RETRANS;
	e = conn_add_event(c, DIR_S2C, EV_SYN_ACK, c->t_first + 30000, 2, 0);
	e->tcp_flags = 0x12;
	e = conn_add_event(c, DIR_C2S, EV_ACK, c->t_first + 30100, 3, 0);
	e->tcp_flags = 0x10;
	e = conn_add_event(c, DIR_C2S, EV_HANDSHAKE, c->t_first + 30300, 4,
	    512);
	e->sub = 1;
	e = conn_add_event(c, DIR_S2C, EV_HANDSHAKE, c->t_first + 61000, 6,
	    122);
	e->sub = 2;
	conn_add_event(c, DIR_S2C, EV_ENC_HANDSHAKE, c->t_first + 61000, 6,
	    2345);
	e = conn_add_event(c, DIR_C2S, EV_APPDATA, c->t_first + 91700, 9,
	    1210);
	conn_ev_set_count(c, e, 3);
	e = conn_add_event(c, DIR_S2C, EV_ALERT, c->t_first + 92000, 10, 2);
	e->sub = 2;
	e->sub2 = 40;
	e = conn_add_event(c, DIR_S2C, EV_RST, c->t_first + 93000, 12, 0);
	e->tcp_flags = 0x04;
	c->tcp.syn = c->tcp.ack = true;
	c->tcp.t_syn = c->t_first;
	c->tcp.t_ack = c->t_first + 30100;
	conn_anom(c, DIR_S2C, 8, ANOM_TCP_GAP, "1448 bytes missing");
	conn_anom(c, DIR_C2S, 9, ANOM_REC_LENGTH, NULL);

	n = tui_ladder_rows(c, NULL, 0);
	CHECK(n == 11);		/* 9 events, 2 anomalies */
	CHECK(tui_ladder_rows(c, rows, 4) == 11);	/* snprintf-like */
	CHECK(tui_ladder_rows(c, rows, 32) == 11);
	CHECK(rows[0].role == ROLE_TCP && rows[0].glyph == TUI_GLYPH_TCP);
	CHECK(strcmp(rows[0].label, "SYN") == 0);
	CHECK(rows[0].marks == TUI_MARK_RETRANS);
	CHECK(rows[1].dir == DIR_S2C && strcmp(rows[1].label, "SYN, ACK") ==
	    0);
	CHECK(strncmp(rows[1].note, "rtt 30.1", 8) == 0);
	CHECK(rows[3].role == ROLE_TLS && rows[3].glyph == TUI_GLYPH_TLS);
	CHECK(strcmp(rows[3].label, "ClientHello") == 0);
	CHECK(strcmp(rows[3].note, "512 B") == 0);
	CHECK(rows[3].t > 0.0302 && rows[3].t < 0.0304);
	CHECK(strcmp(rows[4].label, "ServerHello") == 0);
	CHECK(rows[5].role == ROLE_DIM && rows[5].glyph == TUI_GLYPH_ENC);
	CHECK(strcmp(rows[5].label, "[encrypted handshake]") == 0);
	CHECK(strcmp(rows[6].label, "[application data x3]") == 0);
	/* The gap (frame 8, server side) marks the next server row. */
	CHECK(rows[7].marks == TUI_MARK_GAP);
	for (i = 0; i < 7; i++)
		CHECK(!(rows[i].marks & TUI_MARK_GAP));
	CHECK(rows[7].role == ROLE_BAD);
	CHECK(strcmp(rows[7].label, "Alert fatal handshake_failure") == 0);
	CHECK(rows[8].role == ROLE_BAD && rows[8].glyph == TUI_GLYPH_TCP);
	CHECK(rows[9].kind == TUI_ROW_ANOM && rows[9].role == ROLE_BAD);
	CHECK(strcmp(rows[9].label, "! tcp.gap") == 0);
	CHECK(rows[10].kind == TUI_ROW_ANOM);
	CHECK(tui_ladder_default(rows, n) == 3);
	CHECK(tui_ladder_default(rows, 3) == 0);
	conn_free(c);

	/* No events at all: no rows. */
	c = conn_new(2);
	CHECK(tui_ladder_rows(c, rows, 32) == 0);
	conn_free(c);
	GROUP_END("ladder_rows");
}

static bool
parses(const char *s)
{
	struct tui_filter f;
	char err[160];
	bool ok = tui_filter_parse(&f, s, err, sizeof(err));

	CHECK(ok == (err[0] == '\0'));
	tui_filter_cleanup(&f);
	return ok;
}

static int
matches(const char *s, struct conn **v, size_t n)
{
	struct tui_filter f;
	char err[160];
	int mask = 0;
	size_t i;

	if (!tui_filter_parse(&f, s, err, sizeof(err)))
		return -1;
	for (i = 0; i < n; i++)
		if (tui_filter_match(&f, v[i]))
			mask |= 1 << i;
	tui_filter_cleanup(&f);
	return mask;
}

static void
test_filter(void)
{
	struct conn *v[3];
	struct alert a = { DIR_S2C, 2, 40, false, 7 };
	size_t i;

	v[0] = mk_conn(1, 10, 443, "www.Example.com", 0x0304, 0x1301,
	    HSF_COMPLETE);
	v[1] = mk_conn(2, 11, 8443, "api.test", 0x0303, 0xc02f, HSF_COMPLETE);
	v[2] = mk_conn(3, 12, 443, NULL, 0, 0, HSF_FAILED);
	conn_add_alert(v[2], &v[2]->hs[0], &a);

	CHECK(parses(""));
	CHECK(parses("  "));
	CHECK(parses("a b c"));
	CHECK(parses("sni=\"a b\""));
	CHECK(!parses("foo=bar"));
	CHECK(!parses("sni="));
	CHECK(!parses("sni=\"abc"));
	CHECK(!parses("a b c d e f g h i j k l m n o p q"));

	CHECK(matches("", v, 3) == 7);
	CHECK(matches("version=TLSv1.2", v, 3) == 2);
	CHECK(matches("version=tlsv1.3", v, 3) == 1);
	CHECK(matches("version=1.3", v, 3) == 1);
	CHECK(matches("version~1.", v, 3) == 3);
	CHECK(matches("sni=www.example.com", v, 3) == 1);
	CHECK(matches("SNI=WWW.EXAMPLE.COM", v, 3) == 1);
	CHECK(matches("sni=example.com", v, 3) == 0);
	CHECK(matches("sni~example", v, 3) == 1);
	CHECK(matches("example", v, 3) == 1);
	CHECK(matches("192.0.2.11", v, 3) == 2);
	CHECK(matches("client=192.0.2.12", v, 3) == 4);
	CHECK(matches("client=192.0.2.12:50003", v, 3) == 4);
	CHECK(matches("client=192.0.2.1", v, 3) == 0);
	CHECK(matches("client~192.0.2.1", v, 3) == 7);
	CHECK(matches("server=198.51.100.7:8443", v, 3) == 2);
	CHECK(matches("port=443", v, 3) == 5);
	CHECK(matches("port=8443", v, 3) == 2);
	CHECK(matches("suite=TLS_AES_128_GCM_SHA256", v, 3) == 1);
	CHECK(matches("suite=0x1301", v, 3) == 1);
	CHECK(matches("suite~ecdhe", v, 3) == 2);
	CHECK(matches("gcm", v, 3) == 3);
	CHECK(matches("status=ok", v, 3) == 3);
	CHECK(matches("status=complete", v, 3) == 3);
	CHECK(matches("status=failed", v, 3) == 4);
	CHECK(matches("!status=ok", v, 3) == 4);
	CHECK(matches("alert=handshake_failure", v, 3) == 4);
	CHECK(matches("alert=40", v, 3) == 4);
	CHECK(matches("alert~failure port=443", v, 3) == 4);
	CHECK(matches("port=443 version=TLSv1.2", v, 3) == 0);
	CHECK(matches("ja3~a", v, 3) == 0);
	/* SPEC.md: transport=quic; "udp" for QUIC and DTLS */
	v[0]->transport = CONN_QUIC;
	conn_udp(v[1])->dtls.packets = 3;
	v[1]->transport = CONN_DTLS;
	CHECK(matches("transport=quic", v, 3) == 1);
	CHECK(matches("transport=dtls", v, 3) == 2);
	CHECK(matches("transport=udp", v, 3) == 3);
	CHECK(matches("transport=tcp", v, 3) == 4);
	CHECK(matches("!transport=tcp port=443", v, 3) == 1);
	for (i = 0; i < 3; i++)
		conn_free(v[i]);
	GROUP_END("filter");
}

static void
test_index(void)
{
	struct store st;
	struct tui_index x;
	struct tui_filter f;
	char err[80];

	store_init(&st, 1000);
	/* Arrive out of index order, as connections end. */
	store_add(&st, mk_conn(2, 11, 8443, "b.test", 0x0303, 0xc02f,
	    HSF_COMPLETE));
	store_add(&st, mk_conn(1, 10, 443, "c.test", 0x0304, 0x1301,
	    HSF_COMPLETE));
	store_add(&st, mk_conn(3, 12, 443, "a.test", 0, 0, HSF_FAILED));
	memset(&f, 0, sizeof(f));
	tui_index_init(&x, &f);
	tui_index_sync(&x, &st, false);
	tui_index_open_begin(&x);
	tui_index_open_end(&x);
	CHECK(tui_index_merge(&x));
	CHECK(x.n_vis == 3);
	CHECK(x.vis[0]->id == 1 && x.vis[1]->id == 2 && x.vis[2]->id == 3);
	CHECK(x.counts.total == 3 && x.counts.complete == 2 &&
	    x.counts.failed == 1);
	CHECK(!tui_index_merge(&x));
	CHECK(tui_index_find(&x, 3) == 2);
	CHECK(tui_index_find(&x, 9) == -1);
	x.sort = TUI_SORT_SNI;
	tui_index_sync(&x, &st, true);
	tui_index_merge(&x);
	CHECK(x.vis[0]->id == 3 && x.vis[2]->id == 1);
	x.sort = TUI_SORT_STATUS;
	tui_index_sync(&x, &st, true);
	tui_index_merge(&x);
	CHECK(x.vis[0]->id == 3);
	x.sort = TUI_SORT_HSTIME;
	tui_index_sync(&x, &st, true);
	tui_index_merge(&x);
	CHECK(x.vis[0]->id == 2 && x.vis[2]->id == 3);
	CHECK(tui_filter_parse(&f, "port=443", err, sizeof(err)));
	x.sort = TUI_SORT_INDEX;
	tui_index_sync(&x, &st, true);
	tui_index_merge(&x);
	CHECK(x.n_vis == 2 && x.counts.total == 3);
	/* A live arrival keeps the order; open ones merge in. */
	store_add(&st, mk_conn(5, 12, 443, "e.test", 0x0304, 0x1301,
	    HSF_COMPLETE));
	tui_index_sync(&x, &st, false);
	{
		struct conn *o = mk_conn(4, 13, 443, "d.test", 0, 0, 0);

		tui_index_open_begin(&x);
		tui_index_open_add(&x, o);
		tui_index_open_end(&x);
		CHECK(tui_index_merge(&x));
		CHECK(x.n_vis == 4 && x.vis[2]->id == 4 &&
		    x.vis[3]->id == 5);
		CHECK(x.counts.total == 5 && x.counts.open == 1 &&
		    x.counts.incomplete == 1);
		conn_free(o);
	}
	tui_filter_cleanup(&f);
	tui_index_cleanup(&x);
	store_cleanup(&st);
	GROUP_END("index");
}

static void
test_theme(void)
{
	const struct role_ent *t;

	CHECK(theme_pick(TUI_COLOR_AUTO, NULL, true, 256) == THEME_256);
	CHECK(theme_pick(TUI_COLOR_AUTO, NULL, true, 8) == THEME_8);
	CHECK(theme_pick(TUI_COLOR_AUTO, NULL, true, 88) == THEME_8);
	CHECK(theme_pick(TUI_COLOR_AUTO, NULL, false, 0) == THEME_MONO);
	CHECK(theme_pick(TUI_COLOR_AUTO, "1", true, 256) == THEME_MONO);
	CHECK(theme_pick(TUI_COLOR_AUTO, "", true, 256) == THEME_256);
	CHECK(theme_pick(TUI_COLOR_ALWAYS, "1", true, 256) == THEME_MONO);
	CHECK(theme_pick(TUI_COLOR_NEVER, NULL, true, 256) == THEME_MONO);
	/* A true yellow, not orange (220, 214). */
	t = role_entry(ROLE_TLS);
	CHECK(t->role == ROLE_TLS && t->fg256 == 226);
	CHECK(t->fg8 == COLOR_YELLOW && t->bright8);
	CHECK(theme_attr_mode(ROLE_TLS, THEME_8) & A_BOLD);
	t = role_entry(ROLE_TCP);
	CHECK(t->fg256 == 33 && t->fg8 == COLOR_BLUE);
	CHECK(role_entry(ROLE_BAD)->fg256 == 196);
	/* The role table's 8 colours are curses' own numbers. */
	CHECK(C8_RED == COLOR_RED && C8_GREEN == COLOR_GREEN &&
	    C8_MAGENTA == COLOR_MAGENTA && C8_WHITE == COLOR_WHITE);
	/* Weak is never a yellow: SPEC.md gives yellow to TLS. */
	t = role_entry(ROLE_WEAK);
	CHECK(t->fg256 == 208 && t->fg8 == COLOR_MAGENTA);
	CHECK(PAIR_NUMBER(theme_attr_mode(ROLE_WEAK, THEME_8)) !=
	    PAIR_NUMBER(theme_attr_mode(ROLE_TLS, THEME_8)));
	/* Monochrome: no colour pairs, and the layers still differ. */
	CHECK((theme_attr_mode(ROLE_TLS, THEME_MONO) & A_COLOR) == 0);
	CHECK(theme_attr_mode(ROLE_TLS, THEME_MONO) !=
	    theme_attr_mode(ROLE_TCP, THEME_MONO));
	CHECK(theme_attr_mode(ROLE_BAD, THEME_MONO) !=
	    theme_attr_mode(ROLE_TLS, THEME_MONO));
	CHECK(theme_attr_mode(ROLE_DIM, THEME_MONO) & A_DIM);
	CHECK(theme_attr_mode(ROLE_CHOSEN, THEME_MONO) & A_REVERSE);
	CHECK((theme_attr_mode(ROLE_TLS, THEME_256) & A_COLOR) != 0);
	CHECK(PAIR_NUMBER(theme_attr_mode(ROLE_TLS, THEME_8)) !=
	    PAIR_NUMBER(theme_attr_mode(ROLE_TCP, THEME_8)));
	GROUP_END("theme");
}

static int
find_line(const struct tui_lines *l, const char *needle, int *role)
{
	struct buf b;
	size_t i;

	buf_init(&b);
	for (i = 0; i < l->n_line; i++) {
		buf_reset(&b);
		tui_lines_text(l, i, &b);
		if (strstr(buf_str(&b), needle) != NULL) {
			*role = l->line[i].role;
			buf_cleanup(&b);
			return (int)i;
		}
	}
	buf_cleanup(&b);
	return -1;
}

static void
test_detail(void)
{
	static const char hostile[] = "evil\x1b[31mred\xe2\x80\xaegnp.exe";
	struct conn *c = mk_conn(1, 10, 443, hostile, 0x0304, 0x1301,
	    HSF_COMPLETE);
	struct tui_lines l;
	struct event *e;
	char title[160];
	size_t n, i;
	int role = -1;

	e = conn_add_event(c, DIR_C2S, EV_HANDSHAKE, c->t_first + 300, 4,
	    512);
	e->sub = 1;
	n = tui_ladder_rows(c, rows, 32);
	CHECK(n == 1);
	tui_lines_init(&l);
	tui_detail_build(&l, title, sizeof(title), c, &rows[0], 60);
	CHECK(strncmp(title, "ClientHello  frame 4, 512 bytes", 31) == 0);
	CHECK(find_line(&l, "TLS_AES_128_GCM_SHA256", &role) >= 0);
	CHECK(role == ROLE_CHOSEN);
	CHECK(find_line(&l, "chosen", &role) >= 0 && role == ROLE_CHOSEN);
	CHECK(find_line(&l, "TLS_AES_256_GCM_SHA384", &role) >= 0 &&
	    role == ROLE_NORMAL);
	CHECK(find_line(&l, "TLS_RSA_WITH_3DES_EDE_CBC_SHA", &role) >= 0);
	CHECK(find_line(&l, "insecure", &role) >= 0);
	CHECK(find_line(&l, "TLS_RSA_WITH_AES_128_CBC_SHA ", &role) >= 0);
	CHECK(find_line(&l, "weak", &role) >= 0);
	CHECK(find_line(&l, "GREASE", &role) >= 0);
	/* The hostile SNI is escaped: no ESC byte, no RLO reaches a line. */
	CHECK(find_line(&l, "evil\\x1B[31mred\\u{202E}gnp.exe", &role) >= 0);
	for (i = 0; i < l.text.len; i++)
		CHECK(l.text.p[i] != '\x1b');
	CHECK(strstr(l.text.p, "\xe2\x80\xae") == NULL);
	tui_lines_cleanup(&l);
	conn_free(c);
	GROUP_END("detail");
}

int
main(void)
{
	test_layout();
	test_ladder();
	test_filter();
	test_index();
	test_theme();
	test_detail();
	return CHECK_EXIT();
}
