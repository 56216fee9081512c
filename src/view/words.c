/*
 * words.c: the tables of words.h. Each code says in tlshake(1) what its
 * step tells; each sentence is one or two complete English sentences, so
 * that a translation can reorder what it needs to (%N$s).
 */
#include "view/words.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "common/esc.h"
#include "common/i18n.h"
#include "dissect/suite.h"
#include "view/explain.h"

const struct explain_code explain_codes[] = {
	[XC_TCP] = { "explain.tcp.handshake",
	    "the TCP three-way handshake and its round trip" },
	[XC_TCP_MID] = { "explain.tcp.midstream",
	    "the capture began after the TCP connection was opened" },
	[XC_DTLS] = { "explain.dtls", "TLS over UDP datagrams (DTLS)" },
	[XC_QUIC] = { "explain.quic", "TLS inside QUIC packets" },
	[XC_NOTLS] = { "explain.notls", "no TLS on this connection" },
	[XC_OFFER] = { "explain.hello.offer",
	    "ClientHello: suites (weak, insecure), versions, groups, SNI, ALPN" },
	[XC_HRR] = { "explain.hrr",
	    "HelloRetryRequest: the server asked for another key share" },
	[XC_CHOICE] = { "explain.hello.choice",
	    "ServerHello: the version and suite chosen, its place in the "
	    "client's list" },
	[XC_RESUME] = { "explain.resumption",
	    "TLS 1.2 abbreviated handshake resuming an earlier session" },
	[XC_CERT_VALID] = { "explain.cert.chain_valid",
	    "the certificate and a chain that verified as a browser's would" },
	[XC_CERT_INVALID] = { "explain.cert.chain_invalid",
	    "the chain did not verify, for another reason" },
	[XC_CERT_SELF] = { "explain.cert.self_signed",
	    "a self-signed server certificate" },
	[XC_CERT_EXPIRED] = { "explain.cert.expired",
	    "a certificate expired at the capture's time" },
	[XC_CERT_NOTYET] = { "explain.cert.not_yet_valid",
	    "a certificate not yet valid at the capture's time" },
	[XC_CERT_NAME] = { "explain.cert.name_mismatch",
	    "the certificate does not name the server asked for (SNI)" },
	[XC_CERT_UNKNOWN] = { "explain.cert.unknown_issuer",
	    "the issuer is not in the trust store (or an intermediate is "
	    "missing)" },
	[XC_CERT_UNCHECKED] = { "explain.cert.not_checked",
	    "the certificate, chain not checked (--no-verify)" },
	[XC_KX_RSA] = { "explain.kx.rsa_transport",
	    "RSA key transport: the pre-master secret encrypted to the "
	    "certificate's key, no forward secrecy" },
	[XC_KX_ECDHE] = { "explain.kx.ecdhe",
	    "TLS 1.2 ECDHE: both sides sent key shares, the certificate "
	    "signed" },
	[XC_KX_DHE] = { "explain.kx.dhe",
	    "TLS 1.2 finite-field DHE, the certificate signed" },
	[XC_KX_13] = { "explain.kx.tls13",
	    "TLS 1.3 (EC)DHE key shares in the hellos" },
	[XC_KX_PSK] = { "explain.kx.psk",
	    "TLS 1.3 resumption with a pre-shared key" },
	[XC_KX_OTHER] = { "explain.kx.other", "another key exchange" },
	[XC_EARLY] = { "explain.tls13.early_data",
	    "0-RTT early data, accepted or not" },
	[XC_ENC13] = { "explain.tls13.encrypted",
	    "what TLS 1.3 encrypts and why a key log is needed" },
	[XC_CERT_CLIENT] = { "explain.cert.client",
	    "CertificateRequest: mutual TLS" },
	[XC_CIPHER_AEAD] = { "explain.cipher.aead",
	    "the symmetric AEAD cipher that protects the data" },
	[XC_CIPHER_CBC] = { "explain.cipher.cbc",
	    "a CBC cipher with an HMAC" },
	[XC_CIPHER_STREAM] = { "explain.cipher.stream",
	    "a stream cipher (RC4) with an HMAC" },
	[XC_CIPHER_NULL] = { "explain.cipher.null",
	    "no encryption at all (NULL suite)" },
	[XC_CCS] = { "explain.ccs", "what ChangeCipherSpec means here" },
	[XC_FINISHED] = { "explain.finished",
	    "Finished: both sides saw the same handshake" },
	[XC_TICKET] = { "explain.ticket",
	    "NewSessionTicket: tickets for a later resumption" },
	[XC_RENEG] = { "explain.renegotiation",
	    "further handshakes inside the connection" },
	[XC_ALERT] = { "explain.alert",
	    "a fatal alert: who sent it, when, usual causes" },
	[XC_RESET] = { "explain.tcp.reset", "a TCP reset" },
	[XC_INCOMPLETE] = { "explain.incomplete",
	    "the handshake did not finish in the capture" },
	[XC_N] = { NULL, NULL }
};

