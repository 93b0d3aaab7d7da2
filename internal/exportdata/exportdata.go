// Package exportdata loads type-checked Go packages from the export data that
// the gc compiler writes (the .x files of rules_go, the Export files of
// "go list -export").
//
// It reads them with the standard library's go/importer, which is built by
// the same Go release as the tool that uses it. Inside Bazel the tool is
// compiled by the SDK that also compiled the libraries, so reader and writer
// always match. Before handing a file to the importer it checks the file's
// header, so that a wrong, truncated or foreign file produces an error that
// says what is wrong instead of a decoder panic.
package exportdata

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"go/importer"
	"go/token"
	"go/types"
	"io"
	"os"
	"runtime"
	"strconv"
	"strings"
)

// Importer imports packages from export data files, sharing one package map
// so that every package has one *types.Package, whichever file mentions it
// first. Use one Importer per build context.
type Importer struct {
	// Fset holds the (file, line) positions of imported objects.
	Fset    *token.FileSet
	files   map[string]string
	imp     types.Importer
	data    map[string][]byte  // contents of files already read by Import, by import path
	headers map[string]*Header // their headers
}

// NewImporter returns an Importer that reads the export data of import path
// p from files[p]. Packages not in files can still appear as dependencies:
// export data describes every type it refers to.
func NewImporter(files map[string]string) *Importer {
	i := &Importer{Fset: token.NewFileSet(), files: files, data: make(map[string][]byte), headers: make(map[string]*Header)}
	i.imp = importer.ForCompiler(i.Fset, "gc", i.open)
	return i
}

func (i *Importer) open(path string) (io.ReadCloser, error) {
	if b, ok := i.data[path]; ok {
		// Import has read and checked it: the decoder gets the same bytes, not a second read.
		delete(i.data, path)
		return io.NopCloser(bytes.NewReader(b)), nil
	}
	file, ok := i.files[path]
	if !ok {
		return nil, fmt.Errorf("no export data file given for package %q", path)
	}
	return os.Open(file)
}

// load reads and checks the export data of path once; open hands the bytes to the decoder.
func (i *Importer) load(path, file string) (*Header, error) {
	if _, ok := i.data[path]; ok {
		return i.headers[path], nil
	}
	b, obj, err := readExportData(file)
	if err != nil {
		return nil, err
	}
	hdr, err := checkData(file, obj)
	if err != nil {
		return nil, err
	}
	i.data[path], i.headers[path] = b, hdr
	return hdr, nil
}

// Fingerprint returns a digest of the export data of path, without its header line (which names
// the GOOS and GOARCH it was compiled for), after checking the file like Import does. Two
// contexts whose data for a package have the same fingerprint compiled the same declarations
// from the same files: export data is self-contained (it describes every type it refers to,
// from any package), so the package's features are the same in both. A later Import of path
// uses the bytes read here.
func (i *Importer) Fingerprint(path string) ([sha256.Size]byte, error) {
	file, ok := i.files[path]
	if !ok {
		return [sha256.Size]byte{}, fmt.Errorf("no export data file given for package %q", path)
	}
	hdr, err := i.load(path, file)
	if err != nil {
		return [sha256.Size]byte{}, err
	}
	b := i.data[path]
	_, payload, _ := bytes.Cut(b, []byte("\n$$B\n")) // checkData found it
	h := sha256.New()
	io.WriteString(h, hdr.GoVersion+"\n"+path+"\n")
	h.Write(payload)
	return [sha256.Size]byte(h.Sum(nil)), nil
}

// Header returns the header of a package's export data that Import read, or nil.
func (i *Importer) Header(path string) *Header { return i.headers[path] }

// Import returns the package with the given import path. Its export data
// file is checked first (see checkData), and a failure of the decoder, including
// a panic, is returned as an error naming the file.
func (i *Importer) Import(path string) (pkg *types.Package, err error) {
	file, ok := i.files[path]
	if !ok {
		return nil, fmt.Errorf("no export data file given for package %q", path)
	}
	hdr, err := i.load(path, file)
	if err != nil {
		return nil, err
	}
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%s: corrupt export data: %v%s", file, r, hdr.versionHint())
		}
	}()
	pkg, err = i.imp.Import(path)
	if err != nil {
		return nil, fmt.Errorf("%s: reading export data: %v%s", file, err, hdr.versionHint())
	}
	// The export data records the path the compiler was given (-p): the
	// imported package bears it, whatever path it was asked for. Commands
	// are compiled as "main" (go build, rules_go's go_binary).
	if pkg.Path() != path && !(pkg.Path() == "main" && pkg.Name() == "main") {
		return nil, fmt.Errorf("%s: %w: the data is package %s, not %s", file, ErrPathMismatch, pkg.Path(), path)
	}
	return pkg, nil
}

