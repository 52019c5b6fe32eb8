// result.hpp — the error type used from core up to where a user can be told.
//
// Core code runs with exceptions disabled (web build), so failures travel as values:
// `Result<T>` holds either a T or an `Error` with a plain-words message and, for bad
// input, the JSON path of the offending value ("/tickets/3/status").
#pragma once

#include <string>
#include <utility>
#include <variant>

namespace tackboard {

struct Error {
    std::string message;
    std::string path = {};  // where in the input the problem is; empty when not about input

    std::string Describe() const { return path.empty() ? message : path + ": " + message; }
};

template <class T>
class Result {
public:
    Result(T value) : state_(std::move(value)) {}
    Result(Error error) : state_(std::move(error)) {}

    bool ok() const { return std::holds_alternative<T>(state_); }
    explicit operator bool() const { return ok(); }
    const T& value() const { return std::get<T>(state_); }
    T& value() { return std::get<T>(state_); }
    const Error& error() const { return std::get<Error>(state_); }

private:
    std::variant<T, Error> state_;
};

struct Ok {};
using Status = Result<Ok>;

}  // namespace tackboard
