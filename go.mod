module github.com/rules-go-api/rules_go_api

go 1.24.12

require (
	github.com/bazelbuild/bazel-gazelle v0.53.0
	github.com/bazelbuild/buildtools v0.0.0-20260904073137-eaa4d125b423
	go.starlark.net v0.0.0-20210223155950-e043a3d3c984
)

require (
	github.com/bazel-contrib/bazel-gazelle/v2 v2.0.0-3 // indirect
	github.com/google/go-cmp v0.6.0 // indirect
	golang.org/x/mod v0.23.0 // indirect
	golang.org/x/sys v0.30.0 // indirect
	golang.org/x/tools/go/vcs v0.1.0-deprecated // indirect
)
