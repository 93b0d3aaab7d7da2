// The buildifier version that tests/run_all.sh formats and lints Starlark with, in a module of
// its own: the main go.mod is also read by Gazelle v0.38, whose go.mod parser predates the
// tool directive.
module github.com/rules-go-api/rules_go_api/dev/buildifier

go 1.26

tool github.com/bazelbuild/buildtools/buildifier

require (
	github.com/bazelbuild/buildtools v0.0.0-20260904073137-eaa4d125b423 // indirect
	github.com/golang/protobuf v1.5.0 // indirect
	github.com/google/safeopen v0.0.0-20260327150837-43626d6f4685 // indirect
	golang.org/x/sys v0.10.0 // indirect
	google.golang.org/protobuf v1.33.0 // indirect
)
