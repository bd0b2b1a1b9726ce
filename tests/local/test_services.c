/* The services-file reader: a table of file texts and lookups per socket
 * type and protocol with the port or error each must give, then re-reading
 * a file that changes. */
#include "harness.h"
#include "saddr.h"

#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define BASIC                                                                  \
  "# Network services\n"                                                       \
  "http\t\t80/tcp\t\twww www-http\t# WorldWideWeb HTTP\n"                      \
  "http\t\t80/udp\n"                                                           \
  "domain\t\t53/tcp\n"                                                         \
  "domain\t\t53/udp\n"                                                         \
  "syslog\t\t514/udp\n"                                                        \
  "shell\t\t514/tcp\t\tcmd\n"                                                  \
  "sieve\t\t4190/tcp\n"                                                        \
  "diameter\t3868/sctp\n"                                                      \
  "dccp-svc\t5004/dccp\n"                                                      \
  "zip\t\t6/ddp\n"                                                             \
  "Kerberos_Master\t751/tcp\n"

#define NUL_FILE "a 1/tcp\nb 2/tcp\0x\nc 3/tcp\n"

typedef struct row {
  const char *file;
  size_t      file_len; /* 0: strlen(file) */
  const char *name;
  int         type;
  int         protocol;
  int         rc;
  int         port;
} row;

static const row rows[] = {
    /* Per socket type and protocol. */
    {BASIC, 0, "http", SOCK_STREAM, 0, 0, 80},
    {BASIC, 0, "http", 0, 0, 0, 80},
    {BASIC, 0, "www", SOCK_STREAM, 0, 0, 80},
    {BASIC, 0, "www-http", SOCK_STREAM, 0, 0, 80},
    {BASIC, 0, "www", SOCK_DGRAM, 0, SADDR_ESERVICE, 0},
    {BASIC, 0, "syslog", SOCK_DGRAM, 0, 0, 514},
    {BASIC, 0, "syslog", SOCK_STREAM, 0, SADDR_ESERVICE, 0},
    {BASIC, 0, "cmd", SOCK_STREAM, 0, 0, 514},
    {BASIC, 0, "diameter", SOCK_SEQPACKET, 0, 0, 3868},
    {BASIC, 0, "diameter", SOCK_STREAM, IPPROTO_SCTP, 0, 3868},
    {BASIC, 0, "diameter", SOCK_STREAM, 0, SADDR_ESERVICE, 0},
    {BASIC, 0, "dccp-svc", SOCK_DCCP, 0, 0, 5004},
    {BASIC, 0, "domain", SOCK_DGRAM, IPPROTO_UDPLITE, 0, 53},
    {BASIC, 0, "domain", SOCK_STREAM, IPPROTO_UDP, 0, 53},
    {BASIC, 0, "domain", SOCK_DGRAM, IPPROTO_TCP, 0, 53},
    {BASIC, 0, "http", SOCK_RAW, 0, SADDR_ESERVICE, 0},
    {BASIC, 0, "http", SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0, 0, 80},
    /* Other protocols are not readable through socket types. */
    {BASIC, 0, "zip", SOCK_DGRAM, 0, SADDR_ESERVICE, 0},
    /* Case-insensitive, aliases included. */
    {BASIC, 0, "HTTP", SOCK_STREAM, 0, 0, 80},
    {BASIC, 0, "kerberos_master", SOCK_STREAM, 0, 0, 751},
    {BASIC, 0, "SIEVE", SOCK_STREAM, 0, 0, 4190},
    {BASIC, 0, "nope", SOCK_STREAM, 0, SADDR_ESERVICE, 0},
    {BASIC, 0, "htt", SOCK_STREAM, 0, SADDR_ESERVICE, 0},
    {BASIC, 0, "https", SOCK_STREAM, 0, SADDR_ESERVICE, 0},
    /* Numbers are ports, strict as in specs. */
    {BASIC, 0, "8080", SOCK_STREAM, 0, 0, 8080},
    {BASIC, 0, "0", SOCK_DGRAM, 0, 0, 0},
    {BASIC, 0, "65535", SOCK_STREAM, 0, 0, 65535},
    {BASIC, 0, "65536", SOCK_STREAM, 0, SADDR_ESERVICE, 0},
    {BASIC, 0, "080", SOCK_STREAM, 0, SADDR_ESERVICE, 0},
    /* The first line for a name wins. */
    {"a 1/tcp\na 2/tcp\nb 3/tcp a\n", 0, "a", SOCK_STREAM, 0, 0, 1},
    {"b 3/tcp a\na 1/tcp\n", 0, "a", SOCK_STREAM, 0, 0, 3},
    /* CRLF, comments, blank lines. */
    {"\r\n# c\r\nftp 21/tcp\r\nssh\t22/TCP # secure\r\n", 0, "ssh", SOCK_STREAM,
     0, 0, 22},
    {"ftp 21/tcp#x 1/tcp\n", 0, "ftp", SOCK_STREAM, 0, 0, 21},
    {"ftp 21/tcp#x 1/tcp\n", 0, "x", SOCK_STREAM, 0, SADDR_ESERVICE, 0},
    /* Bad lines are skipped whole. */
    {"a 65536/tcp\n", 0, "a", SOCK_STREAM, 0, SADDR_ESERVICE, 0},
    {"a -1/tcp\n", 0, "a", SOCK_STREAM, 0, SADDR_ESERVICE, 0},
    {"a 080/tcp\n", 0, "a", SOCK_STREAM, 0, SADDR_ESERVICE, 0},
    {"a 80\n", 0, "a", SOCK_STREAM, 0, SADDR_ESERVICE, 0},
    {"a /tcp\n", 0, "a", SOCK_STREAM, 0, SADDR_ESERVICE, 0},
    {"a\n", 0, "a", SOCK_STREAM, 0, SADDR_ESERVICE, 0},
    {"a 80/tcp b\x7f\nc 81/tcp\n", 0, "a", SOCK_STREAM, 0, SADDR_ESERVICE, 0},
    {"a 80/tcp b\x7f\nc 81/tcp\n", 0, "c", SOCK_STREAM, 0, 0, 81},
    {NUL_FILE, sizeof NUL_FILE - 1, "b", SOCK_STREAM, 0, SADDR_ESERVICE, 0},
    {NUL_FILE, sizeof NUL_FILE - 1, "c", SOCK_STREAM, 0, 0, 3},
    {"", 0, "http", SOCK_STREAM, 0, SADDR_ESERVICE, 0},
    {BASIC, 0, "", SOCK_STREAM, 0, SADDR_EINVAL, 0},
};

