/*
 * state.h: what every file of dissect/ shares: the wire's vocabulary
 * (ContentType, HandshakeType, the record header), the dissector's
 * context (tls_ctx_new), each connection's state and its two directions,
 * and the helpers on them that all need (state.c). It calls no other
 * file of dissect/, so that within the folder calls run one way (as
 * tui/state.h does for the TUI).
 */
#ifndef TLSHAKE_DISSECT_STATE_H
#define TLSHAKE_DISSECT_STATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/cur.h"
#include "model/conn.h"

/* ContentType (RFC 8446, 5.1; RFC 6520, 3). */
#define REC_CCS		20
#define REC_ALERT	21
#define REC_HANDSHAKE	22
#define REC_APPDATA	23
#define REC_HEARTBEAT	24
#define REC_TLS12_CID	25	/* DTLS (RFC 9146, 4) */
#define REC_ACK		26	/* DTLS 1.3 (RFC 9147, 7) */

/* SSLv2 message types (draft-hickman-netscape-ssl-00, appendix A). */
#define SSL2_ERROR		0
#define SSL2_CLIENT_HELLO	1
#define SSL2_CLIENT_MASTER_KEY	2
#define SSL2_SERVER_HELLO	4

/* HandshakeType (RFC 8446, 4; RFC 5246, 7.4; RFC 6066, 8). */
#define HS_HELLO_REQUEST	0
#define HS_CLIENT_HELLO		1
#define HS_SERVER_HELLO		2
#define HS_HELLO_VERIFY_REQUEST	3	/* DTLS (RFC 6347, 4.2.1) */
#define HS_NEW_SESSION_TICKET	4
#define HS_END_OF_EARLY_DATA	5
#define HS_HELLO_RETRY_REQUEST	6	/* drafts before 22 */
#define HS_ENCRYPTED_EXTENSIONS	8
#define HS_CERTIFICATE		11
#define HS_SERVER_KEY_EXCHANGE	12
#define HS_CERTIFICATE_REQUEST	13
#define HS_SERVER_HELLO_DONE	14
#define HS_CERTIFICATE_VERIFY	15
#define HS_CLIENT_KEY_EXCHANGE	16
#define HS_FINISHED		20
#define HS_CERTIFICATE_STATUS	22
#define HS_KEY_UPDATE		24

/* A record header (rec_parse_header in record.c). */
struct rec_hdr {
	uint8_t		type;		/* ContentType; SSLv2: 0 */
	uint16_t	version;	/* ProtocolVersion; SSLv2: 0x0002 */
	uint32_t	len;		/* fragment length */
	uint8_t		hdr_len;	/* 5, or 2/3 for SSLv2 */
	uint8_t		pad;		/* SSLv2 3-byte header: padding */
	bool		ssl2;
};

#define REC_HDR_LEN	5
/* The largest SSLv2 or TLS record a header can announce, header included. */
#define REC_MAX_WIRE	(REC_HDR_LEN + 0xffff)

/* What a direction of the dissector is doing. */
enum tls_dstate {
	DS_NEW = 0,		/* no byte seen yet */
	DS_CLEAR,		/* cleartext: looking for TLS (STARTTLS) */
	DS_TLS,			/* parsing records */
	DS_STOPPED,		/* bad record header: nothing until a gap */
	DS_RESYNC,		/* after a gap: a plausible header restarts */
	DS_OFF			/* cleartext scan budget spent: ignore */
};

/*
 * Per-direction state. conn_flip() swaps the two, with the streams.
 * Fields are grouped by size, not only by meaning: one per connection
 * direction is open at once for every connection (no holes).
 */
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
	/* record reassembly (at most REC_MAX_WIRE bytes) */
	uint8_t		*rbuf;
	uint32_t	 rlen, rcap;
	uint32_t	 rfirst;	/* frame of the buffered record's start */
	/* a record whose body is not needed, passed over uncopied */
	uint32_t	 rskip;		/* its bytes still to come */
	uint32_t	 rskip_done;	/* its bytes seen */
	uint32_t	 rskip_len;
	uint16_t	 rskip_version;
	uint8_t		 rskip_type;
	uint8_t		 rskip_hdr_len;
	bool		 rskip_lost;	/* a gap took part of it: drop it */
	bool		 hs_lost;	/* message boundary lost (resync.h) */
	uint8_t		 n_ssl2_enc;	/* encrypted SSLv2 records, up to 255 */
	uint8_t		 hskip_type;	/* of the too-large message below */
	/* handshake message reassembly (at most 4 + max_hs_msg bytes) */
	uint8_t		*hbuf;
	uint32_t	 hlen, hcap;
	uint32_t	 hfirst;	/* frame of the buffered message's start */
	uint32_t	 hskip;		/* bytes of a too-large message left */
	uint32_t	 hskip_len;	/* its body length */
	/* cleartext before TLS (STARTTLS) */
	uint32_t	 marks;		/* TLS_M_* seen in it */
	uint64_t	 clear_len;	/* cleartext bytes scanned */
	/* DTLS (dtls.c): records and fragments of this direction */
	struct dtls_dir	*dt;
};

