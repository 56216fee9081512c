/*
 * explain.c: the steps of --explain. Two tables hold the words: the codes
 * (what each step tells, listed in tlshake(1)) and the sentences (format
 * strings translated through gettext, with only %s or %N$s conversions).
 * The builders below pick sentences from what the connection model says
 * and fill them with that connection's values, already rendered as text;
 * they never see a packet byte. A translation whose conversions do not
 * match its English original is not used (the English is).
 */
#include "view/explain.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "common/esc.h"
#include "common/i18n.h"
#include "dissect/suite.h"
#include "model/certstore.h"
#include "view/label.h"
#include "view/words.h"

/* Handshake types (RFC 8446, 4; RFC 5246, 7.4). */
enum {
	T_CH = 1, T_SH = 2, T_NST = 4, T_EE = 8, T_CERT = 11, T_SKE = 12,
	T_CR = 13, T_SHD = 14, T_CV = 15, T_CKE = 16, T_FIN = 20
};

static void
tell_transport(struct explain *x, const struct conn *c)
{
	const struct tcp_info *t = &c->tcp;

	if (conn_quic(c)->datagrams > 0) {
		if (words_begin(x, XC_QUIC))
			SAY0(x, XS_QUIC);
	} else if (conn_dtls(c)->packets > 0) {
		if (words_begin(x, XC_DTLS))
			SAY0(x, XS_DTLS);
	} else if (t->syn && t->syn_ack && t->ack && t->t_ack >= t->t_syn) {
		if (!words_begin(x, XC_TCP))
			return;
		SAY(x, XS_TCP, words_ms(t->t_ack - t->t_syn));
		words_point(x, words_find(c, EV_SYN, -1, DIR_C2S, 0));
		words_point(x, words_find(c, EV_SYN_ACK, -1, DIR_S2C, 0));
		words_point(x, words_find(c, EV_ACK, -1, DIR_C2S, 0));
	} else if (words_begin(x, XC_TCP_MID))
		SAY0(x, XS_TCP_MID);
}

static void
tell_offer(struct explain *x, const struct conn *c, const struct tls_hs *hs)
{
	uint32_t i, n = 0, weak = 0, bad = 0;
	const char *vers;
	char tmp[32];

	if (!(hs->flags & HSF_HAS_CH) || !words_begin(x, XC_OFFER))
		return;
	for (i = 0; i < hs->suites_offered.n; i++) {
		uint16_t id = hs->suites_offered.v[i];
		enum suite_strength st = suite_strength(suite_find(id));

		if (!words_real_suite(id))
			continue;
		n++;
		weak += st == STRENGTH_WEAK;
		bad += st == STRENGTH_INSECURE;
	}
	n += hs->ssl2_n_specs;
	vers = hs->versions_offered.n > 0 ?
	    words_names(&hs->versions_offered, label_version_any, 8) :
	    strcpy(words_slot(), label_version_any(hs->client_version, tmp,
	    sizeof(tmp)));
	if (hs->sni.p != NULL)
		SAYN(x, XS_OFFER, n, words_num(n), vers, words_wire_n(hs->sni.p,
		    hs->sni.len, 64));
	else
		SAYN(x, XS_OFFER_NOSNI, n, words_num(n), vers);
	if (weak + bad > 0)
		SAY(x, XS_OFFER_WEAK, words_num(weak), words_num(bad));
	else if (n > 0)
		SAY0(x, XS_OFFER_SECURE);
	if (hs->key_shares_offered.n > 0)
		SAY(x, XS_OFFER_SHARE, words_names(&hs->groups_offered, label_group,
		    5), words_names(&hs->key_shares_offered, label_group, 3));
	else if (hs->groups_offered.n > 0)
		SAY(x, XS_OFFER_GROUPS, words_names(&hs->groups_offered,
		    label_group, 5));
	if (hs->alpn_offered.n > 0) {
		char *s = words_slot();
		struct buf b;

		buf_init(&b);
		for (i = 0; i < hs->alpn_offered.n && i < 6; i++) {
			if (i > 0)
				buf_adds(&b, ", ");
			esc_term(&b, hs->alpn_offered.v[i].p,
			    hs->alpn_offered.v[i].len, 24);
		}
		snprintf(s, WORDS_SLOT_LEN, "%s", buf_str(&b));
		buf_cleanup(&b);
		SAY(x, XS_OFFER_ALPN, s);
	}
	words_point(x, words_find(c, EV_HANDSHAKE, T_CH, DIR_C2S, 0));
}