static void run_rows(void) {
  for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
    const row      *r    = &rows[i];
    size_t          flen = r->file_len ? r->file_len : strlen(r->file);
    saddr_services *s    = NULL;
    saddr_error     err  = {0};
    CHECK_CTX(saddr_services_parse(r->file, flen, &s, &err) == 0,
              "row %zu parse", i);
    if (!s)
      continue;
    uint16_t port = 0xffff;
    int rc = saddr_services_lookup_proto(s, r->name, strlen(r->name), r->type,
                                         r->protocol, &port, &err);
    CHECK_CTX(rc == r->rc, "row %zu (%s): rc %s, expected %s (%s)", i, r->name,
              saddr_err_name(rc), saddr_err_name(r->rc), err.message);
    if (rc == 0)
      CHECK_CTX(port == r->port, "row %zu (%s): port %u, expected %d", i,
                r->name, port, r->port);
    saddr_services_close(s);
  }
}

/* The error for an unknown service names it, the protocol and the file,
 * and spans the name. */
static void check_message(void) {
  saddr_services *s;
  saddr_error     err;
  uint16_t        port;
  CHECK_INT(saddr_services_parse(BASIC, strlen(BASIC), &s, &err), 0);
  CHECK_INT(saddr_services_lookup(s, "gopherx", 7, SOCK_DGRAM, &port, &err),
            SADDR_ESERVICE);
  CHECK_STR(err.message,
            "unknown service 'gopherx' for udp in services file (bytes)");
  CHECK_INT(err.offset, 0);
  CHECK_INT(err.length, 7);
  /* Names longer than any the file can hold are simply unknown. */
  char longname[100];
  memset(longname, 'x', sizeof longname);
  CHECK_INT(saddr_services_lookup(s, longname, sizeof longname, SOCK_STREAM,
                                  &port, &err),
            SADDR_ESERVICE);
  saddr_services_close(s);
}

static void write_file(const char *path, const char *text) {
  char tmp[512];
  snprintf(tmp, sizeof tmp, "%s.tmp", path);
  FILE *f = fopen(tmp, "w");
  fputs(text, f);
  fclose(f);
  rename(tmp, path);
}

static void check_reread(void) {
  char dir[] = "/tmp/saddr-services-XXXXXX";
  CHECK(mkdtemp(dir) != NULL);
  char path[256];
  snprintf(path, sizeof path, "%s/services", dir);
  saddr_services *s = saddr_services_open(path);
  saddr_error     err;
  uint16_t        port = 0;
  CHECK_INT(saddr_services_lookup(s, "app", 3, SOCK_STREAM, &port, &err),
            SADDR_ESERVICE);
  CHECK(strstr(err.message, "does not exist") != NULL);
  write_file(path, "app 1234/tcp\n");
  CHECK_INT(saddr_services_lookup(s, "app", 3, SOCK_STREAM, &port, &err), 0);
  CHECK_INT(port, 1234);
  write_file(path, "app 4321/tcp\n");
  CHECK_INT(saddr_services_lookup(s, "app", 3, SOCK_STREAM, &port, &err), 0);
  CHECK_INT(port, 4321);
  saddr_services_close(s);
  unlink(path);
  rmdir(dir);
}

int main(void) {
  run_rows();
  check_message();
  check_reread();
  return th_done();
}
