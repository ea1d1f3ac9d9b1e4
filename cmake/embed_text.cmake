# Writes a C++ source with one function that returns the text of a file, for data that is
# part of the build (the attribution lexicon). Arguments: IN (the file), OUT (the source),
# NAMESPACE and FUNCTION (the function's name: std::string_view FUNCTION()).
file(READ ${IN} text)
get_filename_component(name ${IN} NAME)
set(body "// Generated from ${name} by cmake/embed_text.cmake.\n#include <string_view>\nnamespace ${NAMESPACE} {\nstd::string_view ${FUNCTION}() {\n  return R\"claimtrack_text(${text})claimtrack_text\";\n}\n}  // namespace ${NAMESPACE}\n")
file(WRITE ${OUT} "${body}")
