package main

import (
	"bufio"
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rules-go-api/rules_go_api/internal/testbin"
	"github.com/rules-go-api/rules_go_api/internal/worker"
)

// workRequest encodes a WorkRequest with only arguments, as Bazel sends them (internal/worker's
// tests check the encoding byte by byte).
func workRequest(args ...string) []byte {
	var b bytes.Buffer
	if err := worker.WriteRequest(&b, worker.Request{Arguments: args}); err != nil {
		panic(err)
	}
	return b.Bytes()
}

// TestPersistentWorker drives featgen as Bazel does with --persistent_worker:
// good and bad requests on one process, answered in order, the process
// surviving failures and exiting when its input ends.
func TestPersistentWorker(t *testing.T) {
	const path = "example.com/featgentest/deprec"
	const src = "testdata/mod/deprec/deprec.go"
	x := testbin.Export(t, "testdata/mod", "./deprec")
	want := strings.Join(featgen(t, "-importpath", path, "-export", x, "-src", src), "\n") + "\n"
	dir := t.TempDir()
	crash := crashingExport(t)
	corrupt := filepath.Join(dir, "corrupt.x")
	if err := os.WriteFile(corrupt, []byte("!<arch>\nnot export data"), 0o644); err != nil {
		t.Fatal(err)
	}

	cmd := exec.Command(featgenBinary(t), worker.Flag)
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	responses := bufio.NewReader(stdout)

	tests := []struct {
		name     string
		args     []string
		out      string // the -o file, checked if the request succeeds
		exitCode int32
		output   string // a substring of the response's output
	}{
		{"good", []string{"-importpath", path, "-export", x, "-src", src, "-o", filepath.Join(dir, "a.txt")}, "a.txt", 0, ""},
		{"decoder crash", []string{"-importpath", "example.com/featgentest/generic", "-export", crash, "-o", filepath.Join(dir, "crash.txt")}, "", 1,
			"featgen: " + crash + ": corrupt export data: the decoder crashed (fatal error: out of memory)\n"},
		{"corrupt export data", []string{"-importpath", path, "-export", corrupt, "-o", filepath.Join(dir, "b.txt")}, "", 1, "featgen: "},
		{"no -o", []string{"-importpath", path, "-export", x}, "", 2, "-o is required"},
		{"good after failures", []string{"-importpath", path, "-export", x, "-src", src, "-o", filepath.Join(dir, "c.txt")}, "c.txt", 0, ""},
	}
	for _, tt := range tests {
		if _, err := stdin.Write(workRequest(tt.args...)); err != nil {
			t.Fatalf("%s: writing the request: %v", tt.name, err)
		}
		resp, err := worker.ReadResponse(responses)
		if err != nil {
			t.Fatalf("%s: reading the response: %v", tt.name, err)
		}
		if resp.ExitCode != tt.exitCode || (tt.output == "" && resp.Output != "") || !strings.Contains(resp.Output, tt.output) {
			t.Errorf("%s: got exit code %d, output %q; want %d and output containing %q", tt.name, resp.ExitCode, resp.Output, tt.exitCode, tt.output)
		}
		if tt.out != "" {
			got, err := os.ReadFile(filepath.Join(dir, tt.out))
			if err != nil || string(got) != want {
				t.Errorf("%s: output file %q (%v), want %q", tt.name, got, err, want)
			}
		}
	}
	for _, name := range []string{"b.txt", "crash.txt"} {
		if _, err := os.Stat(filepath.Join(dir, name)); !os.IsNotExist(err) {
			t.Errorf("a failed request left its output file %s: %v", name, err)
		}
	}
	stdin.Close()
	if err := cmd.Wait(); err != nil {
		t.Errorf("worker exit after its input ended: %v", err)
	}
}

// TestPersistentWorkerTimeout: a request whose decoding does not finish gets a one-line failure,
// and the worker answers the next request (with a new decoder process).
func TestPersistentWorkerTimeout(t *testing.T) {
	x := testbin.Export(t, "testdata/mod", "./generic")
	cmd := exec.Command(featgenBinary(t), worker.Flag)
	cmd.Env = append(os.Environ(), "RULES_GO_API_FEATGEN_DECODE_TIMEOUT=1ms")
	stdin, _ := cmd.StdinPipe()
	stdout, _ := cmd.StdoutPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	responses := bufio.NewReader(stdout)
	out := filepath.Join(t.TempDir(), "out.txt")
	for i := range 2 {
		if _, err := stdin.Write(workRequest("-importpath", "example.com/featgentest/generic", "-export", x, "-o", out)); err != nil {
			t.Fatal(err)
		}
		resp, err := worker.ReadResponse(responses)
		want := "featgen: " + x + ": corrupt export data: the decoder did not finish in 1ms\n"
		if err != nil || resp.ExitCode != 1 || resp.Output != want {
			t.Errorf("request %d: %+v, %v; want exit 1 and %q", i, resp, err, want)
		}
	}
	stdin.Close()
	if err := cmd.Wait(); err != nil {
		t.Errorf("worker exit: %v", err)
	}
}