const struct words_ent words_tab[XS_N] = {
	[XS_TCP] = { N_("TCP: the client opened the connection with SYN, "
	    "SYN-ACK, ACK (round trip %s ms); TLS runs inside it."), 1 },
	[XS_TCP_MID] = { N_("TCP: the capture began after the connection "
	    "was opened (no SYN seen), so its start is missing."), 0 },
	[XS_DTLS] = { N_("DTLS: TLS over UDP datagrams. There is no TCP "
	    "connection, so DTLS numbers its records and sends a lost "
	    "flight again itself."), 0 },
	[XS_QUIC] = { N_("QUIC: the TLS handshake travels in QUIC's CRYPTO "
	    "frames over UDP; QUIC encrypts its packets with the keys TLS "
	    "agrees on."), 0 },
	[XS_NOTLS] = { N_("No TLS was seen on this connection: its bytes "
	    "are another protocol, or the capture missed the handshake."),
	    0 },
	[XS_OFFER] = { P_("ClientHello: the client offered %s cipher suite "
	    "(versions: %s) for the server name %s.", "ClientHello: the client "
	    "offered %s cipher suites (versions: %s) for the server name %s."),
	    .nargs = 3 },
	[XS_OFFER_NOSNI] = { P_("ClientHello: the client offered %s cipher "
	    "suite (versions: %s), without a server name (SNI).",
	    "ClientHello: the client offered %s cipher suites (versions: %s), "
	    "without a server name (SNI)."), .nargs = 2 },
	[XS_OFFER_WEAK] = { N_("Rated weak (CBC or no forward secrecy): %s; "
	    "insecure (broken algorithms): %s."), 2 },
	[XS_OFFER_SECURE] = { N_("All are rated secure (AEAD with forward "
	    "secrecy)."), 0 },
	[XS_OFFER_GROUPS] = { N_("For the key exchange it supports the "
	    "groups %s."), 1 },
	[XS_OFFER_SHARE] = { N_("For the key exchange it supports the "
	    "groups %s and already sent a key share for %s."), 2 },
	[XS_OFFER_ALPN] = { N_("It proposed the application protocols %s "
	    "(ALPN)."), 1 },
	[XS_HRR] = { N_("HelloRetryRequest: the client's key share was for "
	    "%s, a group the server does not take here; the server asked "
	    "for %s and the client sent a second ClientHello with that "
	    "share, one round trip more."), 2 },
	[XS_CHOICE] = { N_("ServerHello: the server chose %s and the cipher "
	    "suite %s, number %s of the %s in the client's list."), 4 },
	[XS_CHOICE_FIRST] = { N_("It was the client's first choice."), 0 },
	[XS_CHOICE_ONLY] = { N_("ServerHello: the server chose %s and the "
	    "cipher suite %s, the only one the client offered."), 2 },
	[XS_CHOICE_LATER] = { P_("The client listed %s suite before it: the "
	    "server followed its own preference or does not support it.",
	    "The client listed %s suites before it: the server followed its "
	    "own preference or does not support those."), .nargs = 1 },
	[XS_CHOICE_WEAK] = { N_("This suite is rated weak."), 0 },
	[XS_CHOICE_INSECURE] = { N_("This suite is rated insecure."), 0 },
	[XS_CHOICE_ALPN] = { N_("Application protocol: %s."), 1 },
	[XS_RESUME] = { N_("Resumption: the server agreed to resume an "
	    "earlier session (by its session ID or ticket), so both reuse "
	    "that session's master secret: no certificate and no key "
	    "exchange this time, one round trip less."), 0 },
	[XS_CERT] = { P_("Certificate: the server sent %s certificate, for %s "
	    "(%s key, %s bits), issued by %s, valid from %s to %s.",
	    "Certificate: the server sent %s certificates; the first is for %s "
	    "(%s key, %s bits), issued by %s, valid from %s to %s."),
	    .nargs = 7 },
	[XS_CERT_VALID] = { N_("Checked as a browser does: the chain leads "
	    "to a CA in the trust store, each issuer's signature verifies "
	    "with that issuer's public key, every certificate is valid on "
	    "the capture's date (%s), and it names %s, the server the "
	    "client asked for."), 2 },
	[XS_CERT_VALID_NONAME] = { N_("Checked as a browser does: the chain "
	    "leads to a CA in the trust store, each issuer's signature "
	    "verifies with that issuer's public key and every certificate "
	    "is valid on the capture's date (%s); the client sent no "
	    "server name to match."), 1 },
	[XS_CERT_SELF] = { N_("It is self-signed: it vouches for itself and "
	    "no CA in the trust store signed it, so a browser warns. Anyone "
	    "can make such a certificate: it proves nothing unless you "
	    "trust this very one."), 0 },
	[XS_CERT_EXPIRED] = { P_("The certificate for %s expired on %s, %s "
	    "day before the capture: a browser refuses it. Usual causes: a "
	    "renewal that did not happen, or a wrong clock.", "The certificate "
	    "for %s expired on %s, %s days before the capture: a browser "
	    "refuses it. Usual causes: a renewal that did not happen, or a "
	    "wrong clock."), .nargs = 3 },
	[XS_CERT_NOTYET] = { N_("The certificate for %s is valid only from "
	    "%s, after the capture's date: a browser refuses it. Usual "
	    "cause: a wrong clock."), 2 },
	[XS_CERT_NAME] = { N_("It does not name %s, the server the client "
	    "asked for: a browser refuses it. Usual causes: a certificate "
	    "for another name, or the wrong server behind the address."),
	    1 },
	[XS_CERT_UNKNOWN] = { N_("The chain did not verify: its issuer %s "
	    "is not in the trust store, or the server did not send the "
	    "intermediate certificate. For a private CA, give tlshake its "
	    "root with --ca-file."), 1 },
	[XS_CERT_INVALID] = { N_("The chain did not verify: %s."), 1 },
	[XS_CERT_UNCHECKED] = { N_("The chain was not checked "
	    "(--no-verify)."), 0 },
	[XS_KX_RSA] = { N_("Key exchange: RSA key transport. The client "
	    "made a random pre-master secret and encrypted it with the "
	    "public key from the server's certificate (ClientKeyExchange, "
	    "%s B). Only the holder of the server's private key can read "
	    "it, so whoever obtains that key later can decrypt this "
	    "recorded session too: no forward secrecy."), 1 },
	[XS_KX_ECDHE] = { N_("Key exchange: ECDHE on %s. The server sent a "
	    "fresh public key in ServerKeyExchange (%s B), signed with its "
	    "certificate's key; the client answered with its own in "
	    "ClientKeyExchange (%s B). Each side combined its private key "
	    "with the other's public key and got the same secret, which "
	    "never crossed the wire. The certificate only signed, so a key "
	    "stolen later cannot decrypt this session (forward secrecy)."),
	    3 },
	[XS_KX_DHE] = { N_("Key exchange: finite-field Diffie-Hellman "
	    "(DHE). The server sent a prime, a generator and its fresh "
	    "public value in ServerKeyExchange (%s B), signed with its "
	    "certificate's key; the client answered with its own value in "
	    "ClientKeyExchange (%s B). Both computed the same secret "
	    "without sending it; the certificate only signed, so the "
	    "session has forward secrecy."), 2 },
	[XS_KX_13] = { N_("Key exchange: TLS 1.3 always uses ephemeral "
	    "(EC)DHE, here on %s: the client's key share went in ClientHello "
	    "and the server's in ServerHello, so both had the same secret "
	    "after one round trip. The certificate's key only signs the "
	    "handshake (CertificateVerify): forward secrecy."), 1 },
	[XS_KX_PSK_DHE] = { N_("Key exchange: the client resumed with a "
	    "pre-shared key (a ticket from an earlier connection) and the "
	    "server accepted it, so no certificate was needed; a fresh %s "
	    "key share was mixed in, which keeps forward secrecy."), 1 },
	[XS_KX_PSK] = { N_("Key exchange: the client resumed with a "
	    "pre-shared key (a ticket from an earlier connection) and the "
	    "server accepted it without a fresh key share: no certificate, "
	    "and no forward secrecy for this session."), 0 },
	[XS_KX_OTHER] = { N_("Key exchange: %s."), 1 },
	[XS_EARLY_YES] = { N_("0-RTT: the client sent application data in "
	    "its first flight under the resumption key and the server "
	    "accepted it. Early data can be replayed by an attacker, so "
	    "servers take it only for requests safe to repeat."), 0 },
	[XS_EARLY_NO] = { N_("0-RTT: the client offered early data but the "
	    "server did not accept it; the data is sent again after the "
	    "handshake."), 0 },
	[XS_ENC13] = { P_("Everything after ServerHello is encrypted with "
	    "keys from that exchange: EncryptedExtensions, the certificate, "
	    "CertificateVerify and the Finished messages went in %s encrypted "
	    "record (%s B), so an observer cannot see which certificate the "
	    "server sent. tlshake shows them only with the session keys: a "
	    "key log (--keylog, SSLKEYLOGFILE) written by the client or the "
	    "server.", "Everything after ServerHello is encrypted with keys "
	    "from that exchange: EncryptedExtensions, the certificate, "
	    "CertificateVerify and the Finished messages went in %s encrypted "
	    "records (%s B), so an observer cannot see which certificate the "
	    "server sent. tlshake shows them only with the session keys: a "
	    "key log (--keylog, SSLKEYLOGFILE) written by the client or the "
	    "server."), .nargs = 2 },
	[XS_ENC13_PSK] = { P_("Everything after ServerHello is encrypted: "
	    "EncryptedExtensions and the Finished messages went in %s "
	    "encrypted record (%s B); a resumed session sends no certificate. "
	    "tlshake reads them only with a key log (--keylog).", "Everything "
	    "after ServerHello is encrypted: EncryptedExtensions and the "
	    "Finished messages went in %s encrypted records (%s B); a resumed "
	    "session sends no certificate. tlshake reads them only with a key "
	    "log (--keylog)."), .nargs = 2 },
	[XS_ENC13_DEC] = { N_("Everything after ServerHello is encrypted "
	    "with keys from that exchange; tlshake read it with the key "
	    "log: %s. Without the keys an observer sees only encrypted "
	    "records and cannot tell which certificate was sent."), 1 },
	[XS_ENC13_QUIC] = { N_("Everything after ServerHello travels in QUIC "
	    "Handshake packets, encrypted with keys from that exchange: "
	    "EncryptedExtensions, the certificate, CertificateVerify and "
	    "Finished, so an observer cannot see which certificate the "
	    "server sent. tlshake shows them only with the session keys: a "
	    "key log (--keylog, SSLKEYLOGFILE)."), 0 },
	[XS_CR_SENT] = { N_("CertificateRequest: the server asked the "
	    "client for a certificate too (mutual TLS). The client sent one "
	    "for %s, issued by %s, and proved with CertificateVerify (%s B) "
	    "that it holds its private key."), 3 },
	[XS_CR_SENT_ANON] = { N_("CertificateRequest: the server asked the "
	    "client for a certificate too (mutual TLS); the client sent it "
	    "and proved with CertificateVerify (%s B) that it holds its "
	    "private key."), 1 },
	[XS_CR_NONE] = { N_("CertificateRequest: the server asked the client "
	    "for a certificate (mutual TLS); the client sent none."), 0 },
	[XS_CIPHER_AEAD] = { N_("Both sides derived the same symmetric keys "
	    "from that secret (%s); from then on %s protects the data. "
	    "Symmetric encryption is cheap: one shared key per direction, "
	    "and this AEAD cipher encrypts and authenticates each record in "
	    "one pass."), 2 },
	[XS_CIPHER_CBC] = { N_("Both sides derived the same symmetric keys "
	    "from that secret (%s); from then on %s encrypts the records "
	    "and HMAC-%s authenticates them, one shared key per direction."),
	    3 },
	[XS_CIPHER_STREAM] = { N_("Both sides derived the same symmetric "
	    "keys from that secret (%s); from then on the stream cipher %s "
	    "encrypts the records and HMAC-%s authenticates them. RC4 is "
	    "broken and forbidden in TLS (RFC 7465)."), 3 },
	[XS_CIPHER_NULL] = { N_("The suite has no encryption (NULL): after "
	    "ChangeCipherSpec the records are only authenticated with "
	    "HMAC-%s, and anyone on the path can read them."), 1 },
	[XS_ETM] = { N_("Encrypt-then-MAC was negotiated, which avoids the "
	    "padding-oracle attacks of the older order."), 0 },
	[XS_MTE] = { N_("The MAC is computed before encryption "
	    "(MAC-then-encrypt), the order behind padding-oracle attacks "
	    "such as Lucky Thirteen; AEAD suites avoid it."), 0 },
	[XS_CCS12] = { N_("ChangeCipherSpec: each side announced that its "
	    "next records are protected with the new keys (the client at %s "
	    "ms, the server at %s ms)."), 2 },
	[XS_CCS13] = { N_("ChangeCipherSpec: in TLS 1.3 this record does "
	    "nothing; it is sent only so that old middleboxes take the "
	    "connection for a resumed TLS 1.2 one (RFC 8446, D.4)."), 0 },
	[XS_FIN] = { N_("Finished: each side sent, already encrypted, a MAC "
	    "over all the handshake messages; matching values prove that "
	    "both saw the same handshake and nobody changed the offer on "
	    "the way. The handshake took %s ms."), 1 },
	[XS_TICKET] = { P_("NewSessionTicket: the server gave the client %s "
	    "ticket, with which it can resume later without a full "
	    "handshake.", "NewSessionTicket: the server gave the client %s "
	    "tickets, with which it can resume later without a full "
	    "handshake."), .nargs = 1 },
	[XS_RENEG] = { P_("Renegotiation: %s more handshake ran later inside "
	    "the encrypted connection, under the keys of the first.",
	    "Renegotiation: %s more handshakes ran later inside the encrypted "
	    "connection, under the keys of the first."), .nargs = 1 },
	[XS_ALERT] = { N_("Alert: the %s sent the fatal alert %s %s ms into "
	    "the connection, and the handshake stopped there."), 3 },
	[XS_ALERT_ENC] = { N_("Alert: the %s sent an encrypted alert %s ms "
	    "into the connection and the handshake did not finish; with a "
	    "key log tlshake could read which one."), 2 },
	[XS_CAUSE_SHARED] = { N_("Usual cause: nothing in common, no cipher "
	    "suite, version or group that both sides accept."), 0 },
	[XS_CAUSE_SHARED_LIST] = { N_("Usual cause: nothing in common, no "
	    "cipher suite, version or group that both sides accept; this "
	    "client offered only %s."), 1 },
	[XS_CAUSE_CERT] = { N_("Usual cause: the peer did not accept the "
	    "certificate (unknown CA, expired, wrong name, or a missing "
	    "intermediate)."), 0 },
	[XS_CAUSE_VERSION] = { N_("Usual cause: no TLS version in common, "
	    "an old client or server."), 0 },
	[XS_CAUSE_NAME] = { N_("Usual cause: the server has no certificate "
	    "for the name in SNI."), 0 },
	[XS_CAUSE_ALPN] = { N_("Usual cause: no application protocol (ALPN) "
	    "in common."), 0 },
	[XS_CAUSE_CRYPTO] = { N_("Usual causes: a signature or MAC that did "
	    "not verify: wrong keys, a broken middlebox, or tampering."), 0 },
	[XS_CAUSE_BUG] = { N_("Usual causes: an implementation bug or an "
	    "extension the peer does not understand."), 0 },
	[XS_CAUSE_CLIENT_CERT] = { N_("Usual cause: the server requires a "
	    "client certificate and the client had none to send."), 0 },
	[XS_RESET_BEFORE] = { N_("TCP reset: the %s aborted the connection "
	    "with RST %s ms in, before the handshake finished: an "
	    "application that gave up, a crash, or a firewall."), 2 },
	[XS_RESET_AFTER] = { N_("TCP reset: the %s aborted the connection "
	    "with RST %s ms in, after the handshake."), 2 },
	[XS_INCOMPLETE] = { N_("The handshake did not finish within the "
	    "capture."), 0 },
	/* TRANSLATORS: who sent something, inside the sentences above. */
	[XS_CLIENT] = { N_("client"), 0 },
	[XS_SERVER] = { N_("server"), 0 },
};


