package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/rules-go-api/rules_go_api/internal/runfiles"
)

// launchEnv names the launch file of a go_api_test, go_api_update or go_api_update_all target,
// as a runfiles path. The rules make apidiff itself the executable of those targets and set it
// (RunEnvironmentInfo), so that `bazel test` and `bazel run` need neither bash nor a runfiles
// tree: everything is found through the runfiles manifest or directory (internal/runfiles).
const launchEnv = "RULES_GO_API_LAUNCH"

// launchFile is what the rules write (rules/private/test.bzl, checks.bzl): the command to run and
// its inputs as runfiles paths.
type launchFile struct {
	Command string   `json:"command"` // "check", "update", "update-all" or "no-update" (a baseline check's)
	Label   string   `json:"label"`   // the target, as users write it
	Flags   []string `json:"flags"`   // flags that name no file
	// Package is the runfiles path of the check's package ("_main/pkg"), APIPath the API file or
	// directory relative to it, Workspace its path in the workspace ("pkg/api.txt").
	Package   string `json:"package"`
	APIPath   string `json:"api_path"`
	Workspace string `json:"workspace_path"`
	// APIFiles are the runfiles paths of the API files that exist (check).
	APIFiles []string         `json:"api_files"`
	Features []launchFeatures `json:"features"`
	// Baseline holds the features of a check's baseline targets, by context, where a check
	// compares with them rather than with API files; BaselineName names them (their labels).
	Baseline     []launchFeatures `json:"baseline"`
	BaselineName string           `json:"baseline_name"`
	// Updates are the checks' update targets (update-all).
	Updates []struct {
		Label  string `json:"label"`
		Launch string `json:"launch"`
	} `json:"updates"`
}

// launchFeatures is a features file of one context, by its runfiles path.
type launchFeatures struct {
	Context string `json:"context"`
	File    string `json:"file"`
}

// launch runs the command of the launch file at the runfiles path rpath, with the arguments the
// user gave after `--` (bazel run) or --test_arg.
func launch(argv0, rpath string, userArgs []string, stdout, stderr io.Writer) int {
	files, err := runfiles.Find(argv0)
	if err != nil {
		fmt.Fprintf(stderr, "apidiff: %v\n", err)
		return 2
	}
	lf, err := readLaunchFile(files, rpath)
	if err != nil {
		fmt.Fprintf(stderr, "apidiff: %v\n", err)
		return 2
	}
	switch lf.Command {
	case "check":
		return launchCheck(files, lf, userArgs, stdout, stderr)
	case "update":
		args, err := updateArgs(files, lf)
		if err != nil {
			fmt.Fprintf(stderr, "%s: %v\n", lf.Label, err)
			return 2
		}
		return run(append(args, userArgs...), stdout, stderr)
	case "update-all":
		return launchUpdateAll(files, lf, userArgs, stdout, stderr)
	case "no-update":
		fmt.Fprintf(stderr, "%s: %s\n", lf.Label, noUpdateMessage(lf))
		return 2
	}
	fmt.Fprintf(stderr, "apidiff: %s: unknown command %q in the launch file %s\n", lf.Label, lf.Command, rpath)
	return 2
}

func readLaunchFile(files *runfiles.Files, rpath string) (*launchFile, error) {
	p, ok := files.Path(rpath)
	if !ok {
		return nil, fmt.Errorf("the launch file %s (%s) is not in the runfiles", rpath, launchEnv)
	}
	data, err := os.ReadFile(p)
	if err != nil {
		return nil, err
	}
	var lf launchFile
	if err := json.Unmarshal(data, &lf); err != nil {
		return nil, fmt.Errorf("the launch file %s: %v", rpath, err)
	}
	return &lf, nil
}

// noUpdateMessage is what the .update of a check against a baseline says: it has nothing to write.
func noUpdateMessage(lf *launchFile) string {
	return fmt.Sprintf("nothing to write: this check compares with the baseline %s, a build target, not with API files", lf.BaselineName)
}

// featureArgs returns -features CONTEXT=FILE for every features file, resolved, and -baseline
// CONTEXT=FILE for every baseline features file.
func featureArgs(files *runfiles.Files, lf *launchFile) ([]string, error) {
	var args []string
	for _, list := range []struct {
		flag    string
		entries []launchFeatures
	}{{"-features", lf.Features}, {"-baseline", lf.Baseline}} {
		for _, f := range list.entries {
			p, ok := files.Path(f.File)
			if !ok {
				return nil, fmt.Errorf("the features file %s is not in the runfiles", f.File)
			}
			args = append(args, list.flag, f.Context+"="+p)
		}
	}
	return args, nil
}

