// Package compat checks, without Bazel, that the rules run with every rules_go they claim to
// support: the oldest (v0.50.1, the newest one Bazel 4.2.3 can run) and the newest the Go module
// proxy serves. No modern Bazel can run here, so instead of running the rules with the newest
// rules_go, this test reads both rules_go trees and the rules' Starlark, and fails if the rules load
// a symbol or read a provider or toolchain field that either version lacks.
package compat

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/bazelbuild/buildtools/build"
)

// oldestRulesGo is the oldest supported rules_go.
const oldestRulesGo = "v0.50.1"

// rulesGoDir downloads rules_go at version from the Go module proxy (where the rules_go repository
// is a Go module) and returns its directory.
func rulesGoDir(t *testing.T, version string) string {
	t.Helper()
	out, err := exec.Command("go", "mod", "download", "-json", "github.com/bazelbuild/rules_go@"+version).Output()
	if err != nil {
		t.Fatalf("go mod download github.com/bazelbuild/rules_go@%s: %v (the Go module proxy must be reachable)", version, err)
	}
	var m struct{ Dir, Version string }
	if err := json.Unmarshal(out, &m); err != nil || m.Dir == "" {
		t.Fatalf("go mod download: %v\n%s", err, out)
	}
	return m.Dir
}

// newestRulesGo returns the newest rules_go release the module proxy lists.
func newestRulesGo(t *testing.T) string {
	t.Helper()
	cmd := exec.Command("go", "list", "-m", "-versions", "-json", "github.com/bazelbuild/rules_go")
	cmd.Dir = t.TempDir()
	cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GO111MODULE=on")
	os.WriteFile(filepath.Join(cmd.Dir, "go.mod"), []byte("module m\n"), 0o644)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list -m -versions github.com/bazelbuild/rules_go: %v", err)
	}
	var m struct{ Versions []string }
	if err := json.Unmarshal(out, &m); err != nil || len(m.Versions) == 0 {
		t.Fatalf("no rules_go versions listed: %v\n%s", err, out)
	}
	return m.Versions[len(m.Versions)-1]
}

func parseFile(t *testing.T, path string) *build.File {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	f, err := build.ParseBzl(path, data)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// api is what one rules_go version offers: the fields of its providers and of its toolchain, and
// the symbols each of its public .bzl files defines.
type api struct {
	fields  map[string]map[string]bool // kind (GoArchive, GoArchiveData, GoSDK, toolchain) -> fields
	symbols map[string]map[string]bool // file ("go:def.bzl") -> top-level names
}

// readAPI reads a rules_go tree. A provider's fields are its declared field list when it has one
// (provider(fields = [...]) or {...}), otherwise every keyword with which go/private constructs it;
// the toolchain's are the keywords of the ToolchainInfo that go_toolchain returns.
func readAPI(t *testing.T, dir string) *api {
	a := &api{fields: make(map[string]map[string]bool), symbols: make(map[string]map[string]bool)}
	for _, k := range []string{"GoArchive", "GoArchiveData", "GoSDK", "toolchain"} {
		a.fields[k] = make(map[string]bool)
	}
	declared := make(map[string]bool)
	filepath.WalkDir(filepath.Join(dir, "go"), func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".bzl") {
			return err
		}
		f := parseFile(t, path)
		for _, stmt := range f.Stmt {
			as, ok := stmt.(*build.AssignExpr)
			if !ok {
				continue
			}
			name, call := identName(as.LHS), callOf(as.RHS)
			if _, tracked := a.fields[name]; !tracked || call == nil || calleeName(call) != "provider" {
				continue
			}
			for _, arg := range call.List {
				if kv, ok := arg.(*build.AssignExpr); ok && identName(kv.LHS) == "fields" {
					for _, s := range stringsIn(kv.RHS) {
						a.fields[name][s] = true
					}
					declared[name] = true
				}
			}
		}
		build.Walk(f, func(x build.Expr, _ []build.Expr) {
			call, ok := x.(*build.CallExpr)
			if !ok {
				return
			}
			kind := calleeName(call)
			if kind == "platform_common.ToolchainInfo" && strings.HasSuffix(path, "go_toolchain.bzl") {
				kind = "toolchain"
			}
			if _, tracked := a.fields[kind]; !tracked || (declared[kind] && kind != "toolchain") {
				return
			}
			for _, arg := range call.List {
				if kv, ok := arg.(*build.AssignExpr); ok {
					a.fields[kind][identName(kv.LHS)] = true
				}
			}
		})
		return nil
	})
	for _, file := range []string{"def.bzl"} {
		f := parseFile(t, filepath.Join(dir, "go", file))
		names := make(map[string]bool)
		for _, stmt := range f.Stmt {
			switch s := stmt.(type) {
			case *build.AssignExpr:
				names[identName(s.LHS)] = true
			case *build.DefStmt:
				names[s.Name] = true
			case *build.LoadStmt:
				for _, to := range s.To {
					names[to.Name] = true
				}
			}
		}
		a.symbols["go:"+file] = names
	}
	return a
}

