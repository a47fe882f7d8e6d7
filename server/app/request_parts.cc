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

bool NamesDelegation(const FieldDescriptor& f) {
  if (f.type() != FieldDescriptor::TYPE_STRING || f.is_repeated()) return false;
  if (f.name() == "delegation") return true;
  return f.containing_type()->name() == "SwapRequest" &&
         (f.name() == "first" || f.name() == "second");
}

// Writes the codes of `m` (and of its messages) in the session's spelling
// into `out` (a copy of `m`; null: only tell); true when one differs.
bool Respell(const Message& m, Message* out, const Session& session) {
  bool changed = false;
  const google::protobuf::Descriptor* d = m.GetDescriptor();
  const google::protobuf::Reflection* r = m.GetReflection();
  for (int i = 0; i < d->field_count(); ++i) {
    const FieldDescriptor* f = d->field(i);
    if (NamesDelegation(*f)) {
      const std::string code = r->GetString(m, f);
      const Delegation* known = session.FindDelegation(code) != nullptr
                                    ? nullptr
                                    : session.FindDelegationAnyCase(code);
      if (known == nullptr) continue;
      changed = true;
      if (out != nullptr) out->GetReflection()->SetString(out, f, known->code);
    } else if (f->type() == FieldDescriptor::TYPE_MESSAGE) {
      if (f->is_map()) continue;
      if (f->is_repeated()) {
        for (int j = 0; j < r->FieldSize(m, f); ++j) {
          Message* sub =
              out == nullptr
                  ? nullptr
                  : out->GetReflection()->MutableRepeatedMessage(out, f, j);
          changed |= Respell(r->GetRepeatedMessage(m, f, j), sub, session);
        }
      } else if (r->HasField(m, f)) {
        Message* sub = out == nullptr
                           ? nullptr
                           : out->GetReflection()->MutableMessage(out, f);
        changed |= Respell(r->GetMessage(m, f), sub, session);
      }
    }
  }
  return changed;
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

std::unique_ptr<Message> WithSessionCodes(const Message& request,
                                          const Session& session) {
  if (!Respell(request, nullptr, session)) return nullptr;
  std::unique_ptr<Message> copy(request.New());
  copy->CopyFrom(request);
  Respell(request, copy.get(), session);
  return copy;
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