static void
tell_hrr(struct explain *x, const struct conn *c, const struct tls_hs *hs)
{
	char a[32], b[32];
	int i;

	if (!(hs->flags & HSF_HRR) || !words_begin(x, XC_HRR))
		return;
	SAY(x, XS_HRR, hs->key_shares_offered.n > 0 ?
	    strcpy(words_slot(), label_group(hs->key_shares_offered.v[0], a,
	    sizeof(a))) : "-",
	    strcpy(words_slot(), label_group(hs->hrr_group, b, sizeof(b))));
	for (i = words_find(c, EV_HANDSHAKE, T_SH, DIR_S2C, 0); i >= 0;
	    i = words_find(c, EV_HANDSHAKE, T_SH, DIR_S2C, (uint32_t)i + 1))
		if (c->ev[i].flags & EVF_HRR)
			break;
	words_point(x, i);
	i = words_find(c, EV_HANDSHAKE, T_CH, DIR_C2S, 0);
	if (i >= 0)
		words_point(x, words_find(c, EV_HANDSHAKE, T_CH, DIR_C2S, (uint32_t)i + 1));
}

static void
tell_choice(struct explain *x, const struct conn *c, const struct tls_hs *hs)
{
	const struct suite *s = suite_find(hs->suite);
	uint32_t i, pos = 0, n = 0;
	const char *ver;
	char tmp[32];
	int ev;

	if (!(hs->flags & HSF_HAS_SUITE) || !words_begin(x, XC_CHOICE))
		return;
	for (i = 0; i < hs->suites_offered.n; i++) {
		if (!words_real_suite(hs->suites_offered.v[i]))
			continue;
		n++;
		if (pos == 0 && hs->suites_offered.v[i] == hs->suite)
			pos = n;
	}
	ver = strcpy(words_slot(), label_version_any(hs->version != 0 ?
	    hs->version : hs->server_version, tmp, sizeof(tmp)));
	if (n == 1 && pos == 1)
		SAY(x, XS_CHOICE_ONLY, ver, suite_name(hs->suite));
	else
		SAY(x, XS_CHOICE, ver, suite_name(hs->suite),
		    pos > 0 ? words_num(pos) : "?", words_num(n));
	if (pos == 1 && n > 1)
		SAY0(x, XS_CHOICE_FIRST);
	else if (pos > 1)
		SAYN(x, XS_CHOICE_LATER, pos - 1, words_num(pos - 1));
	if (suite_strength(s) == STRENGTH_WEAK)
		SAY0(x, XS_CHOICE_WEAK);
	else if (suite_strength(s) == STRENGTH_INSECURE)
		SAY0(x, XS_CHOICE_INSECURE);
	if (hs->alpn.p != NULL)
		SAY(x, XS_CHOICE_ALPN, words_wire_n(hs->alpn.p, hs->alpn.len, 24));
	for (ev = words_find(c, EV_HANDSHAKE, T_SH, DIR_S2C, 0); ev >= 0 &&
	    (c->ev[ev].flags & EVF_HRR);
	    ev = words_find(c, EV_HANDSHAKE, T_SH, DIR_S2C, (uint32_t)ev + 1))
		;
	words_point(x, ev);
}

static const char *
cert_name(const struct cert_info *ci)
{
	return words_wire(ci->subject_cn != NULL ? ci->subject_cn : ci->subject);
}

