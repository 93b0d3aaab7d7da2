package gazelle

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bazelbuild/bazel-gazelle/testtools"
)

var (
	binaryOnce sync.Once
	binaryPath string
	binaryErr  error
)

// langsGo returns the language list of the test binary: Gazelle's Go language, then this one, as
// users list them in gazelle_binary. Gazelle up to v0.53 declares the list in langs.go, which is
// replaced; v0.54 declares the variable in main.go and fills it in langs.go's init.
func langsGo(mainGo string) string {
	const imports = `package main

import (
	"github.com/bazelbuild/bazel-gazelle/language"
	golang "github.com/bazelbuild/bazel-gazelle/language/go"
	goapi "github.com/rules-go-api/rules_go_api/gazelle"
)
`
	list := `[]language.Language{
	golang.NewLanguage(),
	goapi.NewLanguage(),
}`
	if regexp.MustCompile(`(?m)^var languages\b`).MatchString(mainGo) {
		return imports + "\nfunc init() {\n\tlanguages = " + strings.ReplaceAll(list, "\n", "\n\t") + "\n}\n"
	}
	return imports + "\nvar languages = " + list + "\n"
}

// gazelleBinary builds a real Gazelle binary with this extension, the way gazelle_binary does in
// Bazel: Gazelle's cmd/gazelle with a generated language list. Gazelle's main package uses an
// internal package of its module, so it is built from a copy of the Gazelle module (the version
// go.mod requires) that requires this checkout.
func gazelleBinary(t *testing.T) string {
	t.Helper()
	binaryOnce.Do(func() {
		binaryPath, binaryErr = buildGazelle()
	})
	if binaryErr != nil {
		t.Fatalf("building gazelle with the go_api extension: %v", binaryErr)
	}
	return binaryPath
}

func buildGazelle() (string, error) {
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "github.com/bazelbuild/bazel-gazelle").Output()
	if err != nil {
		return "", fmt.Errorf("go list -m github.com/bazelbuild/bazel-gazelle: %v", err)
	}
	src := strings.TrimSpace(string(out))
	checkout, err := filepath.Abs("..")
	if err != nil {
		return "", err
	}
	cache, err := os.UserCacheDir()
	if err != nil {
		return "", err
	}
	// A stable directory, so the Go build cache serves later runs.
	work := filepath.Join(cache, "rules_go_api", "gazelle-test", filepath.Base(src))
	if err := os.RemoveAll(work); err != nil {
		return "", err
	}
	err = filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, path)
		if d.IsDir() {
			if rel == "vendor" || rel == "tests" {
				return filepath.SkipDir
			}
			return os.MkdirAll(filepath.Join(work, rel), 0o755)
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(work, rel), data, 0o644)
	})
	if err != nil {
		return "", err
	}
	// The other files of cmd/gazelle say how the language list is declared.
	cmdDir := filepath.Join(work, "cmd", "gazelle")
	others, err := filepath.Glob(filepath.Join(cmdDir, "*.go"))
	if err != nil {
		return "", err
	}
	var mainGo strings.Builder
	for _, f := range others {
		if filepath.Base(f) == "langs.go" || strings.HasSuffix(f, "_test.go") {
			continue
		}
		data, err := os.ReadFile(f)
		if err != nil {
			return "", err
		}
		mainGo.Write(data)
		// Gazelle v0.54.0's main.go hands its languages to the update command of the v2 module
		// in its own repository, as v2 languages; the v2 release on the module proxy (v2.0.0-3)
		// takes v1 languages, so that main.go does not build from the proxy. Drive v0.54.0's
		// languages with the published v2 command instead (docs/compat.md says so).
		if fixed := strings.ReplaceAll(string(data), "langsV2 := languagesV2()", "langsV2 := languages"); fixed != string(data) {
			if err := os.WriteFile(f, []byte(fixed), 0o644); err != nil {
				return "", err
			}
		}
	}
	if err := os.WriteFile(filepath.Join(cmdDir, "langs.go"), []byte(langsGo(mainGo.String())), 0o644); err != nil {
		return "", err
	}
	run := func(args ...string) error {
		cmd := exec.Command("go", args...)
		cmd.Dir = work
		cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOWORK=off")
		if out, err := cmd.CombinedOutput(); err != nil {
			return fmt.Errorf("go %s: %v\n%s", strings.Join(args, " "), err, out)
		}
		return nil
	}
	if err := run("mod", "edit", "-require=github.com/rules-go-api/rules_go_api@v0.0.0",
		"-replace=github.com/rules-go-api/rules_go_api="+checkout); err != nil {
		return "", err
	}
	bin := filepath.Join(work, "gazelle")
	if err := run("build", "-o", bin, "./cmd/gazelle"); err != nil {
		return "", err
	}
	return bin, nil
}

