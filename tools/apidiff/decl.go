package main

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/rules-go-api/rules_go_api/internal/apidecl"
	"github.com/rules-go-api/rules_go_api/internal/apiformat"
	"github.com/rules-go-api/rules_go_api/internal/atomicfile"
)

// The declarations file beside the API files (apifile.DeclPath) holds, for every package of the
// API, the records of all contexts joined into one (apidecl.Join), one after the other by
// import path: each starts with apidecl.Header, which no record holds anywhere else.

// declText returns the declarations file of the features' records, or nil when there are none
// (features from a featgen that wrote none).
func declText(fs *apiformat.FeatureSets) ([]byte, error) {
	byPkg := make(map[string]map[string][]byte)
	for ctx, pkgs := range fs.Decls {
		for path := range pkgs {
			record, _, err := fs.Record(ctx, path)
			if err != nil {
				return nil, fmt.Errorf("%s (%s): %v", path, ctx, err)
			}
			if byPkg[path] == nil {
				byPkg[path] = make(map[string][]byte)
			}
			byPkg[path][ctx] = record
		}
	}
	var b bytes.Buffer
	for _, path := range sortedKeys(byPkg) {
		joined, err := apidecl.Join(byPkg[path])
		if err != nil {
			return nil, fmt.Errorf("declarations of %s: %w", path, err)
		}
		b.Write(joined)
	}
	if b.Len() == 0 {
		return nil, nil
	}
	return b.Bytes(), nil
}

// parseDecls reads a declarations file that declText wrote: context -> package -> record.
func parseDecls(name string, data []byte) (map[string]map[string][]byte, error) {
	out := make(map[string]map[string][]byte)
	header := []byte(apidecl.Header + "\n")
	if !bytes.HasPrefix(data, header) {
		return nil, fmt.Errorf("%s: not a declarations file: the first line is not %q", name, apidecl.Header)
	}
	for len(data) > 0 {
		end := bytes.Index(data[len(header):], []byte("\n"+apidecl.Header+"\n"))
		block := data
		if end >= 0 {
			block, data = data[:len(header)+end+1], data[len(header)+end+1:]
		} else {
			data = nil
		}
		records, err := apidecl.Split(block)
		if err != nil {
			return nil, fmt.Errorf("%s: %v", name, err)
		}
		for ctx, record := range records {
			// The first section is the package the record describes.
			rest := strings.TrimPrefix(string(record), apidecl.Header+"\n// package ")
			path, _, _ := strings.Cut(rest, "\n")
			if out[ctx] == nil {
				out[ctx] = make(map[string][]byte)
			}
			if _, dup := out[ctx][path]; dup {
				return nil, fmt.Errorf("%s: two records of %s for %s", name, path, ctx)
			}
			out[ctx][path] = record
		}
	}
	return out, nil
}

// declFile returns the declarations file that goes with the API files: the records of the
// contexts given, or nil when it holds them already or the features carry none (then a file
// written before stays: a check verifies proofs only where both sides have records).
func declFile(a *apiFiles, fs *apiformat.FeatureSets) (*atomicfile.File, error) {
	text, err := declText(fs)
	if err != nil || text == nil || sameContents(a.declPath, string(text)) {
		return nil, err
	}
	return &atomicfile.File{Path: a.declPath, Data: text}, nil
}
