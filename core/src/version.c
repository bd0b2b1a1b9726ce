/* The library's version as text, for programs that want to report which
 * saddr they run against (which can be newer than the header they saw). The
 * text is built from the header's numbers so that the two cannot drift. */
#include "saddr.h"

#define SADDR__STR(x)  #x
#define SADDR__XSTR(x) SADDR__STR(x)
#define SADDR__VERSION_TEXT                                                    \
  SADDR__XSTR(SADDR_VERSION_MAJOR)                                             \
  "." SADDR__XSTR(SADDR_VERSION_MINOR) "." SADDR__XSTR(SADDR_VERSION_PATCH)

const char *saddr_version(void) { return SADDR__VERSION_TEXT; }
