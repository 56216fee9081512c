/*
 * pcapin.c: libpcap input. Files (pcap and pcapng, "-" for stdin) and
 * live interfaces, one handle or several in an AF_PACKET fanout group
 * (-j N); -w writes what is read.
 */
#include "capture/pcapin.h"

#include <sys/stat.h>
#include <sys/types.h>
#ifdef __linux__
#include <sys/socket.h>
#include <sys/syscall.h>
#include <linux/capability.h>
#include <linux/if_packet.h>
#endif

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <poll.h>
#include <pthread.h>
#include <pwd.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <pcap/pcap.h>

#include "common/arena.h"

/* The longest pcapin_run waits for packets before returning (live). */
#define LIVE_WAIT_MS	100

/*
 * The handles of one fanout group (-j N live), each read by its own
 * thread: frames are numbered across them, and with -w in the order the
 * file gets them (both under "m").
 */
struct pcapin_group {
	pthread_mutex_t	 m;
	_Atomic uint64_t frames;
	unsigned int	 n;
	struct pcapin	*h[PCAPIN_HANDLES_MAX];
};

struct pcapin {
	pcap_t		*p;
	pcap_dumper_t	*dump;		/* in a group: the first's, shared */
	struct pcapin_group *grp;	/* NULL: a handle alone */
	bool		 live;
	uint64_t	 frames;
	uint64_t	 max;
	pcapin_cb	 cb;
	void		*arg;
	_Atomic bool	 stop;		/* set by signal handlers too */
	bool		 wait;		/* live: pcapin_run polls the fd */
	char		 warn[PCAP_ERRBUF_SIZE + 64];
};

static void	handler(u_char *, const struct pcap_pkthdr *, const u_char *);
static pcap_dumper_t *dump_open(pcap_t *, const char *, char *, size_t);

/*
 * dump_open creates the -w file mode 0644 and never through a symbolic
 * link (O_NOFOLLOW: in a world-writable directory another user could have
 * planted one pointing at a file of ours); "-" is standard output.
 */
static pcap_dumper_t *
dump_open(pcap_t *p, const char *path, char *err, size_t errlen)
{
	pcap_dumper_t *d;
	FILE *fp;
	int fd;

	if (strcmp(path, "-") == 0) {
		if ((d = pcap_dump_open(p, path)) == NULL)
			snprintf(err, errlen, "%s: %s", path, pcap_geterr(p));
		return d;
	}
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC,
	    S_IRUSR | S_IWUSR | S_IRGRP | S_IROTH);
	if (fd < 0 || (fp = fdopen(fd, "wb")) == NULL) {
		snprintf(err, errlen, "%s: %s%s", path, strerror(errno),
		    errno == ELOOP ? " (a symbolic link: refused)" : "");
		if (fd >= 0)
			close(fd);
		return NULL;
	}
	if ((d = pcap_dump_fopen(p, fp)) == NULL) {
		snprintf(err, errlen, "%s: %s", path, pcap_geterr(p));
		fclose(fp);
	}
	return d;
}

static bool
perm_error(const char *msg)
{
	return strstr(msg, "ermission") != NULL ||
	    strstr(msg, "not permitted") != NULL;
}

/* The -y error names the link types the interface offers. */
static void
dlt_error(pcap_t *p, const struct pcapin_opts *o, char *err, size_t errlen)
{
	int *dlts = NULL, n, i;
	size_t len;

	snprintf(err, errlen, "%s: link type %s not available", o->iface,
	    o->dlt);
	if ((n = pcap_list_datalinks(p, &dlts)) <= 0)
		return;
	for (i = 0; i < n; i++) {
		len = strlen(err);
		snprintf(err + len, errlen - len, "%s%s", i == 0 ?
		    " (available: " : ", ", pcapin_dlt_name(dlts[i]));
	}
	len = strlen(err);
	snprintf(err + len, errlen - len, ")");
	pcap_free_datalinks(dlts);
}

/*
 * A first-time user's mistakes with -r, said in words that tell what to do:
 * a directory, an empty file (a capture stopped before it began), and the
 * libpcap errors for a file that is not a capture or a damaged pcapng.
 */
