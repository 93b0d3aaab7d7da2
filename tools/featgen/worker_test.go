package main

import (
	"bufio"
	"encoding/binary"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rules-go-api/rules_go_api/internal/worker"
)

// workRequest encodes a WorkRequest with only arguments, as Bazel sends them:
// field 1, length-delimited, once per argument; the message length first.
func workRequest(args ...string) []byte {
	var msg []byte
	for _, a := range args {
		msg = append(msg, 0x0a)
		msg = binary.AppendUvarint(msg, uint64(len(a)))
		msg = append(msg, a...)
	}
	return append(binary.AppendUvarint(nil, uint64(len(msg))), msg...)
}

// TestPersistentWorker drives featgen as Bazel does with --persistent_worker:
// good and bad requests on one process, answered in order, the process
// surviving failures and exiting when its input ends.
func TestPersistentWorker(t *testing.T) {
	const path = "example.com/featgentest/deprec"
	const src = "testdata/mod/deprec/deprec.go"
	x := exportOf(t, "./deprec")
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
		resp, err := readResponse(responses)
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

// readResponse decodes a WorkResponse by hand: exit_code (1), output (2).
func readResponse(r *bufio.Reader) (worker.Response, error) {
	size, err := binary.ReadUvarint(r)
	if err != nil {
		return worker.Response{}, err
	}
	msg := make([]byte, size)
	if _, err := io.ReadFull(r, msg); err != nil {
		return worker.Response{}, err
	}
	var resp worker.Response
	for len(msg) > 0 {
		key, n := binary.Uvarint(msg)
		msg = msg[n:]
		switch key {
		case 0x08:
			v, n := binary.Uvarint(msg)
			resp.ExitCode, msg = int32(v), msg[n:]
		case 0x12:
			l, n := binary.Uvarint(msg)
			resp.Output, msg = string(msg[n:n+int(l)]), msg[n+int(l):]
		case 0x18:
			v, n := binary.Uvarint(msg)
			resp.ID, msg = int32(v), msg[n:]
		default:
			return resp, os.ErrInvalid
		}
	}
	return resp, nil
}

// TestPersistentWorkerTimeout: a request whose decoding does not finish gets a one-line failure,
// and the worker answers the next request (with a new decoder process).
func TestPersistentWorkerTimeout(t *testing.T) {
	x := exportOf(t, "./generic")
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
		resp, err := readResponse(responses)
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
