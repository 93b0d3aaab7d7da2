package main

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/rules-go-api/rules_go_api/internal/apiformat"
	"github.com/rules-go-api/rules_go_api/internal/testbin"
)

func TestMain(m *testing.M) { os.Exit(testbin.Main(m)) }

// featgenBinary builds the command once, to observe exit status and stderr.
func featgenBinary(t testing.TB) string {
	t.Helper()
	bin, err := testbin.Build("github.com/rules-go-api/rules_go_api/tools/featgen")
	if err != nil {
		t.Fatal(err)
	}
	return bin
}

func TestBadInput(t *testing.T) {
	good := testbin.Export(t, "testdata/mod", "./embed")
	const path = "example.com/featgentest/embed"
	tmp := t.TempDir()
	write := func(name string, data []byte) string {
		p := filepath.Join(tmp, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	data, err := os.ReadFile(good)
	if err != nil {
		t.Fatal(err)
	}
	exp := bytes.Index(data, []byte("\n$$B\n"))
	if exp < 0 {
		t.Fatalf("%s has no export data section", good)
	}
	truncated := write("truncated.x", data[:exp+50])
	garbled := bytes.Clone(data)
	for i := exp + 40; i < exp+400 && i < len(garbled); i++ {
		garbled[i] = 0xff
	}
	corrupt := write("corrupt.x", garbled)
	cut := write("cut.x", data[:30])
	text := write("text.x", []byte("package embed\n"))
	empty := write("empty.x", nil)
	old := write("old.x", []byte("go object linux amd64 go1.17.13 X:none\n\n$$B\ni\x00\x01\x02garbage"))
	future := write("future.x", []byte("go object linux amd64 go1.99 X:none\n\n$$B\nz\x00\x01\x02garbage"))
	fmtExport, httpExport := testbin.Export(t, "testdata/mod", "fmt"), testbin.Export(t, "testdata/mod", "net/http")
	badSrc := write("bad.go", []byte("package embed\nfunc {\n"))
	src, _ := filepath.Abs("testdata/mod/embed/embed.go")

	for _, tc := range []struct {
		name string
		args []string
		want string // substring of the one-line error
	}{
		{"missing", []string{"-importpath", path, "-export", filepath.Join(tmp, "nope.x")}, "no such file"},
		{"empty", []string{"-importpath", path, "-export", empty}, "empty file, not export data"},
		{"truncated", []string{"-importpath", path, "-export", truncated}, "truncated export data"},
		{"corrupt", []string{"-importpath", path, "-export", corrupt}, "export data"},
		{"cut header", []string{"-importpath", path, "-export", cut}, "truncated archive header"},
		{"not export data", []string{"-importpath", path, "-export", text}, "not Go export data"},
		{"old format", []string{"-importpath", path, "-export", old}, "written by go1.17.13 is not supported by this program, built with " + runtime.Version()},
		{"unknown format", []string{"-importpath", path, "-export", future}, "written by go1.99"},
		{"wrong importpath", []string{"-importpath", "example.com/other", "-export", good}, "import path does not match export data"},
		{"dependency importpath", []string{"-importpath", "io", "-export", good}, "the data is package " + path + ", not io"},
		{"prefix of the real path", []string{"-importpath", path[:len(path)-1], "-export", good}, "the data is package " + path + ", not " + path[:len(path)-1]},
		{"another package", []string{"-importpath", "strings", "-export", fmtExport}, "the data is package fmt, not strings"},
		{"a suffix of the path", []string{"-importpath", "http", "-export", httpExport}, "the data is package net/http, not http"},
		{"wrong importmap", []string{"-importpath", path, "-importmap", "example.com/x", "-export", good}, "the data is package " + path + ", not example.com/x"},
		{"wrong GOOS", []string{"-importpath", path, "-export", good, "-goos", "windows"}, "compiled for " + runtime.GOOS + "/" + runtime.GOARCH + ", not windows/" + runtime.GOARCH},
		{"wrong GOARCH", []string{"-importpath", path, "-export", good, "-goarch", "arm64"}, "compiled for " + runtime.GOOS + "/" + runtime.GOARCH + ", not " + runtime.GOOS + "/arm64"},
		{"unparsable src", []string{"-importpath", path, "-export", good, "-src", badSrc}, "parsing source file"},
		{"unreadable src", []string{"-importpath", path, "-export", good, "-src", filepath.Join(tmp, "gone.go")}, "reading source file"},
		{"foreign src", []string{"-importpath", path, "-export", good, "-src", write("other.go", []byte("package embed\n"))}, "not among the -src files"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "out.txt")
			cmd := exec.Command(featgenBinary(t), append(tc.args, "-o", out)...)
			var stdout, stderr bytes.Buffer
			cmd.Stdout, cmd.Stderr = &stdout, &stderr
			err := cmd.Run()
			var exit *exec.ExitError
			if !errors.As(err, &exit) || exit.ExitCode() != 1 {
				t.Fatalf("exit: %v, want status 1; stderr: %s", err, stderr.String())
			}
			msg := stderr.String()
			if strings.Count(msg, "\n") != 1 || !strings.HasPrefix(msg, "featgen: ") {
				t.Errorf("want one line \"featgen: ...\" on stderr, got %q", msg)
			}
			if !strings.Contains(msg, tc.want) {
				t.Errorf("stderr %q does not contain %q", msg, tc.want)
			}
			if stdout.Len() > 0 {
				t.Errorf("stdout not empty: %q", stdout.String())
			}
			if _, err := os.Stat(out); !os.IsNotExist(err) {
				t.Errorf("-o file exists after an error (stat: %v)", err)
			}
		})
	}

	// The good inputs of the same cases work.
	got := featgen(t, "-importpath", path, "-export", good, "-src", src)
	if len(got) == 0 || !strings.HasPrefix(got[0], "pkg "+path+", ") {
		t.Errorf("good input: %q", got)
	}
}

