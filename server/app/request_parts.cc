#include "server/app/request_parts.h"

#include <memory>

#include "google/protobuf/descriptor.h"
#include "google/protobuf/io/coded_stream.h"
#include "google/protobuf/io/zero_copy_stream_impl_lite.h"

namespace speakers {
namespace {

using google::protobuf::FieldDescriptor;
using google::protobuf::Message;

std::string StringField(const Message& m, absl::string_view name) {
  const FieldDescriptor* f =
      m.GetDescriptor()->FindFieldByName(std::string(name));
  if (f == nullptr || f->type() != FieldDescriptor::TYPE_STRING ||
      f->is_repeated())
    return "";
  return m.GetReflection()->GetString(m, f);
}

uint64_t Fnv1a(uint64_t hash, absl::string_view bytes) {
  for (unsigned char c : bytes) {
    hash ^= c;
    hash *= 1099511628211ull;
  }
  return hash;
}

}  // namespace

RequestParts PartsOf(const Message& request) {
  RequestParts parts;
  const FieldDescriptor* list =
      request.GetDescriptor()->FindFieldByName("list");
  if (list != nullptr && list->type() == FieldDescriptor::TYPE_MESSAGE &&
      !list->is_repeated()) {
    parts.meeting = StringField(
        request.GetReflection()->GetMessage(request, list), "meeting");
  } else {
    parts.meeting = StringField(request, "meeting");
  }
  parts.delegation = StringField(request, "delegation");
  parts.request_id = StringField(request, "request_id");
  return parts;
}

uint64_t RequestDigest(absl::string_view method, const Message& request) {
  std::unique_ptr<Message> copy(request.New());
  copy->CopyFrom(request);
  if (const FieldDescriptor* id =
          copy->GetDescriptor()->FindFieldByName("request_id")) {
    copy->GetReflection()->ClearField(copy.get(), id);
  }
  std::string bytes;
  {
    google::protobuf::io::StringOutputStream stream(&bytes);
    google::protobuf::io::CodedOutputStream out(&stream);
    out.SetSerializationDeterministic(true);
    copy->SerializeToCodedStream(&out);
  }
  uint64_t hash = Fnv1a(14695981039346656037ull, method);
  hash = Fnv1a(hash, absl::string_view("\0", 1));
  hash = Fnv1a(hash, bytes);
  return hash == 0 ? 1 : hash;
}

}  // namespace speakers
