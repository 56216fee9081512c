/*
 * record.h: the TLS record layer (RFC 5246, 6.2; RFC 8446, 5.1) and the
 * SSLv2 record layer (draft-hickman-netscape-ssl-00, RFC 6101 E.2), plus
 * the dissector's per-connection state, which every dissect/ file of the
 * TLS dissector (tls.c, record.c, hs.c, hello.c, ext.c) shares.
 *
 * Records are parsed whole: bytes of a record split over deliveries are
 * copied into a per-direction buffer growing geometrically to the largest
 * record a header can announce; complete records in a delivery are parsed
 * in place.
 */
#ifndef TLSHAKE_DISSECT_RECORD_H
#define TLSHAKE_DISSECT_RECORD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/cur.h"
#include "model/conn.h"

struct keylog;

/* ContentType (RFC 8446, 5.1; RFC 6520, 3). */
#define REC_CCS		20
#define REC_ALERT	21
#define REC_HANDSHAKE	22
#define REC_APPDATA	23
#define REC_HEARTBEAT	24
#define REC_TLS12_CID	25	/* DTLS (RFC 9146, 4) */
#define REC_ACK		26	/* DTLS 1.3 (RFC 9147, 7) */

#define REC_HDR_LEN	5
/* The largest SSLv2 or TLS record a header can announce, header included. */
#define REC_MAX_WIRE	(REC_HDR_LEN + 0xffff)

/* SSLv2 message types (draft-hickman-netscape-ssl-00, appendix A). */
#define SSL2_ERROR		0
#define SSL2_CLIENT_HELLO	1
#define SSL2_CLIENT_MASTER_KEY	2
#define SSL2_SERVER_HELLO	4

struct rec_hdr {
	uint8_t		type;		/* ContentType; SSLv2: 0 */
	uint16_t	version;	/* ProtocolVersion; SSLv2: 0x0002 */
	uint32_t	len;		/* fragment length */
	uint8_t		hdr_len;	/* 5, or 2/3 for SSLv2 */
	uint8_t		pad;		/* SSLv2 3-byte header: padding */
	bool		ssl2;
};

enum rec_hdr_res {
	REC_HDR_OK,		/* "out" is filled */
	REC_HDR_SHORT,		/* not enough bytes yet to decide */
	REC_HDR_BAD		/* impossible header */
};

/* What a direction of the dissector is doing. */
enum tls_dstate {
	DS_NEW = 0,		/* no byte seen yet */
	DS_CLEAR,		/* cleartext: looking for TLS (STARTTLS) */
	DS_TLS,			/* parsing records */
	DS_STOPPED,		/* bad record header: nothing until a gap */
	DS_RESYNC,		/* after a gap: a plausible header restarts */
	DS_OFF			/* cleartext scan budget spent: ignore */
};

/* Per-direction state. conn_flip() swaps the two, with the streams. */
struct tls_dir {
	uint8_t		 state;		/* enum tls_dstate */
	bool		 ssl2;		/* SSLv2 framing allowed */
	bool		 ccs;		/* ChangeCipherSpec sent (TLS <= 1.2) */
	bool		 enc;		/* its records are encrypted now */
	bool		 finished;	/* Finished or its encrypted stand-in */
	bool		 resync_noted;	/* ANOM_REC_AFTER_GAP recorded */
	bool		 first_done;	/* first record of the direction seen */
	uint8_t		 n_flight13;	/* TLS 1.3 client flight records */
	uint32_t	 n_ssl2;	/* SSLv2 records seen */
	uint32_t	 last_frame;	/* of the last delivery or end */
	/* record reassembly */
	uint8_t		*rbuf;
	size_t		 rlen, rcap;
	uint32_t	 rfirst;	/* frame of the buffered record's start */
	/* a record whose body is not needed, passed over uncopied */
	uint32_t	 rskip;		/* its bytes still to come */
	uint32_t	 rskip_done;	/* its bytes seen */
	uint8_t		 rskip_type;
	uint8_t		 rskip_hdr_len;
	uint16_t	 rskip_version;
	uint32_t	 rskip_len;
	bool		 rskip_lost;	/* a gap took part of it: drop it */
	bool		 hs_lost;	/* message boundary lost (resync.h) */
	/* handshake message reassembly */
	uint8_t		*hbuf;
	size_t		 hlen, hcap;
	uint32_t	 hfirst;	/* frame of the buffered message's start */
	uint32_t	 hskip;		/* bytes of a too-large message left */
	uint32_t	 hskip_len;	/* its body length */
	uint8_t		 hskip_type;
	/* cleartext before TLS (STARTTLS) */
	uint64_t	 clear_len;	/* cleartext bytes scanned */
	uint32_t	 marks;		/* TLS_M_* seen in it */
	/* DTLS (dtls.c): records and fragments of this direction */
	struct dtls_dir	*dt;
};

struct dec_state;
struct cert_check;

/*
 * The dissector's context (tls_ctx_new): what its connections share. One
 * per pipeline, so that pipelines in threads share nothing mutable.
 */
struct tls_ctx {
	const uint16_t	*force_ports;	/* --port: parse as TLS at once */
	uint32_t	 n_force_ports;
	uint32_t	 max_hs_msg;
	struct keylog	*keylog;	/* decrypt.c; NULL: no secrets */
	struct cert_check *check;	/* cert.c: chain checks, cache */
	/* decrypt.c: plaintext of the record at hand (records are opened
	 * one at a time) */
	uint8_t		 plain[REC_MAX_WIRE];
};

