package main

import (
	"strings"
	"testing"
)

func TestArchiveRefusesPatchLeftovers(t *testing.T) {
	module := file{name: "MODULE.bazel", data: []byte("module(\n    name = \"rules_go_api\",\n    version = \"0.0.0\",\n)\n")}
	for _, name := range []string{"internal/golist/BUILD.bazel.orig", "rules/defs.bzl.rej"} {
		_, err := archive([]file{module, {name: name, data: []byte("x\n")}}, "0.1.0")
		if err == nil || !strings.Contains(err.Error(), name+" is a patch leftover") {
			t.Errorf("an archive with %s tracked: got %v, want a patch leftover error naming it", name, err)
		}
	}
	if _, err := archive([]file{module, {name: "rules/defs.bzl", data: []byte("x\n")}}, "0.1.0"); err != nil {
		t.Errorf("an archive without leftovers: %v", err)
	}
}
