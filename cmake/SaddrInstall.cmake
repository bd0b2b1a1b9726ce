# Install rules: the shared and static libraries, saddr.h and its export
# header, the CLI and its man page, a CMake package and a relocatable saddr.pc.
include(CMakePackageConfigHelpers)

set(SADDR_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/saddr)
set(SADDR_PC_DIR ${CMAKE_INSTALL_LIBDIR}/pkgconfig)

install(TARGETS saddr_shared saddr_static EXPORT saddrTargets
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
  RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(FILES ${SADDR_PUBLIC_INCLUDE}/saddr.h
              ${SADDR_GENERATED_INCLUDE}/saddr_export.h
        DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(TARGETS saddr_cli RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
# Valgrind suppressions for the parser's page-checked reads (docs/api.md).
install(FILES ${PROJECT_SOURCE_DIR}/core/saddr.supp
        DESTINATION ${CMAKE_INSTALL_DATADIR}/saddr)
install(FILES ${PROJECT_SOURCE_DIR}/core/cli/saddr.1
        DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)

install(EXPORT saddrTargets NAMESPACE saddr:: FILE saddrTargets.cmake
        DESTINATION ${SADDR_CMAKE_DIR})
configure_package_config_file(${CMAKE_CURRENT_LIST_DIR}/saddrConfig.cmake.in
  ${CMAKE_CURRENT_BINARY_DIR}/saddrConfig.cmake
  INSTALL_DESTINATION ${SADDR_CMAKE_DIR})
# The SONAME is the major version, and within one major version the ABI only
# grows (docs/api.md), so any same-major release satisfies a request.
write_basic_package_version_file(${CMAKE_CURRENT_BINARY_DIR}/saddrConfigVersion.cmake
  COMPATIBILITY SameMajorVersion)
install(FILES ${CMAKE_CURRENT_BINARY_DIR}/saddrConfig.cmake
              ${CMAKE_CURRENT_BINARY_DIR}/saddrConfigVersion.cmake
        DESTINATION ${SADDR_CMAKE_DIR})

# saddr.pc finds its prefix from its own location (${pcfiledir}), so the
# prefix given to `cmake --install --prefix` later is honoured. Absolute
# GNUInstallDirs values cannot move and are written as they are.
function(saddr_pc_path var dir base)
  if(IS_ABSOLUTE "${dir}")
    set(${var} "${dir}" PARENT_SCOPE)
  else()
    set(${var} "${base}/${dir}" PARENT_SCOPE)
  endif()
endfunction()
if(IS_ABSOLUTE "${SADDR_PC_DIR}")
  set(SADDR_PC_PREFIX "${CMAKE_INSTALL_PREFIX}")
else()
  set(SADDR_PC_PREFIX "\${pcfiledir}")
  string(REPLACE "/" ";" _saddr_pc_parts "${SADDR_PC_DIR}")
  foreach(part IN LISTS _saddr_pc_parts)
    if(part)
      string(APPEND SADDR_PC_PREFIX "/..")
    endif()
  endforeach()
endif()
saddr_pc_path(SADDR_PC_LIBDIR "${CMAKE_INSTALL_LIBDIR}" "\${exec_prefix}")
saddr_pc_path(SADDR_PC_INCLUDEDIR "${CMAKE_INSTALL_INCLUDEDIR}" "\${prefix}")
configure_file(${CMAKE_CURRENT_LIST_DIR}/saddr.pc.in
               ${CMAKE_CURRENT_BINARY_DIR}/saddr.pc @ONLY)
install(FILES ${CMAKE_CURRENT_BINARY_DIR}/saddr.pc DESTINATION ${SADDR_PC_DIR})
