/* A pool of threads calling blocking getaddrinfo: the anchor a program
 * without an asynchronous resolver uses. glibc reads its server from
 * /etc/resolv.conf and always uses port 53, so the pool runs in a child
 * process with private network and mount namespaces: there, loopback is the
 * only interface, a dnsmasq of its own listens on 127.0.0.1:53 and a
 * resolv.conf naming it is bind-mounted over /etc/resolv.conf. Mount
 * propagation is made private before that bind mount, so the machine's own
 * resolv.conf is never touched, and the namespaces vanish with the child. */
#include "dnsload.h"

#include <errno.h>
#include <net/if.h>
#include <netdb.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

typedef struct worker {
  pthread_t thread;
  unsigned  id, nthreads;
  double    end;
  dl_run    run;
} worker;

static void *work(void *arg) {
  worker         *w = arg;
  struct addrinfo hints, *res;
  memset(&hints, 0, sizeof hints);
  hints.ai_family   = AF_INET;
  hints.ai_socktype = SOCK_STREAM;
  for (uint64_t k = w->id; dl_now() < w->end; k += w->nthreads) {
    char   name[64];
    double t0 = dl_now();
    dl_name(k, name, sizeof name);
    if (getaddrinfo(name, "80", &hints, &res) == 0) {
      dl_run_add(&w->run, (dl_now() - t0) * 1e6);
      freeaddrinfo(res);
    } else {
      w->run.failed++;
    }
  }
  return NULL;
}

/* Merges the workers' latencies into one run. */
static void merge(worker *w, unsigned n, dl_run *all) {
  for (unsigned t = 0; t < n; t++) {
    for (size_t k = 0; k < w[t].run.nlat; k++)
      dl_run_add(all, w[t].run.lat_us[k]);
    all->ok += w[t].run.ok - w[t].run.nlat;
    all->failed += w[t].run.failed;
    dl_run_free(&w[t].run);
  }
}

static int pool(const dl_server *srv, double duration_s, unsigned threads,
                FILE *out) {
  worker  *w = calloc(threads, sizeof *w);
  dl_run   all;
  double   cpu0 = dl_cpu_self(), srv0 = dl_server_cpu(srv), t0 = dl_now();
  unsigned started = 0;
  if (!w)
    return -1;
  dl_run_init(&all, "getaddrinfo_pool", threads);
  for (; started < threads; started++) {
    w[started].id       = started;
    w[started].nthreads = threads;
    w[started].end      = t0 + duration_s;
    if (pthread_create(&w[started].thread, NULL, work, &w[started]) != 0)
      break;
  }
  for (unsigned t = 0; t < started; t++)
    pthread_join(w[t].thread, NULL);
  all.wall_s       = dl_now() - t0;
  all.cpu_s        = dl_cpu_self() - cpu0;
  all.server_cpu_s = dl_server_cpu(srv) - srv0;
  merge(w, started, &all);
  free(w);
  if (started < threads) {
    dl_run_free(&all);
    return -1;
  }
  dl_run_json(&all, out);
  dl_run_free(&all);
  return 0;
}

static int loopback_up(void) {
  struct ifreq ifr;
  int          fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0), rc = -1;
  if (fd < 0)
    return -1;
  memset(&ifr, 0, sizeof ifr);
  strcpy(ifr.ifr_name, "lo");
  if (ioctl(fd, SIOCGIFFLAGS, &ifr) == 0) {
    ifr.ifr_flags = (short)(ifr.ifr_flags | IFF_UP);
    rc            = ioctl(fd, SIOCSIFFLAGS, &ifr);
  }
  close(fd);
  return rc;
}

static void skipped(FILE *out, const char *what) {
  fprintf(out, "{\"client\": \"getaddrinfo_pool\", \"skipped\": \"%s: %s\"}",
          what, strerror(errno));
}

/* Runs in the child: isolate, start dnsmasq on :53, point resolv.conf at
 * it, run the pool. */
static int child(const char *dnsmasq, double duration_s, unsigned threads,
                 FILE *out) {
  dl_server   srv;
  char        conf[128];
  FILE       *f;
  int         rc;
  const char *why = NULL;
  if (unshare(CLONE_NEWNS | CLONE_NEWNET) != 0)
    why = "unshare";
  else if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) != 0)
    why = "private mount propagation";
  else if (loopback_up() != 0)
    why = "loopback up";
  else if (dl_server_start(&srv, dnsmasq, 53) != 0)
    why = "dnsmasq on 127.0.0.1:53";
  if (why) {
    skipped(out, why);
    return 0;
  }
  snprintf(conf, sizeof conf, "%s/resolv.conf", srv.dir);
  f  = fopen(conf, "w");
  rc = f && fputs("nameserver 127.0.0.1\n", f) >= 0 && fclose(f) == 0 &&
               mount(conf, "/etc/resolv.conf", NULL, MS_BIND, NULL) == 0
           ? 0
           : -1;
  if (rc != 0) {
    skipped(out, "bind-mounting resolv.conf");
    rc = 0;
  } else {
    rc = pool(&srv, duration_s, threads, out);
  }
  umount("/etc/resolv.conf");
  unlink(conf);
  dl_server_stop(&srv);
  return rc;
}

int dl_gai_pool(const char *dnsmasq, double duration_s, unsigned threads,
                FILE *f) {
  char    buf[4096];
  size_t  n = 0;
  ssize_t got;
  int     fds[2], status = 0;
  pid_t   pid;
  if (pipe(fds) != 0)
    return -1;
  fflush(NULL);
  pid = fork();
  if (pid < 0)
    return -1;
  if (pid == 0) {
    FILE *out = fdopen(fds[1], "w");
    close(fds[0]);
    _exit(out && child(dnsmasq, duration_s, threads, out) == 0 &&
                  fclose(out) == 0
              ? 0
              : 1);
  }
  close(fds[1]);
  while (n < sizeof buf - 1 &&
         (got = read(fds[0], buf + n, sizeof buf - 1 - n)) > 0)
    n += (size_t)got;
  close(fds[0]);
  buf[n] = '\0';
  waitpid(pid, &status, 0);
  if (n == 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    fprintf(stderr, "dnsload: the getaddrinfo pool failed: %s\n", buf);
    return -1;
  }
  fputs(buf, f);
  return 0;
}
