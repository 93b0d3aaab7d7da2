package main

import (
	"cmp"
	"fmt"
	"go/token"
	"go/types"

	"github.com/rules-go-api/rules_go_api/internal/deprecated"
	"github.com/rules-go-api/rules_go_api/internal/exportdata"
	"github.com/rules-go-api/rules_go_api/internal/pkgapi"
)

// exportConfig is what export mode reads.
type exportConfig struct {
	importPath string   // the path the features are printed with
	importMap  string   // the path the export data records; "" if importPath
	file       string   // the export data
	srcs       []string // the package's sources, for deprecations
	// goos and goarch, if set, must be what the export data was compiled for.
	goos, goarch string
}

// exportMode prints the features of one package from its export data file,
// with deprecations from its source files.
func exportMode(cfg exportConfig) ([]string, error) {
	path := cfg.importMap
	if path == "" {
		path = cfg.importPath
	}
	imp := exportdata.NewImporter(map[string]string{path: cfg.file})
	pkg, err := imp.Import(path)
	if err != nil {
		return nil, err
	}
	if hdr := imp.Header(path); (cfg.goos != "" && cfg.goos != hdr.GOOS) || (cfg.goarch != "" && cfg.goarch != hdr.GOARCH) {
		return nil, fmt.Errorf("%s: compiled for %s/%s, not %s/%s", cfg.file, hdr.GOOS, hdr.GOARCH,
			cmp.Or(cfg.goos, hdr.GOOS), cmp.Or(cfg.goarch, hdr.GOARCH))
	}
	var dep *deprecated.Set
	if pkg.Name() != "main" {
		// Commands have no API (cmd/api skips them too), and their sources need no reading.
		if dep, err = deprecated.ParseFiles(cfg.srcs); err != nil {
			return nil, err
		}
		if len(cfg.srcs) > 0 {
			if err := checkSources(imp.Fset, pkg, dep); err != nil {
				return nil, err
			}
		}
	}
	// Features name the package by the path importers write.
	return pkgapi.Package(imp.Fset, pkg, cfg.importPath, dep), nil
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
