// Package unchecked has no api.txt: with the default "go_api auto", it gets no check until one is
// created (bazel run //unchecked:api_check.update after adding the check with "go_api on").
package unchecked

// Answer is the answer.
const Answer = 42
