# Hardening flags for the library and the CLI.
#
# SADDR_HARDEN_COMPILE and SADDR_HARDEN_LINK hold generator expressions that
# apply in the optimised configurations (Release, RelWithDebInfo, the
# default, and MinSizeRel): _FORTIFY_SOURCE needs optimisation, and Debug
# builds stay easy to debug. Sanitizer and fuzzing builds skip them:
# _FORTIFY_SOURCE hides bugs from ASan's own interceptors, and the fuzzing
# engines want their own flags.
include(CheckCCompilerFlag)
include(CheckCSourceCompiles)
include(CheckPIESupported)

set(SADDR_HARDEN_COMPILE "")
set(SADDR_HARDEN_LINK "")
set(SADDR_FORTIFY_LEVEL 0)

string(FIND "${CMAKE_C_FLAGS}" "-fsanitize" _saddr_flags_sanitize)
if(SADDR_SANITIZE OR SADDR_FUZZ_ENGINE OR NOT _saddr_flags_sanitize EQUAL -1)
  set(SADDR_INSTRUMENTED ON)
  set(_saddr_harden_active OFF)
else()
  set(SADDR_INSTRUMENTED OFF)
  set(_saddr_harden_active ${SADDR_HARDEN})
endif()

# Level 3 needs glibc 2.33 and gcc 12 or clang 9; glibc itself decides, so ask
# it through __USE_FORTIFY_LEVEL instead of guessing from version numbers.
function(saddr_probe_fortify level result)
  set(CMAKE_REQUIRED_FLAGS "-O2 -U_FORTIFY_SOURCE -D_FORTIFY_SOURCE=${level}")
  set(CMAKE_REQUIRED_QUIET ON)
  check_c_source_compiles("
#include <string.h>
#if !defined(__USE_FORTIFY_LEVEL) || __USE_FORTIFY_LEVEL < ${level}
#error fortify level ${level} is not in effect
#endif
int main(void) { return 0; }" ${result})
endfunction()

if(_saddr_harden_active)
  saddr_probe_fortify(3 SADDR_HAVE_FORTIFY3)
  saddr_probe_fortify(2 SADDR_HAVE_FORTIFY2)
  if(SADDR_HAVE_FORTIFY3)
    set(SADDR_FORTIFY_LEVEL 3)
  elseif(SADDR_HAVE_FORTIFY2)
    set(SADDR_FORTIFY_LEVEL 2)
  endif()

  set(_saddr_cflags "")
  if(SADDR_FORTIFY_LEVEL)
    list(APPEND _saddr_cflags -U_FORTIFY_SOURCE -D_FORTIFY_SOURCE=${SADDR_FORTIFY_LEVEL})
  endif()
  foreach(flag -fstack-protector-strong -fstack-clash-protection -fcf-protection=full)
    string(MAKE_C_IDENTIFIER "SADDR_HAVE${flag}" var)
    check_c_compiler_flag(${flag} ${var})
    if(${var})
      list(APPEND _saddr_cflags ${flag})
    endif()
  endforeach()

  set(_saddr_ldflags "")
  foreach(flag -Wl,-z,relro -Wl,-z,now -Wl,-z,noexecstack)
    string(MAKE_C_IDENTIFIER "SADDR_HAVE${flag}" var)
    set(CMAKE_REQUIRED_LINK_OPTIONS ${flag})
    check_c_source_compiles("int main(void) { return 0; }" ${var})
    unset(CMAKE_REQUIRED_LINK_OPTIONS)
    if(${var})
      list(APPEND _saddr_ldflags ${flag})
    endif()
  endforeach()

  set(_saddr_optimised
      "$<OR:$<CONFIG:Release>,$<CONFIG:RelWithDebInfo>,$<CONFIG:MinSizeRel>>")
  foreach(flag IN LISTS _saddr_cflags)
    list(APPEND SADDR_HARDEN_COMPILE "$<${_saddr_optimised}:${flag}>")
  endforeach()
  foreach(flag IN LISTS _saddr_ldflags)
    list(APPEND SADDR_HARDEN_LINK "$<${_saddr_optimised}:${flag}>")
  endforeach()
  message(STATUS "saddr hardening (optimised builds): ${_saddr_cflags} ${_saddr_ldflags}")
endif()

# Executables are position independent so that ASLR covers them too.
check_pie_supported(OUTPUT_VARIABLE _saddr_pie_out LANGUAGES C)
if(NOT CMAKE_C_LINK_PIE_SUPPORTED)
  message(WARNING "PIE executables are not supported here: ${_saddr_pie_out}")
endif()

# Applies the hardening flags to one in-tree target.
function(saddr_harden target)
  target_compile_options(${target} PRIVATE ${SADDR_HARDEN_COMPILE})
  get_target_property(type ${target} TYPE)
  if(type STREQUAL "EXECUTABLE" OR type STREQUAL "SHARED_LIBRARY")
    target_link_options(${target} PRIVATE ${SADDR_HARDEN_LINK})
  endif()
  if(type STREQUAL "EXECUTABLE")
    set_target_properties(${target} PROPERTIES POSITION_INDEPENDENT_CODE ON)
  endif()
endfunction()