// Header is what the first lines of an export data file say about it.
type Header struct {
	// GOOS, GOARCH and GoVersion are from the "go object" line, e.g.
	// "linux", "amd64", "go1.26.8".
	GOOS, GOARCH, GoVersion string
	// Format is the export format byte: 'u' (unified IR, Go 1.20 and
	// later) or 'i' (indexed).
	Format byte
}

// versionHint explains a decoding failure that may come from a Go version
// mismatch between the compiler that wrote the data and this program.
func (h *Header) versionHint() string {
	if h.GoVersion == "" || h.GoVersion == runtime.Version() {
		return ""
	}
	return fmt.Sprintf(" (the data was written by %s; this program reads the export data of %s: build it with the same Go SDK)",
		h.GoVersion, runtime.Version())
}

// supportedFormats are the export formats that go/importer of this Go
// release decodes.
const supportedFormats = "u"

// checkData reports, as an error that says what to fix, export data (the contents b of file)
// that is empty, truncated, not export data, or in an export format this Go release cannot read.
func checkData(file string, b []byte) (*Header, error) {
	if len(b) == 0 {
		return nil, fmt.Errorf("%s: empty file, not export data", file)
	}
	line, rest, ok := bytes.Cut(b, []byte("\n"))
	fields := strings.Fields(string(line))
	if !ok || len(fields) < 5 || fields[0] != "go" || fields[1] != "object" {
		return nil, fmt.Errorf("%s: not Go export data (no \"go object\" header)", file)
	}
	h := &Header{GOOS: fields[2], GOARCH: fields[3], GoVersion: fields[4]}
	_, data, ok := bytes.Cut(rest, []byte("\n$$B\n"))
	if !ok {
		return nil, fmt.Errorf("%s: compiled by %s but holds no export data (no $$B section)", file, h.GoVersion)
	}
	if len(data) < 2 {
		return nil, fmt.Errorf("%s: truncated export data (compiled by %s)", file, h.GoVersion)
	}
	h.Format = data[0]
	if !strings.ContainsRune(supportedFormats, rune(h.Format)) {
		return nil, fmt.Errorf("%s: export data format %q written by %s is not supported by this program, built with %s: build it with the same Go SDK as the package",
			file, h.Format, h.GoVersion, runtime.Version())
	}
	return h, nil
}

// ErrPathMismatch is wrapped by errors that report export data belonging to
// a different package than the import path claimed.
var ErrPathMismatch = errors.New("import path does not match export data")

// readExportData reads the export data of file. For a package archive (what "go tool compile
// -pack", the go command and rules_go write) data is the archive up to the end of its first
// member, __.PKGDEF, which is what the importer decodes, and obj that member's contents; the rest
// of the archive is not read (the go command's archives also hold the compiled code, 35 times as
// much for net/http). Any other file is read whole, as both, for checkData to judge. An archive
// whose header is malformed or whose member is cut short is an error here, the one place the
// archive format is read.
func readExportData(file string) (data, obj []byte, err error) {
	f, err := os.Open(file)
	if err != nil {
		return nil, nil, fmt.Errorf("reading export data: %w", err)
	}
	defer f.Close()
	const archiveMagic, hdrLen = "!<arch>\n", 60
	head := make([]byte, len(archiveMagic)+hdrLen)
	n, err := io.ReadFull(f, head)
	head = head[:n]
	if err != nil && err != io.EOF && err != io.ErrUnexpectedEOF {
		return nil, nil, fmt.Errorf("reading export data: %w", err)
	}
	if !bytes.HasPrefix(head, []byte(archiveMagic)) {
		rest, err := io.ReadAll(f)
		if err != nil {
			return nil, nil, fmt.Errorf("reading export data: %w", err)
		}
		data = append(head, rest...)
		if len(data) > 0 && !bytes.HasPrefix(data, []byte("go object ")) {
			return nil, nil, fmt.Errorf("%s: not Go export data (neither an archive nor a Go object file)", file)
		}
		return data, data, nil
	}
	hdr := head[len(archiveMagic):]
	if len(hdr) < hdrLen {
		return nil, nil, fmt.Errorf("%s: truncated archive header", file)
	}
	if name := strings.TrimSpace(string(hdr[:16])); name != "__.PKGDEF" {
		return nil, nil, fmt.Errorf("%s: archive does not start with __.PKGDEF (found %q): not a Go package archive", file, name)
	}
	size, err := strconv.Atoi(strings.TrimSpace(string(hdr[48:58])))
	if err != nil || size < 0 {
		return nil, nil, fmt.Errorf("%s: malformed archive header: size %q", file, strings.TrimSpace(string(hdr[48:58])))
	}
	// Do not trust a corrupt size for the allocation: read at most what the file holds.
	member, err := io.ReadAll(io.LimitReader(f, int64(size)))
	if err != nil {
		return nil, nil, fmt.Errorf("reading export data: %w", err)
	}
	if len(member) < size {
		return nil, nil, fmt.Errorf("%s: truncated export data: __.PKGDEF says %d bytes, file has %d", file, size, len(member))
	}
	return append(head, member...), member, nil
}
