package exportdata

import (
	"errors"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/rules-go-api/rules_go_api/internal/testbin"
)

func TestImport(t *testing.T) {
	fmtFile, ioFile := testbin.Export(t, "", "fmt"), testbin.Export(t, "", "io")
	imp := NewImporter(map[string]string{"fmt": fmtFile, "io": ioFile})
	pkg, err := imp.Import("fmt")
	if err != nil {
		t.Fatal(err)
	}
	if pkg.Path() != "fmt" || pkg.Scope().Lookup("Println") == nil {
		t.Errorf("imported %s without Println", pkg.Path())
	}
	// The same importer shares packages: io from fmt's data and from its own file are one.
	ioPkg, err := imp.Import("io")
	if err != nil {
		t.Fatal(err)
	}
	for _, dep := range pkg.Imports() {
		if dep.Path() == "io" && dep != ioPkg {
			t.Error("io imported twice")
		}
	}

	for _, path := range []string{"strings", "mt", "fm"} {
		_, err := NewImporter(map[string]string{path: fmtFile}).Import(path)
		if !errors.Is(err, ErrPathMismatch) || !strings.Contains(err.Error(), "the data is package fmt, not "+path) {
			t.Errorf("fmt's data as %s: %v", path, err)
		}
	}
	if _, err := NewImporter(nil).Import("fmt"); err == nil || !strings.Contains(err.Error(), `no export data file given for package "fmt"`) {
		t.Errorf("no file: %v", err)
	}
}

// TestReadsOnlyPackageDefinition checks that a go command archive, which holds the compiled code
// after the export data, is read only as far as its __.PKGDEF member, and still imports.
func TestReadsOnlyPackageDefinition(t *testing.T) {
	file := testbin.Export(t, "", "net/http")
	info, err := os.Stat(file)
	if err != nil {
		t.Fatal(err)
	}
	b, _, err := readExportData(file)
	if err != nil {
		t.Fatal(err)
	}
	size, err := strconv.Atoi(strings.TrimSpace(string(b[8+48 : 8+58])))
	if err != nil {
		t.Fatal(err)
	}
	if len(b) != 8+60+size || int64(len(b)) >= info.Size() {
		t.Errorf("read %d bytes of %d, want the archive headers and __.PKGDEF's %d bytes", len(b), info.Size(), size)
	}
	imp := NewImporter(map[string]string{"net/http": file})
	pkg, err := imp.Import("net/http")
	if err != nil {
		t.Fatal(err)
	}
	if pkg.Scope().Lookup("Client") == nil {
		t.Error("net/http.Client not found in the export data")
	}
}
