package main

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rules-go-api/rules_go_api/internal/apiformat"
	"github.com/rules-go-api/rules_go_api/internal/testbin"
)

// FuzzExportMode runs featgen, as a command, on arbitrary export data: it
// must exit 0 with feature lines, or 1 with one line on stderr; never crash,
// hang, or print a trace. The seeds include real export data (made at test
// time) and, in testdata/fuzz, inputs that once crashed the decoder.
func FuzzExportMode(f *testing.F) {
	for _, pkg := range []string{"./generic", "./embed"} {
		data, err := os.ReadFile(testbin.Export(f, "testdata/mod", pkg))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte("go object linux amd64 go1.26.8 X:none\n\n$$B\nu"))
	f.Fuzz(func(t *testing.T, data []byte) {
		file := filepath.Join(t.TempDir(), "p.x")
		if err := os.WriteFile(file, data, 0o644); err != nil {
			t.Fatal(err)
		}
		cmd := exec.Command(featgenBinary(t), "-importpath", "example.com/featgentest/generic", "-export", file)
		var stdout, stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		err := cmd.Run()
		var ee *exec.ExitError
		switch {
		case err == nil:
			for _, l := range strings.Split(strings.TrimSuffix(stdout.String(), "\n"), "\n") {
				l = strings.TrimPrefix(l, "# fact ") // a fact has a feature's head too
				if path, _, ok, err := apiformat.ParseDeclLine(l); ok && err == nil && path == "example.com/featgentest/generic" {
					continue
				}
				if l != "" && !strings.HasPrefix(l, "pkg example.com/featgentest/generic, ") {
					t.Fatalf("exit 0 with output line %q", l)
				}
			}
		case errors.As(err, &ee) && ee.ExitCode() == 1:
			if msg := stderr.String(); strings.Count(msg, "\n") != 1 || !strings.HasPrefix(msg, "featgen: ") || stdout.Len() > 0 {
				t.Fatalf("exit 1 with stderr %q and stdout %q", msg, stdout.String())
			}
		default:
			t.Fatalf("featgen: %v\n%s", err, stderr.String())
		}
	})
}
