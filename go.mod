module github.com/rules-go-api/rules_go_api

go 1.23

require (
	github.com/bazelbuild/bazel-gazelle v0.38.0
	go.starlark.net v0.0.0-20210223155950-e043a3d3c984
)

require (
	github.com/bazelbuild/buildtools v0.0.0-20260904073137-eaa4d125b423 // indirect
	github.com/google/go-cmp v0.6.0 // indirect
	golang.org/x/mod v0.16.0 // indirect
	golang.org/x/sys v0.18.0 // indirect
	golang.org/x/tools/go/vcs v0.1.0-deprecated // indirect
)