struct cert_check;
struct dec_state;
struct keylog;

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

struct tls_udp;

/* Per-connection state: conn->dis (grouped by size: no holes). */
struct tls_state {
	struct tls_ctx	*ctx;		/* of the connection's dissector */
	struct tls_dir	 d[2];
	uint32_t	 cur_hs;	/* handshake in progress */
	uint32_t	 max_hs_msg;
	uint16_t	 version;	/* negotiated; 0 before a ServerHello */
	uint16_t	 rec_version;	/* version of the record at hand */
	bool		 tls13;		/* TLS 1.3 or one of its drafts */
	bool		 sh13;		/* TLS 1.3 ServerHello (not HRR) seen */
	bool		 hello_seen;	/* a hello fixed the orientation */
	bool		 hello_request;	/* HelloRequest since the last CH */
	bool		 sh_next;	/* waiting for the server's message
					   after a TLS <= 1.2 ServerHello */
	bool		 cli_enc13;	/* TLS 1.3: client sent type 23 */
	bool		 flight13_done;	/* TLS 1.3: client flight over */
	bool		 rec_dec;	/* the record at hand was decrypted */
	uint8_t		 fin_hash_len;	/* TLS 1.3 suite hash: 32 or 48 */
	uint8_t		 fin_tag_len;	/* its AEAD tag: 16, or 8 (CCM_8) */
	bool		 dtls;		/* records are DTLS (dtls.c) */
	uint64_t	 t_flight13;	/* the client flight's last record's
					   time */
	struct dec_state *dec;		/* keys (decrypt.c), or NULL */
	/* DTLS and QUIC state (state_udp), or NULL: none for most TCP */
	struct tls_udp	*udp;
};

/*
 * What only DTLS and QUIC connections (and a TLS one negotiating
 * RFC 9146 connection IDs) hold: apart, so that a TCP connection does not
 * carry it (state_udp makes it).
 */
struct tls_udp {
	/* DTLS: the record at hand, and the negotiated connection IDs */
	bool		 dtls_nodec;	/* it cannot be opened (RFC 9146 CID) */
	bool		 cid_known[2];	/* CID length of records of "dir" */
	uint8_t		 cid_len[2];
	uint16_t	 dtls_epoch;
	uint64_t	 dtls_seq;	/* 48 bits */
	/* DTLS: what takes the body of a cleartext (or opened) handshake
	 * record, its fragments (dtls.c sets it with "dtls"): the record
	 * layer calls it, so that it need not call dtls.c */
	void		(*dtls_hs)(struct conn *, struct tls_state *,
			    enum dir *, struct cur *, uint32_t, uint32_t,
			    uint64_t);
	/* QUIC (quic.c): packets, keys and CRYPTO streams, or NULL */
	struct quic_state *quic;
};

/*
 * state_of returns the dissector state of "c", made on need in context
 * "ctx" (later calls may pass any: the state keeps its own).
 */
struct tls_state *state_of(struct tls_ctx *, struct conn *);
/* state_udp returns the DTLS and QUIC state of "st", made on need. */
struct tls_udp	*state_udp(struct tls_state *);
/*
 * state_epoch: the DTLS epoch of the record at hand (0 without DTLS);
 * state_nodec: that record cannot be opened (RFC 9146 CID).
 */
uint16_t	 state_epoch(const struct tls_state *);
bool		 state_nodec(const struct tls_state *);
/*
 * state_orient flips the connection when a first hello of type "type"
 * (1: ClientHello, 2: ServerHello) contradicts the guessed roles; it
 * returns the direction the stream of "dir" now has.
 */
enum dir state_orient(struct conn *, struct tls_state *, enum dir, uint8_t);
/* state_hs: the handshake in progress, or NULL (past LIM_HANDSHAKES). */
struct tls_hs *state_hs(struct conn *, struct tls_state *);
/*
 * state_version: "v" as a TLS version (a DTLS one as the TLS version it
 * is based on, RFC 9147, 5.3) when the records of "st" are DTLS.
 */
uint16_t state_version(const struct tls_state *, uint16_t);
/* state_is_tls13: 0x0304 and the drafts (0x7fNN, 0x7eNN, 0xfbNN). */
bool	state_is_tls13(uint16_t);
/* state_grow makes "*buf" hold "need" bytes, doubling up to "cap". */
bool	state_grow(uint8_t **, uint32_t *, size_t, uint32_t);
/* state_trim frees an emptied buffer larger than STATE_KEEP bytes. */
#define STATE_KEEP	1024
void	state_trim(uint8_t **, uint32_t *);

/* state_hs_known: a handshake type a cleartext TLS record may carry
 * (RFC 8446, 4). */
bool	state_hs_known(uint8_t);
/*
 * state_hs_record says whether handshake record "body" of direction "d"
 * is to be parsed. After lost bytes (a gap, a start not seen) a record
 * may continue a message whose start is gone: until a record starts with
 * a known handshake type such records are dropped (false).
 */
bool	state_hs_record(struct tls_dir *, const struct cur *);

#endif /* TLSHAKE_DISSECT_STATE_H */
