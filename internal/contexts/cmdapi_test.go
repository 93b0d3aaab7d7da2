package contexts

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/rules-go-api/rules_go_api/internal/testbin"
)

// TestCmdAPIContexts compares CmdAPI with the contexts list of the installed Go's cmd/api tests:
// entries written {GOOS: "g", GOARCH: "a"[, CgoEnabled: true]}.
func TestCmdAPIContexts(t *testing.T) {
	src, err := os.ReadFile(filepath.Join(testbin.GOROOT(t), "src", "cmd", "api", "main_test.go"))
	if err != nil {
		t.Fatal(err)
	}
	list, ok := strings.CutPrefix(string(src)[strings.Index(string(src), "var contexts = []*build.Context{"):], "var contexts = []*build.Context{")
	if !ok {
		t.Fatal("cmd/api's main_test.go has no contexts list")
	}
	list, _, _ = strings.Cut(list, "\n}")
	entry := regexp.MustCompile(`\{GOOS: "(\w+)", GOARCH: "(\w+)"(, CgoEnabled: true)?\}`)
	var want []string
	for _, m := range entry.FindAllStringSubmatch(list, -1) {
		want = append(want, Name(m[1], m[2], m[3] != ""))
	}
	if !slices.Equal(CmdAPI, want) {
		t.Errorf("CmdAPI = %q\ncmd/api's contexts = %q", CmdAPI, want)
	}
	for _, name := range CmdAPI {
		if _, err := Parse(name); err != nil {
			t.Error(err)
		}
	}
}
