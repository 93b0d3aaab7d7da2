// Package atomicfile writes files so that a reader, or a user whose command
// fails half-way, sees either all of the old contents or all of the new.
//
// It is the one place where rules_go_api's tools write to the user's tree
// (apidiff update) or to an output file (featgen -o, apidiff merge -o). The
// rules it follows (see docs/reliability.md):
//
//   - A symbolic link is written through: its target gets the new contents,
//     the link stays a link. The temporary file lives in the target's
//     directory, so the final rename never crosses file systems.
//   - A file that exists and is not a regular file (a device such as
//     /dev/null, a named pipe) is written to directly: it cannot be replaced
//     by a rename without destroying it. A directory is an error.
//   - The data is synced to disk before the rename, and the mode of a file
//     that exists is kept.
//   - WriteAll writes several files all or nothing: every temporary file is
//     written before the first rename, and if a rename fails, the files
//     already replaced get their old contents back.
//   - Missing parent directories are created (0755), and removed again if
//     the write fails.
//   - Temporary files are removed on failure and when the process is
//     interrupted (SIGINT, SIGTERM) while files are being written.
//   - Errors name the path the caller gave, never a temporary name.
package atomicfile

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/signal"
	"path/filepath"
	"sort"
	"sync"
	"syscall"
)

// DefaultPerm is the mode of a file that did not exist before.
const DefaultPerm fs.FileMode = 0o644

// WriteFile replaces the contents of the file at path with data, atomically
// (see the package documentation).
func WriteFile(path string, data []byte) error {
	return WriteAll([]File{{Path: path, Data: data}})
}

// File is one file for WriteAll.
type File struct {
	// Path is the path as the user named it; it may be a symbolic link.
	Path string
	// Data is the new contents.
	Data []byte
}

// WriteAll replaces the contents of every file, all or nothing: either each
// file has its new contents, or (after an error) each has the contents it
// had before. Files that are not regular files (devices, pipes) cannot take
// part in such a transaction; they are written directly after all the
// regular files are in place.
func WriteAll(files []File) error {
	var staged []*stagedFile
	var direct []File
	var made []string // directories created here, parents first
	done := false
	defer func() {
		if !done {
			for _, s := range staged {
				s.discard()
			}
			for i := len(made) - 1; i >= 0; i-- {
				os.Remove(made[i])
			}
		}
	}()
	stopCleanup := cleanupOnSignal()
	defer stopCleanup()

	for _, f := range files {
		target, info, err := resolve(f.Path)
		if err != nil {
			return err
		}
		if info == nil {
			dirs, err := makeParents(f.Path, filepath.Dir(target))
			made = append(made, dirs...)
			if err != nil {
				return err
			}
		}
		if info != nil && !info.Mode().IsRegular() {
			if info.IsDir() {
				return fmt.Errorf("writing %s: is a directory", f.Path)
			}
			direct = append(direct, File{Path: target, Data: f.Data})
			continue
		}
		s, err := stage(f.Path, target, info, f.Data)
		if err != nil {
			return err
		}
		staged = append(staged, s)
	}
	if testHookStaged != nil {
		testHookStaged()
	}
	if err := commit(staged); err != nil {
		return err
	}
	done = true
	for _, f := range direct {
		if err := os.WriteFile(f.Path, f.Data, DefaultPerm); err != nil {
			return fmt.Errorf("writing %s: %w", f.Path, underlying(err))
		}
	}
	return nil
}

// stagedFile is a new file's contents, written and synced under a temporary
// name next to its target, not yet renamed.
type stagedFile struct {
	user   string // the path as given
	target string // the regular file (or missing file) that path resolves to
	tmp    string
	backup string // a hard link to the old target, made during commit
	exists bool
}

func stage(user, target string, info fs.FileInfo, data []byte) (*stagedFile, error) {
	mode := DefaultPerm
	if info != nil {
		mode = info.Mode().Perm()
		if err := writable(target); err != nil {
			return nil, fmt.Errorf("writing %s: %w (make it writable first)", user, err)
		}
	}
	tmp, err := os.CreateTemp(filepath.Dir(target), "."+filepath.Base(target)+".tmp*")
	if err != nil {
		return nil, fmt.Errorf("writing %s: %w", user, underlying(err))
	}
	s := &stagedFile{user: user, target: target, tmp: tmp.Name(), exists: info != nil}
	track(s.tmp)
	_, err = tmp.Write(data)
	if err == nil {
		err = tmp.Chmod(mode)
	}
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		s.discard()
		return nil, fmt.Errorf("writing %s: %w", user, underlying(err))
	}
	return s, nil
}

// commit renames every staged file over its target. Before the first
// rename, each existing target is kept under a second temporary name, so
// that a failed rename can put back the files already replaced.
func commit(staged []*stagedFile) error {
	// A signal waits until every file is renamed (or put back): the files
	// change together or not at all.
	commitMu.Lock()
	defer commitMu.Unlock()
	for _, s := range staged {
		if !s.exists {
			continue
		}
		backup := s.tmp + ".old"
		if err := os.Link(s.target, backup); err != nil {
			// File systems without hard links: the rename below is then
			// the only step that can fail, and it fails before anything
			// of this file changed.
			continue
		}
		s.backup = backup
		track(backup)
	}
	for i, s := range staged {
		if err := rename(s.tmp, s.target); err != nil {
			for _, prev := range staged[:i] {
				prev.restore()
			}
			return fmt.Errorf("writing %s: %w (no file was changed)", s.user, underlying(err))
		}
		untrack(s.tmp)
	}
	for _, s := range staged {
		if s.backup != "" {
			os.Remove(s.backup)
			untrack(s.backup)
		}
	}
	syncDirs(staged)
	return nil
}