static enum xc
cert_verdict(const struct tls_hs *hs, const struct cert_info *leaf,
    uint32_t *which, uint16_t flag)
{
	const struct chain_result *ch = &hs->chain;
	uint32_t i;

	if (!ch->checked)
		return XC_CERT_UNCHECKED;
	if (ch->valid)
		return XC_CERT_VALID;
	if ((hs->n_certs == 1 && leaf->self_signed) || (ch->error != NULL &&
	    strstr(ch->error, "self") != NULL))
		return XC_CERT_SELF;
	for (i = 0; hs->cert_flags != NULL && i < hs->n_certs; i++)
		if (hs->cert_flags[i] & flag) {
			*which = i;
			return flag == CERTF_EXPIRED ? XC_CERT_EXPIRED :
			    XC_CERT_NOTYET;
		}
	if (ch->hostname_checked && !ch->hostname_match)
		return XC_CERT_NAME;
	if (ch->error != NULL && strstr(ch->error, "issuer") != NULL)
		return XC_CERT_UNKNOWN;
	return XC_CERT_INVALID;
}

static void
tell_cert(struct explain *x, const struct conn *c, const struct tls_hs *hs)
{
	const struct cert_info *ci, *wi;
	uint32_t which = 0;
	uint64_t days;
	int64_t now = (int64_t)(c->t_first / 1000000);
	enum xc v;

	if (hs->n_certs == 0)
		return;
	ci = cert_info(hs->certs[0]);
	v = cert_verdict(hs, ci, &which, CERTF_EXPIRED);
	if (v == XC_CERT_INVALID)
		v = cert_verdict(hs, ci, &which, CERTF_NOT_YET_VALID);
	if (!words_begin(x, v))
		return;
	SAYN(x, XS_CERT, hs->n_certs, words_num(hs->n_certs), cert_name(ci), words_wire(ci->key_type),
	    words_num(ci->key_bits), words_wire(ci->issuer_cn != NULL ? ci->issuer_cn :
	    ci->issuer), words_date(ci->not_before), words_date(ci->not_after));
	wi = cert_info(hs->certs[which]);
	switch (v) {
	case XC_CERT_VALID:
		if (hs->chain.hostname_checked && hs->sni.p != NULL)
			SAY(x, XS_CERT_VALID, words_date(now), words_wire_n(hs->sni.p,
			    hs->sni.len, 64));
		else
			SAY(x, XS_CERT_VALID_NONAME, words_date(now));
		break;
	case XC_CERT_SELF:
		SAY0(x, XS_CERT_SELF);
		break;
	case XC_CERT_EXPIRED:
		days = (uint64_t)(now - wi->not_after) / 86400;
		SAYN(x, XS_CERT_EXPIRED, days, cert_name(wi),
		    words_date(wi->not_after), words_num(days));
		break;
	case XC_CERT_NOTYET:
		SAY(x, XS_CERT_NOTYET, cert_name(wi), words_date(wi->not_before));
		break;
	case XC_CERT_NAME:
		SAY(x, XS_CERT_NAME, hs->sni.p != NULL ? words_wire_n(hs->sni.p,
		    hs->sni.len, 64) : "?");
		break;
	case XC_CERT_UNKNOWN:
		wi = cert_info(hs->certs[hs->n_certs - 1]);
		SAY(x, XS_CERT_UNKNOWN, words_wire(wi->issuer_cn != NULL ?
		    wi->issuer_cn : wi->issuer));
		break;
	case XC_CERT_UNCHECKED:
		SAY0(x, XS_CERT_UNCHECKED);
		break;
	default:
		SAY(x, XS_CERT_INVALID, words_wire(hs->chain.error));
	}
	words_point(x, words_find(c, EV_HANDSHAKE, T_CERT, DIR_S2C, 0));
}

