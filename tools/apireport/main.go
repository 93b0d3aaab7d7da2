// Command apireport collects the reports of a run's API checks into one Markdown summary for a
// pull request: breaking changes first, then additions, per check and package, each with the
// command that accepts it.
//
//	apireport [-o FILE] -bep BEP.json
//	apireport [-o FILE] DIR|REPORT.json...
//
// Each go_api_test leaves its report, go_api_report.json, among its undeclared test outputs, which
// Bazel zips into test.outputs/outputs.zip (or leaves as files with --nozip_undeclared_test_outputs);
// apireport reads both. With -bep, the results are exactly those of one invocation: the test
// results that `bazel test --build_event_json_file=BEP.json` lists (cached ones included). A DIR
// is a bazel-testlogs directory (or one under it), which holds the newest result of every test
// that ever ran in the workspace, also of tests the last invocation did not run; the summary says
// so. A REPORT.json is a file apidiff check -json-out wrote.
//
// Exit status: 0 when the summary was written (whatever the checks said), 1 when no report was
// found or one could not be read, 2 on a usage error.
package main

import (
	"archive/zip"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/rules-go-api/rules_go_api/internal/atomicfile"
	"github.com/rules-go-api/rules_go_api/internal/report"
	"github.com/rules-go-api/rules_go_api/internal/workdir"
)

// reportName is the file each check writes into its undeclared outputs.
const reportName = "go_api_report.json"

func main() {
	out := flag.String("o", "-", "the Markdown file to write; - for standard output")
	bep := flag.String("bep", "", "the build event file of one invocation (bazel test --build_event_json_file=FILE): report exactly its test results")
	flag.Usage = func() {
		fmt.Fprintln(os.Stderr, "usage: apireport [-o FILE] -bep BEP.json\n       apireport [-o FILE] BAZEL_TESTLOGS_DIR|REPORT.json...")
	}
	flag.Parse()
	if (flag.NArg() == 0) == (*bep == "") {
		flag.Usage()
		os.Exit(2)
	}
	// Under bazel run, -o and the directories are relative to where the user ran it.
	if err := workdir.Enter(); err != nil {
		fmt.Fprintf(os.Stderr, "apireport: %v\n", err)
		os.Exit(1)
	}
	var err error
	if *bep != "" {
		err = runBEP(*bep, *out, os.Stdout)
	} else {
		err = run(flag.Args(), *out, os.Stdout)
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "apireport: %v\n", err)
		os.Exit(1)
	}
}

// runBEP writes the summary of the test results in a build event file.
func runBEP(bep, out string, stdout io.Writer) error {
	files, err := testOutputs(bep)
	if err != nil {
		return err
	}
	reports, err := collectAll(files)
	if err != nil {
		return err
	}
	if len(reports) == 0 {
		return fmt.Errorf("no %s among the test results in %s: did that invocation run API checks (bazel test)?", reportName, bep)
	}
	return write(report.Markdown(reports), out, stdout)
}

// testOutputs returns the local paths of the undeclared outputs (test.outputs, zipped or not) of
// every test result in a build event file written with --build_event_json_file: one JSON object
// per line.
func testOutputs(bep string) ([]string, error) {
	f, err := os.Open(bep)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var paths []string
	dec := json.NewDecoder(f)
	for n := 1; ; n++ {
		var event struct {
			TestResult *struct {
				TestActionOutput []struct {
					Name string `json:"name"`
					URI  string `json:"uri"`
				} `json:"testActionOutput"`
			} `json:"testResult"`
		}
		if err := dec.Decode(&event); err == io.EOF {
			break
		} else if err != nil {
			return nil, fmt.Errorf("%s: event %d: %v (want the file of --build_event_json_file)", bep, n, err)
		}
		if event.TestResult == nil {
			continue
		}
		for _, o := range event.TestResult.TestActionOutput {
			// The undeclared outputs: test.outputs__outputs.zip, or with
			// --nozip_undeclared_test_outputs one entry per file (and not the manifests,
			// test.outputs_manifest__*).
			if !strings.HasPrefix(o.Name, "test.outputs__") ||
				(!strings.HasSuffix(o.Name, ".zip") && !strings.HasSuffix(o.Name, "__"+reportName)) {
				continue
			}
			path, ok := strings.CutPrefix(o.URI, "file://")
			if !ok {
				return nil, fmt.Errorf("%s: the test output %s is not a local file (%s): with a remote cache, run bazel test with --remote_download_outputs=toplevel or all", bep, o.Name, o.URI)
			}
			paths = append(paths, path)
		}
	}
	return paths, nil
}

