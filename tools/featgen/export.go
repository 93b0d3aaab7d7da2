package main

import (
	"fmt"
	"go/token"
	"go/types"

	"github.com/rules-go-api/rules_go_api/internal/deprecated"
	"github.com/rules-go-api/rules_go_api/internal/exportdata"
	"github.com/rules-go-api/rules_go_api/internal/features"
)

// exportMode prints the features of one package from its export data file,
// with deprecations from its source files.
func exportMode(importPath, exportFile string, srcs []string) ([]string, error) {
	imp := exportdata.NewImporter(map[string]string{importPath: exportFile})
	pkg, err := imp.Import(importPath)
	if err != nil {
		return nil, err
	}
	if pkg.Name() == "main" {
		return nil, nil // commands have no API (cmd/api skips them too)
	}
	dep, err := deprecated.ParseFiles(srcs)
	if err != nil {
		return nil, err
	}
	if len(srcs) > 0 {
		if err := checkSources(imp.Fset, pkg, dep); err != nil {
			return nil, err
		}
	}
	return features.Package(imp.Fset, pkg, dep), nil
}

// checkSources reports source files that cannot be those the export data was
// compiled from: every exported declaration must lie in one of them, or its
// deprecation could not be seen.
func checkSources(fset *token.FileSet, pkg *types.Package, dep *deprecated.Set) error {
	scope := pkg.Scope()
	for _, name := range scope.Names() {
		obj := scope.Lookup(name)
		if !obj.Exported() || !obj.Pos().IsValid() {
			continue
		}
		if file := fset.Position(obj.Pos()).Filename; !dep.HasFile(file) {
			return fmt.Errorf("package %s declares %s in %s, which is not among the -src files: pass the sources the export data was compiled from",
				pkg.Path(), name, file)
		}
	}
	return nil
}
