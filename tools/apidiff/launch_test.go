package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rules-go-api/rules_go_api/internal/testbin"
)

// manifestRunfiles lays files out as Bazel does with --noenable_runfiles (Windows' default): no
// runfiles tree, only a manifest mapping each runfiles path to a file stored elsewhere, here under
// a directory whose layout has nothing to do with the runfiles paths. It returns the manifest.
func manifestRunfiles(t *testing.T, files map[string]string) string {
	t.Helper()
	store := t.TempDir()
	var manifest strings.Builder
	i := 0
	for rpath, content := range files {
		i++
		p := filepath.Join(store, "f"+strings.Repeat("x", i))
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		manifest.WriteString(rpath + " " + p + "\n")
	}
	m := filepath.Join(t.TempDir(), "MANIFEST")
	if err := os.WriteFile(m, []byte(manifest.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return m
}

func launchJSON(t *testing.T, v any) string {
	t.Helper()
	data, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// runLaunched runs the apidiff binary as the rules start it: with RULES_GO_API_LAUNCH and only a
// runfiles manifest, from a directory that is not a runfiles tree.
func runLaunched(t *testing.T, bin, manifest, launch string, env []string, args ...string) (string, int) {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Dir = t.TempDir()
	cmd.Env = append(os.Environ(), "RUNFILES_MANIFEST_FILE="+manifest, launchEnv+"="+launch, "RUNFILES_DIR=", "TEST_SRCDIR=")
	cmd.Env = append(cmd.Env, env...)
	out, err := cmd.CombinedOutput()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return string(out), code
}

// TestLaunchCheck runs go_api_test's executable (apidiff with a launch file) with only a runfiles
// manifest: a Go-style api/ directory, which a manifest lists file by file, is read as the
// directory it is in the workspace, the reports name the workspace path and land where Bazel
// wants them; a snapshot with no file yet fails saying so.
func TestLaunchCheck(t *testing.T) {
	bin, err := testbin.Build("github.com/rules-go-api/rules_go_api/tools/apidiff")
	if err != nil {
		t.Fatal(err)
	}
	check := func(apiPath string, apiFiles []string) map[string]any {
		return map[string]any{
			"command": "check", "label": "//lib:api_check",
			"flags":   []string{"-mode", map[bool]string{true: "go", false: "snapshot"}[apiPath == "api"], "-approval", "none", "-update-hint", "bazel run //lib:api_check.update", "-label", "//lib:api_check"},
			"package": "_main/lib", "api_path": apiPath, "workspace_path": "lib/" + apiPath,
			"api_files": apiFiles,
			"features":  []map[string]string{{"context": "linux-amd64", "file": "_main/lib/features.txt"}},
		}
	}
	manifest := manifestRunfiles(t, map[string]string{
		"_main/lib/api/go1.txt":           "pkg example.com/lib, func F()\n",
		"_main/lib/api/next/1.txt":        "pkg example.com/lib, func G()\n",
		"_main/lib/features.txt":          "pkg example.com/lib, func F()\npkg example.com/lib, func G()\npkg example.com/lib, func H()\n",
		"_main/lib/dir.launch.json":       launchJSON(t, check("api", []string{"_main/lib/api/go1.txt", "_main/lib/api/next/1.txt"})),
		"_main/lib/missing.launch.json":   launchJSON(t, check("api.txt", nil)),
		"_main/lib/outside.launch.json":   launchJSON(t, check("api.txt", []string{"_main/other/api.txt"})),
		"_main/other/api.txt":             "pkg example.com/lib, func F()\n",
		"_main/lib/unknown.launch.json":   `{"command": "bisect", "label": "//lib:api_check"}`,
		"_main/lib/malformed.launch.json": `{"command": `,
	})
	outputs := t.TempDir()
	out, code := runLaunched(t, bin, manifest, "_main/lib/dir.launch.json", []string{"TEST_UNDECLARED_OUTPUTS_DIR=" + outputs, "XML_OUTPUT_FILE=" + filepath.Join(outputs, "test.xml")})
	if code != 1 || !strings.Contains(out, "+ func H()") || !strings.Contains(out, "against lib/api") {
		t.Errorf("the Go-style check: exit %d, want 1, the added func H and the workspace path lib/api:\n%s", code, out)
	}
	report, err := os.ReadFile(filepath.Join(outputs, "go_api_report.json"))
	if err != nil || !strings.Contains(string(report), `"api": "lib/api"`) {
		t.Errorf("go_api_report.json: %v\n%s", err, report)
	}
	if _, err := os.Stat(filepath.Join(outputs, "test.xml")); err != nil {
		t.Errorf("no JUnit report at XML_OUTPUT_FILE: %v", err)
	}
	out, code = runLaunched(t, bin, manifest, "_main/lib/missing.launch.json", nil)
	if code != 1 || !strings.Contains(out, "the API file lib/api.txt does not exist yet") || !strings.Contains(out, "bazel run //lib:api_check.update") {
		t.Errorf("the check without an API file: exit %d, want 1, the missing file and the update command:\n%s", code, out)
	}
	for launch, want := range map[string]string{
		"_main/lib/outside.launch.json":   "//lib:api_check: the API file _main/other/api.txt is not in the check's package _main/lib",
		"_main/lib/unknown.launch.json":   `apidiff: //lib:api_check: unknown command "bisect" in the launch file _main/lib/unknown.launch.json`,
		"_main/lib/malformed.launch.json": "apidiff: the launch file _main/lib/malformed.launch.json: unexpected end of JSON input",
		"_main/lib/absent.launch.json":    "apidiff: the launch file _main/lib/absent.launch.json (RULES_GO_API_LAUNCH) is not in the runfiles",
	} {
		if out, code := runLaunched(t, bin, manifest, launch, nil); code != 2 || out != want+"\n" {
			t.Errorf("%s: exit %d, output:\n%s\nwant exit 2 and:\n%s", launch, code, out, want)
		}
	}
}

// TestLaunchUpdateAll runs go_api_checks's update (apidiff with an update-all launch file) over
// three checks: one writes its snapshot, one finds it up to date, one is refused (a Go-style
// directory losing a feature, without -except). It goes on after the refusal, and its last line
// counts each kind. Only a runfiles manifest exists, as on Windows.
func TestLaunchUpdateAll(t *testing.T) {
	bin, err := testbin.Build("github.com/rules-go-api/rules_go_api/tools/apidiff")
	if err != nil {
		t.Fatal(err)
	}
	ws := t.TempDir()
	testbin.WriteTree(t, ws, map[string]string{
		"same/api.txt":    "pkg example.com/same, func F()\n",
		"gone/api/v1.txt": "pkg example.com/gone, func Old()\n",
	})
	features := map[string]string{"same": "pkg example.com/same, func F()\n", "new": "pkg example.com/new, func N()\n", "gone": "pkg example.com/gone, func New()\n"}
	api := map[string]string{"same": "same/api.txt", "new": "new/api.txt", "gone": "gone/api"}
	files := make(map[string]string)
	var updates []map[string]string
	for _, name := range []string{"gone", "new", "same"} {
		mode := "snapshot"
		if name == "gone" {
			mode = "go"
		}
		files["_main/"+name+"/features.txt"] = features[name]
		files["_main/"+name+"/api_check.update.launch.json"] = launchJSON(t, map[string]any{
			"command": "update", "label": "//" + name + ":api_check.update",
			"flags":          []string{"-mode", mode, "-approval", "none", "-update-hint", "bazel run //" + name + ":api_check.update"},
			"workspace_path": api[name],
			"features":       []map[string]string{{"context": "linux-amd64", "file": "_main/" + name + "/features.txt"}},
		})
		updates = append(updates, map[string]string{"label": "//" + name + ":api_check.update", "launch": "_main/" + name + "/api_check.update.launch.json"})
	}
	files["_main/api_checks.update.launch.json"] = launchJSON(t, map[string]any{"command": "update-all", "label": "//:api_checks.update", "updates": updates})
	manifest := manifestRunfiles(t, files)
	env := []string{"BUILD_WORKSPACE_DIRECTORY=" + ws}

	// The check that is up to date has its facts file too (else its update writes that).
	if out, code := runLaunched(t, bin, manifest, "_main/same/api_check.update.launch.json", env); code != 0 || !strings.Contains(out, "wrote its facts") {
		t.Fatalf("writing same/api.facts: exit %d\n%s", code, out)
	}
	out, code := runLaunched(t, bin, manifest, "_main/api_checks.update.launch.json", env)
	summary := out[strings.LastIndex(out, "\n\n")+2:]
	want := "  //gone:api_check: not updated: apidiff: 1 feature removed or changed"
	if code != 1 || !strings.HasPrefix(summary, want) {
		t.Fatalf("exit %d, want 1 and a summary starting %q:\n%s", code, want, out)
	}
	_, rest, _ := strings.Cut(summary, "\n")
	if want := "  //new:api_check: updated\n" +
		"  //same:api_check: up to date\n" +
		"//:api_checks.update: 3 checks: 1 updated, 1 up to date, 1 not updated (see above)\n"; rest != want {
		t.Errorf("summary after the refused check:\n%s\nwant:\n%s", rest, want)
	}
	if _, err := os.Stat(filepath.Join(ws, "new", "api.txt")); err != nil {
		t.Errorf("the update of //new did not write new/api.txt: %v", err)
	}

	// -except after `--` reaches every update: the refused one is accepted.
	out, code = runLaunched(t, bin, manifest, "_main/api_checks.update.launch.json", env, "-except")
	if want := "//:api_checks.update: 3 checks: 1 updated, 2 up to date\n"; code != 0 || !strings.HasSuffix(out, want) {
		t.Errorf("with -except: exit %d, want 0 and a last line %q:\n%s", code, want, out)
	}

	// Not under bazel run: says how to run it.
	if out, code := runLaunched(t, bin, manifest, "_main/api_checks.update.launch.json", []string{"BUILD_WORKSPACE_DIRECTORY="}); code != 2 ||
		out != "//:api_checks.update: run me with: bazel run //:api_checks.update\n" {
		t.Errorf("without BUILD_WORKSPACE_DIRECTORY: exit %d\n%s", code, out)
	}
}