// TestGoldens runs Gazelle on each testdata/<case> workspace and compares the BUILD files with
// BUILD.out (and stderr and exit status with expectedStderr.txt and expectedExitCode.txt).
func TestGoldens(t *testing.T) {
	bin := gazelleBinary(t)
	cases, err := os.ReadDir("testdata")
	if err != nil {
		t.Fatal(err)
	}
	if len(cases) == 0 {
		t.Fatal("no test cases in testdata")
	}
	for _, c := range cases {
		if !c.IsDir() {
			continue
		}
		abs, err := filepath.Abs(filepath.Join("testdata", c.Name()))
		if err != nil {
			t.Fatal(err)
		}
		testtools.TestGazelleGenerationOnPath(t, &testtools.TestGazelleGenerationArgs{
			Name:                 c.Name(),
			TestDataPathAbsolute: abs,
			TestDataPathRelative: filepath.Join("gazelle", "testdata", c.Name()),
			GazelleBinaryPath:    bin,
			Timeout:              2 * time.Minute,
		})
	}
}

// TestIdempotent runs Gazelle twice over every case that succeeds and expects the second run to
// change nothing.
func TestIdempotent(t *testing.T) {
	bin := gazelleBinary(t)
	cases, _ := os.ReadDir("testdata")
	for _, c := range cases {
		if _, err := os.Stat(filepath.Join("testdata", c.Name(), "expectedExitCode.txt")); err == nil {
			continue
		}
		t.Run(c.Name(), func(t *testing.T) {
			dir := t.TempDir()
			copyCase(t, filepath.Join("testdata", c.Name()), dir)
			cmd := exec.Command(bin)
			cmd.Dir = dir
			if out, err := cmd.CombinedOutput(); err != nil {
				t.Fatalf("first run: %v\n%s", err, out)
			}
			cmd = exec.Command(bin, "-mode=diff")
			cmd.Dir = dir
			out, err := cmd.CombinedOutput()
			var exit *exec.ExitError
			if err != nil && !errors.As(err, &exit) {
				t.Fatal(err)
			}
			if len(out) > 0 {
				t.Errorf("second run would change files:\n%s", out)
			}
		})
	}
}

// copyCase copies a test case's input files (BUILD.in as BUILD.bazel, no BUILD.out).
func copyCase(t *testing.T, from, to string) {
	t.Helper()
	err := filepath.WalkDir(from, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(from, path)
		switch {
		case strings.HasSuffix(rel, "BUILD.out"):
			return nil
		case strings.HasSuffix(rel, "BUILD.in"):
			rel = strings.TrimSuffix(rel, ".in") + ".bazel"
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if err := os.MkdirAll(filepath.Join(to, filepath.Dir(rel)), 0o755); err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(to, rel), data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestRepositoryBuildFiles checks that this repository's own BUILD files are what Gazelle (with
// this extension) generates: `bazel run //:gazelle_update` keeps them so.
func TestRepositoryBuildFiles(t *testing.T) {
	cmd := exec.Command(gazelleBinary(t), "-mode=diff")
	cmd.Dir = ".."
	var stdout, stderr strings.Builder
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	// -mode=diff exits 1 with a diff on stdout when a file differs; any other failure, or a
	// message on stderr (a bad directive, an unreadable file), is a failure of its own.
	var exit *exec.ExitError
	switch {
	case err == nil && stdout.Len() == 0 && stderr.Len() == 0:
	case stdout.Len() > 0 && (err == nil || errors.As(err, &exit) && exit.ExitCode() == 1):
		t.Errorf("BUILD files are out of date; run `bazel run //:gazelle_update` (or apply this diff):\n%s%s", stdout.String(), stderr.String())
	default:
		t.Errorf("gazelle -mode=diff: %v\nstdout:\n%s\nstderr:\n%s", err, stdout.String(), stderr.String())
	}
}
