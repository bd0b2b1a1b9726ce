/* LD_PRELOAD shim for the CPython parity test.
 *
 * CPython converts a Python address object into a sockaddr only on its way
 * to a system call, so the shim sits at that boundary. While capturing is
 * switched on, bind() and connect() record the exact sockaddr bytes and
 * length they are given and report success without touching the kernel.
 * While a getsockname() answer is armed, getsockname() returns those bytes
 * instead of asking the kernel, which drives CPython's makesockaddr() for any
 * family. getaddrinfo() always gets AI_NUMERICHOST added so that no input can
 * make CPython query DNS or the hosts file during the test.
 *
 * The Python side switches the modes through the parity_* functions with
 * ctypes; every interposed call passes straight through otherwise. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <netdb.h>
#include <string.h>
#include <sys/socket.h>

#define PARITY_MAX 512

static int           capture_on;
static unsigned char captured[PARITY_MAX];
static int           captured_len = -1;
static unsigned char answer[PARITY_MAX];
static int           answer_len = -1;

/* Switches capturing on (forgetting the last record) or off (keeping it). */
__attribute__((visibility("default"))) void parity_capture(int on) {
  capture_on = on;
  if (on)
    captured_len = -1;
}

/* Copies the last recorded sockaddr into out and returns its length, or -1
 * when nothing was recorded since capturing was switched on. */
__attribute__((visibility("default"))) int parity_captured(unsigned char *out,
                                                           int            cap) {
  if (captured_len < 0 || captured_len > cap)
    return -1;
  memcpy(out, captured, (size_t)captured_len);
  return captured_len;
}

/* Arms getsockname() to answer len bytes from in; a negative len disarms. */
__attribute__((visibility("default"))) void
parity_answer(const unsigned char *in, int len) {
  if (len > PARITY_MAX)
    len = -1;
  if (len > 0)
    memcpy(answer, in, (size_t)len);
  answer_len = len;
}

static int record(const struct sockaddr *sa, socklen_t len) {
  size_t n = len < PARITY_MAX ? (size_t)len : PARITY_MAX;
  memcpy(captured, sa, n);
  captured_len = (int)n;
  return 0;
}

int bind(int fd, const struct sockaddr *sa, socklen_t len) {
  int (*real)(int, const struct sockaddr *, socklen_t);
  if (capture_on)
    return record(sa, len);
  *(void **)&real = dlsym(RTLD_NEXT, "bind");
  return real(fd, sa, len);
}

int connect(int fd, const struct sockaddr *sa, socklen_t len) {
  int (*real)(int, const struct sockaddr *, socklen_t);
  if (capture_on)
    return record(sa, len);
  *(void **)&real = dlsym(RTLD_NEXT, "connect");
  return real(fd, sa, len);
}

int getsockname(int fd, struct sockaddr *sa, socklen_t *len) {
  int (*real)(int, struct sockaddr *, socklen_t *);
  if (answer_len >= 0) {
    size_t n = (size_t)answer_len < *len ? (size_t)answer_len : *len;
    memcpy(sa, answer, n);
    *len = (socklen_t)answer_len;
    return 0;
  }
  *(void **)&real = dlsym(RTLD_NEXT, "getsockname");
  return real(fd, sa, len);
}

int getaddrinfo(const char *node, const char *service,
                const struct addrinfo *hints, struct addrinfo **res) {
  int (*real)(const char *, const char *, const struct addrinfo *,
              struct addrinfo **);
  struct addrinfo numeric;
  memset(&numeric, 0, sizeof numeric);
  if (hints)
    numeric = *hints;
  numeric.ai_flags |= AI_NUMERICHOST;
  *(void **)&real = dlsym(RTLD_NEXT, "getaddrinfo");
  return real(node, service, &numeric, res);
}
