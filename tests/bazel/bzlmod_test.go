package bazel_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// readmeSetup returns the files of the README's bzlmod set-up: the fenced blocks of its
// "Set-up with bzlmod" section, in order MODULE.bazel, BUILD.bazel, .bazelrc.
func readmeSetup(t *testing.T) (module, build, bazelrc string) {
	t.Helper()
	readme := readRepoFile(t, "README.md")
	start := strings.Index(readme, "\n## Set-up with bzlmod")
	if start < 0 {
		t.Fatal(`README.md has no "## Set-up with bzlmod" section`)
	}
	section := readme[start+1:]
	if end := strings.Index(section, "\n## "); end >= 0 {
		section = section[:end]
	}
	blocks := regexp.MustCompile("(?s)```[a-z]*\n(.*?)```").FindAllStringSubmatch(section, -1)
	if len(blocks) != 3 {
		t.Fatalf("README.md's bzlmod set-up has %d code blocks, want 3 (MODULE.bazel, BUILD.bazel, .bazelrc)", len(blocks))
	}
	return blocks[0][1], blocks[1][1], blocks[2][1]
}

// TestBzlmodSetup follows README.md's bzlmod set-up on a new module, as a new user does: the
// three files exactly as printed (but go_sdk.host() for go_sdk.download, which needs a network),
// a module with a public package, one using another module through go_deps, an internal package
// and a command. Gazelle generates the checks with the labels users write; the first test fails
// for want of API files, the suite's update writes them, a removal is caught, and the command the
// report prints accepts it.
func TestBzlmodSetup(t *testing.T) {
	module, build, bazelrc := readmeSetup(t)
	download := regexp.MustCompile(`(?m)^go_sdk\.download\(.*\).*$`)
	if !download.MatchString(module) {
		t.Fatalf("the README's MODULE.bazel has no go_sdk.download line:\n%s", module)
	}
	w := NewWorkspace(t, "")
	w.WriteFile("MODULE.bazel", download.ReplaceAllLiteralString(module, "go_sdk.host()"))
	w.WriteFile("BUILD.bazel", build)
	w.WriteFile(".bazelrc", bazelrc)
	w.WriteFile("go.mod", "module example.com/m\n\ngo 1.26\n\nrequire github.com/google/uuid v1.6.0\n")
	w.WriteFile("go.sum", readRepoFile(t, "examples/gazelle/go.sum"))
	w.WriteFile("greet/greet.go", "// Package greet says hello.\npackage greet\n\n// Hello greets name.\nfunc Hello(name string) string { return \"Hello, \" + name }\n\n// Bye says goodbye.\nfunc Bye() string { return \"Bye\" }\n")
	w.WriteFile("ids/ids.go", "// Package ids makes IDs.\npackage ids\n\nimport \"github.com/google/uuid\"\n\n// New returns a new ID.\nfunc New() uuid.UUID { return uuid.New() }\n")
	w.WriteFile("internal/x/x.go", "package x\n\n// X is internal.\nconst X = 1\n")
	w.WriteFile("cmd/tool/main.go", "package main\n\nimport (\n\t\"fmt\"\n\n\t\"example.com/m/greet\"\n\t\"example.com/m/ids\"\n)\n\nfunc main() { fmt.Println(greet.Hello(ids.New().String())) }\n")

	w.MustBazel("run", "//:gazelle")
	// The README says `bazel mod tidy` writes the use_repo names: without the line, it adds it
	// (with buildozer, which the offline lane builds from source).
	useRepo := `use_repo(go_deps, "com_github_google_uuid")`
	w.Edit("MODULE.bazel", useRepo, "")
	w.MustBazel("mod", "tidy")
	if got := w.ReadFile("MODULE.bazel"); !strings.Contains(got, useRepo) {
		t.Errorf("bazel mod tidy did not write %s:\n%s", useRepo, got)
	}
	for rel, wants := range map[string][]string{
		"ids/BUILD.bazel": {`load("@rules_go//go:def.bzl", "go_library")`, `load("@rules_go_api//rules:defs.bzl", "go_api_test")`,
			`"@com_github_google_uuid//:uuid"`, `library = ":ids"`},
		"greet/BUILD.bazel": {`library = ":greet"`},
		"BUILD.bazel":       {`load("@rules_go_api//rules:defs.bzl", "go_api_checks")`, `"//greet:api_check"`, `"//ids:api_check"`},
	} {
		got := w.ReadFile(rel)
		for _, want := range wants {
			if !strings.Contains(got, want) {
				t.Errorf("%s after gazelle lacks %s:\n%s", rel, want, got)
			}
		}
	}
	for _, rel := range []string{"internal/x/BUILD.bazel", "cmd/tool/BUILD.bazel"} {
		if got := w.ReadFile(rel); strings.Contains(got, "go_api_test") {
			t.Errorf("%s has a check, but an internal package and a command have no API:\n%s", rel, got)
		}
	}

	// The messages name the API files' paths in the workspace, not in the runfiles (_main/greet/...).
	w.mustFail([]string{"the API file greet/api.txt does not exist yet", "the API file ids/api.txt does not exist yet", "bazel run //greet:api_check.update", "bazel run //ids:api_check.update",
		"or, for every check whose API files are missing: bazel run //:api_checks.update"}, "test", "//:api_checks")
	r := w.MustBazel("run", "//:api_checks.update")
	for _, want := range []string{`(?m)^== //greet:api_check\.update$`, `(?m)^== //ids:api_check\.update$`, `(?m)^//:api_checks\.update: 2 checks: 2 updated, 0 up to date$`} {
		if !regexp.MustCompile(want).MatchString(r.Output) {
			t.Errorf("bazel run //:api_checks.update: output does not match %s:\n%s", want, r.Output)
		}
	}
	if got, want := w.ReadFile("ids/api.txt"), "pkg example.com/m/ids, func New() uuid.UUID\n"; got != want {
		t.Errorf("ids/api.txt:\n%s\nwant:\n%s", got, want)
	}
	w.MustBazel("test", "--config=api", "//...")

	w.Edit("greet/greet.go", "// Bye says goodbye.\nfunc Bye() string { return \"Bye\" }\n", "")
	r = w.mustFail([]string{"- func Bye() string", "bazel run //greet:api_check.update"}, "test", "--config=api", "//...")
	if strings.Contains(r.Output, "@@") {
		t.Errorf("the report names canonical labels (@@...), which users do not type:\n%s", r.Output)
	}
	w.MustBazel("run", "//greet:api_check.update")
	w.MustBazel("test", "--config=api", "//...")
	if got := w.ReadFile("greet/api.txt"); strings.Contains(got, "Bye") {
		t.Errorf("greet/api.txt still has the removed function:\n%s", got)
	}
	if _, err := os.Stat(filepath.Join(w.Dir, "internal", "x", "api.txt")); err == nil {
		t.Error("the update wrote an API file for an internal package")
	}
}

