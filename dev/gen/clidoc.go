package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// cliDoc returns docs/cli.md with each command's synopsis rewritten from the usage text the
// command itself prints.
func cliDoc(root string) ([]byte, error) {
	tmp, err := os.MkdirTemp("", "gen-cli")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)
	blocks := make(map[string]string)
	for _, cmd := range []struct{ name, flag string }{
		{"apidiff", "help"}, // prints the usage text and exits 0
		{"featgen", "-h"},   // a usage error: the usage text follows the error line
	} {
		bin := filepath.Join(tmp, cmd.name)
		build := exec.Command("go", "build", "-o", bin, "./tools/"+cmd.name)
		build.Dir = root
		if out, err := build.CombinedOutput(); err != nil {
			return nil, fmt.Errorf("go build ./tools/%s: %v\n%s", cmd.name, err, out)
		}
		var out bytes.Buffer
		c := exec.Command(bin, cmd.flag)
		c.Stdout, c.Stderr = &out, &out
		c.Run() // featgen -h exits 2; what it printed is checked below
		text := out.String()
		i := strings.Index(text, "usage:")
		if i < 0 {
			return nil, fmt.Errorf("%s %s printed no usage text:\n%s", cmd.name, cmd.flag, text)
		}
		// "usage: X" and lines aligned under X, or "usage:" and indented lines: keep the lines,
		// without the word and the indentation of the first.
		rest := text[i+len("usage:"):]
		var lines []string
		indent := "       " // under "usage: "
		if r, ok := strings.CutPrefix(rest, "\n"); ok {
			lines = strings.Split(strings.TrimRight(r, "\n"), "\n")
			indent = lines[0][:len(lines[0])-len(strings.TrimLeft(lines[0], " "))]
		} else {
			lines = strings.Split(strings.TrimRight(" "+rest, "\n"), "\n")
			lines[0] = strings.TrimLeft(lines[0], " ")
		}
		for j := range lines {
			lines[j] = strings.TrimPrefix(lines[j], indent)
		}
		blocks[cmd.name] = "\n```\n" + strings.Join(lines, "\n") + "\n```\n\n"
	}
	return replaceBlocks(root, "docs/cli.md", "%s's usage text", blocks)
}