/* Values rendered for the sentences: a ring of slots, enough for the
 * arguments of one sentence and those computed just before it. */
#define RING_N		24
static char	ring[RING_N][WORDS_SLOT_LEN];
static unsigned	ring_i;

static bool	words_fmt_ok(const char *, unsigned);

char *
words_slot(void)
{
	return ring[ring_i++ % RING_N];
}

const char *
words_num(uint64_t v)
{
	char *s = words_slot();

	snprintf(s, WORDS_SLOT_LEN, "%llu", (unsigned long long)v);
	return s;
}

/* Microseconds as milliseconds: loopback times need the microseconds. */
const char *
words_ms(uint64_t us)
{
	char *s = words_slot();
	double v = (double)us / 1000.0;

	snprintf(s, WORDS_SLOT_LEN, v < 10 ? "%.3f" : "%.1f", v);
	return s;
}

const char *
words_date(int64_t t)
{
	char *s = words_slot();
	time_t tt = (time_t)t;
	struct tm tm;

	if (gmtime_r(&tt, &tm) == NULL ||
	    strftime(s, WORDS_SLOT_LEN, "%Y-%m-%d", &tm) == 0)
		snprintf(s, WORDS_SLOT_LEN, "?");
	return s;
}

/* Bytes from the wire (or a certificate), made safe for a terminal and
 * cut to "cols" columns. */