static void
tell_client_cert(struct explain *x, const struct conn *c,
    const struct tls_hs *hs)
{
	int cv = words_find(c, EV_HANDSHAKE, T_CV, DIR_C2S, 0);

	if (!(hs->flags & HSF_CERT_REQUEST) || !words_begin(x, XC_CERT_CLIENT))
		return;
	if (hs->n_client_certs > 0) {
		const struct cert_info *ci = cert_info(hs->client_certs[0]);

		SAY(x, XS_CR_SENT, cert_name(ci), words_wire(ci->issuer_cn != NULL ?
		    ci->issuer_cn : ci->issuer), words_num(words_ev_len(c, cv)));
	} else if (cv >= 0)
		SAY(x, XS_CR_SENT_ANON, words_num(words_ev_len(c, cv)));
	else
		SAY0(x, XS_CR_NONE);
	words_point(x, words_find(c, EV_HANDSHAKE, T_CR, DIR_S2C, 0));
	words_point(x, words_find(c, EV_HANDSHAKE, T_CERT, DIR_C2S, 0));
	words_point(x, cv);
}

static void
tell_kx12(struct explain *x, const struct conn *c, const struct tls_hs *hs,
    const struct suite *s)
{
	int ske = words_find(c, EV_HANDSHAKE, T_SKE, DIR_S2C, 0);
	int cke = words_find(c, EV_HANDSHAKE, T_CKE, DIR_C2S, 0);
	char tmp[32];

	/* Told once the client's half went (or the server's, for DH). */
	if (s == NULL || (cke < 0 && (ske < 0 || s->kx == KX_RSA)))
		return;
	switch (s->kx) {
	case KX_RSA: case KX_RSA_EXPORT:
		if (!words_begin(x, XC_KX_RSA))
			return;
		SAY(x, XS_KX_RSA, words_num(words_ev_len(c, cke)));
		break;
	case KX_ECDHE:
		if (!words_begin(x, XC_KX_ECDHE))
			return;
		SAY(x, XS_KX_ECDHE, (hs->flags & HSF_HAS_GROUP) ?
		    strcpy(words_slot(), label_group(hs->group, tmp, sizeof(tmp))) :
		    "?", words_num(words_ev_len(c, ske)), words_num(words_ev_len(c, cke)));
		break;
	case KX_DHE: case KX_DHE_EXPORT:
		if (!words_begin(x, XC_KX_DHE))
			return;
		SAY(x, XS_KX_DHE, words_num(words_ev_len(c, ske)), words_num(words_ev_len(c, cke)));
		break;
	default:
		if (!words_begin(x, XC_KX_OTHER))
			return;
		SAY(x, XS_KX_OTHER, suite_kx_name(s->kx));
	}
	words_point(x, ske);
	words_point(x, cke);
}

static void
tell_kx13(struct explain *x, const struct conn *c, const struct tls_hs *hs)
{
	char tmp[32];
	const char *g = (hs->flags & HSF_HAS_GROUP) ? strcpy(words_slot(),
	    label_group(hs->group, tmp, sizeof(tmp))) : NULL;

	if (hs->flags & HSF_PSK_ACCEPTED) {
		if (!words_begin(x, XC_KX_PSK))
			return;
		if (g != NULL)
			SAY(x, XS_KX_PSK_DHE, g);
		else
			SAY0(x, XS_KX_PSK);
	} else if (words_begin(x, XC_KX_13))
		SAY(x, XS_KX_13, g != NULL ? g : "?");
	words_point(x, words_find(c, EV_HANDSHAKE, T_CH, DIR_C2S, 0));
	words_point(x, words_find(c, EV_HANDSHAKE, T_SH, DIR_S2C, 0));
	if (!(hs->flags & HSF_EARLY_DATA) || !words_begin(x, XC_EARLY))
		return;
	SAY0(x, (hs->flags & HSF_EARLY_ACCEPTED) ? XS_EARLY_YES : XS_EARLY_NO);
	words_point(x, words_find(c, EV_APPDATA, -1, DIR_C2S, 0));
}

/* What TLS 1.3 hides: the encrypted handshake records, or what the key
 * log revealed of them. */
