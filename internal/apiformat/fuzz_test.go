package apiformat

import (
	"strconv"
	"strings"
	"testing"
)

// FuzzParse checks that Parse never panics, that every feature it returns is
// a trimmed single line, and that a file without problems reads back the
// same after being written out again.
func FuzzParse(f *testing.F) {
	f.Add([]byte("pkg p, func F()\n"), false)
	f.Add([]byte("pkg p, const Hash = \"#\" #12\n# comment\npkg p, func F() #3\n"), true)
	f.Add([]byte("pkg p, const Sep = \" # 12\"\n"), false)
	f.Add([]byte("pkg p, func F()\r\n\n"), false)
	f.Add([]byte("pkg os, method (os.FileInfo) Name() string\n"), false)
	f.Fuzz(func(t *testing.T, data []byte, needApproval bool) {
		opt := Options{NeedApproval: needApproval}
		lines, problems := Parse("f.txt", data, opt)
		var b strings.Builder
		for _, l := range lines {
			if l.Feature == "" || l.Feature != strings.TrimSpace(l.Feature) || strings.ContainsAny(l.Feature, "\n\r") {
				t.Fatalf("bad feature %q", l.Feature)
			}
			if l.Approval != 0 && !needApproval {
				t.Fatalf("approval %d in a file that takes none", l.Approval)
			}
			b.WriteString(l.Feature)
			if needApproval {
				b.WriteString(" #" + strconv.Itoa(l.Approval))
			}
			b.WriteString("\n")
		}
		if len(problems) > 0 || len(lines) == 0 {
			return
		}
		again, problems := Parse("f.txt", []byte(b.String()), opt)
		if len(problems) > 0 || len(again) != len(lines) {
			t.Fatalf("written out and read again: %d lines (was %d), problems %v\n%s", len(again), len(lines), problems, b.String())
		}
		for i := range lines {
			if again[i].Feature != lines[i].Feature || again[i].Approval != lines[i].Approval {
				t.Fatalf("line %d: %+v, was %+v", i, again[i], lines[i])
			}
		}
	})
}
