/* LD_PRELOAD shim for judging pppd options files without kernel PPP support.
 *
 * - open/open64/openat/openat64 (and the fortified __open*_2 forms) of
 *   "/dev/ppp" open "/dev/null" instead, so pppd's kernel check passes.
 * - Any other open for writing (pppd's "logfile" at parse time) gets a dup
 *   of stderr when the target's folder exists, so judging a file never
 *   creates or changes files on the host; a missing folder still fails
 *   with ENOENT and a folder as target with EISDIR, as the real open would.
 * - getsockname() on the fd named by L2TP_LINT_SHIM_FD answers AF_PPPOX and
 *   getsockopt(fd, SOL_PPPOL2TP, ...) answers 0, so pppol2tp.so accepts it
 *   as a PPPoL2TP socket (setdevname_pppol2tp).
 * - sleep() returns at once: after a tty dryrun, pppd's cleanup drops DTR on
 *   fd 0 and sleeps one second (tty.c finish_tty), after the verdict.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#define SHIM_AF_PPPOX 24
#define SHIM_SOL_PPPOL2TP 273

static const char *redirect(const char *path)
{
	return (path && strcmp(path, "/dev/ppp") == 0) ? "/dev/null" : path;
}

static int is_write(int flags)
{
	return (flags & O_ACCMODE) != O_RDONLY || (flags & O_CREAT);
}

static int is_device(const char *path)
{
	return strncmp(path, "/dev/", 5) == 0 || strncmp(path, "/proc/", 6) == 0;
}

/* Returns -2 when the real open should run, else the fd (or -1 with errno). */
static int sink_for_write(const char *path, int flags)
{
	struct stat st;
	char parent[4096];
	const char *slash;

	if (!path || !*path || !is_write(flags) || is_device(path))
		return -2;
	if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
		errno = EISDIR;
		return -1;
	}
	slash = strrchr(path, '/');
	if (!slash)
		return dup(2);
	if ((size_t)(slash - path) >= sizeof(parent)) {
		errno = ENAMETOOLONG;
		return -1;
	}
	if (slash == path) {
		strcpy(parent, "/");
	} else {
		memcpy(parent, path, slash - path);
		parent[slash - path] = '\0';
	}
	if (stat(parent, &st) != 0)
		return -1;
	if (!S_ISDIR(st.st_mode)) {
		errno = ENOTDIR;
		return -1;
	}
	return dup(2);
}

/* sink_for_write() for openat(): only paths that do not depend on dirfd. */
static int sink_at(int dirfd, const char *path, int flags)
{
	if (!path || (dirfd != AT_FDCWD && path[0] != '/'))
		return -2;
	return sink_for_write(path, flags);
}

static mode_t mode_arg(int flags, va_list ap)
{
	return (flags & (O_CREAT | O_TMPFILE)) ? (mode_t)va_arg(ap, int) : 0;
}

static int shim_fd(void)
{
	const char *s = getenv("L2TP_LINT_SHIM_FD");
	return (s && *s) ? atoi(s) : -1;
}

#define REAL(name, type) \
	static type real_##name; \
	if (!real_##name) real_##name = (type)dlsym(RTLD_NEXT, #name)

typedef int (*open_fn)(const char *, int, ...);
typedef int (*openat_fn)(int, const char *, int, ...);
typedef int (*open2_fn)(const char *, int);
typedef int (*openat2_fn)(int, const char *, int);

int open(const char *path, int flags, ...)
{
	va_list ap;
	va_start(ap, flags);
	mode_t mode = mode_arg(flags, ap);
	va_end(ap);
	int sink = sink_for_write(path, flags);
	if (sink != -2)
		return sink;
	REAL(open, open_fn);
	return real_open(redirect(path), flags, mode);
}

int open64(const char *path, int flags, ...)
{
	va_list ap;
	va_start(ap, flags);
	mode_t mode = mode_arg(flags, ap);
	va_end(ap);
	int sink = sink_for_write(path, flags);
	if (sink != -2)
		return sink;
	REAL(open64, open_fn);
	return real_open64(redirect(path), flags, mode);
}

int openat(int dirfd, const char *path, int flags, ...)
{
	va_list ap;
	va_start(ap, flags);
	mode_t mode = mode_arg(flags, ap);
	va_end(ap);
	int sink = sink_at(dirfd, path, flags);
	if (sink != -2)
		return sink;
	REAL(openat, openat_fn);
	return real_openat(dirfd, redirect(path), flags, mode);
}

int openat64(int dirfd, const char *path, int flags, ...)
{
	va_list ap;
	va_start(ap, flags);
	mode_t mode = mode_arg(flags, ap);
	va_end(ap);
	int sink = sink_at(dirfd, path, flags);
	if (sink != -2)
		return sink;
	REAL(openat64, openat_fn);
	return real_openat64(dirfd, redirect(path), flags, mode);
}

int __open_2(const char *path, int flags)
{
	REAL(__open_2, open2_fn);
	return real___open_2(redirect(path), flags);
}

int __open64_2(const char *path, int flags)
{
	REAL(__open64_2, open2_fn);
	return real___open64_2(redirect(path), flags);
}

int __openat_2(int dirfd, const char *path, int flags)
{
	REAL(__openat_2, openat2_fn);
	return real___openat_2(dirfd, redirect(path), flags);
}

int __openat64_2(int dirfd, const char *path, int flags)
{
	REAL(__openat64_2, openat2_fn);
	return real___openat64_2(dirfd, redirect(path), flags);
}

typedef int (*getsockname_fn)(int, struct sockaddr *, socklen_t *);
typedef int (*getsockopt_fn)(int, int, int, void *, socklen_t *);

int getsockname(int fd, struct sockaddr *addr, socklen_t *len)
{
	if (fd >= 0 && fd == shim_fd() && addr && len && *len >= sizeof(sa_family_t)) {
		memset(addr, 0, *len);
		addr->sa_family = SHIM_AF_PPPOX;
		*len = sizeof(struct sockaddr);
		return 0;
	}
	REAL(getsockname, getsockname_fn);
	return real_getsockname(fd, addr, len);
}

int getsockopt(int fd, int level, int name, void *val, socklen_t *len)
{
	if (fd >= 0 && fd == shim_fd() && level == SHIM_SOL_PPPOL2TP) {
		if (val && len && *len > 0)
			memset(val, 0, *len);
		return 0;
	}
	REAL(getsockopt, getsockopt_fn);
	return real_getsockopt(fd, level, name, val, len);
}

unsigned int sleep(unsigned int seconds)
{
	(void)seconds;
	return 0;
}