const char *
words_wire_n(const void *p, size_t len, size_t cols)
{
	char *s = words_slot();
	struct buf b;

	buf_init(&b);
	esc_term(&b, p, len, cols);
	snprintf(s, WORDS_SLOT_LEN, "%s", buf_str(&b));
	buf_cleanup(&b);
	return s;
}

const char *
words_wire(const char *p)
{
	return p == NULL ? "?" : words_wire_n(p, strlen(p), 64);
}

/*
 * fmt_ok is true when "f" holds only %s, %N$s (N <= n) and %% conversions,
 * at most "n" of the unnumbered kind: the only formats words_say() fills.
 */
static bool
words_fmt_ok(const char *f, unsigned n)
{
	unsigned seq = 0, pos;

	for (; *f != '\0'; f++) {
		if (*f != '%')
			continue;
		f++;
		if (*f == '%')
			continue;
		if (*f == 's') {
			if (++seq > n)
				return false;
			continue;
		}
		for (pos = 0; *f >= '0' && *f <= '9' && pos < 100; f++)
			pos = pos * 10 + (unsigned)(*f - '0');
		if (pos == 0 || pos > n || f[0] != '$' || f[1] != 's')
			return false;
		f++;
	}
	return true;
}

bool
words_begin(struct explain *x, enum xc code)
{
	struct explain_step *s;

	if (x->n >= EXPLAIN_MAX_STEPS) {
		x->full = true;
		return false;
	}
	s = &x->step[x->n++];
	memset(s, 0, sizeof(*s));
	s->code = explain_codes[code].code;
	s->off = x->text.len;
	x->full = false;
	return true;
}