func TestUsage(t *testing.T) {
	for _, args := range [][]string{
		{},
		{"-importpath", "p"},
		{"-export", "x.x"},
		{"-importpath", "p", "-export", "x.x", "std"},
		{"-src", "a.go", "std"},
		{"-nosuchflag"},
		{"-contexts", "linux-amd64", "-goos", "linux", "std"},
		{"-contexts", "linux-amd46", "std"},
		{"-contexts", "linux-amd64,linux-amd64", "std"},
		{"-contexts", ",", "std"},
		{"-importpath", "p", "-export", "x.x", "-contexts", "linux-amd64"},
	} {
		cmd := exec.Command(featgenBinary(t), args...)
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		err := cmd.Run()
		var exit *exec.ExitError
		if !errors.As(err, &exit) || exit.ExitCode() != 2 {
			t.Errorf("featgen %q: %v, want exit status 2; stderr: %s", args, err, stderr.String())
		}
		if !strings.Contains(stderr.String(), "usage: featgen") {
			t.Errorf("featgen %q: no usage in %q", args, stderr.String())
		}
	}
}

// TestDeterministic checks that the output does not depend on where the
// export data and sources live: Bazel caches on the bytes.
func TestDeterministic(t *testing.T) {
	const path = "example.com/featgentest/deprec"
	x := testbin.Export(t, "testdata/mod", "./deprec")
	a := featgen(t, "-importpath", path, "-export", x, "-src", "testdata/mod/deprec/deprec.go")
	dir := t.TempDir()
	data, _ := os.ReadFile(x)
	src, _ := os.ReadFile("testdata/mod/deprec/deprec.go")
	os.WriteFile(filepath.Join(dir, "copy.x"), data, 0o644)
	os.MkdirAll(filepath.Join(dir, "elsewhere"), 0o755)
	os.WriteFile(filepath.Join(dir, "elsewhere", "deprec.go"), src, 0o644)
	b := featgen(t, "-importpath", path, "-export", filepath.Join(dir, "copy.x"), "-src", filepath.Join(dir, "elsewhere", "deprec.go"))
	if strings.Join(a, "\n") != strings.Join(b, "\n") {
		t.Errorf("output differs between locations")
	}
	if !strings.Contains(strings.Join(a, "\n"), "type T //deprecated") {
		t.Errorf("deprecations not found through -src: %q", a)
	}
}

