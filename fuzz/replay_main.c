/* A plain main() for the fuzz targets: replays files and directories of
 * inputs through LLVMFuzzerTestOneInput without libFuzzer, so that ctest can
 * run every corpus with any compiler (gcc included).
 *
 * Each input is copied into a heap block of exactly its size, so that a
 * sanitizer sees a read one byte past the end instead of a read into the
 * neighbouring input. Directories are walked recursively in sorted order so
 * that a failing run is reproducible. Replaying nothing is a failure: it
 * means the corpus path is wrong. */
#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv) __attribute__((weak));

void __sanitizer_set_death_callback(void (*callback)(void))
    __attribute__((weak));

static unsigned long replayed;
static const char   *current; /* the input being run, for the crash report */

/* Names the input that crashed: from a signal handler (abort() from a
 * failed invariant, or a plain segfault without sanitizers) or from a
 * sanitizer's death callback. Only async-signal-safe calls. */
static void report_current(void) {
  static const char pre[] = "replay: crashed on ";
  if (!current)
    return;
  ssize_t w = write(2, pre, sizeof pre - 1);
  w         = write(2, current, strlen(current));
  w         = write(2, "\n", 1);
  (void)w;
}

static void on_signal(int sig) {
  report_current();
  signal(sig, SIG_DFL);
  raise(sig);
}

static int replay_file(const char *path) {
  FILE *f = fopen(path, "rb");
  if (!f) {
    fprintf(stderr, "replay: %s: %s\n", path, strerror(errno));
    return -1;
  }
  size_t   cap = 4096, n = 0;
  uint8_t *buf = malloc(cap);
  size_t   got;
  while (buf && (got = fread(buf + n, 1, cap - n, f)) > 0) {
    n += got;
    if (n == cap) {
      uint8_t *grown = realloc(buf, cap *= 2);
      if (!grown)
        free(buf);
      buf = grown;
    }
  }
  int bad = ferror(f);
  fclose(f);
  if (!buf || bad) {
    free(buf);
    fprintf(stderr, "replay: %s: read failed\n", path);
    return -1;
  }
  /* The exact-size copy: the input ends where the heap block ends. */
  uint8_t *exact = malloc(n ? n : 1);
  if (!exact) {
    free(buf);
    return -1;
  }
  memcpy(exact, buf, n);
  free(buf);
  current = path;
  LLVMFuzzerTestOneInput(exact, n);
  current = NULL;
  free(exact);
  replayed++;
  return 0;
}

static int replay_path(const char *path);

static int by_name(const struct dirent **a, const struct dirent **b) {
  return strcmp((*a)->d_name, (*b)->d_name);
}

static int replay_dir(const char *path) {
  struct dirent **names;
  int             count = scandir(path, &names, NULL, by_name);
  if (count < 0) {
    fprintf(stderr, "replay: %s: %s\n", path, strerror(errno));
    return -1;
  }
  int rc = 0;
  for (int i = 0; i < count; i++) {
    const char *name = names[i]->d_name;
    if (rc == 0 && name[0] != '.') {
      size_t len   = strlen(path) + strlen(name) + 2;
      char  *child = malloc(len);
      if (!child)
        rc = -1;
      else {
        snprintf(child, len, "%s/%s", path, name);
        rc = replay_path(child);
        free(child);
      }
    }
    free(names[i]);
  }
  free(names);
  return rc;
}

static int replay_path(const char *path) {
  struct stat st;
  if (stat(path, &st) != 0) {
    fprintf(stderr, "replay: %s: %s\n", path, strerror(errno));
    return -1;
  }
  return S_ISDIR(st.st_mode) ? replay_dir(path) : replay_file(path);
}

int main(int argc, char **argv) {
  static const int sigs[] = {SIGABRT, SIGSEGV, SIGBUS, SIGFPE, SIGILL};
  for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
    signal(sigs[i], on_signal);
  if (__sanitizer_set_death_callback)
    __sanitizer_set_death_callback(report_current);
  if (LLVMFuzzerInitialize)
    LLVMFuzzerInitialize(&argc, &argv);
  for (int i = 1; i < argc; i++) {
    /* libFuzzer flags (-runs=0, -dict=...) are accepted and ignored so that
     * the same command line works with either driver. */
    if (argv[i][0] == '-')
      continue;
    if (replay_path(argv[i]) != 0)
      return 1;
  }
  printf("replayed %lu inputs\n", replayed);
  return replayed ? 0 : 1;
}
