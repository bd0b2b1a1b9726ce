/* saddr: socket-address specifications to ready-to-use sockaddrs.
 *
 * This header is the whole public API. Every public name carries the
 * saddr_/SADDR_ prefix. Inputs are (pointer, length) pairs: no function
 * relies on a terminating NUL or reads past the length it is given.
 *
 * Status convention: functions return 0 (SADDR_OK) or a negative
 * saddr_status, and fill a caller-supplied saddr_error with the code, the
 * byte span of the offending part of the input and a one-line message.
 */
#ifndef SADDR_H
#define SADDR_H

#include <netinet/in.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/socket.h>
#include <sys/un.h>

#ifdef __cplusplus
extern "C" {
#endif

/* SADDR_API marks the exported functions; the generated header defines it
 * together with SADDR_DEPRECATED and SADDR_DEPRECATED_FOR(replacement). */
#include "saddr_export.h"

/* The version of this header. saddr_version() reports the library's; within
 * one major version the ABI only grows (docs/api.md). */
#define SADDR_VERSION_MAJOR 0
#define SADDR_VERSION_MINOR 1
#define SADDR_VERSION_PATCH 0
/* For #if tests: 0xMMmmpp. */
#define SADDR_VERSION_NUMBER                                                   \
  ((SADDR_VERSION_MAJOR << 16) | (SADDR_VERSION_MINOR << 8) |                  \
   SADDR_VERSION_PATCH)

/* "MAJOR.MINOR.PATCH" of the library actually linked. */
SADDR_API const char *saddr_version(void);

/* ---- Errors -------------------------------------------------------------
 * One table gives the enum, saddr_err_name() and saddr_strerror().
 * Codes are stable: new codes are only ever appended. */
#define SADDR_ERRNO_MAP(XX)                                                    \
  XX(EEMPTY, -1, "empty address")                                              \
  XX(ESYNTAX, -2, "syntax error")                                              \
  XX(ETUPLE, -3, "malformed tuple")                                            \
  XX(EARITY, -4, "wrong number of tuple items")                                \
  XX(ETYPE, -5, "wrong value type")                                            \
  XX(ESTRING, -6, "malformed string literal")                                  \
  XX(EESCAPE, -7, "invalid escape sequence")                                   \
  XX(EUTF8, -8, "invalid UTF-8")                                               \
  XX(ECONST, -9, "unknown constant name")                                      \
  XX(ERANGE, -10, "value out of range")                                        \
  XX(EPORT, -11, "invalid port")                                               \
  XX(ENOPORT, -12, "missing port")                                             \
  XX(EIPV4, -13, "invalid IPv4 address")                                       \
  XX(EIPV4LEGACY, -14, "legacy IPv4 form")                                     \
  XX(EIPV6, -15, "invalid IPv6 address")                                       \
  XX(EBRACKETS, -16, "IPv6 address with a port needs brackets")                \
  XX(EZONE, -17, "invalid zone")                                               \
  XX(ENOIFACE, -18, "no such interface")                                       \
  XX(ESCOPE, -19, "conflicting scope id")                                      \
  XX(EHOSTNAME, -20, "invalid host name")                                      \
  XX(ERESOLVE, -21, "host name needs resolution")                              \
  XX(ESERVICE, -22, "service name needs the services database")                \
  XX(EFAMILY, -23, "address family mismatch")                                  \
  XX(ETOOLONG, -24, "too long")                                                \
  XX(ENUL, -25, "NUL byte not allowed here")                                   \
  XX(EIDNA, -26, "IDNA conversion failed")                                     \
  XX(ENUMERIC, -27, "name maps to a numeric address")                          \
  XX(ESCHEME, -28, "unknown prefix")                                           \
  XX(EINVAL, -29, "invalid argument")                                          \
  XX(ENOSPACE, -30, "output buffer too small")                                 \
  XX(EHEX, -31, "invalid hex")                                                 \
  XX(ELENGTH, -32, "invalid address length")                                   \
  XX(ENOMEM, -33, "out of memory")                                             \
  XX(ESYS, -34, "system call failed")                                          \
  XX(ENOTFOUND, -35, "no such name")                                           \
  XX(ENODATA, -36, "no address of that family")                                \
  XX(ESERVFAIL, -37, "server failure")                                         \
  XX(EREFUSED, -38, "query refused")                                           \
  XX(ETIMEDOUT, -39, "timed out")                                              \
  XX(ECANCELED, -40, "cancelled")                                              \
  XX(EDESTROYED, -41, "resolver destroyed")                                    \
  XX(EBADRESP, -42, "malformed DNS response")                                  \
  XX(EADDRINUSE, -43, "address in use")                                        \
  XX(EEXIST, -44, "file exists")                                               \
  XX(ENOTSUP, -45, "not supported on this host")                               \
  XX(EAGAIN, -46, "too many requests")                                         \
  XX(EUNREACH, -47, "destination unreachable")                                 \
  XX(ECONNREFUSED, -48, "connection refused")                                  \
  XX(ECONNECT, -49, "connection failed")                                       \
  XX(EINHERIT, -50, "inherited socket does not match")                         \
  XX(ENOINHERIT, -51, "no such inherited socket")

typedef enum saddr_status {
  SADDR_OK = 0,
#define SADDR_ENUM_GEN(name, val, msg) SADDR_##name = (val),
  SADDR_ERRNO_MAP(SADDR_ENUM_GEN)
#undef SADDR_ENUM_GEN
} saddr_status;

/* Longest message saddr writes into saddr_error.message, NUL included. */
#define SADDR_MESSAGE_MAX 160

typedef struct saddr_error {
  int    code;      /* saddr_status */
  size_t offset;    /* first offending byte of the input */
  size_t length;    /* how many bytes the offending part spans */
  int    sys_errno; /* errno for SADDR_ESYS and bind failures, else 0 */
  char   message[SADDR_MESSAGE_MAX];
} saddr_error;

SADDR_API const char *saddr_strerror(int code);
SADDR_API const char *saddr_err_name(int code);

/* ---- The address model --------------------------------------------------
 * One union covers every family's sockaddr: sockaddr_storage is large enough
 * for each of them (the largest, sockaddr_un and sockaddr_alg, are 110 and 88
 * bytes). Family modules fill `bytes` through the kernel's own struct. */
typedef union saddr_sockaddr {
  struct sockaddr         sa;
  struct sockaddr_in      in;
  struct sockaddr_in6     in6;
  struct sockaddr_un      un;
  struct sockaddr_storage storage;
  unsigned char           bytes[sizeof(struct sockaddr_storage)];
} saddr_sockaddr;

/* saddr_addr.flags */
#define SADDR_ADDR_WILDCARD 0x01u /* an any-address: '', '*', 0.0.0.0, :: */
#define SADDR_ADDR_V6ONLY   0x02u /* bind with IPV6_V6ONLY=1 (the default) */
#define SADDR_ADDR_ALLFAM   0x04u /* one of an "every family" wildcard set */
#define SADDR_ADDR_LOOPBACK 0x08u /* answered locally for a localhost name */
/* The IPv6 scope came from an interface name. */
#define SADDR_ADDR_ZONE_NAME 0x10u

/* A frozen value type: new fields will never be added. */
typedef struct saddr_addr {
  saddr_sockaddr sa;     /* zeroed, then filled */
  socklen_t      len;    /* bytes of sa to pass to bind(2)/connect(2) */
  int            family; /* reported family: AF_RDS even though sin_family
                            is AF_INET, otherwise sa.sa.sa_family */
  int type;              /* the family's natural type (saddr_default_type)
                            unless the caller or text says */
  int      protocol;     /* 0 unless the caller or text says */
  unsigned flags;        /* SADDR_ADDR_* */
} saddr_addr;

/* ---- Parsing ----------------------------------------------------------- */

/* saddr_hints.flags */
#define SADDR_SYNTAX_TUPLE   0x01u /* the text is tuple syntax */
#define SADDR_SYNTAX_COMPACT 0x02u /* the text is compact syntax */
#define SADDR_DEFAULT_PORT   0x04u /* default_port applies to IP specs */
/* Return names and service names in saddr_parsed.need instead of failing. */
#define SADDR_DEFER     0x08u
#define SADDR_DUALSTACK 0x10u /* IPv6 wildcards bind with V6ONLY=0 */

/* Zero-initialised hints (or NULL) mean: family and syntax from the text,
 * the family's natural socket type (saddr_default_type), protocol 0, no
 * default port. */
typedef struct saddr_hints {
  int      family;   /* AF_UNSPEC or AF_* (for tuples: which family's form) */
  int      type;     /* 0: the family's natural type */
  int      protocol; /* BTPROTO_*, CAN_*, NETLINK_*; 0 by default */
  unsigned flags;    /* SADDR_SYNTAX_*, SADDR_DEFAULT_PORT, ... */
  uint16_t default_port;
  /* Resolution of a name asked for with AF_UNSPEC: complete this many ms
   * after the first family answered, without waiting for the other (RFC
   * 8305's Resolution Delay). 0: the resolver's family_delay_ms. */
  uint16_t family_delay_ms;
} saddr_hints;

/* The most addresses one spec yields without resolution: an "every family"
 * wildcard or localhost gives IPv6 then IPv4. */
#define SADDR_PARSED_MAX  2
#define SADDR_HOST_MAX    254 /* 253-byte DNS name + NUL */
#define SADDR_SERVICE_MAX 64

/* saddr_parsed.need (only with SADDR_DEFER) */
#define SADDR_NEED_HOST 0x1u /* host[] must be resolved */
/* service[] must be looked up; the port in addr[] is 0 until then. */
#define SADDR_NEED_SERVICE 0x2u

typedef struct saddr_parsed {
  size_t     count; /* addresses in addr[] */
  saddr_addr addr[SADDR_PARSED_MAX];
  unsigned   need; /* SADDR_NEED_*; 0 when addr[] is final */
  /* With SADDR_NEED_HOST: the name to resolve (ASCII, A-labels, no trailing
   * dot) and the port. family, type and protocol are always set: what the
   * caller and the text asked for. */
  char     host[SADDR_HOST_MAX];
  char     service[SADDR_SERVICE_MAX]; /* with SADDR_NEED_SERVICE */
  int      family;
  int      type;
  int      protocol;
  uint16_t port;
  unsigned flags;       /* SADDR_ADDR_* to stamp on resolved addresses */
  size_t   host_offset; /* where the host and service stand in the input */
  size_t   host_length;
  size_t   service_offset;
  size_t   service_length;
} saddr_parsed;

/* Parses one spec. Numeric, wildcard, localhost and non-IP specs are answered
 * here without allocation or I/O (interface names excepted). A host name is
 * SADDR_ERESOLVE unless SADDR_DEFER is set. */
SADDR_API int saddr_parse(const char *text, size_t len,
                          const saddr_hints *hints, saddr_parsed *out,
                          saddr_error *err);

/* The same for specs that give exactly one address (no every-family
 * wildcard, no localhost pair): the fast path for numeric literals. */
SADDR_API int saddr_parse_addr(const char *text, size_t len,
                               const saddr_hints *hints, saddr_addr *out,
                               saddr_error *err);

/* ---- Formatting -------------------------------------------------------- */

#define SADDR_FORMAT_TUPLE   0 /* as Python's repr of makesockaddr() */
#define SADDR_FORMAT_COMPACT 1 /* config-file style; parses back */
/* The host of an IP address alone, for logs: 192.0.2.1, 2001:db8::1,
 * fe80::1%eth0 (no brackets, no port, no type prefix). Addresses of other
 * families have no host to separate and print as SADDR_FORMAT_COMPACT. */
#define SADDR_FORMAT_HOST 2

/* Enough for any formatted address, NUL included: the longest is an AF_UNIX
 * path of 108 undecodable bytes, each printed as \udcXX (6 characters). */
#define SADDR_FORMAT_MAX 1024

/* Formats salen bytes at sa. hints->family overrides sa_family (AF_RDS);
 * hints->protocol picks the Bluetooth or CAN form; hints->type adds a type
 * prefix to compact text when it is not the family's natural type. Writes a
 * NUL-terminated string and returns its length, or a negative saddr_status.
 * Never reads more than salen bytes. */
SADDR_API int saddr_format(const void *sa, size_t salen,
                           const saddr_hints *hints, int style, char *buf,
                           size_t cap, saddr_error *err);

SADDR_API int saddr_format_addr(const saddr_addr *addr, int style, char *buf,
                                size_t cap, saddr_error *err);

/* ---- Names ------------------------------------------------------------- */

/* Looks up a symbolic constant (AF_INET6, SOCK_DGRAM, BTPROTO_L2CAP,
 * socket.VMADDR_CID_ANY, ...). Returns 0 or SADDR_ECONST. */
SADDR_API int saddr_constant(const char *name, size_t len, long long *value);

/* The C name of a family or socket type, or NULL when it has none. */
SADDR_API const char *saddr_family_name(int family);
SADDR_API const char *saddr_type_name(int type);

/* The socket type an address of this family (and protocol) gets when
 * neither the caller nor the text names one: SOCK_STREAM for AF_INET,
 * AF_INET6, AF_UNIX, AF_VSOCK and Bluetooth RFCOMM; SOCK_RAW for AF_PACKET,
 * AF_NETLINK, CAN_RAW (and CAN protocol 0) and Bluetooth HCI; SOCK_DGRAM for
 * CAN_BCM, CAN_ISOTP, CAN_J1939 and AF_QIPCRTR; SOCK_SEQPACKET for AF_ALG,
 * Bluetooth L2CAP (protocol 0) and SCO, AF_TIPC and AF_RDS; SOCK_STREAM for
 * AF_UNSPEC and families saddr does not know. */
SADDR_API int saddr_default_type(int family, int protocol);

/* ---- Ports ------------------------------------------------------------- */

/* The port of an AF_INET, AF_INET6 or AF_RDS address (0-65535, host
 * order), or SADDR_EFAMILY for a family without a 16-bit port (AF_VSOCK's
 * port is 32 bits: read sa.bytes through struct sockaddr_vm). */
SADDR_API int saddr_addr_port(const saddr_addr *addr);

/* Sets the port of an AF_INET, AF_INET6 or AF_RDS address. Returns 0, or
 * SADDR_EFAMILY (the address is left unchanged) for other families and
 * SADDR_EINVAL for NULL. */
SADDR_API int saddr_addr_set_port(saddr_addr *addr, uint16_t port);

/* ---- Local databases: hosts and services files ------------------------ */

/* Readers of hosts(5) and services(5) files of saddr's own: no
 * gethostbyname/getservbyname, no NSS, no global state. A handle opened by
 * path reads its file on first use and re-reads it whenever stat(2) shows a
 * change (device, inode, size, mtime or ctime); a missing file reads as an
 * empty one. A handle parsed from bytes never changes. Every function may be
 * called from several threads on one handle: a mutex serialises lookups
 * against reloads.
 *
 * Lines are read strictly and used whole or not at all. `#` starts a
 * comment anywhere; CR, tab, VT and FF count as blanks (CRLF files work); a
 * line that holds a NUL byte, is longer than 4096 bytes, or has a field that
 * does not parse is ignored, never truncated or half-applied. Files larger
 * than 32 MiB are refused (SADDR_ETOOLONG). */
typedef struct saddr_hosts    saddr_hosts;
typedef struct saddr_services saddr_services;

/* A host name keeps at most this many addresses (the first ones in file
 * order); later lines that add more are ignored for that name. A lookup with
 * cap >= SADDR_HOSTS_ADDRS_MAX never reports SADDR_ENOSPACE. */
#define SADDR_HOSTS_ADDRS_MAX 64

/* Hosts file lines are `ADDRESS NAME [ALIAS...]`. ADDRESS is a strict IPv4
 * (four decimal parts, no leading zeros) or IPv6 literal without a zone;
 * names and aliases match case-insensitively (ASCII), one trailing dot
 * ignored, at most 253 bytes. A name on several lines gets every address, in
 * file order, without duplicates. */

/* Opens the hosts file at path (NULL: /etc/hosts); the file is read by the
 * first lookup. Returns NULL only when memory runs out. */
SADDR_API saddr_hosts *saddr_hosts_open(const char *path);

/* Parses a whole hosts file from len bytes at text (for tests and fuzzing:
 * any bytes are safe). Returns 0 and a handle in *out, or SADDR_ENOMEM or
 * SADDR_ETOOLONG. Bad lines are skipped, not errors. */
SADDR_API int saddr_hosts_parse(const char *text, size_t len, saddr_hosts **out,
                                saddr_error *err);

/* Looks up the name [name, name+len) for family AF_INET, AF_INET6 or
 * AF_UNSPEC. Fills out[0..cap) with addresses of port 0, type SOCK_STREAM,
 * protocol 0 and no flags (callers stamp their own), and sets *count.
 * AF_UNSPEC gives IPv6 first, then alternates families (RFC 8305), each
 * family in file order. Returns:
 *   0               every address found is in out[0..*count)
 *   SADDR_ENOSPACE  more than cap were found: out holds the first cap of
 *                   them and *count is how many there are
 *   SADDR_ENOTFOUND the name is not in the file
 *   SADDR_ENODATA   the name is in the file, but not with that family
 *   SADDR_EINVAL, SADDR_EFAMILY, or the file's read errors (SADDR_ESYS with
 *   err->sys_errno, SADDR_ETOOLONG, SADDR_ENOMEM).
 * Error offsets are into name. */
SADDR_API int saddr_hosts_lookup(saddr_hosts *h, const char *name, size_t len,
                                 int family, saddr_addr *out, size_t cap,
                                 size_t *count, saddr_error *err);

/* Closes the handle (NULL is ignored). No lookup may be running on it. */
SADDR_API void saddr_hosts_close(saddr_hosts *h);

/* Services file lines are `NAME PORT/PROTOCOL [ALIAS...]` with a decimal
 * port 0-65535 (no sign, no leading zero) and protocol tcp, udp, sctp or
 * dccp (lines for other protocols are ignored). Names and aliases match
 * case-insensitively (ASCII), at most 63 bytes; the first line that gives
 * a name for a protocol wins, as in glibc. */

/* Opens the services file at path (NULL: /etc/services); as
 * saddr_hosts_open. */
SADDR_API saddr_services *saddr_services_open(const char *path);

/* Parses a whole services file from bytes; as saddr_hosts_parse. */
SADDR_API int saddr_services_parse(const char *text, size_t len,
                                   saddr_services **out, saddr_error *err);

/* Looks up the service [name, name+len) for a socket type: SOCK_STREAM (or
 * 0) reads tcp entries, SOCK_DGRAM udp, SOCK_SEQPACKET sctp, SOCK_DCCP dccp.
 * A decimal port (strict, as in specs) is returned as is without a lookup.
 * Returns 0 and *port, SADDR_ESERVICE for an unknown service or a type
 * without a services-file protocol (the message names the service, the
 * protocol and the file), SADDR_EINVAL, or the file's read errors. */
SADDR_API int saddr_services_lookup(saddr_services *s, const char *name,
                                    size_t len, int type, uint16_t *port,
                                    saddr_error *err);

/* The same, with the protocol deciding when it is IPPROTO_TCP, IPPROTO_UDP,
 * IPPROTO_UDPLITE (udp entries), IPPROTO_SCTP or IPPROTO_DCCP; any other
 * protocol (0 included) leaves the choice to the type. */
SADDR_API int saddr_services_lookup_proto(saddr_services *s, const char *name,
                                          size_t len, int type, int protocol,
                                          uint16_t *port, saddr_error *err);

/* Closes the handle (NULL is ignored). No lookup may be running on it. */
SADDR_API void saddr_services_close(saddr_services *s);

/* ---- Resolver ----------------------------------------------------------
 * An asynchronous resolver on c-ares. A request takes a spec (the same text
 * saddr_parse reads) and answers with every address it stands for, each with
 * the port, socket type and protocol stamped on it.
 *
 * Where answers come from, in order:
 *   1. the spec itself: literals, wildcards, <broadcast> and localhost are
 *      answered without I/O (SADDR_SOURCE_LOCAL);
 *   2. the hosts file, case-insensitively, aliases included
 *      (SADDR_SOURCE_HOSTS);
 *   3. the answer cache (SADDR_SOURCE_CACHE);
 *   4. DNS through c-ares (SADDR_SOURCE_DNS). Only real host names reach
 *      c-ares: never a literal, '', NULL or a zone. Non-ASCII names reach it
 *      as A-labels (IDNA2008/UTS#46, done by the parser).
 * Service names (example.test:https) are read from the services file for
 * the request's socket type.
 *
 * The callback contract:
 *   - saddr_resolve() returns at once. When it returns 0, the callback runs
 *     exactly once: with the result, or with the reason there is none
 *     (a parse error, SADDR_ENOTFOUND, SADDR_ENODATA, SADDR_ESERVFAIL,
 *     SADDR_EREFUSED, SADDR_EBADRESP, SADDR_EUNREACH, SADDR_ETIMEDOUT,
 *     SADDR_ECANCELED, SADDR_EDESTROYED, SADDR_ENOMEM).
 *   - It may run before saddr_resolve() returns: for bad specs, local
 *     answers, hosts-file answers, cache hits and out-of-memory. Everything
 *     else completes from saddr_resolver_process(), saddr_resolver_run(),
 *     saddr_resolve_sync(), saddr_resolver_cancel() (SADDR_ECANCELED, inside
 *     the cancel call) or saddr_resolver_destroy() (SADDR_EDESTROYED, inside
 *     the destroy call).
 *   - When saddr_resolve() returns non-zero (SADDR_EINVAL for a NULL
 *     resolver, text or callback; SADDR_EDESTROYED while the resolver is
 *     being destroyed), the callback never runs.
 *   - A request that is not answered by its deadline completes with
 *     SADDR_ETIMEDOUT on the next processing call after the deadline.
 *   - Callbacks may start new requests, cancel requests and destroy the
 *     resolver. They may not call saddr_resolver_run() or
 *     saddr_resolve_sync() (those return SADDR_EINVAL there).
 *
 * Threads: a resolver is not thread-safe. Create, use and destroy each
 * resolver on one thread (one resolver per thread is the intended design);
 * its callbacks run on that thread. Results are plain memory and may move
 * between threads.
 */
typedef struct saddr_resolver saddr_resolver;

/* Every request gets a non-zero id, unique within its resolver. */
typedef uint64_t saddr_request_id;

/* saddr_result.source */
#define SADDR_SOURCE_LOCAL 1 /* literal, wildcard or localhost */
#define SADDR_SOURCE_HOSTS 2 /* the hosts file */
#define SADDR_SOURCE_DNS   3 /* a DNS answer */
#define SADDR_SOURCE_CACHE 4 /* a cached DNS answer */

/* One block, freed by saddr_result_free(). With AF_UNSPEC the addresses are
 * IPv6 first, then alternating families (RFC 8305 interleaving), each family
 * in the order the source gave it; duplicates are dropped. */
typedef struct saddr_result {
  size_t      count;     /* at least 1 */
  saddr_addr *addr;      /* count addresses, port/type/protocol stamped */
  uint32_t   *ttl;       /* count TTLs in seconds: the DNS TTL (what is
                            left of it for cache hits), 0 for local and
                            hosts-file answers */
  const char *name;      /* the name looked up (A-labels), "" if none */
  const char *canonical; /* the end of its CNAME chain, else == name */
  int         source;    /* SADDR_SOURCE_* */
} saddr_result;

SADDR_API void saddr_result_free(saddr_result *result);

/* status is 0 or a negative saddr_status. result is non-NULL exactly when
 * status is 0 and belongs to the callee (free it with saddr_result_free).
 * err is never NULL; it holds the code, the span of the request text it
 * concerns (the host name for DNS failures) and a message. Both pointers
 * are valid only during the call, except result. */
typedef void (*saddr_resolve_cb)(void *data, int status, saddr_result *result,
                                 const saddr_error *err);

/* Event-loop integration: the descriptors c-ares uses and what to wait for.
 * SADDR_WATCH_READ/WRITE are also the readiness bits fed back to
 * saddr_resolver_process(). */
#define SADDR_WATCH_READ  0x1u
#define SADDR_WATCH_WRITE 0x2u

typedef struct saddr_watch {
  int      fd;
  unsigned events; /* SADDR_WATCH_* */
} saddr_watch;

/* Called when the interest in fd changes; events 0 means stop watching it
 * (it is about to be closed). Suits loops that register descriptors one by
 * one (epoll_ctl, uv_poll_start). It also runs inside
 * saddr_resolver_destroy() for the descriptors still open. */
typedef void (*saddr_watch_cb)(void *data, int fd, unsigned events);

/* saddr_resolver_options.flags */
#define SADDR_RESOLVER_NO_CACHE 0x1u /* no answer cache */
#define SADDR_RESOLVER_NO_HOSTS 0x2u /* do not read a hosts file */

/* Zero-initialised options (or NULL) mean: the system configuration
 * (resolv.conf), /etc/hosts, /etc/services, a 5 s deadline per request, at
 * most 64 DNS queries in flight, a 1024-entry cache. */
typedef struct saddr_resolver_options {
  unsigned flags; /* SADDR_RESOLVER_* */
  /* Explicit DNS servers, "HOST:PORT", "[v6]:PORT" or a bare address
   * (port 53), tried in order with failover. They replace the system
   * configuration entirely: no resolv.conf, no search list, no ndots, no
   * LOCALDOMAIN/RES_OPTIONS/HOSTALIASES. */
  const char *const *servers;
  size_t             nservers;
  const char        *hosts_path;    /* NULL: /etc/hosts */
  const char        *services_path; /* NULL: /etc/services */
  unsigned timeout_ms;  /* first try's timeout (c-ares doubles it on each
                           round); 0: 1000 with explicit servers, else
                           resolv.conf's */
  unsigned tries;       /* tries per server; 0: 3 with explicit servers,
                           else resolv.conf's */
  unsigned deadline_ms; /* per request; 0: 5000 */
  /* The most DNS queries outstanding at once (an AF_UNSPEC lookup costs
   * two); later requests wait in a FIFO queue. c-ares sends every query to
   * the first server that works, so this is the load one server sees.
   * 0: 64. */
  unsigned       max_inflight;
  size_t         cache_size;    /* entries; 0: 1024 */
  unsigned       cache_max_ttl; /* seconds an answer is kept at most; 0: 3600 */
  saddr_watch_cb watch_cb;      /* optional */
  void          *watch_data;
  /* AF_UNSPEC asks for IPv6 and IPv4 separately. With a family delay, a
   * request completes this many milliseconds after the first family
   * answered with addresses, whether or not the other has (RFC 8305
   * "Resolution Delay"); 0: it waits for both, up to its deadline, and
   * then succeeds with the family that answered. */
  unsigned family_delay_ms;
} saddr_resolver_options;

/* Counters for tests and benchmarks. */
typedef struct saddr_resolver_stats {
  uint64_t requests; /* saddr_resolve calls that returned 0 */
  uint64_t local;    /* answered from the spec */
  uint64_t hosts;    /* answered from the hosts file */
  uint64_t cache_hits;
  uint64_t dns;          /* lookups handed to c-ares */
  uint64_t timeouts;     /* completed by the deadline */
  size_t   inflight;     /* DNS queries outstanding now */
  size_t   queued;       /* requests waiting for a slot now */
  size_t   inflight_max; /* the most DNS queries ever outstanding */
  size_t   cache_entries;
} saddr_resolver_stats;

/* Creates a resolver. Returns 0, or SADDR_EINVAL (a bad server: err points
 * into that server's text), SADDR_ENOMEM, SADDR_ESYS, or SADDR_ENOTSUP when
 * the c-ares the program runs with is older than 1.18.1 (supported: 1.18.1
 * to 1.34). */
SADDR_API int saddr_resolver_new(const saddr_resolver_options *options,
                                 saddr_resolver **out, saddr_error *err);

/* Completes every pending request with SADDR_EDESTROYED (inside this call),
 * tells watch_cb to stop watching every descriptor, then frees the
 * resolver. Safe inside a callback: the memory is released when the
 * outermost saddr_* call on the stack returns. */
SADDR_API void saddr_resolver_destroy(saddr_resolver *r);

/* Starts a request for text (len bytes, a spec as saddr_parse reads it;
 * hints as for saddr_parse). deadline_ms 0 takes the resolver's deadline.
 * *id (when id is not NULL) is set before the callback can run. See the
 * contract above for the return value. */
SADDR_API int saddr_resolve(saddr_resolver *r, const char *text, size_t len,
                            const saddr_hints *hints, unsigned deadline_ms,
                            saddr_resolve_cb cb, void *data,
                            saddr_request_id *id);

/* Completes the request with SADDR_ECANCELED inside this call. Returns 0,
 * or SADDR_EINVAL when id is not pending (never was, or already
 * completed). */
SADDR_API int saddr_resolver_cancel(saddr_resolver *r, saddr_request_id id);

/* Requests started and not yet completed. */
SADDR_API size_t saddr_resolver_pending(const saddr_resolver *r);

/* Copies up to cap descriptors to watch and returns how many there are
 * (call again with a bigger array when that is more than cap). */
SADDR_API size_t saddr_resolver_watches(const saddr_resolver *r,
                                        saddr_watch *out, size_t cap);

/* Milliseconds until saddr_resolver_process() must run even if no
 * descriptor is ready, 0 if now, or -1 when nothing is pending. */
SADDR_API int saddr_resolver_timeout(saddr_resolver *r);

/* Feeds readiness back: events (SADDR_WATCH_*) happened on fd. Pass fd -1
 * when the timeout expired. Either way, also handles due timeouts and
 * deadlines and sends queued requests. Callbacks run inside. */
SADDR_API void saddr_resolver_process(saddr_resolver *r, int fd,
                                      unsigned events);

/* The blocking helper: polls and processes until nothing is pending or
 * timeout_ms (-1: no limit) passed; 0 makes one round that does not block.
 * Returns 0 when nothing is pending,
 * SADDR_ETIMEDOUT when requests are still pending, SADDR_EINVAL inside a
 * callback, SADDR_ESYS when poll(2) fails. */
SADDR_API int saddr_resolver_run(saddr_resolver *r, int timeout_ms);

/* Resolves one spec and waits for it (other pending requests progress
 * too). Returns the status the callback would get; on success *out holds
 * the result. */
SADDR_API int saddr_resolve_sync(saddr_resolver *r, const char *text,
                                 size_t len, const saddr_hints *hints,
                                 unsigned deadline_ms, saddr_result **out,
                                 saddr_error *err);

SADDR_API void saddr_resolver_stats_get(const saddr_resolver *r,
                                        saddr_resolver_stats *out);

/* ---- Connecting ---------------------------------------------------------
 * The connect helper turns a spec into one connected socket. It resolves
 * the spec through a resolver (local answers, hosts file, cache, DNS) and
 * is driven by that resolver's loop integration: its sockets join the
 * descriptors saddr_resolver_watches() and watch_cb report, its timers
 * join saddr_resolver_timeout(), saddr_resolver_process() serves both, and
 * saddr_resolver_pending() counts connects still running. One loop thus
 * serves lookups and connection attempts (docs/connect.md).
 *
 * Stream sockets over IP race their addresses (Happy Eyeballs, RFC 8305):
 * with AF_UNSPEC the IPv6 and IPv4 addresses of a name are asked for
 * separately; attempts start when the first IPv6 answer arrives, or a
 * resolution delay after an IPv4 answer when no IPv6 answer has come.
 * Destinations are sorted by the RFC 6724 rules that need no routing table
 * (reachable from the source address, its scope, precedence, then smaller
 * scope; otherwise the resolver's order) and interleaved by family,
 * starting with the family of the best one. A new
 * attempt starts every attempt delay, or at once when one fails; the first
 * socket to connect wins and every other attempt is closed at once.
 * Addresses that arrive while attempts run join the list. Every other
 * family and type (AF_UNIX paths and abstract names, vsock, datagram
 * sockets, ...) tries the addresses one at a time in order, the next only
 * when one fails: in practice, the first address.
 *
 * Sockets are created SOCK_CLOEXEC. TCP_NODELAY, keepalive and the other
 * options of a connected socket are left to the caller. */

/* saddr_connect_opts.flags */
#define SADDR_CONNECT_NONBLOCK  0x01u /* hand the socket over O_NONBLOCK */
#define SADDR_CONNECT_REUSEADDR 0x02u /* SO_REUSEADDR before binding source */
#define SADDR_CONNECT_REUSEPORT 0x04u /* SO_REUSEPORT before binding source */

/* RFC 8305's defaults; an attempt delay below the minimum is raised to it. */
#define SADDR_CONNECT_ATTEMPT_DELAY_MS    250u
#define SADDR_CONNECT_ATTEMPT_DELAY_MIN   10u
#define SADDR_CONNECT_RESOLUTION_DELAY_MS 50u

/* Zero-initialised options (or NULL) mean: a blocking socket, no source
 * address, the default delays, no cap on parallel attempts. */
typedef struct saddr_connect_opts {
  unsigned flags;               /* SADDR_CONNECT_* */
  unsigned attempt_delay_ms;    /* 0: 250; at least 10 */
  unsigned resolution_delay_ms; /* 0: 50 */
  unsigned max_parallel;        /* attempts in progress at once; 0: no cap */
  /* A local address spec (compact or tuple, no host names) bound before
   * connecting, such as "*:0", "192.0.2.7:0" or "[::1]:4000". An
   * every-family wildcard gives each destination the source of its family;
   * a destination of a family the source lacks fails with EAFNOSUPPORT. */
  const char *source;
  size_t      source_len;
} saddr_connect_opts;

/* saddr_attempt.outcome */
#define SADDR_ATTEMPT_CONNECTED 1 /* this attempt won */
#define SADDR_ATTEMPT_FAILED    2 /* connect failed with sys_errno */
/* Closed while in progress: another attempt won or the request ended
 * (sys_errno ECANCELED: a winner, cancel or destroy; ETIMEDOUT: the
 * deadline). */
#define SADDR_ATTEMPT_CLOSED 3

/* One connection attempt, in the order they started. */
typedef struct saddr_attempt {
  saddr_addr addr;      /* the destination */
  uint64_t   start_us;  /* when it started, after saddr_connect() began */
  uint64_t   end_us;    /* when it ended */
  int        outcome;   /* SADDR_ATTEMPT_* */
  int        sys_errno; /* see the outcomes */
} saddr_attempt;

/* One block, freed by saddr_connection_free(). */
typedef struct saddr_connection {
  /* The connected socket, -1 on failure. The caller owns it:
   * saddr_connection_free closes it unless the caller set fd to -1. */
  int            fd;
  saddr_addr     peer; /* the winning destination (zeroed on failure) */
  size_t         nattempts;
  saddr_attempt *attempts;
} saddr_connection;

SADDR_API void saddr_connection_free(saddr_connection *c);

/* The local address of c's socket, from getsockname(2), with the peer's
 * family, type and protocol. Asked on request, as saddr_bound_addr is: the
 * system call would cost every connect about 3%. c->fd must be open; else
 * SADDR_EINVAL. */
SADDR_API int saddr_connection_local(const saddr_connection *c, saddr_addr *out,
                                     saddr_error *err);

/* Runs exactly once per successful saddr_connect(). status is 0 or a
 * negative saddr_status: a parse or resolution status, SADDR_ECONNREFUSED,
 * SADDR_EUNREACH or SADDR_ECONNECT (every attempt failed: err->sys_errno
 * holds the errno they shared, else the first attempt's), SADDR_ETIMEDOUT
 * (the deadline), SADDR_ECANCELED, SADDR_EDESTROYED, SADDR_ENOTSUP (no
 * socket of that family, type and protocol here), SADDR_ENOMEM. conn is
 * non-NULL except with SADDR_ENOMEM, and belongs to the callee; it lists
 * the attempts on failure too. err is never NULL; its span
 * covers the spec (or the offending part of it, or of opts->source). */
typedef void (*saddr_connect_cb)(void *data, int status, saddr_connection *conn,
                                 const saddr_error *err);

/* Starts connecting to text (len bytes, a spec as saddr_resolve takes it,
 * with the same hints). deadline_ms covers resolution and attempts; 0
 * takes the resolver's deadline. Returns 0, and then cb runs exactly once,
 * possibly inside this call (bad specs, local failures, sockets that
 * connect at once such as AF_UNIX and UDP); or SADDR_EINVAL (NULL r, cb,
 * or text with a length) or SADDR_EDESTROYED, and cb never runs. *id is set
 * before cb can run. May be called from callbacks. */
SADDR_API int saddr_connect(saddr_resolver *r, const char *text, size_t len,
                            const saddr_hints *hints, unsigned deadline_ms,
                            const saddr_connect_opts *opts, saddr_connect_cb cb,
                            void *data, saddr_request_id *id);

/* Completes the connect with SADDR_ECANCELED inside this call, closing its
 * sockets. Returns 0, or SADDR_EINVAL when id is not a pending connect. */
SADDR_API int saddr_connect_cancel(saddr_resolver *r, saddr_request_id id);

/* The blocking wrapper: connects and waits at most deadline_ms (0: the
 * resolver's deadline), letting other requests progress. Returns the
 * status the callback would get, with the connection (when not NULL) in
 * *out; SADDR_EINVAL inside a callback. */
SADDR_API int saddr_connect_sync(saddr_resolver *r, const char *text,
                                 size_t len, const saddr_hints *hints,
                                 unsigned                  deadline_ms,
                                 const saddr_connect_opts *opts,
                                 saddr_connection **out, saddr_error *err);

/* ---- Binding ----------------------------------------------------------- */

/* The bind helper creates each socket with SOCK_CLOEXEC, sets its options
 * explicitly, binds it, listens on stream and seqpacket sockets, and reports
 * the bound address back from getsockname(2) on request (saddr_bound_addr).
 * Options, in this order:
 *   SO_REUSEADDR  on AF_INET/AF_INET6 sockets that listen;
 *   SO_REUSEPORT  with SADDR_BIND_REUSEPORT (SADDR_ENOTSUP where the kernel
 *                 lacks it);
 *   IPV6_V6ONLY   on every AF_INET6 socket, never left to the
 *                 net.ipv6.bindv6only sysctl: 1, except 0 with
 *                 SADDR_BIND_DUALSTACK, for a wildcard whose flags lack
 *                 SADDR_ADDR_V6ONLY (parsed with SADDR_DUALSTACK), and for an
 *                 IPv4-mapped address (which the kernel binds only so).
 * listen(2) uses the backlog given, SOMAXCONN by default; AF_ALG and AF_RDS
 * sockets, which have no listen, are only bound.
 *
 * "Every family" wildcards (addresses flagged SADDR_ADDR_ALLFAM: `*:80`,
 * `:80`, `80`, `('', 80)` without a family) bind one socket per family the
 * host has: IPv6 with V6ONLY=1 plus IPv4. With SADDR_BIND_DUALSTACK they bind
 * one IPv6 socket with V6ONLY=0 instead. In any set, an address of a family
 * the host lacks (EAFNOSUPPORT) is left out as long as another address
 * binds, so an IPv4-only host still gets its IPv4 socket for `*:80` or
 * `localhost:80`; the call fails only when nothing is left.
 *
 * Port 0: when one call binds several IP addresses with port 0, the first
 * gets an ephemeral port from the kernel and the others are bound to that
 * same port, so that every family listens on one port. If another socket
 * holds that port in a later family, the set is closed and tried again; the
 * socket that got the clashing port stays open until the call returns, so
 * that the kernel offers a different port. At most 32 tries, then
 * SADDR_EADDRINUSE.
 *
 * AF_UNIX paths: when the path exists, the call fails with SADDR_EEXIST and
 * leaves the file alone, unless SADDR_BIND_REPLACE_STALE is given. Then a
 * socket file that nothing accepts on (a connect(2) to it is refused) is
 * unlinked and the bind is tried once more; a live socket is
 * SADDR_EADDRINUSE and a file that is not a socket is SADDR_EEXIST, both
 * left alone. Abstract names and autobind (`''`, length 2) need nothing
 * special; the autobound name is in the bound address.
 *
 * Errors carry the errno in err->sys_errno: SADDR_EADDRINUSE, SADDR_ENOTSUP
 * (the host lacks the family, type, protocol or option, or the family cannot
 * have the type: AF_UNIX with SOCK_RAW is refused, not made SOCK_DGRAM),
 * SADDR_EEXIST, SADDR_ESYS for the rest (EACCES for a privileged port,
 * EADDRNOTAVAIL for an address the host does not have, ...). The message names
 * the address. */

/* saddr_bind_opts.flags */
#define SADDR_BIND_NONBLOCK  0x01u /* create the sockets SOCK_NONBLOCK */
#define SADDR_BIND_REUSEPORT 0x02u /* set SO_REUSEPORT */
/* IPv6 with V6ONLY=0; one socket for an every-family wildcard */
#define SADDR_BIND_DUALSTACK     0x04u
#define SADDR_BIND_REPLACE_STALE 0x08u /* AF_UNIX: replace a stale socket */
#define SADDR_BIND_NO_LISTEN     0x10u /* bind stream sockets, do not listen */

/* Zero-initialised options (or NULL) mean: blocking sockets, no
 * SO_REUSEPORT, V6ONLY=1, existing AF_UNIX files are errors, SOMAXCONN, and
 * the default hosts and services files for saddr_bind(). */
typedef struct saddr_bind_opts {
  unsigned        flags;    /* SADDR_BIND_* */
  int             backlog;  /* listen(2) backlog; 0 means SOMAXCONN */
  saddr_hosts    *hosts;    /* saddr_bind(): host names; NULL: /etc/hosts */
  saddr_services *services; /* saddr_bind(): service names;
                               NULL: /etc/services */
} saddr_bind_opts;

typedef struct saddr_bound_socket {
  int        fd;        /* the socket; -1 once the caller has taken it */
  int        v6only;    /* IPV6_V6ONLY as set: 0 or 1; -1 if not AF_INET6 */
  saddr_addr requested; /* the address asked for (port 0 stays 0 when the
                           set shared a port) */
} saddr_bound_socket;

/* The sockets of one call, in one allocation freed by saddr_bound_free. */
typedef struct saddr_bound {
  size_t              count;
  saddr_bound_socket *sock;
} saddr_bound;

/* Binds one address: one socket, no allocation, no every-family or shared
 * port logic. Returns 0 and fills *out, or a negative saddr_status with no
 * socket left open. */
SADDR_API int saddr_bind_addr(const saddr_addr      *addr,
                              const saddr_bind_opts *opts,
                              saddr_bound_socket *out, saddr_error *err);

/* Binds n addresses (a saddr_parsed's addr[], a resolver's results) as one
 * set, with the every-family and port-0 policies above. All or nothing: on
 * failure no socket stays open. On success *out holds the sockets in the
 * order of addrs (skipped families left out). */
SADDR_API int saddr_bind_addrs(const saddr_addr *addrs, size_t n,
                               const saddr_bind_opts *opts, saddr_bound **out,
                               saddr_error *err);

/* Parses a spec and binds everything it stands for. The text is parsed with
 * SADDR_DEFER (and SADDR_DUALSTACK with SADDR_BIND_DUALSTACK); a service name
 * is read from opts->services for the spec's socket type and protocol, and
 * a host name from opts->hosts. Host names are answered only from the hosts
 * file: this call does no DNS, and a name that is not in the file is
 * SADDR_ERESOLVE (resolve it with the resolver, then call
 * saddr_bind_addrs). Parse, service and host errors point into text; bind
 * errors span the whole text. */
SADDR_API int saddr_bind(const char *text, size_t len, const saddr_hints *hints,
                         const saddr_bind_opts *opts, saddr_bound **out,
                         saddr_error *err);

/* Closes every socket whose fd is not -1 and frees the set (NULL is
 * ignored). */
SADDR_API void saddr_bound_free(saddr_bound *b);

/* The address sock is bound to, from getsockname(2): the port the kernel
 * chose for port 0, the name it chose for an AF_UNIX autobind. It keeps
 * requested's family, type, protocol and flags. When the kernel cannot
 * have bound anything but what it was given (an IP address with a fixed
 * port, no flow label and no scope id) it is requested, without a system
 * call. The binding calls do not ask on their own: the system call costs
 * about 4% of a bind, and most servers bind a fixed port. sock->fd must
 * still be open (ask before taking the socket or freeing the set); else
 * SADDR_EINVAL. */
SADDR_API int saddr_bound_addr(const saddr_bound_socket *sock, saddr_addr *out,
                               saddr_error *err);

/* ---- Inherited sockets ------------------------------------------------
 * `fd@N` names a socket the process already holds as descriptor N (3 and
 * up, strict decimal); `sd@NAME` and `sd@INDEX` one that systemd socket
 * activation passed (LISTEN_FDNAMES name, or index among the LISTEN_FDS
 * descriptors; text made only of digits is an index). saddr_parse reads no
 * environment and opens nothing: it returns a reference, one saddr_addr
 * whose family, and sa.sa.sa_family too, is SADDR_AF_INHERIT (a value no
 * kernel family uses; bind(2) refuses it) and whose bytes are private (read
 * them with saddr_inherit_get). Its type and protocol are what the caller
 * and the text ask for (`dgram+fd@3`). The family the socket must have comes
 * from the hints or from a C family name before the reference
 * (`AF_INET6+fd@3`, after a socket type if any: `dgram+AF_INET+sd@dns`).
 * Formatted, a reference reads as its text; its tuple form is that text as
 * a Python str (`'fd@3'`), read back with family SADDR_AF_INHERIT.
 *
 * The bind calls resolve a reference and adopt the socket instead of
 * creating one, after checking that the descriptor is open, is a socket
 * (fstat), has the expected family (SO_DOMAIN, when hints or text name one),
 * type (SO_TYPE) and protocol (SO_PROTOCOL, when not 0), is bound, and
 * listens (SO_ACCEPTCONN) when a stream or seqpacket listener is expected
 * (not with SADDR_BIND_NO_LISTEN). A mismatch is SADDR_EINHERIT, a
 * descriptor or name that is not there SADDR_ENOINHERIT; either way the
 * message names the descriptor and what differs, and nothing is closed or
 * changed. An adopted socket gets FD_CLOEXEC (and O_NONBLOCK with
 * SADDR_BIND_NONBLOCK) and is reported like a created one: its
 * saddr_bound_socket.requested is the address it is bound to, with the
 * socket's family, type and protocol and SADDR_ADDR_INHERITED in flags, and
 * saddr_bound_addr works on it. From then on the set owns it:
 * saddr_bound_free closes it. A set that fails never closes a socket it did
 * not create (FD_CLOEXEC and O_NONBLOCK, once set on one, stay).
 *
 * systemd's protocol (sd_listen_fds(3)) is read by saddr itself, without
 * libsystemd: LISTEN_PID must be this process's id, LISTEN_FDS descriptors
 * start at 3, LISTEN_FDNAMES holds their names separated by ':'. The
 * variables are read once per process, by the first call that needs them
 * (saddr_listen_fds, an sd@ reference, SADDR_BIND_INHERIT), under a lock;
 * later calls, from any thread, use what was read. getenv(3) and
 * unsetenv(3) are not safe while another thread changes the environment:
 * call saddr_listen_fds early in main, before starting threads, when the
 * process may be socket-activated. Each passed socket is adopted at most
 * once per process (a second sd@, fd@ or SADDR_BIND_INHERIT adoption of it
 * is SADDR_ENOINHERIT); `fd@N` of any other descriptor is the caller's word
 * and is not tracked. sd@ names are printable ASCII without blanks, quotes,
 * backslashes or ':'. */

/* saddr_addr.family (and sa_family) of an `fd@`/`sd@` reference. */
#define SADDR_AF_INHERIT 0xfffe
/* saddr_addr.flags: the socket was inherited, not created. */
#define SADDR_ADDR_INHERITED 0x20u
/* saddr_bind_opts.flags: an ordinary spec (`*:80`, `/run/app.sock`) first
 * adopts sockets systemd passed that are bound to the same address (same
 * family, type, protocol, address and port; for AF_INET6 also the scope id;
 * port 0 never matches), and binds new sockets only for the addresses none
 * of them covers. An adopted dual-stack IPv6 wildcard (IPV6_V6ONLY=0) covers
 * the IPv4 wildcard of the same every-family spec. */
#define SADDR_BIND_INHERIT 0x20u

/* saddr_inherit.kind */
#define SADDR_INHERIT_FD       1 /* fd@N */
#define SADDR_INHERIT_SD_INDEX 2 /* sd@INDEX */
#define SADDR_INHERIT_SD_NAME  3 /* sd@NAME */
/* The longest sd@ name (systemd allows 255; a reference must fit in
 * saddr_sockaddr): SADDR_ETOOLONG beyond. */
#define SADDR_INHERIT_NAME_MAX 112

typedef struct saddr_inherit {
  int  kind;   /* SADDR_INHERIT_* */
  int  number; /* the descriptor (FD) or the index (SD_INDEX), else -1 */
  int  family; /* the family the socket must have; AF_UNSPEC: any */
  char name[SADDR_INHERIT_NAME_MAX + 1]; /* SD_NAME, NUL-terminated */
} saddr_inherit;

/* Reads a reference made by saddr_parse. Returns 0, or SADDR_EINVAL when
 * addr is not one. */
SADDR_API int saddr_inherit_get(const saddr_addr *addr, saddr_inherit *out);

/* saddr_listen_fds() flags: unset LISTEN_PID, LISTEN_FDS and LISTEN_FDNAMES
 * (after reading them, if no call has yet), so that child processes do not
 * see them. What was read stays in use. */
#define SADDR_LISTEN_UNSETENV 0x1u

/* How many sockets systemd passed to this process: 0 when LISTEN_PID is
 * unset or names another process. Reads the variables on the first call
 * (see above). Returns the count, or SADDR_ENOINHERIT when a variable is
 * malformed (LISTEN_PID or LISTEN_FDS not a decimal number, LISTEN_FDNAMES
 * with another count of names than LISTEN_FDS, or a name that is empty,
 * longer than 255 bytes or holds bytes outside 0x21-0x7e); the message says
 * which, and every sd@ reference and SADDR_BIND_INHERIT call then fails the
 * same way. */
SADDR_API int saddr_listen_fds(unsigned flags, saddr_error *err);

#ifdef __cplusplus
}
#endif
#endif
