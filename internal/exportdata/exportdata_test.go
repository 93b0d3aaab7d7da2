package exportdata

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// archive wraps an object in a Go archive with one __.PKGDEF member, as
// "go tool compile -pack" writes it.
func archive(member string, obj string) string {
	return fmt.Sprintf("!<arch>\n%-16s%-12s%-6s%-6s%-8s%-10d`\n%s", member, "0", "0", "0", "644", len(obj), obj)
}

func TestCheck(t *testing.T) {
	const obj = "go object linux amd64 go1.26.8 X:none\n\n$$B\nu\x00\x01\x02data"
	tests := []struct {
		name    string
		data    string
		want    Header
		wantErr string
	}{
		{"bare object", obj, Header{GOOS: "linux", GOARCH: "amd64", GoVersion: "go1.26.8", Format: 'u'}, ""},
		{"archive", archive("__.PKGDEF", obj), Header{GOOS: "linux", GOARCH: "amd64", GoVersion: "go1.26.8", Format: 'u'}, ""},
		{"empty", "", Header{}, "empty file, not export data"},
		{"text", "package p\n", Header{}, "not Go export data (neither an archive nor a Go object file)"},
		{"other archive member", archive("_go_.o", obj), Header{}, `archive does not start with __.PKGDEF (found "_go_.o")`},
		{"cut archive header", "!<arch>\n__.PKGDEF", Header{}, "truncated archive header"},
		{"member larger than file", archive("__.PKGDEF", obj)[:80], Header{}, "truncated export data: __.PKGDEF says"},
		{"no go object line", archive("__.PKGDEF", "hello\n$$B\nu..."), Header{}, `no "go object" header`},
		{"no export section", "go object linux amd64 go1.26.8 X:none\n\nno data here", Header{}, "holds no export data (no $$B section)"},
		{"truncated section", "go object linux amd64 go1.26.8 X:none\n\n$$B\nu", Header{}, "truncated export data (compiled by go1.26.8)"},
		{"indexed format", "go object linux amd64 go1.17 X:none\n\n$$B\ni\x00\x01", Header{}, `export data format 'i' written by go1.17 is not supported`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			file := filepath.Join(t.TempDir(), "p.x")
			if err := os.WriteFile(file, []byte(tt.data), 0o644); err != nil {
				t.Fatal(err)
			}
			h, err := check(file)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) || !strings.HasPrefix(err.Error(), file+": ") {
					t.Errorf("got %v, want an error naming the file and containing %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if *h != tt.want {
				t.Errorf("got %+v, want %+v", *h, tt.want)
			}
		})
	}
}

// check reads and checks one export data file, as Importer.Import does before decoding it.
func check(file string) (*Header, error) {
	_, b, err := readExportData(file)
	if err != nil {
		return nil, err
	}
	return checkData(file, b)
}