static bool
offline_usable(const char *path, char *err, size_t errlen)
{
	struct stat st;

	if (stat(path, &st) != 0)
		return true;	/* libpcap names the errno */
	if (S_ISDIR(st.st_mode)) {
		snprintf(err, errlen, "%s: is a directory; -r takes a capture "
		    "file (pcap or pcapng)", path);
		return false;
	}
	if (S_ISREG(st.st_mode) && st.st_size == 0) {
		snprintf(err, errlen, "%s: empty file (0 bytes), not a "
		    "capture; was the capture stopped before it began?", path);
		return false;
	}
	return true;
}

static const char *
offline_hint(const char *ebuf)
{
	if (strstr(ebuf, "unknown file format") != NULL)
		return "; -r reads pcap and pcapng files (tcpdump -w, "
		    "tshark -w, dumpcap)";
	if (strstr(ebuf, "Interface Description Block") != NULL)
		return "; the file is damaged or is not a whole capture";
	if (strstr(ebuf, "truncated dump file") != NULL)
		return "; the file ends inside its header";
	return "";
}

/*
 * live_open creates and activates a handle on o->iface with its link type
 * and filter; NULL with the reason in "err" (*perm: a missing permission).
 * A warning from pcap_activate goes to "warn".
 */
static pcap_t *
live_open(const struct pcapin_opts *o, char *err, size_t errlen, bool *perm,
    char *warn, size_t warnlen)
{
	char ebuf[PCAP_ERRBUF_SIZE] = "";
	pcap_t *p;
	int rc, dlt;

	if ((p = pcap_create(o->iface, ebuf)) == NULL) {
		snprintf(err, errlen, "%s: %s", o->iface, ebuf);
		return NULL;
	}
	pcap_set_snaplen(p, o->snaplen > 0 ? o->snaplen : 262144);
	pcap_set_promisc(p, !o->no_promisc);
	pcap_set_timeout(p, 100);
	if (o->buffer_kib > 0)
		pcap_set_buffer_size(p, o->buffer_kib * 1024);
	if (o->immediate)
		pcap_set_immediate_mode(p, 1);
	rc = pcap_activate(p);
	if (rc > 0 && rc != PCAP_WARNING_TSTAMP_TYPE_NOTSUP)
		snprintf(warn, warnlen, "%s: %s", o->iface, pcap_geterr(p));
	if (rc < 0) {
		*perm = rc == PCAP_ERROR_PERM_DENIED ||
		    rc == PCAP_ERROR_PROMISC_PERM_DENIED ||
		    perm_error(pcap_geterr(p));
		if (*perm)
			snprintf(err, errlen, "%s: %s (capturing needs root "
			    "or the CAP_NET_RAW capability)", o->iface,
			    pcap_geterr(p));
		else if (rc == PCAP_ERROR_NO_SUCH_DEVICE)
			snprintf(err, errlen, "%s: no such device", o->iface);
		else
			snprintf(err, errlen, "%s: %s", o->iface,
			    pcap_geterr(p));
		pcap_close(p);
		return NULL;
	}
	if (o->dlt != NULL) {
		if ((dlt = pcap_datalink_name_to_val(o->dlt)) < 0 ||
		    pcap_set_datalink(p, dlt) < 0) {
			dlt_error(p, o, err, errlen);
			pcap_close(p);
			return NULL;
		}
	}
	return p;
}

static bool
set_filter(pcap_t *p, const char *filter, char *err, size_t errlen)
{
	struct bpf_program prog;
	int rc;

	if (filter == NULL)
		return true;
	if (pcap_compile(p, &prog, filter, 1, PCAP_NETMASK_UNKNOWN) < 0) {
		snprintf(err, errlen, "filter \"%s\": %s", filter,
		    pcap_geterr(p));
		return false;
	}
	rc = pcap_setfilter(p, &prog);
	pcap_freecode(&prog);
	if (rc < 0) {
		snprintf(err, errlen, "filter: %s", pcap_geterr(p));
		return false;
	}
	return true;
}

/*
 * fanout_join puts the "n" handles' packet sockets in one new AF_PACKET
 * fanout group: the kernel hands each packet to one of them by a
 * symmetric hash of its flow, IP fragments reassembled first. The first
 * socket asks for a group id no other socket uses (FLAG_UNIQUEID, Linux
 * 4.5), the others join it.
 */
