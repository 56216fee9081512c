/*
 * conn.h: the connection model. Capture and dissect fill it; views and the
 * TUI read it. Nothing here holds a pointer into packet data: wire strings
 * are copied into the connection's arena.
 */
#ifndef TLSHAKE_MODEL_CONN_H
#define TLSHAKE_MODEL_CONN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/arena.h"
#include "model/anom.h"
#include "model/certstore.h"

enum dir { DIR_C2S = 0, DIR_S2C = 1 };

struct addr {
	uint8_t		family;		/* 4 or 6 */
	uint8_t		a[16];		/* IPv4 in the first 4 bytes */
};

struct endpoint {
	struct addr	ip;
	uint16_t	port;
};

/* A byte string copied from the wire into an arena. May hold any byte. */
struct bstr {
	const uint8_t	*p;
	uint32_t	 len;
};

struct u16list {
	uint16_t	*v;
	uint32_t	 n;
	uint32_t	 dropped;	/* elements past the cap, counted */
};

struct u8list {
	uint8_t		*v;
	uint32_t	 n;
};

struct strlist {
	struct bstr	*v;
	uint32_t	 n;
};

/* Events: one ladder row each. */
enum ev_layer { EV_TCP = 0, EV_TLS = 1 };

enum ev_type {
	/* TCP */
	EV_SYN, EV_SYN_ACK, EV_ACK, EV_FIN, EV_RST, EV_SEGMENT, EV_GAP,
	/* TLS */
	EV_HANDSHAKE,		/* sub = HandshakeType */
	EV_CCS,
	EV_ALERT,		/* sub = level, sub2 = description */
	EV_ENC_HANDSHAKE,	/* encrypted handshake record(s) */
	EV_ENC_ALERT,		/* an alert we could not read */
	EV_APPDATA,		/* a run of application_data records */
	EV_HEARTBEAT,		/* sub = heartbeat message type */
	EV_SSL2,		/* sub = SSLv2 message type */
	EV_UNKNOWN_RECORD,	/* sub = content type */
	/* QUIC: transport events, as TCP's */
	EV_QUIC_PACKET,		/* sub = enum quic_ptype; 1-RTT: a run */
	EV_QUIC_CLOSE,		/* CONNECTION_CLOSE; sub 1: application */
	/* DTLS (with -vv): a record; sub = content type (first byte of a
	   unified header), sub2 = epoch (255 for more) */
	EV_DTLS_RECORD,
	EV_NTYPES
};

/* Event flags. */
#define EVF_RETRANS	0x01	/* TCP: a retransmission was seen here;
				   DTLS: a message or record sent again */
#define EVF_DECRYPTED	0x02	/* TLS: revealed by decryption */
#define EVF_HRR		0x04	/* a server_hello that is a HelloRetryRequest */
#define EVF_SYN_DATA	0x08	/* SYN carrying data (TCP Fast Open) */
#define EVF_ENCRYPTED	0x10	/* sent under encryption */
#define EVF_BAD		0x20	/* the message failed to parse */

/*
 * An event is 24 bytes: one per ladder row of every open connection. Its
 * first frame and count are most often its frame and 1; the others sit
 * in conn->evx (conn_ev_first, conn_ev_count read them, conn_ev_set_*
 * write them; conn_ev_set_frame moves "frame" keeping the first).
 */
struct event {
	uint64_t	ts;		/* microseconds since the epoch */
	uint32_t	frame;		/* frame holding the last byte */
	uint32_t	len;		/* message/segment bytes (total for runs) */
	uint8_t		type;		/* enum ev_type */
	uint8_t		sub;
	uint8_t		sub2;
	uint8_t		tcp_flags;	/* TCP events: the segment's flags */
	uint8_t		hs_idx;		/* which handshake it belongs to */
	uint8_t		dir:1;
	uint8_t		flags:7;	/* EVF_* */
	uint16_t	x;		/* 1 + its index in conn->evx, or 0 */
};

/* What an event has that is not most events' (struct event). */
struct ev_extra {
	uint32_t	first_frame;	/* frame holding the first byte */
	uint32_t	count;		/* records in an application-data run,
					   packets in a QUIC 1-RTT run, sendings
					   of a DTLS message */
};

