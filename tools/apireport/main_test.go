package main

import (
	"archive/zip"
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rules-go-api/rules_go_api/internal/report"
)

func reports() []*report.Report {
	rs := []*report.Report{
		{Label: "//b:api_check", API: "b/api.txt", OK: false, Checked: []string{"linux-amd64"},
			Added: []string{"pkg example.com/b, func New() int"}, UpdateHint: "bazel run //b:api_check.update"},
		{Label: "//a:api_check", API: "a/api", OK: false, Checked: []string{"linux-amd64", "windows-amd64"},
			Removed:    []string{"pkg example.com/a (windows-amd64), func Old()"},
			Changed:    []report.Change{{From: "pkg example.com/a, func F(int)", To: "pkg example.com/a, func F(string)"}},
			UpdateHint: "bazel run //a:api_check.update -- -except -proposal NUMBER\n  (NUMBER: the proposal that approved the new API; each new line ends in \" #NUMBER\")"},
		{Label: "//c:api_check", API: "c/api.txt", OK: true, Checked: []string{"linux-amd64"}},
	}
	for _, r := range rs {
		r.Normalize()
	}
	return rs
}

// The expected summary is written by hand.
const wantMarkdown = "## API changes\n" +
	"\n" +
	"3 API checks: 1 with breaking changes, 1 with other differences, 1 unchanged.\n" +
	"\n" +
	"To accept every change at once: `bazel run //:api_checks.update` (the `.update` of the go_api_checks suite that lists the checks; Gazelle maintains it as `//:api_checks`).\n" +
	"\n" +
	"### Breaking changes\n" +
	"\n" +
	"#### `//a:api_check`\n" +
	"\n" +
	"`example.com/a`\n" +
	"\n" +
	"- changed: `func F(int)` → `func F(string)`\n" +
	"\n" +
	"`example.com/a (windows-amd64)`\n" +
	"\n" +
	"- removed: `func Old()`\n" +
	"\n" +
	"Accept with `bazel run //a:api_check.update -- -except -proposal NUMBER` (NUMBER: the proposal that approved the new API; each new line ends in \" #NUMBER\")\n" +
	"\n" +
	"### Additions and other differences\n" +
	"\n" +
	"#### `//b:api_check`\n" +
	"\n" +
	"`example.com/b`\n" +
	"\n" +
	"- added: `func New() int`\n" +
	"\n" +
	"Accept with `bazel run //b:api_check.update`\n" +
	"\n" +
	"### Unchanged\n" +
	"\n" +
	"- `//c:api_check`\n"

func TestMarkdown(t *testing.T) {
	if got := report.Markdown(reports()); got != wantMarkdown {
		t.Errorf("got:\n%s\nwant:\n%s", got, wantMarkdown)
	}
}