static bool
fanout_join(pcap_t **p, unsigned int n, const char *iface, char *err,
    size_t errlen)
{
#if defined(PACKET_FANOUT) && defined(PACKET_FANOUT_FLAG_UNIQUEID)
	/* The kernel reads a u32: id, then type and flags from bit 16. */
	uint32_t arg, got;
	socklen_t len = sizeof(got);
	unsigned int i;

	arg = (uint32_t)(PACKET_FANOUT_HASH | PACKET_FANOUT_FLAG_DEFRAG |
	    PACKET_FANOUT_FLAG_UNIQUEID) << 16;
	if (setsockopt(pcap_fileno(p[0]), SOL_PACKET, PACKET_FANOUT, &arg,
	    sizeof(arg)) != 0 || getsockopt(pcap_fileno(p[0]), SOL_PACKET,
	    PACKET_FANOUT, &got, &len) != 0)
		goto bad;
	arg = (got & 0xffff) | (uint32_t)(PACKET_FANOUT_HASH |
	    PACKET_FANOUT_FLAG_DEFRAG) << 16;
	for (i = 1; i < n; i++)
		if (setsockopt(pcap_fileno(p[i]), SOL_PACKET, PACKET_FANOUT,
		    &arg, sizeof(arg)) != 0)
			goto bad;
	return true;
bad:
	snprintf(err, errlen, "%s: -j %u: cannot join %u capture handles in "
	    "an AF_PACKET fanout group: %s (use -j 1 on this interface)",
	    iface, n, n, strerror(errno));
	return false;
#else
	(void)p;
	snprintf(err, errlen, "%s: -j %u on an interface needs Linux's "
	    "AF_PACKET fanout (use -j 1)", iface, n);
	return false;
#endif
}

static struct pcapin *
new_in(pcap_t *p, bool live)
{
	struct pcapin *in = x_calloc(1, sizeof(*in));
	char ebuf[PCAP_ERRBUF_SIZE];

	in->p = p;
	in->live = live;
	/*
	 * Live handles are non-blocking and pcapin_run polls for at most
	 * LIVE_WAIT_MS itself: with TPACKET_V3 libpcap's own wait has no
	 * timeout while no packet comes, and idle connections must still
	 * expire (and --stats tick) on time.
	 */
	if (live && pcap_setnonblock(p, 1, ebuf) == 0)
		in->wait = true;
	return in;
}

struct pcapin *
pcapin_open(const struct pcapin_opts *o, char *err, size_t errlen,
    bool *perm)
{
	char ebuf[PCAP_ERRBUF_SIZE] = "";
	pcap_t *p[PCAPIN_HANDLES_MAX];
	struct pcapin_group *grp;
	struct pcapin *in;
	char warnbuf[sizeof(in->warn)] = "";
	unsigned int i, n = 1;
	bool live = o->file == NULL && o->fp == NULL;

	*perm = false;
	memset(p, 0, sizeof(p));
	if (o->fp != NULL) {
		p[0] = pcap_fopen_offline_with_tstamp_precision(o->fp,
		    PCAP_TSTAMP_PRECISION_MICRO, ebuf);
		if (p[0] == NULL) {
			snprintf(err, errlen, "%s", ebuf);
			return NULL;
		}
	} else if (o->file != NULL) {
		if (strcmp(o->file, "-") == 0)
			p[0] = pcap_fopen_offline_with_tstamp_precision(stdin,
			    PCAP_TSTAMP_PRECISION_MICRO, ebuf);
		else if (!offline_usable(o->file, err, errlen))
			return NULL;
		else
			p[0] = pcap_open_offline_with_tstamp_precision(
			    o->file, PCAP_TSTAMP_PRECISION_MICRO, ebuf);
		if (p[0] == NULL) {
			/* libpcap names the file itself when fopen fails,
			 * not when the contents are bad: name it once. */
			if (strncmp(ebuf, o->file, strlen(o->file)) == 0 &&
			    ebuf[strlen(o->file)] == ':')
				snprintf(err, errlen, "%s", ebuf);
			else
				snprintf(err, errlen, "%s: %s%s", o->file,
				    ebuf, offline_hint(ebuf));
			return NULL;
		}
	} else {
		if (o->handles > 1)
			n = o->handles < PCAPIN_HANDLES_MAX ? o->handles :
			    PCAPIN_HANDLES_MAX;
		for (i = 0; i < n; i++)
			if ((p[i] = live_open(o, err, errlen, perm, warnbuf,
			    sizeof(warnbuf))) == NULL)
				goto bad;
	}
	for (i = 0; i < n; i++)
		if (!set_filter(p[i], o->filter, err, errlen))
			goto bad;
	if (n > 1 && !fanout_join(p, n, o->iface, err, errlen))
		goto bad;
	if (o->user != NULL && !pcapin_drop_privs(o->user, err, errlen))
		goto bad;
	in = new_in(p[0], live);
	snprintf(in->warn, sizeof(in->warn), "%s", warnbuf);
	if (o->write_file != NULL &&
	    (in->dump = dump_open(p[0], o->write_file, err, errlen)) == NULL) {
		free(in);
		goto bad;
	}
	if (n > 1) {
		grp = x_calloc(1, sizeof(*grp));
		pthread_mutex_init(&grp->m, NULL);
		grp->n = n;
		for (i = 0; i < n; i++) {
			grp->h[i] = i == 0 ? in : new_in(p[i], live);
			grp->h[i]->grp = grp;
			grp->h[i]->dump = in->dump;
		}
	}
	return in;
bad:
	for (i = 0; i < n; i++)
		if (p[i] != NULL)
			pcap_close(p[i]);
	return NULL;
}

