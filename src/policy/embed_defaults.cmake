# Generates a C++ file holding the text of src/policy/defaults.json (run at build time).
# Variables: SRC (the JSON file), OUT_FILE (the .cpp to write).
file(READ "${SRC}" text)
if(text MATCHES "\\)xa_json\"")
  message(FATAL_ERROR "${SRC} contains the raw string delimiter )xa_json\"")
endif()
set(out "// Generated from src/policy/defaults.json by embed_defaults.cmake. Do not edit.\n")
string(APPEND out "namespace xiaoan::policy {\n")
string(APPEND out "extern const char* const kDefaultsJson;\n")
string(APPEND out "const char* const kDefaultsJson = R\"xa_json(${text})xa_json\";\n")
string(APPEND out "}  // namespace xiaoan::policy\n")
file(WRITE "${OUT_FILE}.tmp" "${out}")
execute_process(COMMAND ${CMAKE_COMMAND} -E copy_if_different "${OUT_FILE}.tmp" "${OUT_FILE}")
file(REMOVE "${OUT_FILE}.tmp")