struct anom {
	uint32_t	 frame;
	uint16_t	 code;		/* enum anom_code */
	uint8_t		 dir;
	const char	*detail;	/* arena string; may be NULL */
};

struct alert {
	uint8_t		dir;
	uint8_t		level;
	uint8_t		desc;
	bool		encrypted;
	uint32_t	frame;
};

enum cert_src { CERTS_NONE = 0, CERTS_CLEARTEXT, CERTS_DECRYPTED };

/* Handshake flags. */
#define HSF_HAS_CH		0x00000001
#define HSF_HAS_SH		0x00000002
#define HSF_RESUMED		0x00000004
#define HSF_HRR			0x00000008
#define HSF_CLIENT_CERT		0x00000010
#define HSF_COMPLETE		0x00000020
#define HSF_DECRYPTED		0x00000040
#define HSF_SSL2_CH		0x00000080	/* SSLv2-compatible ClientHello */
#define HSF_HAS_GROUP		0x00000100
#define HSF_HAS_HRR_GROUP	0x00000200
#define HSF_EXT_EMS		0x00000400
#define HSF_EXT_ETM		0x00000800
#define HSF_EXT_TICKET		0x00001000	/* client sent session_ticket */
#define HSF_PSK_OFFERED		0x00002000
#define HSF_PSK_ACCEPTED	0x00004000
#define HSF_EARLY_DATA		0x00008000	/* client offered early data */
#define HSF_EARLY_ACCEPTED	0x00010000
#define HSF_ECH			0x00020000	/* encrypted_client_hello sent */
#define HSF_CERT_REQUEST	0x00040000
#define HSF_FALLBACK_SCSV	0x00080000
#define HSF_DOWNGRADE		0x00100000	/* RFC 8446, 4.1.3 sentinel */
#define HSF_FAILED		0x00200000	/* a fatal alert ended it */
#define HSF_HAS_SUITE		0x00400000
#define HSF_CH2			0x00800000	/* second ClientHello seen */
#define HSF_CERT_STATUS		0x01000000	/* OCSP CertificateStatus */
#define HSF_RENEG_INFO		0x02000000
#define HSF_TICKET_ISSUED	0x04000000	/* NewSessionTicket seen */
#define HSF_SKE_GROUP		0x08000000	/* group from ServerKeyExchange */
#define HSF_HVR			0x10000000	/* DTLS HelloVerifyRequest seen */
#define HSF_CLEARTEXT		0x20000000	/* NULL cipher: sent in the clear */

/* A QUIC transport parameter (RFC 9000, 18): integer or bytes. */
struct quic_tp {
	uint64_t	 id;
	uint64_t	 value;		/* integer parameters */
	bool		 is_int;
	struct bstr	 bytes;		/* the others (CIDs, tokens), at most
					   LIM_QUIC_TP_BYTES of them */
};

struct quic_tps {
	struct quic_tp	*v;
	uint32_t	 n;
	uint32_t	 dropped;	/* past LIM_QUIC_TPS, counted */
};

/* ClientHello.random and ServerHello.random (RFC 8446, 4.1.2, 4.1.3). */
struct hs_randoms {
	uint8_t		 client[32];
	uint8_t		 server[32];
};

/* A handshake's fingerprints (strings in the arena; NULL: none). */
struct tls_fp {
	const char	*ja3, *ja3_full, *ja3s, *ja3s_full, *ja4, *ja4_r;
};

