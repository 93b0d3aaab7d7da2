package apiformat

// API files are text files of feature lines, such as Go's $GOROOT/api/go1.21.txt,
// api/next/*.txt and api/except.txt. Parsing follows cmd/api: lines are trimmed, "#" comment lines
// are skipped, and a few rules of file hygiene are enforced (no CRLF, no blank lines, a final
// newline, well-formed proposal approvals). Violations are returned as Problems, which a checker
// reports and treats as failures, rather than as errors that stop reading, so that one run lists
// them all.

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
)

// Line is one feature line of an API file.
type Line struct {
	// Feature is the feature, trimmed, without its approval suffix, with
	// cmd/api's alias rewrites applied (os.FileInfo is fs.FileInfo, ...).
	Feature string
	// Approval is the proposal number of a " #nnnnn" suffix, or 0.
	Approval int
	// File and Num locate the line (Num counts from 1).
	File string
	Num  int
}

// Problem is a defect in an API file.
type Problem struct {
	File string
	Line int // 0 when the problem concerns the whole file
	Msg  string
}

func (p Problem) String() string {
	if p.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", p.File, p.Line, p.Msg)
	}
	return fmt.Sprintf("%s: %s", p.File, p.Msg)
}

// aliasReplacer rewrites names that became aliases, as cmd/api does before
// comparing, so files written before the move still match.
var aliasReplacer = strings.NewReplacer(
	"os.FileInfo", "fs.FileInfo",
	"os.FileMode", "fs.FileMode",
	"os.PathError", "fs.PathError",
)

// Options say how strictly to parse one file.
type Options struct {
	// NeedApproval requires every feature line to end in " #nnnnn", the
	// number of the proposal that approved it. Without it, a " #" in a
	// line is a problem.
	NeedApproval bool
	// AllowBlank permits blank lines (cmd/api exempts go1.4.txt).
	AllowBlank bool
}

// Parse parses the contents of the API file named name.
func Parse(name string, data []byte, opt Options) ([]Line, []Problem) {
	var problems []Problem
	report := func(line int, format string, args ...any) {
		problems = append(problems, Problem{File: name, Line: line, Msg: fmt.Sprintf(format, args...)})
	}
	if len(data) == 0 {
		report(0, "empty file")
		return nil, problems
	}
	if bytes.Contains(data, []byte("\r")) {
		report(0, "contains CRLFs (use \\n line endings)")
	}
	if !opt.AllowBlank && (data[0] == '\n' || bytes.Contains(data, []byte("\n\n"))) {
		report(0, "contains a blank line")
	}
	if data[len(data)-1] != '\n' {
		report(0, "missing final newline")
	}
	text := aliasReplacer.Replace(string(data))
	var lines []Line
	for i, raw := range strings.Split(text, "\n") {
		num := i + 1
		line := strings.TrimSpace(raw)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if strings.Contains(line, "\r") {
			continue // a carriage return inside a line: reported above, not a feature
		}
		feature, approval, ok := cutApproval(line)
		switch {
		case opt.NeedApproval && !ok:
			if word, bad := malformedApproval(line); bad {
				report(num, "malformed proposal approval %s (want \" #<proposal number>\")", word)
				continue
			}
			report(num, "missing proposal approval (end the line with \" #<proposal number>\")")
			continue
		case !opt.NeedApproval && ok:
			report(num, "unexpected approval #%d (this file takes no \" #<proposal>\" suffixes)", approval)
			continue
		}
		line = feature
		lines = append(lines, Line{Feature: line, Approval: approval, File: name, Num: num})
	}
	return lines, problems
}

// cutApproval splits a proposal approval, "#<digits>" at the very end of a
// line (written " #<digits>"), from the feature before it. Only the end
// counts: a feature may itself contain "#" (const Hash = "#"), and no feature
// ends in "#<digits>". cmd/api splits at the first "#" instead, which
// misreads such constants.
func cutApproval(line string) (feature string, approval int, ok bool) {
	i := strings.LastIndexByte(line, '#')
	if i < 0 {
		return line, 0, false
	}
	digits := line[i+1:]
	if digits == "" || strings.TrimLeft(digits, "0123456789") != "" {
		return line, 0, false
	}
	n, err := strconv.Atoi(digits)
	if err != nil {
		return line, 0, false
	}
	feature = strings.TrimSpace(line[:i])
	return feature, n, feature != ""
}

// malformedApproval returns the "#..." word that ends line if it looks like
// a mistyped approval (#x12, #): not digits, no space, no quote.
func malformedApproval(line string) (string, bool) {
	i := strings.LastIndex(line, " #")
	if i < 0 {
		return "", false
	}
	word := line[i+1:]
	return word, !strings.ContainsAny(word, " \"'`")
}

// Features returns the features of lines.
func Features(lines []Line) []string {
	out := make([]string, len(lines))
	for i, l := range lines {
		out[i] = l.Feature
	}
	return out
}

// WithApproval returns the API file line of feature approved by proposal n: "FEATURE #n".
func WithApproval(feature string, n int) string { return feature + " #" + strconv.Itoa(n) }