static void
tell_enc13(struct explain *x, const struct conn *c, const struct tls_hs *hs)
{
	uint32_t i, n = 0, bytes = 0;
	char *seen = words_slot(), tmp[48];
	size_t o = 0;

	if (!words_begin(x, XC_ENC13))
		return;
	seen[0] = '\0';
	for (i = 0; i < c->n_ev; i++) {
		const struct event *e = &c->ev[i];

		if (e->hs_idx != 0)
			continue;
		if (e->type == EV_ENC_HANDSHAKE) {
			n++;
			bytes += e->len;
			words_point(x, (int)i);
		} else if (e->type == EV_HANDSHAKE &&
		    (e->flags & EVF_DECRYPTED) && e->sub != T_NST &&
		    o + 48 < WORDS_SLOT_LEN) {
			o += (size_t)snprintf(seen + o, WORDS_SLOT_LEN - o, "%s%s",
			    o > 0 ? ", " : "", label_event(c, e, tmp,
			    sizeof(tmp)));
			words_point(x, (int)i);
		}
	}
	if (o > 0)
		SAY(x, XS_ENC13_DEC, seen);
	else if (n == 0 && conn_quic(c)->datagrams > 0)
		SAY0(x, XS_ENC13_QUIC);
	else
		SAYN(x, (hs->flags & HSF_PSK_ACCEPTED) ? XS_ENC13_PSK :
		    XS_ENC13, n, words_num(n), words_num(bytes));
}

static bool
chose_ext(const struct tls_hs *hs, uint16_t type)
{
	uint32_t i;

	for (i = 0; i < hs->exts_chosen.n; i++)
		if (hs->exts_chosen.v[i] == type)
			return true;
	return false;
}

static void
tell_cipher(struct explain *x, const struct tls_hs *hs, const struct suite *s)
{
	char kdf[48], enc[40];
	size_t i;
	bool tls13 = hs->version == 0x0304;

	if (s == NULL)
		return;
	snprintf(kdf, sizeof(kdf), "%s-%s", tls13 ? "HKDF" : "PRF",
	    suite_hash_name(suite_prf_hash(s, hs->version)));
	snprintf(enc, sizeof(enc), "%s", suite_enc_name(s->enc));
	for (i = 0; enc[i] != '\0'; i++)
		if (enc[i] == '_')
			enc[i] = '-';
	if (s->enc == ENC_NULL) {
		if (words_begin(x, XC_CIPHER_NULL))
			SAY(x, XS_CIPHER_NULL, suite_mac_name(s->mac));
	} else if (suite_aead(s) || tls13) {
		if (words_begin(x, XC_CIPHER_AEAD))
			SAY(x, XS_CIPHER_AEAD, kdf, enc);
	} else if (s->enc >= ENC_RC4_40 && s->enc <= ENC_RC4_128) {
		if (words_begin(x, XC_CIPHER_STREAM))
			SAY(x, XS_CIPHER_STREAM, kdf, enc,
			    suite_mac_name(s->mac));
	} else if (words_begin(x, XC_CIPHER_CBC)) {
		SAY(x, XS_CIPHER_CBC, kdf, enc, suite_mac_name(s->mac));
		/* RFC 7366, 3: in force when the server echoes it. */
		SAY0(x, chose_ext(hs, 22) ? XS_ETM : XS_MTE);
	}
}

