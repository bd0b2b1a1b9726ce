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
  XX(EAGAIN, -46, "too many requests")

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
#define SADDR_ADDR_WILDCARD  0x01u /* an any-address: '', '*', 0.0.0.0, :: */
#define SADDR_ADDR_V6ONLY    0x02u /* bind with IPV6_V6ONLY=1 (the default) */
#define SADDR_ADDR_ALLFAM    0x04u /* one of an "every family" wildcard set */
#define SADDR_ADDR_LOOPBACK  0x08u /* answered locally for a localhost name */
#define SADDR_ADDR_ZONE_NAME 0x10u /* IPv6 scope came from an interface name */

/* A frozen value type: new fields will never be added. */
typedef struct saddr_addr {
  saddr_sockaddr sa;       /* zeroed, then filled */
  socklen_t      len;      /* bytes of sa to pass to bind(2)/connect(2) */
  int            family;   /* reported family: AF_RDS even though sin_family
                              is AF_INET, otherwise sa.sa.sa_family */
  int            type;     /* SOCK_STREAM unless the caller or text says */
  int            protocol; /* 0 unless the caller or text says */
  unsigned       flags;    /* SADDR_ADDR_* */
} saddr_addr;

/* ---- Parsing ----------------------------------------------------------- */

/* saddr_hints.flags */
#define SADDR_SYNTAX_TUPLE   0x01u /* the text is tuple syntax */
#define SADDR_SYNTAX_COMPACT 0x02u /* the text is compact syntax */
#define SADDR_DEFAULT_PORT   0x04u /* default_port applies to IP specs */
#define SADDR_DEFER          0x08u /* return names and service names in
                                      saddr_parsed.need instead of failing */
#define SADDR_DUALSTACK      0x10u /* IPv6 wildcards bind with V6ONLY=0 */

/* Zero-initialised hints (or NULL) mean: family and syntax from the text,
 * SOCK_STREAM, protocol 0, no default port. */
typedef struct saddr_hints {
  int      family;   /* AF_UNSPEC or AF_* (for tuples: which family's form) */
  int      type;     /* 0 means SOCK_STREAM */
  int      protocol; /* BTPROTO_*, CAN_*, NETLINK_*; 0 by default */
  unsigned flags;    /* SADDR_SYNTAX_*, SADDR_DEFAULT_PORT, ... */
  uint16_t default_port;
} saddr_hints;

/* The most addresses one spec yields without resolution: an "every family"
 * wildcard or localhost gives IPv6 then IPv4. */
#define SADDR_PARSED_MAX 2
#define SADDR_HOST_MAX    254 /* 253-byte DNS name + NUL */
#define SADDR_SERVICE_MAX 64

/* saddr_parsed.need (only with SADDR_DEFER) */
#define SADDR_NEED_HOST    0x1u /* host[] must be resolved */
#define SADDR_NEED_SERVICE 0x2u /* service[] must be looked up; the port in
                                   addr[] is 0 until then */

typedef struct saddr_parsed {
  size_t     count; /* addresses in addr[] */
  saddr_addr addr[SADDR_PARSED_MAX];
  unsigned   need;  /* SADDR_NEED_*; 0 when addr[] is final */
  /* With SADDR_NEED_HOST: the name to resolve (ASCII, A-labels, no trailing
   * dot), the family, type and protocol to ask for, and the port. */
  char     host[SADDR_HOST_MAX];
  char     service[SADDR_SERVICE_MAX]; /* with SADDR_NEED_SERVICE */
  int      family;
  int      type;
  int      protocol;
  uint16_t port;
  unsigned flags;      /* SADDR_ADDR_* to stamp on resolved addresses */
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

/* Enough for any formatted address, NUL included. */
#define SADDR_FORMAT_MAX 640

/* Formats salen bytes at sa. hints->family overrides sa_family (AF_RDS);
 * hints->protocol picks the Bluetooth or CAN form; hints->type adds a type
 * prefix to compact text when it is not SOCK_STREAM. Writes a NUL-terminated
 * string and returns its length, or a negative saddr_status. Never reads
 * more than salen bytes. */
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

/* ---- Local databases: hosts and services files ------------------------ */

/* ---- Resolver ---------------------------------------------------------- */

/* ---- Binding ----------------------------------------------------------- */

#ifdef __cplusplus
}
#endif
#endif