void
pcapin_close(struct pcapin *in)
{
	struct pcapin_group *grp;
	unsigned int i;

	if (in == NULL)
		return;
	if (in->dump != NULL)
		pcap_dump_close(in->dump);
	if ((grp = in->grp) != NULL) {
		for (i = 1; i < grp->n; i++) {
			pcap_close(grp->h[i]->p);
			free(grp->h[i]);
		}
		pthread_mutex_destroy(&grp->m);
		free(grp);
	}
	pcap_close(in->p);
	free(in);
}

unsigned int
pcapin_handles(const struct pcapin *in)
{
	return in->grp != NULL ? in->grp->n : 1;
}

struct pcapin *
pcapin_handle(struct pcapin *in, unsigned int i)
{
	return in->grp != NULL && i < in->grp->n ? in->grp->h[i] : in;
}

int
pcapin_dlt(const struct pcapin *in)
{
	return pcap_datalink(in->p);
}

const char *
pcapin_dlt_name(int dlt)
{
	const char *n = pcap_datalink_val_to_name(dlt);

	return n != NULL ? n : "unknown";
}

bool
pcapin_is_live(const struct pcapin *in)
{
	return in->live;
}

const char *
pcapin_warning(const struct pcapin *in)
{
	return in->warn[0] != '\0' ? in->warn : NULL;
}

int
pcapin_fd(const struct pcapin *in)
{
	return in->live ? pcap_get_selectable_fd(in->p) : -1;
}

bool
pcapin_set_nonblock(struct pcapin *in, bool on)
{
	char ebuf[PCAP_ERRBUF_SIZE];

	if (in->live && (in->wait || on)) {
		/* Non-blocking already; "on": the caller waits itself. */
		in->wait = !on;
		return true;
	}
	return pcap_setnonblock(in->p, on ? 1 : 0, ebuf) == 0;
}

