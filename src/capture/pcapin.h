/*
 * pcapin.h: packet input through libpcap (files, standard input, live
 * interfaces). The only file that includes libpcap.
 */
#ifndef TLSHAKE_CAPTURE_PCAPIN_H
#define TLSHAKE_CAPTURE_PCAPIN_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

struct pcapin_opts {
	const char	*file;		/* -r; "-" is standard input */
	FILE		*fp;		/* or an open stream (tests, fuzzing) */
	const char	*iface;		/* -i */
	const char	*filter;	/* BPF expression or NULL */
	int		 snaplen;	/* -s; 0: default */
	int		 buffer_kib;	/* -B; 0: default */
	bool		 no_promisc;	/* -p */
	bool		 immediate;	/* --immediate */
	const char	*dlt;		/* -y */
	const char	*write_file;	/* -w, opened after dropping to "user" */
	const char	*user;		/* -Z: drop to this user after opening */
	unsigned int	 handles;	/* live: this many in one fanout group */
};

/* Most handles of one fanout group (-j N on an interface). */
#define PCAPIN_HANDLES_MAX	64

struct pcapin_frame {
	uint64_t	 ts;		/* microseconds since the epoch */
	uint32_t	 frame;		/* 1-based */
	uint32_t	 caplen;
	uint32_t	 wirelen;
	const uint8_t	*data;
};

enum pcapin_res {
	PCAPIN_EOF = 0,		/* end of input (maybe with a warning) */
	PCAPIN_BREAK,		/* pcapin_break or the packet count */
	PCAPIN_CORRUPT,		/* stopped at a corrupt record */
	PCAPIN_ERROR,		/* read error */
	PCAPIN_AGAIN,		/* live, non-blocking: nothing now */
};

typedef void	(*pcapin_cb)(void *, const struct pcapin_frame *);

struct pcapin;

/*
 * pcapin_open opens a file or interface and compiles the filter, drops
 * privileges to "user" if set, then opens "write_file" (as tcpdump -Z
 * does, so the file belongs to the user). On failure it returns NULL with
 * the reason in "err"; *perm is set when the failure is a missing
 * permission (CAP_NET_RAW).
 */
struct pcapin	*pcapin_open(const struct pcapin_opts *, char *, size_t,
		    bool *);
/*
 * pcapin_close closes "in" and, for the first of a fanout group, the
 * group's other handles and the -w file.
 */
void		 pcapin_close(struct pcapin *);
/*
 * With o->handles > 1 on an interface, pcapin_open opens that many
 * handles (filters set, before -Z drops privileges) and joins their
 * packet sockets in one AF_PACKET fanout group (PACKET_FANOUT_HASH |
 * PACKET_FANOUT_FLAG_DEFRAG): each packet reaches one of them, both
 * directions of a flow the same one. It returns the first; pcapin_handle
 * gives handle "i" (0: the first), each to be run by one thread.
 * Frames are numbered across the group, in the -w file's order; -c
 * counts them all; pcapin_break on any handle stops every one.
 */
unsigned int	 pcapin_handles(const struct pcapin *);
struct pcapin	*pcapin_handle(struct pcapin *, unsigned int);
int		 pcapin_dlt(const struct pcapin *);
const char	*pcapin_dlt_name(int);
bool		 pcapin_is_live(const struct pcapin *);
/* A warning from opening the capture (pcap_activate), or NULL. */
const char	*pcapin_warning(const struct pcapin *);
/* A selectable descriptor for live capture, or -1. */
int		 pcapin_fd(const struct pcapin *);
bool		 pcapin_set_nonblock(struct pcapin *, bool);
/*
 * pcapin_run reads packets, calling "cb" for each, until the input ends,
 * "max" frames were read (0: no limit), or pcapin_break is called; with
 * "batch" non-zero it returns PCAPIN_AGAIN after one batch of at most
 * "batch" packets (live: what the kernel had within its timeout). "msg"
 * receives a diagnostic for PCAPIN_CORRUPT/ERROR and for a warning at
 * PCAPIN_EOF.
 */
enum pcapin_res	 pcapin_run(struct pcapin *, pcapin_cb, void *, uint64_t,
		    int, char *, size_t);
void		 pcapin_break(struct pcapin *);
/* How far through a regular file reading is, 0..100; -1 unknown. */
int		 pcapin_progress(const struct pcapin *);
uint64_t	 pcapin_frames(const struct pcapin *);
/* Live statistics of this handle: received, dropped by the kernel, by
 * the interface. */
bool		 pcapin_stats(struct pcapin *, uint64_t *, uint64_t *,
		    uint64_t *);
/* pcapin_list_ifaces prints the interfaces as tcpdump -D; false on error. */
bool		 pcapin_list_ifaces(FILE *, char *, size_t);
/* pcapin_default_iface returns the first interface (static storage). */
const char	*pcapin_default_iface(char *, size_t);
/*
 * pcapin_drop_privs opens nothing: as root it drops to "user" (setgroups,
 * setgid, setuid) and checks that the ids changed and root cannot be
 * regained; not as root, "user" must be the current user. Capabilities
 * left over (file capabilities) are cleared. False with the reason.
 */
bool		 pcapin_drop_privs(const char *, char *, size_t);

#endif /* TLSHAKE_CAPTURE_PCAPIN_H */