struct tls_hs {
	uint32_t	 flags;		/* HSF_* */
	uint16_t	 record_version;	/* of the first ClientHello record */
	uint16_t	 client_version;	/* ClientHello.legacy_version */
	uint16_t	 server_version;	/* ServerHello.legacy_version */
	uint16_t	 version;	/* negotiated (supported_versions) */
	uint16_t	 suite;		/* chosen, with HSF_HAS_SUITE */
	uint16_t	 group;		/* chosen key share or SKE curve */
	uint16_t	 hrr_group;
	uint16_t	 ske_sig_alg;
	uint8_t		 compression;	/* chosen */
	uint8_t		 session_id_len;	/* client's */
	uint8_t		 session_id[32];	/* client's */
	/* the hellos' randoms: only decryption reads them, so they are
	   kept only with a key log (NULL without one) */
	struct hs_randoms *randoms;
	struct u16list	 versions_offered;
	struct u16list	 suites_offered;
	struct u16list	 groups_offered;
	struct u16list	 key_shares_offered;
	struct u16list	 sig_algs_offered;
	struct u16list	 sig_algs_cert_offered;
	struct u16list	 exts_offered;	/* wire order, GREASE kept */
	struct u16list	 exts_chosen;	/* ServerHello (+ EncryptedExtensions) */
	uint32_t	 n_exts_ee;	/* the last n_exts_ee: EncryptedExtensions' */
	uint32_t	 ssl2_n_specs;	/* SSLv2 hello: cipher specs offered */
	struct u8list	 ec_point_formats;
	struct u8list	 compressions_offered;
	struct bstr	 sni;
	struct strlist	 alpn_offered;
	struct bstr	 alpn;
	/* quic_transport_parameters, the ClientHello's and Encrypted-
	   Extensions' by enum dir of the sender: NULL when no hello had
	   them (nearly every TCP one); read through conn_qtp */
	struct quic_tps	*qtp;
	uint32_t	*ssl2_specs;	/* ssl2_n_specs of them */
	/* timing: microseconds since the epoch */
	uint64_t	 t_start;	/* first ClientHello */
	uint64_t	 t_done;	/* last handshake message (Finished) */
	/* certificates, server chain then client chain */
	struct cert	**certs;
	uint32_t	 n_certs;
	uint32_t	 certs_dropped;
	struct cert	**client_certs;
	uint32_t	 n_client_certs;
	uint32_t	 n_alerts;	/* of "alerts" */
	uint8_t		 certs_source;	/* enum cert_src */
	uint16_t	*cert_flags;	/* CERTF_* per certs[i], or NULL */
	struct chain_result chain;
	struct alert	*alerts;
	/* fingerprints: NULL until the connection retires (fp.c); read
	   through conn_fp */
	struct tls_fp	*fp;
};

/* DTLS facts of a connection (RFC 6347, RFC 9147). */
struct dtls_info {
	uint64_t	 packets;	/* datagrams handed to DTLS */
	uint64_t	 bytes;		/* their UDP payload bytes */
	uint64_t	 records;
	uint32_t	 retransmits;	/* messages and flights sent again */
	uint32_t	 replays;	/* records whose number was seen already */
	uint32_t	 seq_jumps;	/* record numbers skipping ahead */
	uint32_t	 demuxed;	/* STUN, TURN, ZRTP, RTP datagrams passed */
	bool		 cookie;	/* HelloVerifyRequest cookie or CH cookie */
	bool		 cid;		/* connection IDs in records */
	bool		 unified;	/* DTLS 1.3 unified headers seen */
};

/* QUIC packet types, the same for every version (quic_info.packets[]). */
enum quic_ptype {
	QP_INITIAL, QP_0RTT, QP_HANDSHAKE, QP_RETRY, QP_VN, QP_1RTT, QP_N
};

/* QUIC facts of a connection (RFC 9000, RFC 9001, RFC 9369). */
struct quic_info {
	uint32_t	 version;	/* of the first long header */
	bool		 known;		/* a version tlshake opens */
	bool		 retry;		/* a Retry changed the DCID */
	bool		 vn;		/* a Version Negotiation was seen */
	bool		 cid_changed;	/* the client took the server's CID */
	uint8_t		 odcid_len;	/* client's original DCID */
	uint8_t		 odcid[20];
	uint8_t		 scid_len;	/* SCID of the client's first Initial */
	uint8_t		 scid[20];
	uint64_t	 t_first[2];	/* first datagram of each direction */
	uint64_t	 datagrams;	/* handed to QUIC */
	uint64_t	 bytes;		/* their UDP payload bytes */
	uint32_t	 packets[QP_N];	/* by enum quic_ptype */
	uint32_t	 coalesced;	/* packets after the first of a datagram */
	uint32_t	 undecryptable;	/* Initials that did not open */
	uint32_t	 frames_other;	/* frames not parsed, counted */
	uint32_t	 crypto_frames;
	/* CONNECTION_CLOSE (RFC 9000, 19.19): the first one */
	bool		 closed;
	bool		 close_app;	/* type 0x1d: application error */
	uint8_t		 close_dir;
	uint32_t	 close_frame;
	uint64_t	 close_code;
	uint64_t	 close_ftype;	/* frame type that caused it (0x1c) */
	struct bstr	 close_reason;
};

