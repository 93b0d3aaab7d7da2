package compat

import (
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"go.starlark.net/starlark"

	"github.com/rules-go-api/rules_go_api/internal/starlarktest"
)

// goVersionBzl executes rules/private/go_version.bzl with go.starlark.net.
func goVersionBzl(t *testing.T) starlark.StringDict {
	t.Helper()
	return starlarktest.Load(t, "../../rules/private", "go_version.bzl")
}

func TestGoVersionError(t *testing.T) {
	g := goVersionBzl(t)
	for version, wantErr := range map[string]bool{
		"1.21.8": true, "1.22.12": true, "go1.22": true, "1.9": true,
		"1.23": false, "1.23.0": false, "go1.23rc1": false, "1.26.8": false, "1.100.0": false, "2.0": false,
		"": false, "devel": false,
	} {
		v, err := starlark.Call(&starlark.Thread{}, g["go_version_error"], starlark.Tuple{starlark.String(version)}, nil)
		if err != nil {
			t.Fatalf("go_version_error(%q): %v", version, err)
		}
		msg, isErr := v.(starlark.String)
		if isErr != wantErr {
			t.Errorf("go_version_error(%q) = %v, want an error: %v", version, v, wantErr)
		}
		if isErr && (!strings.Contains(string(msg), "needs a Go SDK >= 1.23") || !strings.Contains(string(msg), "SDK is "+version) || strings.Contains(string(msg), "\n")) {
			t.Errorf("go_version_error(%q) = %q: want one line naming both versions", version, msg)
		}
	}
}

// TestMinGoVersionIsTrue builds featgen and apidiff the way the rules' GoApiTools action does (a
// module whose go line is the SDK's version) with Go MIN_GO_VERSION, which must work, and with the
// release before it, which must fail. Both Go releases come from the Go module proxy.
func TestMinGoVersionIsTrue(t *testing.T) {
	min := string(goVersionBzl(t)["MIN_GO_VERSION"].(starlark.String))
	major, minor, _ := strings.Cut(min, ".")
	n, err := strconv.Atoi(minor)
	if err != nil || n == 0 {
		t.Fatalf("MIN_GO_VERSION %q: want 1.N with N > 0", min)
	}
	before := major + "." + strconv.Itoa(n-1)
	for _, tc := range []struct {
		goVersion string // the go line of the module, as the action writes it
		toolchain string // the Go release that builds it
		ok        bool
	}{
		{min, "go" + min + ".0", true},
		{before, "go" + before + ".0", false},
	} {
		dir := t.TempDir()
		copyToolSources(t, dir)
		os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module github.com/rules-go-api/rules_go_api\n\ngo "+tc.goVersion+"\n"), 0o644)
		cmd := exec.Command("go", "build", "-o", t.TempDir()+"/", "./tools/featgen", "./tools/apidiff")
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GOTOOLCHAIN="+tc.toolchain, "GOFLAGS=", "CGO_ENABLED=0", "GOWORK=off")
		out, err := cmd.CombinedOutput()
		if tc.ok && err != nil {
			t.Errorf("the tools do not build with %s, which MIN_GO_VERSION says is enough: %v\n%s", tc.toolchain, err, out)
		}
		if !tc.ok && err == nil {
			t.Errorf("the tools build with %s: MIN_GO_VERSION %s could be lower", tc.toolchain, min)
		}
		if !tc.ok && !strings.Contains(string(out), ".go:") {
			t.Errorf("building with %s failed, but not on the tools' code (is the toolchain available from the Go module proxy?):\n%s", tc.toolchain, out)
		}
	}
}

// copyToolSources copies the non-test Go files of the tools and the internal packages, as the
// GoApiTools action lays them out.
func copyToolSources(t *testing.T, dst string) {
	t.Helper()
	for _, dir := range []string{"tools/featgen", "tools/apidiff", "internal"} {
		filepath.WalkDir(filepath.Join("../..", dir), func(path string, d os.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() && d.Name() == "testdata" {
				return filepath.SkipDir
			}
			if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
				return nil
			}
			rel, _ := filepath.Rel("../..", path)
			data, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			os.MkdirAll(filepath.Join(dst, filepath.Dir(rel)), 0o755)
			return os.WriteFile(filepath.Join(dst, rel), data, 0o644)
		})
	}
}

// TestToolsBuildForEveryExecPlatform: the rules build featgen and apidiff for Bazel's exec
// platform, which for users may be macOS or Windows, not only the Linux these tests run on.
func TestToolsBuildForEveryExecPlatform(t *testing.T) {
	for _, p := range []string{"windows/amd64", "windows/arm64", "darwin/arm64", "darwin/amd64", "linux/arm64", "freebsd/amd64"} {
		goos, goarch, _ := strings.Cut(p, "/")
		cmd := exec.Command("go", "build", "-o", t.TempDir()+"/", "./tools/featgen", "./tools/apidiff")
		cmd.Dir = "../.."
		cmd.Env = append(os.Environ(), "GOOS="+goos, "GOARCH="+goarch, "CGO_ENABLED=0", "GOFLAGS=")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Errorf("building the tools for %s: %v\n%s", p, err, out)
		}
	}
}