/* say appends sentence "id", filled with "a", to the current step. */
void
words_say(struct explain *x, enum xs id, uint64_t count, const char *const *a,
    size_t n)
{
	const struct words_ent *e = &words_tab[id];
	struct explain_step *s;
	const char *f;
	unsigned seq = 0, pos;

	if (x->n == 0 || x->full)
		return;
	s = &x->step[x->n - 1];
	f = e->plural == NULL ? _(e->fmt) :
	    P_N(e->fmt, e->plural, (unsigned long)count);
	if (!words_fmt_ok(f, e->nargs))
		f = e->plural == NULL || count == 1 ? e->fmt : e->plural;
	if (x->text.len > s->off)
		buf_addc(&x->text, ' ');
	for (; *f != '\0'; f++) {
		if (*f != '%') {
			buf_addc(&x->text, *f);
			continue;
		}
		if (*++f == '%') {
			buf_addc(&x->text, '%');
			continue;
		}
		if (*f == 's')
			pos = ++seq;
		else {
			for (pos = 0; *f >= '0' && *f <= '9'; f++)
				pos = pos * 10 + (unsigned)(*f - '0');
			f++;	/* the 's' after '$' (fmt_ok checked) */
		}
		if (pos >= 1 && pos <= n && a[pos - 1] != NULL)
			buf_adds(&x->text, a[pos - 1]);
	}
	s->len = x->text.len - s->off;
}