func identName(x build.Expr) string {
	if id, ok := x.(*build.Ident); ok {
		return id.Name
	}
	return ""
}

func callOf(x build.Expr) *build.CallExpr {
	c, _ := x.(*build.CallExpr)
	return c
}

// calleeName returns "f" or "a.b" for the called expression.
func calleeName(c *build.CallExpr) string {
	switch x := c.X.(type) {
	case *build.Ident:
		return x.Name
	case *build.DotExpr:
		if id, ok := x.X.(*build.Ident); ok {
			return id.Name + "." + x.Name
		}
	}
	return ""
}

// stringsIn returns the string literals of a list, or the keys of a dict.
func stringsIn(x build.Expr) []string {
	var out []string
	switch v := x.(type) {
	case *build.ListExpr:
		for _, e := range v.List {
			if s, ok := e.(*build.StringExpr); ok {
				out = append(out, s.Value)
			}
		}
	case *build.DictExpr:
		for _, kv := range v.List {
			if s, ok := kv.Key.(*build.StringExpr); ok {
				out = append(out, s.Value)
			}
		}
	}
	return out
}

// use is one thing the rules need from rules_go.
type use struct {
	kind, name string // ("GoArchiveData", "srcs") or ("load go:def.bzl", "GoArchive")
	pos        string
}

// uses finds what a .bzl file of the rules needs from rules_go: the symbols it loads from
// @io_bazel_rules_go//go:*.bzl, and the fields it reads from GoArchive, GoArchiveData, GoSDK and
// the Go toolchain. Types are followed through assignments, for loops, .to_list(), tuples and
// lists: enough for rules written plainly, which these are.
func uses(t *testing.T, path string, src []byte) []use {
	f, err := build.ParseBzl(path, src)
	if err != nil {
		t.Fatal(err)
	}
	var out []use
	providers := make(map[string]string) // local name of a loaded provider -> provider
	for _, stmt := range f.Stmt {
		if l, ok := stmt.(*build.LoadStmt); ok && strings.HasPrefix(l.Module.Value, "@io_bazel_rules_go//go") {
			file := strings.TrimPrefix(l.Module.Value, "@io_bazel_rules_go//")
			for i := range l.From {
				out = append(out, use{kind: "load " + file, name: l.From[i].Name, pos: fmt.Sprintf("%s:%d", path, l.Load.Line)})
				providers[l.To[i].Name] = l.From[i].Name
			}
		}
	}
	vars := make(map[string]string) // variable -> type ("GoArchive", "list:GoArchiveData", ...)
	var typeOf func(x build.Expr) string
	typeOf = func(x build.Expr) string {
		switch v := x.(type) {
		case *build.Ident:
			return vars[v.Name]
		case *build.ParenExpr:
			return typeOf(v.X)
		case *build.IndexExpr:
			if id, ok := v.Y.(*build.Ident); ok {
				if p := providers[id.Name]; p == "GoArchive" || p == "GoSDK" {
					return p
				}
			}
			if d, ok := v.X.(*build.DotExpr); ok && d.Name == "toolchains" {
				return "toolchain"
			}
			return strings.TrimPrefix(typeOf(v.X), "list:")
		case *build.DotExpr:
			switch typeOf(v.X) + "." + v.Name {
			case "GoArchive.data":
				return "GoArchiveData"
			case "GoArchive.transitive", "GoArchive.direct":
				return "list:GoArchiveData"
			case "toolchain.sdk":
				return "GoSDK"
			}
		case *build.CallExpr:
			if d, ok := v.X.(*build.DotExpr); ok && d.Name == "to_list" {
				return typeOf(d.X)
			}
		case *build.TupleExpr:
			if len(v.List) > 0 {
				return "list:" + typeOf(v.List[0])
			}
		case *build.ListExpr:
			if len(v.List) > 0 {
				return "list:" + typeOf(v.List[0])
			}
		}
		return ""
	}
	build.Walk(f, func(x build.Expr, _ []build.Expr) {
		switch v := x.(type) {
		case *build.AssignExpr:
			if id, ok := v.LHS.(*build.Ident); ok && v.Op == "=" {
				if ty := typeOf(v.RHS); ty != "" {
					vars[id.Name] = ty
				}
			}
		case *build.ForStmt:
			if id, ok := v.Vars.(*build.Ident); ok {
				if ty := typeOf(v.X); strings.HasPrefix(ty, "list:") {
					vars[id.Name] = strings.TrimPrefix(ty, "list:")
				}
			}
		case *build.DotExpr:
			switch ty := typeOf(v.X); ty {
			case "GoArchive", "GoArchiveData", "GoSDK", "toolchain":
				start, _ := v.Span()
				out = append(out, use{kind: ty, name: v.Name, pos: fmt.Sprintf("%s:%d", path, start.Line)})
			}
		}
	})
	return out
}

