package exportdata

import (
	"errors"
	"os/exec"
	"strings"
	"testing"
)

func goListExport(t *testing.T, pkg string) string {
	t.Helper()
	out, err := exec.Command("go", "list", "-export", "-f", "{{.Export}}", pkg).Output()
	if err != nil {
		t.Fatalf("go list -export %s: %v", pkg, err)
	}
	return strings.TrimSpace(string(out))
}

func TestImport(t *testing.T) {
	fmtFile, ioFile := goListExport(t, "fmt"), goListExport(t, "io")
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
