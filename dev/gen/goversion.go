package main

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
)

var (
	goLine      = regexp.MustCompile(`(?m)^go (\d+\.\d+)(\.\d+)?$`)
	minGoAssign = regexp.MustCompile(`(?m)^MIN_GO_VERSION = "[^"]*"$`)
)

// goVersion returns rules/private/go_version.bzl with MIN_GO_VERSION set to go.mod's go line: the
// oldest Go that builds the module is the oldest that builds the rules' tools.
func goVersion(root string) ([]byte, error) {
	mod, err := os.ReadFile(filepath.Join(root, "go.mod"))
	if err != nil {
		return nil, err
	}
	m := goLine.FindSubmatch(mod)
	if m == nil {
		return nil, fmt.Errorf("go.mod has no go line")
	}
	bzl, err := os.ReadFile(filepath.Join(root, "rules/private/go_version.bzl"))
	if err != nil {
		return nil, err
	}
	if !minGoAssign.Match(bzl) {
		return nil, fmt.Errorf("rules/private/go_version.bzl has no line MIN_GO_VERSION = \"...\"")
	}
	return minGoAssign.ReplaceAll(bzl, []byte(fmt.Sprintf("MIN_GO_VERSION = %q", m[1]))), nil
}