// missing returns the uses a rules_go API lacks.
func (a *api) missing(us []use) []string {
	var out []string
	for _, u := range us {
		if file, ok := strings.CutPrefix(u.kind, "load "); ok {
			if syms, known := a.symbols[file]; known && !syms[u.name] {
				out = append(out, fmt.Sprintf("%s: loads %s from %s", u.pos, u.name, file))
			}
			continue
		}
		if !a.fields[u.kind][u.name] {
			out = append(out, fmt.Sprintf("%s: reads %s.%s", u.pos, u.kind, u.name))
		}
	}
	return out
}

// rulesUses collects the uses of every .bzl file under rules/.
func rulesUses(t *testing.T) []use {
	var all []use
	filepath.WalkDir("../../rules", func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".bzl") {
			return err
		}
		src, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		rel, _ := filepath.Rel("../..", path)
		all = append(all, uses(t, rel, src)...)
		return nil
	})
	return all
}

func TestRulesUseOnlyWhatEveryRulesGoHas(t *testing.T) {
	us := rulesUses(t)
	seen := make(map[string]bool)
	for _, u := range us {
		seen[u.kind+"."+u.name] = true
	}
	// The analysis must see what the rules are known to read, or it sees nothing at all.
	for _, want := range []string{"load go:def.bzl.GoArchive", "GoArchiveData.importpath", "GoArchiveData.export_file",
		"GoArchiveData.srcs", "GoSDK.go", "toolchain.sdk", "toolchain.default_goos"} {
		if !seen[want] {
			t.Errorf("the analysis of rules/ found no use of %s; found: %v", want, sortedKeys(seen))
		}
	}
	for _, version := range []string{oldestRulesGo, newestRulesGo(t)} {
		a := readAPI(t, rulesGoDir(t, version))
		if len(a.fields["GoArchiveData"]) < 5 || len(a.fields["GoSDK"]) < 5 || len(a.fields["toolchain"]) < 5 {
			t.Fatalf("rules_go %s: too few fields found, the reader is broken: %v", version, a.fields)
		}
		for _, m := range a.missing(us) {
			t.Errorf("rules_go %s lacks what the rules use: %s", version, m)
		}
	}
}

// TestAnalysisFindsRemovedFields shows the check failing: GoArchiveData.orig_srcs, which the rules
// once read, is gone from the newest rules_go, and a load of a symbol rules_go never had.
func TestAnalysisFindsRemovedFields(t *testing.T) {
	src := []byte(`load("@io_bazel_rules_go//go:def.bzl", "GoArchive", "GoNoSuchThing")

def _impl(ctx):
    archive = ctx.attr.dep[GoArchive]
    for data in archive.transitive.to_list():
        print(data.orig_srcs, data.importpath)
`)
	a := readAPI(t, rulesGoDir(t, newestRulesGo(t)))
	got := a.missing(uses(t, "x.bzl", src))
	want := []string{"x.bzl:1: loads GoNoSuchThing from go:def.bzl", "x.bzl:6: reads GoArchiveData.orig_srcs"}
	if !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}

func sortedKeys(m map[string]bool) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