/* ChangeCipherSpec and Finished, then the tickets. */
static void
tell_end(struct explain *x, const struct conn *c, const struct tls_hs *hs)
{
	int cc = words_find(c, EV_CCS, -1, DIR_C2S, 0);
	int sc = words_find(c, EV_CCS, -1, DIR_S2C, 0);
	double hms = conn_handshake_ms(c, hs);
	uint32_t i, n;
	int d;

	if ((cc >= 0 || sc >= 0) && words_begin(x, XC_CCS)) {
		if (hs->version == 0x0304)
			SAY0(x, XS_CCS13);
		else
			SAY(x, XS_CCS12, cc >= 0 ? words_ms(words_ev_at(c, cc)) : "-",
			    sc >= 0 ? words_ms(words_ev_at(c, sc)) : "-");
		words_point(x, cc);
		words_point(x, sc);
	}
	if ((hs->flags & HSF_COMPLETE) && hms >= 0 && words_begin(x, XC_FINISHED)) {
		SAY(x, XS_FIN, words_ms((uint64_t)(hms * 1000.0 + 0.5)));
		/* Each side's last handshake record of the first handshake:
		 * its Finished, encrypted or decrypted. */
		for (d = DIR_C2S; d <= DIR_S2C; d++) {
			int last = -1;

			for (i = 0; i < c->n_ev; i++)
				if (c->ev[i].hs_idx == 0 && c->ev[i].dir == d &&
				    (c->ev[i].type == EV_ENC_HANDSHAKE ||
				    (c->ev[i].type == EV_HANDSHAKE &&
				    c->ev[i].sub == T_FIN)))
					last = (int)i;
			words_point(x, last);
		}
	}
	for (i = 0, n = 0; i < c->n_ev; i++)
		n += c->ev[i].type == EV_HANDSHAKE && c->ev[i].sub == T_NST &&
		    c->ev[i].hs_idx == 0;
	if (n == 0 || !words_begin(x, XC_TICKET))
		return;
	SAYN(x, XS_TICKET, n, words_num(n));
	for (i = 0; i < c->n_ev; i++)
		if (c->ev[i].type == EV_HANDSHAKE && c->ev[i].sub == T_NST &&
		    c->ev[i].hs_idx == 0)
			words_point(x, (int)i);
}

static void
tell_cause(struct explain *x, const struct tls_hs *hs, uint8_t desc)
{
	uint32_t i, n = 0;
	char *s;
	size_t o = 0;

	switch (desc) {
	case 40:	/* handshake_failure */
	case 71:	/* insufficient_security */
		s = words_slot();
		s[0] = '\0';
		for (i = 0; i < hs->suites_offered.n; i++) {
			if (!words_real_suite(hs->suites_offered.v[i]))
				continue;
			if (n++ < 3 && o + 80 < WORDS_SLOT_LEN)
				o += (size_t)snprintf(s + o, WORDS_SLOT_LEN - o,
				    "%s%s", n > 1 ? ", " : "",
				    suite_name(hs->suites_offered.v[i]));
		}
		if (n > 0 && n <= 3)
			SAY(x, XS_CAUSE_SHARED_LIST, s);
		else
			SAY0(x, XS_CAUSE_SHARED);
		break;
	case 42: case 43: case 44: case 45: case 46: case 48:
		SAY0(x, XS_CAUSE_CERT);
		break;
	case 70:
		SAY0(x, XS_CAUSE_VERSION);
		break;
	case 112:
		SAY0(x, XS_CAUSE_NAME);
		break;
	case 120:
		SAY0(x, XS_CAUSE_ALPN);
		break;
	case 20: case 51:
		SAY0(x, XS_CAUSE_CRYPTO);
		break;
	case 10: case 47: case 50: case 109: case 110:
		SAY0(x, XS_CAUSE_BUG);
		break;
	case 116:
		SAY0(x, XS_CAUSE_CLIENT_CERT);
		break;
	}
}

