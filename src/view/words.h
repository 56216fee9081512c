/*
 * words.h: the words of --explain as data (view/explain.c uses them): the
 * step codes, in story order, and the sentences, English format strings
 * for gettext holding only %s or %N$s conversions.
 */
#ifndef TLSHAKE_VIEW_WORDS_H
#define TLSHAKE_VIEW_WORDS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model/conn.h"
#include "view/explain.h"

/* The step codes; explain_codes[] (explain.h) names them. */
enum xc {
	XC_TCP, XC_TCP_MID, XC_DTLS, XC_QUIC, XC_NOTLS, XC_OFFER, XC_HRR,
	XC_CHOICE, XC_RESUME, XC_CERT_VALID, XC_CERT_INVALID, XC_CERT_SELF,
	XC_CERT_EXPIRED, XC_CERT_NOTYET, XC_CERT_NAME, XC_CERT_UNKNOWN,
	XC_CERT_UNCHECKED, XC_KX_RSA, XC_KX_ECDHE, XC_KX_DHE, XC_KX_13,
	XC_KX_PSK, XC_KX_OTHER, XC_EARLY, XC_ENC13, XC_CERT_CLIENT,
	XC_CIPHER_AEAD, XC_CIPHER_CBC, XC_CIPHER_STREAM, XC_CIPHER_NULL,
	XC_CCS, XC_FINISHED, XC_TICKET, XC_RENEG, XC_ALERT, XC_RESET,
	XC_INCOMPLETE, XC_N
};

/* The sentences. */
enum xs {
	XS_TCP, XS_TCP_MID, XS_DTLS, XS_QUIC, XS_NOTLS,
	XS_OFFER, XS_OFFER_NOSNI, XS_OFFER_WEAK, XS_OFFER_SECURE,
	XS_OFFER_GROUPS, XS_OFFER_SHARE, XS_OFFER_ALPN, XS_HRR,
	XS_CHOICE, XS_CHOICE_FIRST, XS_CHOICE_ONLY, XS_CHOICE_LATER, XS_CHOICE_WEAK,
	XS_CHOICE_INSECURE, XS_CHOICE_ALPN, XS_RESUME,
	XS_CERT, XS_CERT_VALID, XS_CERT_VALID_NONAME, XS_CERT_SELF,
	XS_CERT_EXPIRED, XS_CERT_NOTYET, XS_CERT_NAME, XS_CERT_UNKNOWN,
	XS_CERT_INVALID, XS_CERT_UNCHECKED,
	XS_KX_RSA, XS_KX_ECDHE, XS_KX_DHE, XS_KX_13, XS_KX_PSK_DHE,
	XS_KX_PSK, XS_KX_OTHER, XS_EARLY_YES, XS_EARLY_NO,
	XS_ENC13, XS_ENC13_PSK, XS_ENC13_DEC, XS_ENC13_QUIC,
	XS_CR_SENT, XS_CR_SENT_ANON, XS_CR_NONE,
	XS_CIPHER_AEAD, XS_CIPHER_CBC, XS_CIPHER_STREAM, XS_CIPHER_NULL,
	XS_ETM, XS_MTE, XS_CCS12, XS_CCS13, XS_FIN, XS_TICKET, XS_RENEG,
	XS_ALERT, XS_ALERT_ENC, XS_CAUSE_SHARED, XS_CAUSE_SHARED_LIST,
	XS_CAUSE_CERT, XS_CAUSE_VERSION, XS_CAUSE_NAME, XS_CAUSE_ALPN,
	XS_CAUSE_CRYPTO, XS_CAUSE_BUG, XS_CAUSE_CLIENT_CERT,
	XS_RESET_BEFORE, XS_RESET_AFTER, XS_INCOMPLETE,
	XS_CLIENT, XS_SERVER, XS_N
};

/* A sentence: its English format, how many %s it takes and, when it
 * counts something, its plural (ngettext chooses). */
struct words_ent {
	const char	*fmt;
	uint8_t		 nargs;
	const char	*plural;	/* NULL, or the form for counts != 1 */
};

extern const struct words_ent words_tab[XS_N];

/*
 * The engine of view/explain.c. words_slot and the words_num, words_ms
 * (microseconds as milliseconds), words_date, words_wire (escaped, cut to
 * 64 columns) renderers return text in a ring of WORDS_SLOT_LEN-byte
 * slots, valid for the next 24 renderings: enough for a sentence.
 */
#define WORDS_SLOT_LEN	320
char		*words_slot(void);
const char	*words_num(uint64_t);
const char	*words_ms(uint64_t);
const char	*words_date(int64_t);
const char	*words_wire_n(const void *, size_t, size_t);
const char	*words_wire(const char *);
/* words_names joins up to "max" names of a list, GREASE left out. */
const char	*words_names(const struct u16list *,
		    const char *(*)(uint16_t, char *, size_t), uint32_t);
/* words_begin starts a step with code "code"; false past the cap. */
bool		 words_begin(struct explain *, enum xc);
/*
 * words_say appends sentence "id", translated (its plural chosen by
 * "count") and filled with the "n" strings of "a", to the current step;
 * a translation whose conversions do not match is not used.
 */
void		 words_say(struct explain *, enum xs, uint64_t,
		    const char *const *, size_t);
/* words_word is a word of the table ("client"), translated. */
const char	*words_word(enum xs);
/* words_point makes the current step point at event "ev" (-1: none). */
void		 words_point(struct explain *, int);
/*
 * words_find returns the index of the first event of the first handshake
 * at or after "from" of type "type" (and handshake type "sub" unless -1)
 * sent in direction "dir" (-1: either), or -1.
 */
int		 words_find(const struct conn *, int, int, int, uint32_t);
uint32_t	 words_ev_len(const struct conn *, int);
/* words_ev_at: microseconds from the connection's first packet. */
uint64_t	 words_ev_at(const struct conn *, int);
/* words_real_suite: not GREASE, not a signalling value. */
bool		 words_real_suite(uint16_t);

/* SAYN for a sentence with a plural: "n" chooses the form. */
#define SAYN(x, id, n, ...) words_say((x), (id), (n), \
	(const char *const []){ __VA_ARGS__ }, \
	sizeof((const char *const []){ __VA_ARGS__ }) / sizeof(const char *))
#define SAY(x, id, ...)	SAYN((x), (id), 1, __VA_ARGS__)
#define SAY0(x, id)	words_say((x), (id), 1, NULL, 0)

#endif /* TLSHAKE_VIEW_WORDS_H */