// crashingExport returns export data that go/importer cannot survive: every
// section length of the unified IR header says 2^32-1 elements, so the
// decoder's first allocation asks for 16 GiB, which the child's memory limit
// refuses with a fatal error. (Random one-byte changes find such files too,
// about one in a thousand; this one is made on purpose.)
func crashingExport(t *testing.T) string {
	t.Helper()
	data, err := os.ReadFile(testbin.Export(t, "testdata/mod", "./generic"))
	if err != nil {
		t.Fatal(err)
	}
	i := bytes.Index(data, []byte("\n$$B\nu"))
	if i < 0 {
		t.Fatal("no unified export data")
	}
	// After "u": a uint32 version, uint32 flags, then the uint32 ends of each section.
	hdr := i + len("\n$$B\nu") + 8
	for j := hdr; j < hdr+64; j++ {
		data[j] = 0xff
	}
	path := filepath.Join(t.TempDir(), "crash.x")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestImportMap(t *testing.T) {
	const path = "example.com/featgentest/dep"
	x := testbin.Export(t, "testdata/mod", "./dep")
	plain := featgen(t, "-importpath", path, "-export", x)
	mapped := featgen(t, "-importpath", "example.com/public/dep", "-importmap", path, "-export", x)
	if len(plain) == 0 || len(plain) != len(mapped) {
		t.Fatalf("%d lines, with -importmap %d", len(plain), len(mapped))
	}
	for i := range plain {
		want := strings.Replace(plain[i], "pkg "+path+", ", "pkg example.com/public/dep, ", 1)
		if _, _, ok, _ := apiformat.ParseDeclLine(plain[i]); ok {
			// The record's first section names the package by the path clients import.
			want = strings.Replace(plain[i], "# decl "+path+" ", "# decl example.com/public/dep ", 1)
			want = strings.Replace(want, `\n// package `+path+`\n`, `\n// package example.com/public/dep\n`, 1)
		}
		if mapped[i] != want || want == plain[i] {
			t.Errorf("line %d: %q, want %q", i, mapped[i], want)
		}
	}
}

// TestMainPackageMarker: a command's export data gives the marker line that
// apidiff turns into "a command has no API", not an empty output.
func TestMainPackageMarker(t *testing.T) {
	got := featgen(t, "-importpath", "example.com/featgentest/cmd/tool", "-export", testbin.Export(t, "testdata/mod", "./cmd/tool"))
	if want := []string{"# example.com/featgentest/cmd/tool is package main: a command has no API"}; !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestDecoderCrashIsOneLine(t *testing.T) {
	crash := crashingExport(t)
	out := filepath.Join(t.TempDir(), "out.txt")
	cmd := exec.Command(featgenBinary(t), "-importpath", "example.com/featgentest/generic", "-export", crash, "-o", out)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.ExitCode() != 1 {
		t.Fatalf("exit: %v, want status 1\n%s", err, stderr.String())
	}
	want := "featgen: " + crash + ": corrupt export data: the decoder crashed (fatal error: out of memory)\n"
	if stderr.String() != want || stdout.Len() != 0 {
		t.Errorf("stderr %q, stdout %q; want stderr %q", stderr.String(), stdout.String(), want)
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Errorf("output written: %v", err)
	}
}

// TestDecoderTimeout: a decoder that does not finish is stopped and reported in one line, as a
// command and in the persistent worker, which then serves the next request. (Corrupt data that
// loops was not found; a timeout shorter than any decoding stands in for it.)
func TestDecoderTimeout(t *testing.T) {
	x := testbin.Export(t, "testdata/mod", "./generic")
	cmd := exec.Command(featgenBinary(t), "-importpath", "example.com/featgentest/generic", "-export", x)
	cmd.Env = append(os.Environ(), "RULES_GO_API_FEATGEN_DECODE_TIMEOUT=1ms")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	err := cmd.Run()
	var ee *exec.ExitError
	want := "featgen: " + x + ": corrupt export data: the decoder did not finish in 1ms\n"
	if !errors.As(err, &ee) || ee.ExitCode() != 1 || stderr.String() != want {
		t.Errorf("exit %v, stderr %q; want status 1 and %q", err, stderr.String(), want)
	}
}