// TestCollect reads reports the way Bazel leaves them: zipped in test.outputs/outputs.zip, and as
// plain files (--nozip_undeclared_test_outputs).
// TestReportFiles: the files `apidiff check -json-out FILE` writes on the command line, under any
// name, are read as they are.
func TestReportFiles(t *testing.T) {
	dir := t.TempDir()
	var args []string
	for i, r := range reports() {
		var js bytes.Buffer
		if err := r.WriteJSON(&js); err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(dir, string(rune('a'+i))+"-report.json")
		if err := os.WriteFile(path, js.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		args = append(args, path)
	}
	var out bytes.Buffer
	if err := run(args, "-", &out); err != nil {
		t.Fatal(err)
	}
	if out.String() != wantMarkdown {
		t.Errorf("got:\n%s", out.String())
	}
	bad := filepath.Join(dir, "bad.json")
	os.WriteFile(bad, []byte("{}"), 0o644)
	if err := run([]string{bad}, "-", &out); err == nil || !strings.Contains(err.Error(), bad+": not an API check report") {
		t.Errorf("bad report file: %v", err)
	}
}

func TestCollect(t *testing.T) {
	dir := t.TempDir()
	rs := reports()
	for i, r := range rs {
		var js bytes.Buffer
		if err := r.WriteJSON(&js); err != nil {
			t.Fatal(err)
		}
		pkg := filepath.Join(dir, strings.TrimSuffix(strings.TrimPrefix(r.Label, "//"), ":api_check"), "api_check", "test.outputs")
		os.MkdirAll(pkg, 0o755)
		if i == 0 {
			os.WriteFile(filepath.Join(pkg, reportName), js.Bytes(), 0o644)
			continue
		}
		var zb bytes.Buffer
		zw := zip.NewWriter(&zb)
		w, _ := zw.Create(reportName)
		w.Write(js.Bytes())
		zw.Close()
		os.WriteFile(filepath.Join(pkg, "outputs.zip"), zb.Bytes(), 0o644)
	}
	// Through a symbolic link, as bazel-testlogs is one.
	link := filepath.Join(t.TempDir(), "bazel-testlogs")
	if err := os.Symlink(dir, link); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := run([]string{link}, "-", &out); err != nil {
		t.Fatal(err)
	}
	// From bazel-testlogs, the summary says that results of earlier runs may be among them.
	if out.String() != wantMarkdown+"\n"+testlogsNote+"\n" {
		t.Errorf("got:\n%s", out.String())
	}
	if err := run([]string{t.TempDir()}, "-", &out); err == nil || !strings.Contains(err.Error(), "no go_api_report.json under") {
		t.Errorf("empty directory: %v", err)
	}
	os.WriteFile(filepath.Join(dir, "x", reportName), []byte("{}"), 0o644)
	os.MkdirAll(filepath.Join(dir, "x"), 0o755)
	os.WriteFile(filepath.Join(dir, "x", reportName), []byte("{}"), 0o644)
	if err := run([]string{dir}, "-", &out); err == nil || !strings.Contains(err.Error(), "not an API check report") {
		t.Errorf("bad report: %v", err)
	}
}

// TestBEP reads the test results of a build event file (--build_event_json_file), in the shape
// Bazel 7.7.1 writes it: one event per line, each test result naming its undeclared outputs'
// outputs.zip; events of other kinds and other outputs are skipped.
func TestBEP(t *testing.T) {
	dir := t.TempDir()
	rs := reports()
	var events []string
	events = append(events, `{"id":{"started":{}},"started":{"uuid":"x"}}`)
	for i, r := range rs[:2] {
		var js bytes.Buffer
		if err := r.WriteJSON(&js); err != nil {
			t.Fatal(err)
		}
		zipPath := filepath.Join(dir, string(rune('a'+i)), "test.outputs", "outputs.zip")
		os.MkdirAll(filepath.Dir(zipPath), 0o755)
		var zb bytes.Buffer
		zw := zip.NewWriter(&zb)
		w, _ := zw.Create(reportName)
		w.Write(js.Bytes())
		zw.Close()
		os.WriteFile(zipPath, zb.Bytes(), 0o644)
		events = append(events, `{"id":{"testResult":{"label":"`+r.Label+`","run":1,"shard":1,"attempt":1}},"testResult":{"testActionOutput":[`+
			`{"name":"test.log","uri":"file://`+filepath.Join(dir, "test.log")+`"},`+
			`{"name":"test.outputs_manifest__MANIFEST","uri":"file://`+filepath.Join(dir, "MANIFEST")+`"},`+
			`{"name":"test.outputs__outputs.zip","uri":"file://`+zipPath+`"}],"status":"FAILED"}}`)
	}
	bep := filepath.Join(dir, "bep.json")
	os.WriteFile(bep, []byte(strings.Join(events, "\n")+"\n"), 0o644)
	var out bytes.Buffer
	if err := runBEP(bep, "-", &out); err != nil {
		t.Fatal(err)
	}
	// Only the two checks of this invocation: //c:api_check did not run in it.
	if !strings.Contains(out.String(), "2 API checks: 1 with breaking changes, 1 with other differences, 0 unchanged.") ||
		strings.Contains(out.String(), "//c:api_check") || strings.Contains(out.String(), "bazel-testlogs") {
		t.Errorf("got:\n%s", out.String())
	}

	remote := filepath.Join(dir, "remote.json")
	os.WriteFile(remote, []byte(`{"testResult":{"testActionOutput":[{"name":"test.outputs__outputs.zip","uri":"bytestream://cache/blobs/x"}]}}`+"\n"), 0o644)
	if err := runBEP(remote, "-", &out); err == nil || !strings.Contains(err.Error(), "is not a local file") {
		t.Errorf("a remote output: %v", err)
	}
	if err := runBEP(filepath.Join(dir, "test.log"), "-", &out); err == nil {
		t.Error("a file that is not a build event file: no error")
	}
}