/* How it ended, when that is news: a fatal alert, a reset, or nothing. */
static void
tell_failure(struct explain *x, const struct conn *c, const struct tls_hs *hs)
{
	int i, d;

	for (i = 0; i < (int)c->n_ev; i++) {
		const struct event *e = &c->ev[i];

		if (e->type == EV_ALERT && e->sub == 2) {
			if (!words_begin(x, XC_ALERT))
				return;
			SAY(x, XS_ALERT, words_word(e->dir == DIR_C2S ? XS_CLIENT :
			    XS_SERVER), suite_alert_name(e->sub2) != NULL ?
			    suite_alert_name(e->sub2) : words_num(e->sub2),
			    words_ms(words_ev_at(c, i)));
			tell_cause(x, hs, e->sub2);
			words_point(x, i);
			break;
		}
		if (e->type == EV_ENC_ALERT && (hs->flags & HSF_FAILED) &&
		    !(hs->flags & HSF_COMPLETE)) {
			if (!words_begin(x, XC_ALERT))
				return;
			SAY(x, XS_ALERT_ENC, words_word(e->dir == DIR_C2S ? XS_CLIENT :
			    XS_SERVER), words_ms(words_ev_at(c, i)));
			words_point(x, i);
			break;
		}
	}
	for (d = DIR_C2S; d <= DIR_S2C; d++) {
		i = words_find(c, EV_RST, -1, d, 0);
		if (i < 0 || !words_begin(x, XC_RESET))
			continue;
		SAY(x, (hs->flags & HSF_COMPLETE) ? XS_RESET_AFTER :
		    XS_RESET_BEFORE, words_word(d == DIR_C2S ? XS_CLIENT : XS_SERVER),
		    words_ms(words_ev_at(c, i)));
		words_point(x, i);
	}
	/* Without its keys a QUIC handshake's end cannot be seen. */
	if (!(hs->flags & (HSF_COMPLETE | HSF_FAILED)) && !c->tcp.rst[0] &&
	    !c->tcp.rst[1] && (conn_quic(c)->datagrams == 0 ||
	    (hs->flags & HSF_DECRYPTED)) && words_begin(x, XC_INCOMPLETE))
		SAY0(x, XS_INCOMPLETE);
}

void
explain_init(struct explain *x)
{
	memset(x, 0, sizeof(*x));
	buf_init(&x->text);
}

void
explain_cleanup(struct explain *x)
{
	buf_cleanup(&x->text);
}

void
explain_build(struct explain *x, const struct conn *c)
{
	const struct tls_hs *hs = label_hs0(c);
	const struct suite *s;
	bool tls13;

	x->n = 0;
	x->full = false;
	buf_reset(&x->text);
	tell_transport(x, c);
	if (hs == NULL) {
		if (words_begin(x, XC_NOTLS))
			SAY0(x, XS_NOTLS);
		return;
	}
	s = (hs->flags & HSF_HAS_SUITE) ? suite_find(hs->suite) : NULL;
	tls13 = hs->version == 0x0304;
	tell_offer(x, c, hs);
	tell_hrr(x, c, hs);
	tell_choice(x, c, hs);
	if (tls13) {
		tell_kx13(x, c, hs);
		tell_enc13(x, c, hs);
	} else if ((hs->flags & HSF_RESUMED) && words_begin(x, XC_RESUME))
		SAY0(x, XS_RESUME);
	tell_cert(x, c, hs);
	if (!tls13 && !(hs->flags & HSF_RESUMED))
		tell_kx12(x, c, hs, s);
	tell_client_cert(x, c, hs);
	/* The symmetric cipher is in force from ChangeCipherSpec (TLS 1.2)
	 * or right after ServerHello (TLS 1.3). */
	if ((hs->flags & HSF_HAS_SH) && (tls13 ||
	    words_find(c, EV_CCS, -1, -1, 0) >= 0))
		tell_cipher(x, hs, s);
	tell_end(x, c, hs);
	if (c->n_hs > 1 && words_begin(x, XC_RENEG))
		SAYN(x, XS_RENEG, c->n_hs - 1, words_num(c->n_hs - 1));
	tell_failure(x, c, hs);
}

void
explain_each(const struct conn *c, void (*fn)(void *, uint32_t, const char *,
    const char *, size_t), void *arg)
{
	struct explain x;
	const char *t;
	size_t len;
	uint32_t i;

	explain_init(&x);
	explain_build(&x, c);
	for (i = 0; i < x.n; i++) {
		t = explain_text(&x, i, &len);
		fn(arg, i, x.step[i].code, t, len);
	}
	explain_cleanup(&x);
}

const char *
explain_text(const struct explain *x, uint32_t i, size_t *len)
{
	*len = x->step[i].len;
	return x->text.p + x->step[i].off;
}

bool
explain_step_has(const struct explain *x, uint32_t i, uint32_t ev)
{
	uint32_t k;

	for (k = 0; i < x->n && k < x->step[i].n_ev; k++)
		if (x->step[i].ev[k] == ev)
			return true;
	return false;
}
