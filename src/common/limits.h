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
/* Out-of-order segments held per direction (bounds the list walk). */
#define LIM_OOO_SEGS		256
/* Largest handshake message reassembled; larger ones are skipped. */
#define LIM_HS_MSG		(256 * 1024)
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
/* Encapsulation depth followed (tunnels inside tunnels). */
#define LIM_ENCAP_DEPTH		8
/* Bytes a single wire string keeps (SNI, ALPN, certificate names). */
#define LIM_STR			4096

#endif /* TLSHAKE_COMMON_LIMITS_H */