// launchCheck runs apidiff check. The API files are copied out of the runfiles into a directory
// of their own at their places in the package, so that a Go-style directory and a missing file
// read as they do in the workspace, with or without a runfiles tree.
func launchCheck(files *runfiles.Files, lf *launchFile, userArgs []string, stdout, stderr io.Writer) int {
	tmp, err := os.MkdirTemp(os.Getenv("TEST_TMPDIR"), "api")
	if err != nil {
		fmt.Fprintf(stderr, "%s: %v\n", lf.Label, err)
		return 2
	}
	defer os.RemoveAll(tmp)
	for _, rp := range lf.APIFiles {
		rel, ok := strings.CutPrefix(rp, lf.Package+"/")
		if !ok {
			fmt.Fprintf(stderr, "%s: the API file %s is not in the check's package %s\n", lf.Label, rp, lf.Package)
			return 2
		}
		src, ok := files.Path(rp)
		if !ok {
			fmt.Fprintf(stderr, "%s: the API file %s is not in the runfiles\n", lf.Label, rp)
			return 2
		}
		if err := copyFile(filepath.Join(tmp, filepath.FromSlash(rel)), src); err != nil {
			fmt.Fprintf(stderr, "%s: %v\n", lf.Label, err)
			return 2
		}
	}
	features, err := featureArgs(files, lf)
	if err != nil {
		fmt.Fprintf(stderr, "%s: %v\n", lf.Label, err)
		return 2
	}
	args := []string{"check", "-api", filepath.Join(tmp, filepath.FromSlash(lf.APIPath)), "-api-name", lf.Workspace}
	if len(lf.Baseline) > 0 {
		args = []string{"check", "-baseline-name", lf.BaselineName}
	}
	args = append(args, lf.Flags...)
	args = append(args, features...)
	if dir := os.Getenv("TEST_UNDECLARED_OUTPUTS_DIR"); dir != "" {
		args = append(args, "-json-out", filepath.Join(dir, "go_api_report.json"))
	}
	if xml := os.Getenv("XML_OUTPUT_FILE"); xml != "" {
		args = append(args, "-junit-out", xml)
	}
	return run(append(args, userArgs...), stdout, stderr)
}

func copyFile(dst, src string) error {
	data, err := os.ReadFile(src)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return err
	}
	return os.WriteFile(dst, data, 0o644)
}

// updateArgs returns the apidiff update command of an update launch file: the API files in the
// workspace (BUILD_WORKSPACE_DIRECTORY, which only bazel run sets).
func updateArgs(files *runfiles.Files, lf *launchFile) ([]string, error) {
	ws := os.Getenv("BUILD_WORKSPACE_DIRECTORY")
	if ws == "" {
		return nil, fmt.Errorf("run me with: bazel run %s", lf.Label)
	}
	features, err := featureArgs(files, lf)
	if err != nil {
		return nil, err
	}
	args := append([]string{"update", "-api", filepath.Join(ws, filepath.FromSlash(lf.Workspace))}, lf.Flags...)
	return append(args, features...), nil
}

// launchUpdateAll runs the update of every check in turn, goes on after a failure, and ends with
// a line per check and a count of what happened. The user's arguments go to every update
// (-except and -next concern Go-style directories only; snapshot checks ignore them).
func launchUpdateAll(files *runfiles.Files, lf *launchFile, userArgs []string, stdout, stderr io.Writer) int {
	if os.Getenv("BUILD_WORKSPACE_DIRECTORY") == "" {
		fmt.Fprintf(stderr, "%s: run me with: bazel run %s\n", lf.Label, lf.Label)
		return 2
	}
	var summary []string
	var updated, upToDate, nothing, failed int
	for _, u := range lf.Updates {
		check := strings.TrimSuffix(u.Label, ".update")
		fmt.Fprintf(stdout, "== %s\n", u.Label)
		var out bytes.Buffer
		code := 2
		ulf, err := readLaunchFile(files, u.Launch)
		if err == nil && ulf.Command == "no-update" {
			fmt.Fprintf(stdout, "%s: %s\n", u.Label, noUpdateMessage(ulf))
			nothing++
			summary = append(summary, fmt.Sprintf("  %s: nothing to write (compares with %s)", check, ulf.BaselineName))
			continue
		}
		var args []string
		if err == nil {
			args, err = updateArgs(files, ulf)
		}
		if err != nil {
			fmt.Fprintf(&out, "%s: %v\n", u.Label, err)
		} else {
			code = run(append(args, userArgs...), &out, &out)
		}
		stdout.Write(out.Bytes())
		switch {
		case code != 0:
			failed++
			summary = append(summary, fmt.Sprintf("  %s: not updated: %s", check, firstLine(out.String())))
		case strings.HasSuffix(out.String(), " is up to date\n"):
			upToDate++
			summary = append(summary, fmt.Sprintf("  %s: up to date", check))
		default:
			updated++
			summary = append(summary, fmt.Sprintf("  %s: updated", check))
		}
	}
	fmt.Fprintln(stdout)
	for _, s := range summary {
		fmt.Fprintln(stdout, s)
	}
	counts := fmt.Sprintf("%s: %d checks: %d updated, %d up to date", lf.Label, len(lf.Updates), updated, upToDate)
	if nothing > 0 {
		counts += fmt.Sprintf(", %d against a baseline (nothing to write)", nothing)
	}
	if failed > 0 {
		fmt.Fprintf(stderr, "%s, %d not updated (see above)\n", counts, failed)
		return 1
	}
	fmt.Fprintln(stdout, counts)
	return 0
}

// firstLine is the first line of an update's output that says what went wrong (not the usage).
func firstLine(out string) string {
	for _, l := range strings.Split(out, "\n") {
		if l != "" && !strings.HasPrefix(l, "usage:") {
			return l
		}
	}
	return ""
}
