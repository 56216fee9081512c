/*
 * fuzz-decode.c: libFuzzer harness for decode_packet (capture/decode.c).
 *
 * Input: a big-endian u16 selector, then the frame. Selector bits:
 *	0-3	link type, an index into dlts[] (modulo its size)
 *	4-5	bytes the snaplen "cut": 0, 1, 100 or 65535 (wirelen - caplen)
 *	6-14	packet time step, in units of 100 ms
 *	15	the rest is several frames, each a u16 length and its bytes
 * One decoder per link type lives across inputs, so that fragment trains
 * meet, complete, expire and hit the caps. Each frame is decoded from an
 * exactly sized copy (ASan sees any over-read). Checked: a known result,
 * a payload within its frame (or a reassembled datagram) and within its
 * claimed length, the result counts, and the fragment byte cap.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "capture/decode.h"
#include "common/cur.h"
#include "common/limits.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static const int dlts[] = {
	1, 113, 276, 0, 108, 12, 14, 101, 228, 229, 9, 50, 51,
};
#define N_DLTS	(sizeof(dlts) / sizeof(dlts[0]))

static struct decode	*dec[N_DLTS];
static uint64_t		 calls[N_DLTS];
static uint64_t		 now = 1000000;

static void	one_frame(size_t, const struct cur *, uint32_t);

static void
one_frame(size_t li, const struct cur *frame, uint32_t cut)
{
	const struct decode_stats *st;
	struct decode *d = dec[li];
	const uint8_t *p;
	uint8_t *copy;
	size_t len = cur_len(frame);
	uint64_t done, counted;
	struct pkt pkt;
	enum decode_res r;

	copy = malloc(len == 0 ? 1 : len);
	if (copy == NULL)
		abort();
	if (len > 0)
		memcpy(copy, cur_data(frame), len);
	st = decode_stats(d);
	done = st->frags_done;
	r = decode_packet(d, &pkt, copy, (uint32_t)len,
	    (uint32_t)len + cut, now, (uint32_t)calls[li] + 1);
	calls[li]++;

	switch (r) {
	case DEC_TCP:
	case DEC_UDP:
		if (cur_len(&pkt.payload) > pkt.payload_len)
			abort();
		p = cur_data(&pkt.payload);
		if (st->frags_done == done && cur_len(&pkt.payload) > 0 &&
		    (p < copy || cur_len(&pkt.payload) > len ||
		    (size_t)(p - copy) > len - cur_len(&pkt.payload)))
			abort();
		if ((pkt.anom == ANOM_TRUNC) !=
		    (cur_len(&pkt.payload) < pkt.payload_len))
			abort();
		if (pkt.src.family != pkt.dst.family ||
		    (pkt.src.family != 4 && pkt.src.family != 6))
			abort();
		break;
	case DEC_OTHER:
	case DEC_FRAG_HELD:
	case DEC_INVALID:
	case DEC_TRUNC:
		break;
	default:
		abort();
	}
	if (pkt.frame != calls[li] || pkt.ts != now || pkt.caplen != len)
		abort();
	counted = st->tcp + st->other + st->invalid + st->trunc;
	if (counted > calls[li] || decode_frag_held(d) > LIM_FRAG_BYTES)
		abort();
	free(copy);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const uint32_t cuts[] = { 0, 1, 100, 65535 };
	struct cur in, frame;
	uint16_t sel;
	size_t li;

	cur_init(&in, data, size);
	if (!cur_get_u16(&in, &sel))
		return 0;
	li = (sel & 0x0f) % N_DLTS;
	if (dec[li] == NULL && (dec[li] = decode_new(dlts[li])) == NULL)
		abort();
	now += (uint64_t)((sel >> 6) & 0x1ff) * 100000;

	if ((sel & 0x8000) == 0) {
		one_frame(li, &in, cuts[(sel >> 4) & 3]);
		return 0;
	}
	/* Bounded: each turn consumes at least two bytes. */
	while (cur_get_u16_prefixed(&in, &frame)) {
		one_frame(li, &frame, cuts[(sel >> 4) & 3]);
		now += 1000;
	}
	return 0;
}