/* Per-connection state: conn->dis. */
struct tls_state {
	struct tls_ctx	*ctx;		/* of the connection's dissector */
	struct tls_dir	 d[2];
	uint32_t	 cur_hs;	/* handshake in progress */
	uint16_t	 version;	/* negotiated; 0 before a ServerHello */
	bool		 tls13;		/* TLS 1.3 or one of its drafts */
	bool		 sh13;		/* TLS 1.3 ServerHello (not HRR) seen */
	bool		 hello_seen;	/* a hello fixed the orientation */
	bool		 hello_request;	/* HelloRequest since the last CH */
	bool		 sh_next;	/* waiting for the server's message
					   after a TLS <= 1.2 ServerHello */
	bool		 cli_enc13;	/* TLS 1.3: client sent type 23 */
	bool		 flight13_done;	/* TLS 1.3: client flight over */
	uint64_t	 t_flight13;	/* its last record's time */
	uint8_t		 fin_hash_len;	/* TLS 1.3 suite hash: 32 or 48 */
	uint16_t	 rec_version;	/* version of the record at hand */
	bool		 rec_dec;	/* the record at hand was decrypted */
	uint32_t	 max_hs_msg;
	struct dec_state *dec;		/* keys (decrypt.c), or NULL */
	/* DTLS: the record at hand, and the negotiated connection IDs */
	bool		 dtls;		/* records are DTLS (dtls.c) */
	uint16_t	 dtls_epoch;
	uint64_t	 dtls_seq;	/* 48 bits */
	bool		 dtls_nodec;	/* it cannot be opened (RFC 9146 CID) */
	bool		 cid_known[2];	/* CID length of records of "dir" */
	uint8_t		 cid_len[2];
	/* QUIC (quic.c): packets, keys and CRYPTO streams, or NULL */
	struct quic_state *quic;
};

/*
 * rec_parse_header reads the record header at the start of "in" without
 * moving it. SSLv2 headers are tried when "ssl2" is true and the bytes do
 * not look like a TLS header (ContentType 20..24 then major version 3).
 * A TLS header is BAD when its version is not 0x0300..0x0304.
 */
enum rec_hdr_res rec_parse_header(const struct cur *, bool, struct rec_hdr *);

/* What the first bytes of a direction say. */
enum rec_pl {
	PL_NO,			/* not a TLS start */
	PL_MAYBE,		/* a TLS start so far: more bytes decide */
	PL_YES
};
#define PL_ANY_TYPE	0x01	/* any record type 20..24 may start */
#define PL_SSL2_SERVER	0x02	/* an SSLv2 SERVER-HELLO may start */

/*
 * rec_plausible says whether "in" starts with a record a TLS peer could
 * send first: a handshake record holding a ClientHello or ServerHello
 * (with PL_ANY_TYPE, any record type 20..24), or an SSLv2 CLIENT-HELLO
 * (RFC 5246, E.2; with PL_SSL2_SERVER, also a SERVER-HELLO). The length
 * of a record of another type must be within LIM_RECORD; a handshake
 * record may announce up to 2^16-1 bytes.
 */
enum rec_pl rec_plausible(const struct cur *, unsigned int);

/*
 * rec_feed frames the bytes "in" of direction "*dir" into records and
 * dispatches each complete one; bytes of an incomplete record are kept.
 * "*dir" follows the stream when a hello flips the connection. On a bad
 * header it records ANOM_REC_INVALID and moves the direction to
 * DS_STOPPED.
 */
void	rec_feed(struct conn *, struct tls_state *, enum dir *,
	    const struct cur *, uint64_t, uint32_t);
/*
 * rec_skip_end finishes a record passed over uncopied (its last byte came
 * in "frame"): it is handled by its header, or dropped when a gap took
 * part of it (rskip_lost).
 */
void	rec_skip_end(struct conn *, struct tls_state *, enum dir *, uint32_t,
	    uint64_t);
/*
 * rec_end records ANOM_REC_INCOMPLETE / ANOM_HS_INCOMPLETE for bytes of a
 * record or message still held, then forgets them.
 */
void	rec_end(struct conn *, struct tls_state *, enum dir, uint32_t);
/*
 * rec_record handles one complete record "rec" (header of h->hdr_len
 * bytes, then h->len body bytes) of "*dir" as rec_feed does for each
 * record it frames; DTLS (dtls.c) frames datagrams itself and calls it.
 */
void	rec_record(struct conn *, struct tls_state *, enum dir *,
	    const struct rec_hdr *, const struct cur *, uint32_t, uint32_t,
	    uint64_t);
/* tls_state_of (tls.c) returns the dissector state of "c", made on need
 * in context "ctx". */
struct tls_state *tls_state_of(struct tls_ctx *, struct conn *);
/* rec_cleanup frees a direction's buffers. */
void	rec_cleanup(struct tls_dir *);

/* tls_orient (tls.c) flips the connection when a first hello contradicts
 * the guessed roles; it returns the direction the stream now has. */
enum dir tls_orient(struct conn *, struct tls_state *, enum dir, uint8_t);

/* rec_grow makes "*buf" hold "need" bytes, doubling up to "cap". */
bool	rec_grow(uint8_t **, size_t *, size_t, size_t);
/* rec_need_body: must the record's bytes be buffered? (record.c) */
bool	rec_need_body(const struct tls_state *, enum dir,
	    const struct rec_hdr *);
/* rec_trim frees an emptied buffer larger than REC_KEEP bytes. */
#define REC_KEEP	1024
void	rec_trim(uint8_t **, size_t *);

#endif /* TLSHAKE_DISSECT_RECORD_H */