static void
handler(u_char *arg, const struct pcap_pkthdr *h, const u_char *data)
{
	struct pcapin *in = (struct pcapin *)arg;
	struct pcapin_group *grp = in->grp;
	struct pcapin_frame f;
	uint64_t n;

	if (grp == NULL) {
		if (in->dump != NULL)
			pcap_dump((u_char *)in->dump, h, data);
		n = ++in->frames;
	} else if (in->dump != NULL) {
		/* Frame numbers follow the -w file's order. */
		pthread_mutex_lock(&grp->m);
		n = ++grp->frames;
		if (in->max == 0 || n <= in->max)
			pcap_dump((u_char *)in->dump, h, data);
		pthread_mutex_unlock(&grp->m);
	} else
		n = atomic_fetch_add(&grp->frames, 1) + 1;
	if (grp != NULL && in->max != 0 && n > in->max) {
		/* -c: another handle read the last one. */
		pcapin_break(in);
		return;
	}
	if (grp != NULL)
		in->frames++;	/* this handle's own */
	f.frame = (uint32_t)n;
	f.ts = (uint64_t)h->ts.tv_sec * 1000000 + (uint64_t)h->ts.tv_usec;
	f.caplen = h->caplen;
	f.wirelen = h->len;
	f.data = data;
	in->cb(in->arg, &f);
	if (in->max != 0 && n >= in->max) {
		if (grp != NULL)
			pcapin_break(in);
		else
			pcap_breakloop(in->p);
	}
}

enum pcapin_res
pcapin_run(struct pcapin *in, pcapin_cb cb, void *arg, uint64_t max,
    int batch, char *msg, size_t msglen)
{
	struct pollfd pfd;
	bool waited = false;
	const char *e;
	int rc;

	in->cb = cb;
	in->arg = arg;
	in->max = max;
	msg[0] = '\0';
	for (;;) {
		if (in->stop)
			return PCAPIN_BREAK;
		if (max != 0 && pcapin_frames(in) >= max)
			return PCAPIN_BREAK;
		rc = pcap_dispatch(in->p, batch > 0 ? batch : 4096, handler,
		    (u_char *)in);
		if (in->dump != NULL && in->grp != NULL) {
			pthread_mutex_lock(&in->grp->m);
			pcap_dump_flush(in->dump);
			pthread_mutex_unlock(&in->grp->m);
		} else if (in->dump != NULL)
			pcap_dump_flush(in->dump);
		if (rc == PCAP_ERROR_BREAK)
			return PCAPIN_BREAK;
		if (rc == PCAP_ERROR) {
			e = pcap_geterr(in->p);
			if (!in->live && strncmp(e, "truncated dump file",
			    19) == 0) {
				/* The last packet was cut: a warning. */
				snprintf(msg, msglen, "warning: %s (after "
				    "frame %llu)", e,
				    (unsigned long long)in->frames);
				return PCAPIN_EOF;
			}
			if (in->live) {
				snprintf(msg, msglen, "%s", e);
				return PCAPIN_ERROR;
			}
			snprintf(msg, msglen, "%s; stopped after frame %llu, "
			    "the last good packet", e,
			    (unsigned long long)in->frames);
			return PCAPIN_CORRUPT;
		}
		if (!in->live && rc == 0)
			return PCAPIN_EOF;
		if (in->live && in->wait && rc == 0 && (batch == 0 ||
		    !waited)) {
			/* Nothing now: wait a little (a signal ends it). */
			pfd.fd = pcap_get_selectable_fd(in->p);
			pfd.events = POLLIN;
			if (pfd.fd >= 0)
				(void)poll(&pfd, 1, LIVE_WAIT_MS);
			waited = true;
			continue;
		}
		if (batch > 0)
			return PCAPIN_AGAIN;
	}
}

/* Async-signal-safe: an atomic store and libpcap's breakloop (a flag and
 * an eventfd write) per handle. */
void
pcapin_break(struct pcapin *in)
{
	unsigned int i;

	if (in->grp == NULL) {
		in->stop = true;
		pcap_breakloop(in->p);
		return;
	}
	for (i = 0; i < in->grp->n; i++) {
		in->grp->h[i]->stop = true;
		pcap_breakloop(in->grp->h[i]->p);
	}
}

int
pcapin_progress(const struct pcapin *in)
{
	struct stat st;
	FILE *fp;
	long pos;

	if (in->live || (fp = pcap_file(in->p)) == NULL ||
	    fstat(fileno(fp), &st) != 0 || !S_ISREG(st.st_mode) ||
	    st.st_size <= 0 || (pos = ftell(fp)) < 0)
		return -1;
	return (int)((double)pos * 100.0 / (double)st.st_size);
}

uint64_t
pcapin_frames(const struct pcapin *in)
{
	uint64_t n;

	if (in->grp == NULL)
		return in->frames;
	n = atomic_load(&in->grp->frames);
	return in->max != 0 && n > in->max ? in->max : n;
}