/* What only a connection over UDP has: made by conn_udp, not per TCP one. */
struct conn_udp {
	struct dtls_info dtls;
	struct quic_info quic;
};

/* TCP facts of a connection. */
struct tcp_info {
	bool		 syn, syn_ack, ack;	/* three-way handshake seen */
	bool		 fin[2], rst[2];
	bool		 midstream;
	uint64_t	 t_syn, t_syn_ack, t_ack;
	uint32_t	 retransmits, out_of_order, gaps;
	uint64_t	 gap_bytes;
	uint64_t	 packets;
	uint64_t	 bytes[2];	/* payload per direction */
};

enum orient {
	ORIENT_GUESS = 0,	/* from port numbers */
	ORIENT_SYN,		/* from the SYN */
	ORIENT_HELLO,		/* from who sent the ClientHello */
};

/* What carries the connection's TLS. */
enum conn_transport { CONN_TCP = 0, CONN_QUIC, CONN_DTLS };

enum starttls {
	STARTTLS_NONE = 0, STARTTLS_SMTP, STARTTLS_IMAP, STARTTLS_POP3,
	STARTTLS_FTP, STARTTLS_LDAP, STARTTLS_XMPP, STARTTLS_MYSQL,
	STARTTLS_POSTGRES, STARTTLS_NNTP, STARTTLS_HTTP_CONNECT,
	STARTTLS_SOCKS, STARTTLS_OTHER
};

/*
 * Why capture retired a connection, in the order it retires them within
 * one packet: idle ones list by list, then one whose 4-tuple a new SYN
 * takes, then one evicted for room. -j N merges its workers' connections
 * back into -j 1's order by it.
 */
enum retire {
	RET_OPEN = 0,		/* not retired yet */
	RET_IDLE_HALFOPEN,	/* expired before its handshake completed */
	RET_IDLE,		/* expired established */
	RET_LINGER,		/* after its FIN exchange or RST */
	RET_REUSED,		/* a new incarnation took its 4-tuple */
	RET_EVICTED,		/* the --max-conns cap */
	RET_END			/* the end of the input (reasm_flush) */
};

struct conn {
	uint64_t	 id;		/* "conn": order of first packet, from 1 */
	struct endpoint	 cli, srv;
	uint8_t		 orient;	/* enum orient */
	uint8_t		 cli_side;	/* capture's mark of the client end;
					   conn_flip toggles it */
	uint8_t		 starttls;	/* enum starttls */
	bool		 is_tls;	/* TLS (or SSLv2) seen */
	bool		 tls_port;	/* either port is a TLS port */
	uint8_t		 transport;	/* enum conn_transport */
	uint8_t		 retired;	/* enum retire */
	uint64_t	 t_first, t_last;	/* microseconds */
	uint32_t	 frame_first;
	uint32_t	 frame_last;	/* of its latest packet */
	struct tcp_info	 tcp;
	/* QUIC and DTLS facts: NULL for TCP, which has none (conn_udp) */
	struct conn_udp	*udp;

	struct event	*ev;
	struct ev_extra	*evx;		/* of events with an "x" */
	uint32_t	 n_ev, cap_ev, ev_dropped;
	uint16_t	 n_evx, cap_evx;	/* at most LIM_EVENTS_PER_CONN */

	struct tls_hs	*hs;		/* [0] first handshake, then renegs */
	uint32_t	 n_hs, cap_hs;

	struct anom	*anoms;
	uint32_t	 n_anoms, anoms_dropped;

	struct arena	 arena;

	/* Opaque per-connection state of the dissector (owned by it). */
	void		*dis;
	/* Set by the views (summaries kept); not used by capture. */
	void		*user;
};

