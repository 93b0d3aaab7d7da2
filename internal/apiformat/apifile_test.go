package apiformat

import (
	"slices"
	"testing"
)

func TestParse(t *testing.T) {
	for _, tc := range []struct {
		name     string
		data     string
		opt      Options
		features []string
		problems []string
	}{
		{name: "plain", data: "pkg p, func F()\n# a comment\n  pkg p, func G()  \n",
			features: []string{"pkg p, func F()", "pkg p, func G()"}},
		{name: "aliases rewritten", data: "pkg os, func Stat(string) (os.FileInfo, error)\n",
			features: []string{"pkg os, func Stat(string) (fs.FileInfo, error)"}},
		{name: "approvals", data: "pkg p, func F() #12345\npkg p, func G()#7\n", opt: Options{NeedApproval: true},
			features: []string{"pkg p, func F()", "pkg p, func G()"}},
		{name: "empty", data: "", problems: []string{"f.txt: empty file"}},
		{name: "CRLF", data: "pkg p, func F()\r\n", features: []string{"pkg p, func F()"},
			problems: []string{"f.txt: contains CRLFs (use \\n line endings)"}},
		{name: "blank line", data: "pkg p, func F()\n\npkg p, func G()\n", features: []string{"pkg p, func F()", "pkg p, func G()"},
			problems: []string{"f.txt: contains a blank line"}},
		{name: "leading blank line", data: "\npkg p, func F()\n", features: []string{"pkg p, func F()"},
			problems: []string{"f.txt: contains a blank line"}},
		{name: "blank allowed", data: "pkg p, func F()\n\n", opt: Options{AllowBlank: true}, features: []string{"pkg p, func F()"}},
		{name: "no final newline", data: "pkg p, func F()", features: []string{"pkg p, func F()"},
			problems: []string{"f.txt: missing final newline"}},
		{name: "missing approval", data: "pkg p, func F()\n", opt: Options{NeedApproval: true},
			problems: []string{`f.txt:1: missing proposal approval (end the line with " #<proposal number>")`}},
		{name: "malformed approval", data: "pkg p, func F() #x12\n", opt: Options{NeedApproval: true},
			problems: []string{`f.txt:1: malformed proposal approval #x12 (want " #<proposal number>")`}},
		{name: "hash in constants", data: "pkg p, const Hash = \"#\" #12\npkg p, const Sep = \" # 12\" #13\npkg p, const N = \"#5\" #14\n",
			opt:      Options{NeedApproval: true},
			features: []string{`pkg p, const Hash = "#"`, `pkg p, const Sep = " # 12"`, `pkg p, const N = "#5"`}},
		{name: "hash in constants without approvals", data: "pkg p, const Hash = \"#\"\npkg p, const Sep = \" # 12\"\n",
			features: []string{`pkg p, const Hash = "#"`, `pkg p, const Sep = " # 12"`}},
		{name: "unexpected approval", data: "pkg p, func F()\npkg p, func G() #123\n", features: []string{"pkg p, func F()"},
			problems: []string{`f.txt:2: unexpected approval #123 (this file takes no " #<proposal>" suffixes)`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			lines, problems := Parse("f.txt", []byte(tc.data), tc.opt)
			if got := Features(lines); !slices.Equal(got, tc.features) && len(got)+len(tc.features) > 0 {
				t.Errorf("features %q, want %q", got, tc.features)
			}
			var got []string
			for _, p := range problems {
				got = append(got, p.String())
			}
			if !slices.Equal(got, tc.problems) {
				t.Errorf("problems %q, want %q", got, tc.problems)
			}
		})
	}
}
