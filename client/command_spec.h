#ifndef SPEAKERS_CLIENT_COMMAND_SPEC_H_
#define SPEAKERS_CLIENT_COMMAND_SPEC_H_

#include <cstddef>
#include <functional>
#include <memory>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "client/arg_reader.h"
#include "client/command_context.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/message.h"

namespace speakers::cli {

// Makes a command's request from its checked command line: a new message
// of the RPC's input type, or the usage error (see ArgReader).
struct RequestBuilder {
  // The request's message type.
  const google::protobuf::Descriptor* type = nullptr;
  // A new request of `type` from the arguments, or the usage error.
  std::function<absl::StatusOr<std::shared_ptr<google::protobuf::Message>>(
      const ArgReader& in)>
      build;
};

// Runs a command with its request (the item already filled in): calls the
// RPC and prints what it returned. Returns the first error.
using CommandAction = std::function<absl::Status(
    CommandContext& context, google::protobuf::Message& request)>;

// One subcommand of `speakers`: one row of the table (command_table.h),
// everything about the command in one place.
struct CommandSpec {
  absl::string_view name = {};
  absl::string_view group = {};     // section of `speakers --help`
  absl::string_view synopsis = {};  // what follows the name in the usage line
  absl::string_view summary = {};   // one line for `speakers --help`
  absl::string_view details = {};   // the paragraph of `speakers NAME --help`
  // How many positional arguments it takes. Two rows may share a name
  // when their counts differ (`meeting` and `meeting open`).
  int min_args = 0;
  int max_args = 0;
  // The options it accepts besides the global ones (see option_table.h).
  std::vector<absl::string_view> options = {};
  // The RPC of speakers.v1.Speakers it calls: the method's name in
  // speakers.proto.
  absl::string_view rpc = {};
  // Its request from the command line (see Build).
  RequestBuilder request = {};
  // What it does with the request (see Print and Run).
  CommandAction run = {};
};

namespace command_spec_internal {

// The parameter types of a function or lambda, without const and &.
template <typename F>
struct Params : Params<decltype(&F::operator())> {};
template <typename C, typename R, typename... A>
struct Params<R (C::*)(A...) const> {
  using Types = std::tuple<std::remove_cvref_t<A>...>;
};
template <typename R, typename... A>
struct Params<R (*)(A...)> {
  using Types = std::tuple<std::remove_cvref_t<A>...>;
};
template <typename F, size_t I>
using Param = std::tuple_element_t<I, typename Params<std::decay_t<F>>::Types>;

// `request` as the generated type T; INTERNAL when it is another type.
template <typename T>
absl::StatusOr<T*> As(google::protobuf::Message& request) {
  T* typed = google::protobuf::DynamicCastToGenerated<T>(&request);
  if (typed == nullptr) {
    return absl::InternalError(
        absl::StrCat("the command expected a ", T::descriptor()->full_name(),
                     ", not a ", request.GetDescriptor()->full_name()));
  }
  return typed;
}

}  // namespace command_spec_internal

// A RequestBuilder from `fill`, an `absl::Status(const ArgReader&,
// Request&)`: the request is a new Request that `fill` fills in from the
// arguments, or returns the usage error.
template <typename F>
RequestBuilder Build(F fill) {
  using Request = command_spec_internal::Param<F, 1>;
  return RequestBuilder{
      Request::descriptor(),
      [fill](const ArgReader& in)
          -> absl::StatusOr<std::shared_ptr<google::protobuf::Message>> {
        auto request = std::make_shared<Request>();
        absl::Status filled = fill(in, *request);
        if (!filled.ok()) return filled;
        return request;
      }};
}

// A CommandAction that calls the command's RPC and prints its reply as
// `text` gives it, a `std::string(const Reply&, CommandContext&)` (or as
// JSON with --json).
template <typename F>
CommandAction Print(F text) {
  using Reply = command_spec_internal::Param<F, 0>;
  return [text](CommandContext& context,
                google::protobuf::Message& request) -> absl::Status {
    absl::StatusOr<Reply> reply = context.Send<Reply>(request);
    if (!reply.ok()) return reply.status();
    return context.Print(*reply, [&] { return text(*reply, context); });
  };
}

// A CommandAction for commands that do more than one call and one print:
// `run`, an `absl::Status(CommandContext&, Request&)`, gets the request as
// its generated type.
template <typename F>
CommandAction Run(F run) {
  using Request = command_spec_internal::Param<F, 1>;
  return [run](CommandContext& context,
               google::protobuf::Message& request) -> absl::Status {
    absl::StatusOr<Request*> typed =
        command_spec_internal::As<Request>(request);
    if (!typed.ok()) return typed.status();
    return run(context, **typed);
  };
}

}  // namespace speakers::cli

#endif  // SPEAKERS_CLIENT_COMMAND_SPEC_H_