/* Global knobs the model needs. */
struct model_opts {
	bool		 keep_segments;	/* -vv: an event per TCP segment */
	bool		 appdata_each;	/* -v: one event per app-data record */
	uint32_t	 events_cap;
};

extern struct model_opts model_opts;

/*
 * conn_new returns a zeroed connection with an initialised arena. It never
 * fails (allocation failure exits: it is not driven by input).
 */
struct conn	*conn_new(uint64_t);
/*
 * conn_udp returns the QUIC and DTLS facts of "c", made zeroed on first
 * use (allocation failure exits, as in conn_new).
 */
struct conn_udp	*conn_udp(struct conn *);
/*
 * conn_dtls and conn_quic return those facts to read: all zero for a
 * connection that has none (TCP).
 */
const struct dtls_info *conn_dtls(const struct conn *);
const struct quic_info *conn_quic(const struct conn *);
/* conn_free releases everything the connection holds, certificates too. */
void		 conn_free(struct conn *);
/*
 * conn_add_event appends an event and returns it, or NULL past the event
 * cap (then counted in ev_dropped and one ANOM_EVENTS_CAP recorded).
 */
struct event	*conn_add_event(struct conn *, uint8_t, uint8_t, uint64_t,
		    uint32_t, uint32_t);
/*
 * conn_ev_first and conn_ev_count return the first frame and the count
 * of event "e" of "c" (its frame and 1 unless set otherwise). The setters
 * never fail (allocation failure exits); conn_ev_set_frame changes the
 * last frame of "e", its first staying what it was.
 */
uint32_t	 conn_ev_first(const struct conn *, const struct event *);
uint32_t	 conn_ev_count(const struct conn *, const struct event *);
void		 conn_ev_set_first(struct conn *, struct event *, uint32_t);
void		 conn_ev_set_count(struct conn *, struct event *, uint32_t);
void		 conn_ev_set_frame(struct conn *, struct event *, uint32_t);
/*
 * conn_anom records an anomaly (at most LIM_ANOM_PER_CONN kept, the rest
 * counted). "detail" may be NULL or printf-style.
 */
void		 conn_anom(struct conn *, int, uint32_t, enum anom_code,
		    const char *, ...) __attribute__((format(printf, 5, 6)));
/* conn_hs returns handshake "i", creating handshakes up to it; NULL past cap. */
struct tls_hs	*conn_hs(struct conn *, uint32_t);
/* conn_flip swaps client and server (events, TCP facts, handshakes). */
void		 conn_flip(struct conn *);
/* conn_bstr copies wire bytes into the arena; false past the cap. */
bool		 conn_bstr(struct conn *, struct bstr *, const void *, size_t);
/* conn_u16list allocates "n" elements (capped at LIM_LIST); false past cap. */
bool		 conn_u16list(struct conn *, struct u16list *, uint32_t);
bool		 conn_u8list(struct conn *, struct u8list *, uint32_t);
/*
 * conn_fp returns the fingerprints of "hs", all NULL before they are
 * computed; conn_qtp its QUIC transport parameters sent by "dir", an
 * empty list when there are none. conn_hs_cleanup frees what a
 * handshake holds outside the arena (conn_free does it for c->hs[]; a
 * caller's scratch handshake needs it too).
 */
const struct tls_fp *conn_fp(const struct tls_hs *);
const struct quic_tps *conn_qtp(const struct tls_hs *, enum dir);
void		 conn_hs_cleanup(struct tls_hs *);
/* conn_add_alert appends to hs->alerts (capped). */
void		 conn_add_alert(struct conn *, struct tls_hs *,
		    const struct alert *);
/* conn_add_cert appends a certificate reference (the caller's reference
 * is taken over); false past the cap (the reference is then released). */
bool		 conn_add_cert(struct conn *, struct tls_hs *, bool,
		    struct cert *);
/* conn_handshake_ms returns the handshake time, or a negative number. */
double		 conn_handshake_ms(const struct conn *, const struct tls_hs *);

/* Formatting helpers for views: "192.0.2.1:443", "[2001:db8::1]:443". */
void		 endpoint_str(const struct endpoint *, char *, size_t);
void		 addr_str(const struct addr *, char *, size_t);

#endif /* TLSHAKE_MODEL_CONN_H */
