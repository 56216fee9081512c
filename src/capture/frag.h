/*
 * frag.h: IP fragment reassembly (RFC 791, 3.2; RFC 8200, 4.5) for the
 * decoder, bounded in trains, bytes and packet time (limits.h LIM_FRAG_*).
 */
#ifndef TLSHAKE_CAPTURE_FRAG_H
#define TLSHAKE_CAPTURE_FRAG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/cur.h"

/*
 * A train's key. IPv4 uses (src, dst, protocol, id) (RFC 791, 3.2); IPv6
 * (src, dst, id) (RFC 8200, 4.5), so "proto" is 0 there.
 */
struct frag_key {
	uint8_t		family;		/* 4 or 6 */
	uint8_t		proto;
	uint32_t	id;
	uint8_t		src[16];
	uint8_t		dst[16];
};

/* One fragment: its place in the datagram and its data. */
struct frag_in {
	uint32_t	off;		/* bytes from the datagram start */
	bool		more;		/* MF / M flag */
	uint8_t		nh;		/* protocol or next header */
	struct cur	data;		/* complete fragment data */
};

/* A completed datagram. */
struct frag_done {
	struct cur	data;		/* valid until frag_release */
	uint8_t		nh;		/* from the fragment at offset 0 */
	bool		conflict;	/* overlapping fragments disagreed */
	uint32_t	conflict_off;	/* first byte that disagreed */
};

enum frag_res {
	FRAG_HELD = 0,		/* kept; the datagram is not complete */
	FRAG_DONE,		/* the datagram is complete, in "done" */
	FRAG_INVALID,		/* a fragment no datagram can hold: ignored */
};

struct frag;

/* frag_new returns an empty reassembler (allocation failure exits). */
struct frag	*frag_new(void);
void		 frag_free(struct frag *);
/*
 * frag_add adds one fragment received at "ts" (microseconds). Overlaps
 * keep the first copy; a disagreeing overlap marks the datagram (reported
 * in done->conflict). Past LIM_FRAG_TRAINS trains or LIM_FRAG_BYTES bytes
 * the oldest trains are dropped and counted. FRAG_DONE hands out a buffer
 * owned by the reassembler until the next frag_release.
 */
enum frag_res	 frag_add(struct frag *, struct frag_done *,
		    const struct frag_key *, const struct frag_in *, uint64_t);
/* frag_expire drops trains whose first fragment came over LIM_FRAG_SECS
 * before "now". */
void		 frag_expire(struct frag *, uint64_t);
/* frag_release frees the datagrams handed out since the last call. */
void		 frag_release(struct frag *);
/* Bytes held by incomplete trains; trains dropped (expired or evicted). */
size_t		 frag_held(const struct frag *);
uint64_t	 frag_dropped(const struct frag *);

#endif /* TLSHAKE_CAPTURE_FRAG_H */
