package contexts

import (
	"slices"
	"testing"
)

func TestParse(t *testing.T) {
	for _, tt := range []struct {
		name, err, bazelErr string
	}{
		{name: "linux-amd64"},
		{name: "linux-amd64-cgo"},
		{name: "freebsd-riscv64", bazelErr: `context "freebsd-riscv64": rules_go has no platform for freebsd-riscv64`},
		{name: "freebsd-arm64-cgo", bazelErr: `context "freebsd-arm64-cgo": rules_go has no cgo platform for freebsd-arm64; check freebsd-arm64`},
		{name: "windows-amd46",
			err:      `unknown context "windows-amd46" (did you mean windows-amd64?): want GOOS-GOARCH or GOOS-GOARCH-cgo, as in linux-amd64 or linux-amd64-cgo`,
			bazelErr: `unknown context "windows-amd46" (did you mean windows-amd64?): want GOOS-GOARCH or GOOS-GOARCH-cgo, as in linux-amd64 or linux-amd64-cgo`},
		{name: "js-wasm-cgo",
			err:      `context "js-wasm-cgo": Go has no cgo on js-wasm; check js-wasm`,
			bazelErr: `context "js-wasm-cgo": Go has no cgo on js-wasm; check js-wasm`},
		{name: "foo-bar",
			err:      `unknown context "foo-bar": want GOOS-GOARCH or GOOS-GOARCH-cgo, as in linux-amd64 or linux-amd64-cgo`,
			bazelErr: `unknown context "foo-bar": want GOOS-GOARCH or GOOS-GOARCH-cgo, as in linux-amd64 or linux-amd64-cgo`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			for _, c := range []struct {
				parse func(string) (Context, error)
				want  string
			}{{Parse, tt.err}, {ParseBazel, tt.bazelErr}} {
				ctx, err := c.parse(tt.name)
				switch {
				case c.want == "" && err != nil:
					t.Errorf("unexpected error %v", err)
				case c.want != "" && (err == nil || err.Error() != c.want):
					t.Errorf("got %v, want %q", err, c.want)
				case err == nil && ctx.Name != tt.name:
					t.Errorf("parsed %+v", ctx)
				}
			}
		})
	}
}

func TestNamesAreCmdAPIContexts(t *testing.T) {
	// cmd/api's own context list (src/cmd/api/main_test.go in Go 1.26) must be known.
	for _, c := range []string{"linux-386", "linux-386-cgo", "linux-amd64", "linux-amd64-cgo", "linux-arm", "linux-arm-cgo",
		"darwin-amd64", "darwin-amd64-cgo", "darwin-arm64", "darwin-arm64-cgo", "windows-amd64", "windows-386",
		"freebsd-386", "freebsd-386-cgo", "freebsd-amd64", "freebsd-amd64-cgo", "freebsd-arm", "freebsd-arm-cgo",
		"freebsd-arm64", "freebsd-arm64-cgo", "freebsd-riscv64", "freebsd-riscv64-cgo", "netbsd-386", "netbsd-386-cgo",
		"netbsd-amd64", "netbsd-amd64-cgo", "netbsd-arm", "netbsd-arm-cgo", "netbsd-arm64", "netbsd-arm64-cgo",
		"openbsd-386", "openbsd-386-cgo", "openbsd-amd64", "openbsd-amd64-cgo"} {
		if !slices.Contains(Names(false), c) {
			t.Errorf("%s is not known", c)
		}
	}
}

func TestSplitList(t *testing.T) {
	got := SplitList("linux-amd64, windows-amd64\tdarwin-arm64,,  linux-386")
	if want := []string{"linux-amd64", "windows-amd64", "darwin-arm64", "linux-386"}; !slices.Equal(got, want) {
		t.Errorf("got %q", got)
	}
}

func TestIsRemovedPort(t *testing.T) {
	if !IsRemovedPort("darwin-386") || !IsRemovedPort("darwin-386-cgo") || IsRemovedPort("darwin-amd64") || IsRemovedPort("nope") {
		t.Error("removed ports")
	}
}