bool
pcapin_stats(struct pcapin *in, uint64_t *recv, uint64_t *drop,
    uint64_t *ifdrop)
{
	struct pcap_stat ps;

	if (!in->live || pcap_stats(in->p, &ps) < 0)
		return false;
	*recv = ps.ps_recv;
	*drop = ps.ps_drop;
	*ifdrop = ps.ps_ifdrop;
	return true;
}

bool
pcapin_list_ifaces(FILE *fp, char *err, size_t errlen)
{
	char ebuf[PCAP_ERRBUF_SIZE];
	pcap_if_t *all, *d;
	int i = 1;

	if (pcap_findalldevs(&all, ebuf) < 0) {
		snprintf(err, errlen, "%s", ebuf);
		return false;
	}
	for (d = all; d != NULL; d = d->next, i++) {
		fprintf(fp, "%d.%s", i, d->name);
		if (d->description != NULL)
			fprintf(fp, " (%s)", d->description);
		fprintf(fp, " [%s%s%s]\n",
		    (d->flags & PCAP_IF_UP) ? "Up" : "",
		    (d->flags & PCAP_IF_RUNNING) ? ", Running" : "",
		    (d->flags & PCAP_IF_LOOPBACK) ? ", Loopback" : "");
	}
	pcap_freealldevs(all);
	return true;
}

const char *
pcapin_default_iface(char *out, size_t len)
{
	char ebuf[PCAP_ERRBUF_SIZE];
	pcap_if_t *all, *d;

	if (pcap_findalldevs(&all, ebuf) < 0 || all == NULL)
		return NULL;
	for (d = all; d != NULL; d = d->next)
		if (!(d->flags & PCAP_IF_LOOPBACK) &&
		    (d->flags & PCAP_IF_UP))
			break;
	snprintf(out, len, "%s", d != NULL ? d->name : all->name);
	pcap_freealldevs(all);
	return out;
}

/* Clears every capability left (file capabilities on the binary). */
static bool
clear_caps(void)
{
#ifdef __linux__
	struct __user_cap_header_struct hdr;
	struct __user_cap_data_struct data[2];

	memset(&hdr, 0, sizeof(hdr));
	memset(data, 0, sizeof(data));
	hdr.version = _LINUX_CAPABILITY_VERSION_3;
	hdr.pid = 0;
	return syscall(SYS_capset, &hdr, data) == 0;
#else
	return true;
#endif
}

bool
pcapin_drop_privs(const char *user, char *err, size_t errlen)
{
	struct passwd *pw;
	gid_t groups[2];
	bool root = geteuid() == 0;
	int n;

	errno = 0;
	if ((pw = getpwnam(user)) == NULL) {
		snprintf(err, errlen, "-Z %s: %s", user, errno != 0 ?
		    strerror(errno) : "no such user");
		return false;
	}
	if (!root) {
		/* Not root: only staying who we are makes sense. */
		if (pw->pw_uid != getuid() || pw->pw_uid != geteuid()) {
			snprintf(err, errlen, "-Z %s: changing user needs "
			    "root", user);
			return false;
		}
	} else if (setgroups(1, &pw->pw_gid) != 0 ||
	    setgid(pw->pw_gid) != 0 || setuid(pw->pw_uid) != 0) {
		snprintf(err, errlen, "-Z %s: %s", user, strerror(errno));
		return false;
	}
	if (pw->pw_uid != 0 && !clear_caps()) {
		snprintf(err, errlen, "-Z %s: clearing capabilities: %s",
		    user, strerror(errno));
		return false;
	}
	/* Check: the ids are the user's and root cannot be regained. */
	n = getgroups(2, groups);
	if (getuid() != pw->pw_uid || geteuid() != pw->pw_uid ||
	    (root && (getgid() != pw->pw_gid || getegid() != pw->pw_gid ||
	    n < 0 || n > 1 || (n == 1 && groups[0] != pw->pw_gid))) ||
	    (pw->pw_uid != 0 && (setuid(0) == 0 || seteuid(0) == 0))) {
		snprintf(err, errlen, "-Z %s: privileges not dropped", user);
		return false;
	}
	return true;
}
