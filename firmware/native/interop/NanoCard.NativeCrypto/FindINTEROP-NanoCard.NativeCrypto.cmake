#
# NanoCard's native crypto for nf-interpreter's firmware build. Goes to nf-interpreter's
# CMake/Modules/ (stage.sh puts it there); the preset option NF_INTEROP_ASSEMBLIES
# "NanoCard.NativeCrypto" makes CMake/Modules/FindNF_NativeAssemblies.cmake load it and compile the
# sources below into the image. The folder InteropAssemblies/NanoCard.NativeCrypto/ holds what
# stage.sh copies: the method table, the interop bodies and the C core over mbedTLS
# (ESP-IDF's mbedtls component on the device). Written for NanoCard in the shape of the module
# the MetadataProcessor generates, with the C core added and without its marshalling layer.
#

set(BASE_PATH_FOR_THIS_MODULE ${PROJECT_SOURCE_DIR}/InteropAssemblies/NanoCard.NativeCrypto)

list(APPEND NanoCard.NativeCrypto_INCLUDE_DIRS ${PROJECT_SOURCE_DIR}/src/CLR/Core)
list(APPEND NanoCard.NativeCrypto_INCLUDE_DIRS ${PROJECT_SOURCE_DIR}/src/CLR/Include)
list(APPEND NanoCard.NativeCrypto_INCLUDE_DIRS ${PROJECT_SOURCE_DIR}/src/HAL/Include)
list(APPEND NanoCard.NativeCrypto_INCLUDE_DIRS ${PROJECT_SOURCE_DIR}/src/PAL/Include)
list(APPEND NanoCard.NativeCrypto_INCLUDE_DIRS ${BASE_PATH_FOR_THIS_MODULE})

set(NanoCard.NativeCrypto_SOURCES
    ${BASE_PATH_FOR_THIS_MODULE}/NanoCard_NativeCrypto.cpp
    ${BASE_PATH_FOR_THIS_MODULE}/NanoCard_NativeCrypto_NanoCard_NativeCrypto_NativeCrypto.cpp
    ${BASE_PATH_FOR_THIS_MODULE}/nanocard_crypto.c
)

include(FindPackageHandleStandardArgs)

FIND_PACKAGE_HANDLE_STANDARD_ARGS(NanoCard.NativeCrypto DEFAULT_MSG NanoCard.NativeCrypto_INCLUDE_DIRS NanoCard.NativeCrypto_SOURCES)