// restore undoes a committed rename.
func (s *stagedFile) restore() {
	if s.backup != "" {
		os.Rename(s.backup, s.target)
		untrack(s.backup)
	} else if !s.exists {
		os.Remove(s.target)
	}
}

// discard removes the temporary files of a file that is not committed.
func (s *stagedFile) discard() {
	for _, p := range []string{s.tmp, s.backup} {
		if p != "" {
			os.Remove(p)
			untrack(p)
		}
	}
}

// syncDirs syncs the directories that hold renamed files, so that the
// renames survive a crash.
func syncDirs(staged []*stagedFile) {
	dirs := make(map[string]bool)
	for _, s := range staged {
		dirs[filepath.Dir(s.target)] = true
	}
	names := make([]string, 0, len(dirs))
	for d := range dirs {
		names = append(names, d)
	}
	sort.Strings(names)
	for _, d := range names {
		if f, err := os.Open(d); err == nil {
			f.Sync()
			f.Close()
		}
	}
}

// maxLinks bounds the symbolic links followed for one path.
const maxLinks = 40

// resolve follows symbolic links from path to the file they end in, which
// may not exist yet (a dangling link names the file to create). It returns
// that file's path and, if it exists, its FileInfo.
func resolve(path string) (string, fs.FileInfo, error) {
	p := path
	for range maxLinks {
		info, err := os.Lstat(p)
		if errors.Is(err, fs.ErrNotExist) {
			return p, nil, nil
		}
		if err != nil {
			return "", nil, fmt.Errorf("writing %s: %w", path, underlying(err))
		}
		if info.Mode()&fs.ModeSymlink == 0 {
			return p, info, nil
		}
		link, err := os.Readlink(p)
		if err != nil {
			return "", nil, fmt.Errorf("writing %s: %w", path, underlying(err))
		}
		if !filepath.IsAbs(link) {
			link = filepath.Join(filepath.Dir(p), link)
		}
		p = link
	}
	return "", nil, fmt.Errorf("writing %s: too many levels of symbolic links", path)
}

// makeParents creates dir and its missing parents, and returns those it
// created, parents first. user is the path the caller gave, for errors.
func makeParents(user, dir string) ([]string, error) {
	var missing []string
	for d := dir; ; d = filepath.Dir(d) {
		info, err := os.Stat(d)
		if err == nil {
			if !info.IsDir() {
				return nil, fmt.Errorf("writing %s: %s is not a directory", user, d)
			}
			break
		}
		if !errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("writing %s: directory %s: %w", user, d, underlying(err))
		}
		missing = append(missing, d)
		if filepath.Dir(d) == d {
			break
		}
	}
	var made []string
	for i := len(missing) - 1; i >= 0; i-- {
		if err := os.Mkdir(missing[i], 0o755); err != nil && !errors.Is(err, fs.ErrExist) {
			return made, fmt.Errorf("writing %s: creating directory %s: %w", user, missing[i], underlying(err))
		}
		made = append(made, missing[i])
	}
	return made, nil
}

// underlying strips the path from an *fs.PathError or *os.LinkError, whose
// path may be a temporary name the user never chose.
func underlying(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		return le.Err
	}
	return err
}

// Test hooks: the rename of commit, and a call after every file is staged.
var (
	rename         = os.Rename
	testHookStaged func()
)

// Temporary files that exist right now, removed if a signal stops the process.
var (
	tempMu    sync.Mutex
	commitMu  sync.Mutex
	tempFiles = make(map[string]bool)
	watchers  int
	sigs      chan os.Signal
)

func track(p string)   { tempMu.Lock(); tempFiles[p] = true; tempMu.Unlock() }
func untrack(p string) { tempMu.Lock(); delete(tempFiles, p); tempMu.Unlock() }

// cleanupOnSignal makes SIGINT and SIGTERM remove the tracked temporary
// files before the process ends, until the returned function is called.
func cleanupOnSignal() (stop func()) {
	tempMu.Lock()
	defer tempMu.Unlock()
	if watchers == 0 {
		sigs = make(chan os.Signal, 1)
		signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
		go func(c chan os.Signal) {
			sig, ok := <-c
			if !ok {
				return
			}
			commitMu.Lock()
			tempMu.Lock()
			for p := range tempFiles {
				os.Remove(p)
			}
			// Leave the lock held: no new temporary file may appear now.
			code := 128 + int(sig.(syscall.Signal))
			os.Exit(code)
		}(sigs)
	}
	watchers++
	return func() {
		tempMu.Lock()
		defer tempMu.Unlock()
		watchers--
		if watchers == 0 {
			signal.Stop(sigs)
			close(sigs)
		}
	}
}
