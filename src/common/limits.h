/*
 * limits.h: every cap tlshake enforces, with the reason for it.
 * Options may raise the run-time ones (see struct limits in model/conn.h).
 */
#ifndef TLSHAKE_COMMON_LIMITS_H
#define TLSHAKE_COMMON_LIMITS_H

/* Open connections tracked at once; the longest idle is evicted past it. */
#define LIM_CONNS_DEFAULT	1048576
/* Out-of-order bytes buffered per direction before a hole becomes a gap. */
#define LIM_OOO_BYTES		(256 * 1024)
/* Out-of-order segments held per direction (bounds the list walk; at
 * most 65535: reasm.c counts them in 16 bits). */
#define LIM_OOO_SEGS		256
/* Largest handshake message reassembled; larger ones are skipped. */
#define LIM_HS_MSG		(256 * 1024)
/*
 * DTLS handshake reassembly (RFC 6347, 4.2.3), per direction: messages
 * held partial at once (a flight has at most about 8), the disjoint byte
 * ranges one may have (fragments arrive in any order and overlap), and the
 * bytes all of them may hold. A fragment flood meets these, not memory.
 */
#define LIM_DTLS_MSGS		8
#define LIM_DTLS_RANGES		32
#define LIM_DTLS_REASM		(512 * 1024)
/*
 * QUIC CRYPTO reassembly (RFC 9000, 19.6), per direction and packet
 * number space: bytes held (a ClientHello with post-quantum key shares and
 * a server's chain fit) and disjoint pieces kept (frames arrive in any
 * order and overlap).
 */
#define LIM_QUIC_CRYPTO		(128 * 1024)
#define LIM_QUIC_RANGES		32
/*
 * UDP connections (QUIC, DTLS) tracked at once, apart from TCP's: each
 * holds CRYPTO and fragment state, so a flood of Initials with random
 * connection IDs from random ports meets this cap (the longest idle is
 * evicted), never memory. --max-conns lowers it.
 */
#define LIM_UDP_CONNS_DEFAULT	65536
/* 4-tuples one QUIC connection may use (migration, NAT rebinding). */
#define LIM_UDP_TUPLES		4
/* Connection IDs kept per QUIC connection to find it on a new 4-tuple. */
#define LIM_QUIC_CIDS		8
/*
 * 1-RTT packets opened per direction of a QUIC connection with the key
 * log, for the CRYPTO frames after the handshake (NewSessionTicket): the
 * rest of the connection's packets are counted, never opened.
 */
#define LIM_QUIC_APP_OPENED	64
/*
 * QUIC transport parameters kept per hello (a real one sends about 20;
 * GREASE ones included), and the bytes kept of one that is not an
 * integer (connection IDs are 20 at most, a preferred_address 41).
 */
#define LIM_QUIC_TPS		64
#define LIM_QUIC_TP_BYTES	64
/* Largest QUIC datagram opened (the UDP maximum). */
#define LIM_QUIC_DGRAM		65535
/* Largest TLS record accepted: RFC 5246, 6.2.3: 2^14 + 2048. */
#define LIM_RECORD		(16384 + 2048)
/* Anomalies kept per connection; the rest are counted. */
#define LIM_ANOM_PER_CONN	32
/* Events (ladder rows) kept per connection; the rest are counted. */
#define LIM_EVENTS_PER_CONN	4096
/* Bytes a connection's arena may hold (names, lists, certificates refs). */
#define LIM_ARENA_PER_CONN	(512 * 1024)
/* Elements kept of any offered list (suites, groups, extensions...). */
#define LIM_LIST		65536
/* Handshakes kept per connection (the first plus renegotiations). */
#define LIM_HANDSHAKES		16
/* Certificates kept per Certificate message. */
#define LIM_CERTS_PER_MSG	16
/* Alerts kept per handshake. */
#define LIM_ALERTS		16
/* Distinct parsed certificates cached (unreferenced ones evicted first). */
#define LIM_CERT_CACHE		4096
/* IP fragment reassembly: total bytes held and seconds a train may wait. */
#define LIM_FRAG_BYTES		(4 * 1024 * 1024)
#define LIM_FRAG_SECS		30
#define LIM_FRAG_TRAINS		1024
/* Seconds without packets before a connection is printed and dropped. */
#define LIM_IDLE_SECS		300
#define LIM_IDLE_HALFOPEN_SECS	30
/* Seconds after FIN exchange or RST for late packets. */
#define LIM_LINGER_SECS		2
/* Kept summaries of finished connections (TUI, diff, report). */
#define LIM_SUMMARIES		1000000
/*
 * --diff's per-server and per-client-fingerprint tables, and the report's
 * tables of servers, clients, SNIs and suites: distinct keys kept (the
 * rest are counted, and said to be). A capture with more servers than this
 * is a scan, not something a person reads as a table.
 */
#define LIM_DIFF_KEYS		4096
/* Distinct client offers (ordered suite lists) kept per server, and the
 * suites kept of each offer: enough to see preference; longer lists are
 * hashed whole, so two offers are still told apart. */
#define LIM_DIFF_OFFERS		16
#define LIM_DIFF_OFFER_SUITES	128
/* Distinct (offer, chosen suite) pairs and weak/insecure suites per key. */
#define LIM_DIFF_CHOICES	64
/* Connections a report shows in full (ladder, tables): failed and
 * anomalous ones first. Each keeps its whole model, so this bounds the
 * report's memory by connections, not by the capture. */
#define LIM_REPORT_FULL		1000
/* Connections a report lists as summary rows (about 150 bytes each); past
 * it they are counted in the totals only. */
#define LIM_REPORT_ROWS		100000
/* Bytes of an SNI kept in a report's summary row (the rest is cut). */
#define LIM_REPORT_SNI		64
/* Encapsulation depth followed (tunnels inside tunnels). */
#define LIM_ENCAP_DEPTH		8
/* IPv6 extension headers walked per packet. */
#define LIM_IP6_EXT_HDRS	16
/* Bytes a single wire string keeps (SNI, ALPN, certificate names). */
#define LIM_STR			4096
/*
 * Client randoms a key log keeps (about 500 bytes each, so 64 MiB at
 * most): a browser's SSLKEYLOGFILE over weeks holds tens of thousands;
 * a file larger than this is not one session's. Later ones are counted.
 */
#define LIM_KEYLOG_ENTRIES	131072
/* Longest key log line: a label, 64 + 128 hex digits and spaces fit. */
#define LIM_KEYLOG_LINE		1024
/* Key log diagnostics kept for tlshake.c to print (the rest counted). */
#define LIM_KEYLOG_DIAGS	16
/* A key log that is growing (live capture) is re-read, when a client
 * random is not found, at most this often: a read per record would cost
 * a system call per packet of every connection without keys. */
#define LIM_KEYLOG_POLL_MS	200
/* Largest pcapng Decryption Secrets Block read (RFC draft pcapng, 4.7). */
#define LIM_KEYLOG_DSB		(16 * 1024 * 1024)
/* Chain check results cached, per (chain, SNI, day). */
#define LIM_CHAIN_CACHE		4096

#endif /* TLSHAKE_COMMON_LIMITS_H */
