# One place that gives every target the same warnings and sanitizer flags.
#   -DCMAKE_BUILD_TYPE=Asan   AddressSanitizer + UndefinedBehaviorSanitizer (use clang)
set(KITGEN_WARNINGS -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes
    -Wno-unused-parameter -Wformat=2 -Wvla)
option(KITGEN_WERROR "Treat warnings as errors" OFF)

set(CMAKE_C_FLAGS_ASAN "-O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=all"
    CACHE STRING "" FORCE)
set(CMAKE_EXE_LINKER_FLAGS_ASAN "-fsanitize=address,undefined" CACHE STRING "" FORCE)
#   -DCMAKE_BUILD_TYPE=Tsan   ThreadSanitizer (use clang); CI runs the tests labelled "threads"
set(CMAKE_C_FLAGS_TSAN "-O1 -g -fno-omit-frame-pointer -fsanitize=thread" CACHE STRING "" FORCE)
set(CMAKE_EXE_LINKER_FLAGS_TSAN "-fsanitize=thread" CACHE STRING "" FORCE)

function(kitgen_target_defaults target)
  target_compile_options(${target} PRIVATE ${KITGEN_WARNINGS})
  target_compile_definitions(${target} PRIVATE _POSIX_C_SOURCE=200809L _DEFAULT_SOURCE)
  if(KITGEN_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()
