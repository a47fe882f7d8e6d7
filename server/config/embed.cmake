# cmake -DINPUT=file -DOUTPUT=file.cc -DFUNCTION=Name -P embed.cmake
# Writes a C++ source whose function returns the input file's bytes.
file(READ "${INPUT}" CONTENT HEX)
string(LENGTH "${CONTENT}" HEX_LENGTH)
math(EXPR BYTES "${HEX_LENGTH} / 2")
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "'\\\\x\\1'," CHARS "${CONTENT}")
string(REGEX REPLACE "(('\\\\x[0-9a-f][0-9a-f]',){32})" "\\1\n" CHARS "${CHARS}")
file(WRITE "${OUTPUT}" "// Generated from ${INPUT}; do not edit.
#include \"absl/strings/string_view.h\"
namespace speakers {
namespace {
constexpr char kData[] = {
${CHARS}};
}  // namespace
absl::string_view ${FUNCTION}() { return absl::string_view(kData, ${BYTES}); }
}  // namespace speakers
")
