/*
 * lag.h: live frames held back a little before analysis. With a key log
 * file, the lines a peer writes as its handshake crosses the wire must be
 * in the file when the first protected record of that handshake asks for
 * them: each frame waits 250 ms (wall clock, LAG_US) after its capture,
 * at most 8,192 frames and 32 MiB held (past either, the oldest goes on
 * at once).
 */
#ifndef TLSHAKE_LAG_H
#define TLSHAKE_LAG_H

#include <stdbool.h>

#include "capture/pcapin.h"

struct lag;
struct pipeline;

struct lag	*lag_new(void);
/* lag_push holds a copy of "f", first passing the oldest on when full. */
void		 lag_push(struct lag *, struct pipeline *,
		    const struct pcapin_frame *);
/*
 * lag_drain hands "p" the frames held long enough ("all": every one);
 * while "*drop" is true they are dropped, not analysed (--handshakes
 * reached).
 */
void		 lag_drain(struct lag *, struct pipeline *, bool,
		    const bool *);
/* lag_free drops what is still held and frees; NULL is a no-op. */
void		 lag_free(struct lag *);

#endif /* TLSHAKE_LAG_H */