// TestNoGoDevWarning: rules_go's go_sdk extension, evaluated from scratch in a module that uses
// go_sdk.host(), prints no warning about go.dev, which it asks for the list of Go releases (for
// the default SDK rules_go declares) and which this offline lane cannot reach; a user with network
// sees none either (dev/offline/lane7.sh blocks the two hosts).
func TestNoGoDevWarning(t *testing.T) {
	w := NewWorkspace(t, "")
	// rules_go_api too: the harness points every workspace's module at this checkout.
	w.WriteFile("MODULE.bazel", "bazel_dep(name = \"rules_go_api\", version = \"0.0.0\")\nbazel_dep(name = \"rules_go\", version = \"0.65.0\")\n\n"+
		"go_sdk = use_extension(\"@rules_go//go:extensions.bzl\", \"go_sdk\")\ngo_sdk.host()\n")
	w.WriteFile("BUILD.bazel", "")
	w.MustBazel("clean", "--expunge")
	r := w.MustBazel("mod", "show_extension", "@rules_go//go:extensions.bzl%go_sdk")
	if !strings.Contains(r.Output, "rules_go__download_0") {
		t.Fatalf("bazel mod show_extension did not list the go_sdk extension's repositories:\n%s", r.Output)
	}
	for _, host := range []string{"go.dev", "golang.google.cn"} {
		if strings.Contains(r.Output, "Download from https://"+host) {
			t.Errorf("evaluating go_sdk printed a warning about %s:\n%s", host, r.Output)
		}
	}
}