func run(dirs []string, out string, stdout io.Writer) error {
	reports, err := collectAll(dirs)
	if err != nil {
		return err
	}
	if len(reports) == 0 {
		return fmt.Errorf("no %s under %s: run the checks first (bazel test), and pass the bazel-testlogs directory",
			reportName, strings.Join(dirs, ", "))
	}
	text := report.Markdown(reports)
	for _, d := range dirs {
		if info, err := os.Stat(d); err == nil && info.IsDir() {
			text += "\n" + testlogsNote + "\n"
			break
		}
	}
	return write(text, out, stdout)
}

// testlogsNote ends a summary read from bazel-testlogs, which may hold results of earlier runs.
const testlogsNote = "_Read from bazel-testlogs: the newest result of every check that ran in this workspace, also of checks the last `bazel test` did not run. For exactly one invocation's results: `bazel test --build_event_json_file=bep.json ...`, then `apireport -bep bep.json`._"

// write writes the summary to out, or to stdout for "-".
func write(text, out string, stdout io.Writer) error {
	if out == "-" {
		_, err := io.WriteString(stdout, text)
		return err
	}
	return atomicfile.WriteFile(out, []byte(text))
}

// collectAll reads the reports of every path (see collect).
func collectAll(paths []string) ([]*report.Report, error) {
	var reports []*report.Report
	for _, p := range paths {
		rs, err := collect(p)
		if err != nil {
			return nil, err
		}
		reports = append(reports, rs...)
	}
	return reports, nil
}

// collect reads every report under dir, from outputs.zip archives and plain files; dir may also
// be one report file itself (what apidiff check -json-out writes, under any name).
func collect(dir string) ([]*report.Report, error) {
	// bazel-testlogs is a symbolic link, which WalkDir would not enter.
	root, err := filepath.EvalSymlinks(dir)
	if err != nil {
		return nil, err
	}
	if info, err := os.Stat(root); err == nil && !info.IsDir() {
		if strings.HasSuffix(root, ".zip") {
			return readZip(root) // a test's outputs.zip, as a build event file names it
		}
		data, err := os.ReadFile(root)
		if err != nil {
			return nil, err
		}
		r, err := report.Read(data)
		if err != nil {
			return nil, fmt.Errorf("%s: %v", dir, err)
		}
		return []*report.Report{r}, nil
	}
	var reports []*report.Report
	err = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		switch {
		case d.IsDir():
			return nil
		case d.Name() == reportName:
			data, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			r, err := report.Read(data)
			if err != nil {
				return fmt.Errorf("%s: %v", path, err)
			}
			reports = append(reports, r)
		case d.Name() == "outputs.zip":
			rs, err := readZip(path)
			if err != nil {
				return err
			}
			reports = append(reports, rs...)
		}
		return nil
	})
	return reports, err
}

// readZip reads the reports in a test's outputs.zip.
func readZip(path string) ([]*report.Report, error) {
	zr, err := zip.OpenReader(path)
	if err != nil {
		return nil, fmt.Errorf("%s: %v", path, err)
	}
	defer zr.Close()
	var reports []*report.Report
	for _, f := range zr.File {
		if filepath.Base(f.Name) != reportName {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			return nil, fmt.Errorf("%s: %s: %v", path, f.Name, err)
		}
		data, err := io.ReadAll(io.LimitReader(rc, 64<<20))
		rc.Close()
		if err != nil {
			return nil, fmt.Errorf("%s: %s: %v", path, f.Name, err)
		}
		r, err := report.Read(data)
		if err != nil {
			return nil, fmt.Errorf("%s: %s: %v", path, f.Name, err)
		}
		reports = append(reports, r)
	}
	return reports, nil
}