/* A word of the sentences ("client"), translated. */
const char *
words_word(enum xs id)
{
	return _(words_tab[id].fmt);
}

void
words_point(struct explain *x, int ev)
{
	struct explain_step *s;

	if (ev < 0 || x->n == 0 || x->full)
		return;
	s = &x->step[x->n - 1];
	if (s->n_ev < EXPLAIN_MAX_EV)
		s->ev[s->n_ev++] = (uint32_t)ev;
}

/*
 * find returns the index of the first event of the first handshake at or
 * after "from" of type "type" (and handshake type "sub" unless -1) sent
 * in direction "dir" (-1: either), or -1.
 */
int
words_find(const struct conn *c, int type, int sub, int dir, uint32_t from)
{
	uint32_t i;

	for (i = from; i < c->n_ev; i++) {
		const struct event *e = &c->ev[i];

		if (e->type == type && e->hs_idx == 0 &&
		    (sub < 0 || e->sub == sub) && (dir < 0 || e->dir == dir))
			return (int)i;
	}
	return -1;
}

uint32_t
words_ev_len(const struct conn *c, int i)
{
	return i < 0 ? 0 : c->ev[i].len;
}

/* Since the connection's first packet, in microseconds. */
uint64_t
words_ev_at(const struct conn *c, int i)
{
	return i < 0 || c->ev[i].ts < c->t_first ? 0 :
	    c->ev[i].ts - c->t_first;
}

/* Cipher suites proper: not GREASE, not a signalling value (RFC 5746,
 * RFC 7507), which are counted by no one. */
bool
words_real_suite(uint16_t id)
{
	return !suite_is_grease(id) && id != 0x00ff && id != 0x5600;
}

/* names joins up to "max" names of "l" by "fn", then "...". */
const char *
words_names(const struct u16list *l, const char *(*fn)(uint16_t, char *, size_t),
    uint32_t max)
{
	char *s = words_slot(), tmp[32];
	size_t o = 0;
	uint32_t i, k = 0;

	s[0] = '\0';
	for (i = 0; i < l->n && o + 40 < WORDS_SLOT_LEN; i++) {
		if (suite_is_grease(l->v[i]))
			continue;
		if (k++ == max) {
			snprintf(s + o, WORDS_SLOT_LEN - o, ", ...");
			break;
		}
		o += (size_t)snprintf(s + o, WORDS_SLOT_LEN - o, "%s%s",
		    k > 1 ? ", " : "", fn(l->v[i], tmp, sizeof(tmp)));
	}
	return s;
}

